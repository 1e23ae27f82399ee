"""The JSON API's rate limits: a budget a window for each anonymous address and each account."""

import pytest
from django.core.cache import cache

from hub.accounts.roles import Role
from hub.core import throttling

URL = "/api/v1/organisations"


class Clock:
    def __init__(self):
        self.now = 1_000_000.0

    def __call__(self):
        return self.now


@pytest.fixture
def clock(monkeypatch):
    clock = Clock()
    monkeypatch.setattr(throttling._SettingsRateThrottle, "timer", staticmethod(clock))
    return clock


@pytest.fixture(autouse=True)
def limits(settings, clock):
    settings.HUB_API_RATE_ANON = "3/min"
    settings.HUB_API_RATE_AUTH = "5/min"
    cache.clear()
    yield settings
    cache.clear()


def spend(client, times, **headers):
    return [client.get(URL, **headers).status_code for _ in range(times)]


@pytest.mark.django_db
def test_the_request_after_the_budget_gets_429_with_retry_after_and_the_envelope(client, clock):
    assert spend(client, 3) == [200, 200, 200]
    clock.now += 20
    response = client.get(URL)

    assert response.status_code == 429
    assert response["Content-Type"] == "application/json"
    assert response["Retry-After"] == "40"  # the first request leaves the window in 40 s
    assert response.json()["error"]["code"] == "too_many_requests"
    assert response.json()["error"]["status"] == 429


@pytest.mark.django_db
def test_the_budget_comes_back_when_the_window_has_passed(client, clock):
    spend(client, 3)
    assert client.get(URL).status_code == 429
    clock.now += 59
    assert client.get(URL).status_code == 429
    clock.now += 1
    assert spend(client, 3) == [200, 200, 200]
    assert client.get(URL).status_code == 429


@pytest.mark.django_db
def test_signed_in_accounts_have_their_own_larger_budget(client, user_with_role):
    spend(client, 3)
    assert client.get(URL).status_code == 429

    client.force_login(user_with_role(Role.MEMBER))
    assert spend(client, 5) == [200] * 5
    assert client.get(URL).status_code == 429


@pytest.mark.django_db
def test_each_account_is_counted_apart(client, user_with_role):
    client.force_login(user_with_role(Role.MEMBER))
    spend(client, 5)
    assert client.get(URL).status_code == 429
    client.force_login(user_with_role(Role.MEMBER))
    assert client.get(URL).status_code == 200


@pytest.mark.django_db
def test_another_address_has_its_own_budget(client):
    spend(client, 3, REMOTE_ADDR="192.0.2.1")
    assert client.get(URL, REMOTE_ADDR="192.0.2.1").status_code == 429
    assert client.get(URL, REMOTE_ADDR="192.0.2.2").status_code == 200


@pytest.mark.django_db
def test_a_forged_forwarded_for_header_buys_no_new_budget(client):
    spend(client, 3)
    assert client.get(URL, HTTP_X_FORWARDED_FOR="198.51.100.7").status_code == 429


@pytest.mark.django_db
def test_behind_a_trusted_proxy_the_forwarded_address_is_the_client(client, limits):
    limits.HUB_API_TRUSTED_PROXIES = 1
    spend(client, 3, HTTP_X_FORWARDED_FOR="198.51.100.7")
    assert client.get(URL, HTTP_X_FORWARDED_FOR="198.51.100.7").status_code == 429
    assert client.get(URL, HTTP_X_FORWARDED_FOR="198.51.100.8").status_code == 200


@pytest.mark.django_db
def test_the_programme_api_is_limited_too(client, user_with_role):
    client.force_login(user_with_role(Role.PROGRAMME_ADMIN))
    codes = [client.get("/api/v1/programme/outputs").status_code for _ in range(6)]
    assert codes == [200] * 5 + [429]


@pytest.mark.django_db
def test_a_limit_set_to_none_is_off(client, limits):
    limits.HUB_API_RATE_ANON = None
    assert set(spend(client, 10)) == {200}


def test_every_operation_documents_the_429_answer():
    from config.api import api

    schema = api.get_openapi_schema()
    operations = [op for path in schema["paths"].values() for op in path.values()]
    assert operations
    for operation in operations:
        answer = operation["responses"][429]
        assert answer["content"]["application/json"]["schema"] == {
            "$ref": "#/components/schemas/ErrorEnvelope"
        }
        assert "Retry-After" in answer["headers"]
    assert "ErrorEnvelope" in schema["components"]["schemas"]
