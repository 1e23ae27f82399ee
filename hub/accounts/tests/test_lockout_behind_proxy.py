"""Behind a load balancer every request comes from its address: the lockout must count the
person's address from X-Forwarded-For, and only as many hops back as there are trusted proxies."""

import pytest
from django.core.cache import cache

from hub.accounts.tests.factories import TEST_PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

BALANCER = "10.0.0.2"


@pytest.fixture(autouse=True)
def _one_trusted_proxy(settings):
    settings.HUB_API_TRUSTED_PROXIES = 1
    cache.clear()
    UserFactory(email="leader@example.org")


def sign_in(client, password: str, forwarded_for: str):
    return client.post(
        "/account/sign-in/",
        {"username": "leader@example.org", "password": password},
        REMOTE_ADDR=BALANCER,
        HTTP_X_FORWARDED_FOR=forwarded_for,
    )


def test_a_lockout_holds_for_the_person_behind_the_balancer_not_for_everyone(client):
    for _ in range(5):
        sign_in(client, "not-the-password", "203.0.113.7")
    assert sign_in(client, TEST_PASSWORD, "203.0.113.7").status_code == 429
    # Someone else behind the same balancer signs in.
    assert sign_in(client, TEST_PASSWORD, "198.51.100.4").status_code == 302


def test_an_address_the_client_adds_itself_does_not_escape_the_lockout(client):
    for _ in range(5):
        sign_in(client, "not-the-password", "203.0.113.7")
    # The balancer appends the real address; what the client wrote before it is ignored.
    assert sign_in(client, TEST_PASSWORD, "192.0.2.99, 203.0.113.7").status_code == 429
