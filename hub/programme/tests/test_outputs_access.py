"""Only programme staff open the benefits, exemplars and outputs pages and their CSVs."""

import pytest
from django.urls import reverse

from hub.accounts.roles import Role
from hub.cases.tests.factories import AdoptionFactory

pytestmark = pytest.mark.django_db

NAMES = [
    "benefits",
    "benefits-csv",
    "exemplars",
    "exemplars-csv",
    "candidates",
    "candidates-csv",
    "outputs",
    "outputs-csv",
]


def _urls() -> list[str]:
    adoption = AdoptionFactory()
    return [reverse(f"programme:{name}") for name in NAMES] + [
        reverse("programme:exemplar", args=[adoption.resource.slug])
    ]


def test_anonymous_visitors_are_sent_to_sign_in(client):
    for url in _urls():
        response = client.get(url)
        assert response.status_code == 302, url
        assert reverse("accounts:sign-in") in response["Location"], url


@pytest.mark.parametrize("role", [Role.MEMBER, Role.CHAMPION])
def test_members_and_champions_are_refused(client_as, role):
    client = client_as(role)
    for url in _urls():
        assert client.get(url).status_code == 403, url


@pytest.mark.parametrize("role", [Role.FACILITATOR, Role.EDITOR, Role.PROGRAMME_ADMIN])
def test_programme_staff_open_every_page(client_as, role):
    client = client_as(role)
    for url in _urls():
        assert client.get(url).status_code == 200, url
