import pytest

from hub.organisations.models import OrganisationKind, Region
from hub.organisations.tests.factories import OrganisationFactory, PlacePartnerFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def organisations():
    county = OrganisationFactory(
        name="Kent County Council",
        short_name="Kent",
        slug="kent",
        kind=OrganisationKind.COUNTY,
        region=Region.SOUTH_EAST,
        gss_code="E10000016",
    )
    OrganisationFactory(
        name="Maidstone Borough Council",
        short_name="Maidstone",
        slug="maidstone",
        kind=OrganisationKind.DISTRICT,
        region=Region.SOUTH_EAST,
        parent=county,
    )
    OrganisationFactory(
        name="Salford City Council", slug="salford", kind=OrganisationKind.METROPOLITAN_DISTRICT
    )
    OrganisationFactory(name="Borough of Poole", short_name="Poole", slug="poole", is_current=False)
    return county


def test_list_is_paged_and_shaped(client, organisations):
    body = client.get("/api/v1/organisations", {"page_size": 2}).json()
    assert (body["count"], body["page"], body["page_size"], body["pages"]) == (4, 1, 2, 2)
    assert [item["slug"] for item in body["items"]] == ["poole", "kent"]
    kent = body["items"][1]
    assert kent["gss_code"] == "E10000016"
    assert kent["kind"] == "county"
    assert kent["kind_label"] == "County council"
    assert kent["url"] == "/organisations/kent/"


@pytest.mark.parametrize(
    ("query", "slugs"),
    [
        ({"kind": "district"}, ["maidstone"]),
        ({"region": "South East"}, ["kent", "maidstone"]),
        ({"current": "false"}, ["poole"]),
        ({"q": "salford"}, ["salford"]),
    ],
)
def test_list_filters(client, organisations, query, slugs):
    body = client.get("/api/v1/organisations", query).json()
    assert [item["slug"] for item in body["items"]] == slugs


def test_detail_has_parent_reference(client, organisations):
    body = client.get("/api/v1/organisations/maidstone").json()
    assert body["parent"] == {"slug": "kent", "name": "Kent County Council"}


def test_an_unknown_organisation_answers_the_error_envelope(client):
    response = client.get("/api/v1/organisations/atlantis")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


@pytest.mark.parametrize("query", [{"page_size": 500}, {"page": 0}, {"kind": "castle"}])
def test_bad_parameters_answer_422_in_the_envelope(client, query):
    response = client.get("/api/v1/organisations", query)
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["code"] == "invalid_request"
    assert error["details"]
    assert error["details"][0]["location"]


def test_the_list_runs_a_fixed_number_of_queries(
    client, organisations, django_assert_max_num_queries
):
    OrganisationFactory.create_batch(20, parent=organisations)
    with django_assert_max_num_queries(2):
        client.get("/api/v1/organisations", {"page_size": 50})


def test_places_are_readable(client, organisations):
    PlacePartnerFactory(
        organisation=organisations, place__slug="kent-and-medway", place__name="Kent and Medway"
    )
    body = client.get("/api/v1/places").json()
    assert body["items"][0]["partners"] == [
        {"organisation": {"slug": "kent", "name": "Kent County Council"}, "partner_kind": "council"}
    ]
    assert client.get("/api/v1/places/kent-and-medway").status_code == 200
    assert client.get("/api/v1/places/nowhere").json()["error"]["status"] == 404


def test_the_openapi_document_describes_the_api(client):
    document = client.get("/api/v1/openapi.json").json()
    assert document["openapi"].startswith("3.")
    assert {"/api/v1/organisations", "/api/v1/organisations/{slug}", "/api/v1/places"} <= set(
        document["paths"]
    )


def test_the_interactive_docs_are_served_locally(client):
    html = client.get("/api/v1/docs").content.decode()
    assert "/static/ninja/swagger-ui-bundle.js" in html
    assert "cdn" not in html.lower()
