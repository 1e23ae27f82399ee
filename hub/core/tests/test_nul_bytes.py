"""A NUL byte in an address or a query value never reaches the database (PostgreSQL refuses
text holding one, which made a server error)."""

import pytest

from hub.organisations.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/organisations/a%00b",
        "/api/v1/market/suppliers/a%00b",
        "/api/v1/market/councils/a%00b",
        "/market/suppliers/a%00b/",
        "/organisations/a%00b/",
        "/cases/a%00b/",
    ],
)
def test_an_address_with_a_nul_byte_is_not_found(client, path):
    assert client.get(path).status_code == 404


def test_a_nul_byte_in_a_query_value_is_dropped(client):
    OrganisationFactory(name="Bristol City Council", short_name="Bristol")
    response = client.get("/api/v1/organisations", {"q": "Bris\x00tol"})
    assert response.status_code == 200
    assert [item["name"] for item in response.json()["items"]] == ["Bristol City Council"]
    assert client.get("/organisations/", {"q": "Bris\x00tol"}).status_code == 200
