import csv
import io

import pytest

from hub.organisations.models import OrganisationKind, Person, Region
from hub.organisations.tests.factories import (
    OrganisationFactory,
    PersonFactory,
    PlaceFactory,
    PlacePartnerFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def councils():
    return {
        "salford": OrganisationFactory(
            name="Salford City Council",
            short_name="Salford",
            slug="salford",
            region=Region.NORTH_WEST,
            kind=OrganisationKind.METROPOLITAN_DISTRICT,
            gss_code="E08000006",
        ),
        "kent": OrganisationFactory(
            name="Kent County Council",
            short_name="Kent",
            slug="kent",
            region=Region.SOUTH_EAST,
            kind=OrganisationKind.COUNTY,
            gss_code="E10000016",
        ),
        "poole": OrganisationFactory(
            name="Borough of Poole",
            short_name="Poole",
            slug="poole",
            region=Region.SOUTH_WEST,
            is_current=False,
            gss_code="E06000029",
        ),
        "police": OrganisationFactory(
            name="Kent Police", slug="kent-police", kind=OrganisationKind.POLICE, gss_code=None
        ),
    }


def names_on(response) -> list[str]:
    return [council.name for council in response.context["pagination"].object_list]


def test_the_list_shows_current_councils_only_by_default(client, councils):
    assert names_on(client.get("/organisations/")) == [
        "Kent County Council",
        "Salford City Council",
    ]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"region": "South East"}, ["Kent County Council"]),
        ({"kind": "metropolitan_district"}, ["Salford City Council"]),
        ({"q": "salf"}, ["Salford City Council"]),
        ({"q": "E10000016"}, ["Kent County Council"]),
        ({"former": "on"}, ["Borough of Poole", "Kent County Council", "Salford City Council"]),
        ({"region": "Nowhere"}, ["Kent County Council", "Salford City Council"]),
    ],
)
def test_the_list_filters(client, councils, query, expected):
    assert names_on(client.get("/organisations/", query)) == expected


def test_the_list_pages_by_25(client):
    OrganisationFactory.create_batch(30)
    first = client.get("/organisations/")
    assert len(names_on(first)) == 25
    assert 'aria-label="Page 2"' in first.content.decode()
    assert len(names_on(client.get("/organisations/", {"page": 2}))) == 5


def test_the_list_downloads_as_csv_with_its_filters(client, councils):
    response = client.get("/organisations/", {"region": "North West", "format": "csv"})
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert [row["name"] for row in rows] == ["Salford City Council"]
    assert rows[0]["gss_code"] == "E08000006"


def test_the_list_runs_a_fixed_number_of_queries(client, django_assert_max_num_queries):
    OrganisationFactory.create_batch(30)
    with django_assert_max_num_queries(3):
        client.get("/organisations/")


def test_a_council_page_shows_its_details_places_and_children(client, councils):
    district = OrganisationFactory(
        name="Maidstone Borough Council", parent=councils["kent"], kind=OrganisationKind.DISTRICT
    )
    PlacePartnerFactory(organisation=councils["kent"], place=PlaceFactory(name="Kent and Medway"))
    PersonFactory(organisation=councils["kent"])
    html = client.get("/organisations/kent/").content.decode()
    assert "E10000016" in html
    assert "County council" in html
    assert district.name in html
    assert "Kent and Medway" in html
    assert "1 person from Kent is on the Hub" in html


def test_a_former_council_is_marked(client, councils):
    assert "This council no longer exists" in client.get("/organisations/poole/").content.decode()


def test_an_unknown_council_is_404(client):
    assert client.get("/organisations/atlantis/").status_code == 404


def test_places_list_and_page(client, councils):
    PlacePartnerFactory(
        place=PlaceFactory(name="Greater Salford", slug="greater-salford"),
        organisation=councils["salford"],
    )
    assert "Greater Salford" in client.get("/organisations/places/").content.decode()
    assert (
        "Salford City Council"
        in client.get("/organisations/places/greater-salford/").content.decode()
    )
    assert client.get("/organisations/places/nowhere/").status_code == 404


def test_a_place_page_links_to_the_place_space(client):
    place = PlaceFactory(slug="greater-salford")
    body = client.get("/organisations/places/greater-salford/").content.decode()
    assert f'href="/self-assessment/places/{place.slug}/"' in body


def test_a_member_saves_their_organisation_and_role(client, user_with_role, councils):
    user = user_with_role()
    client.force_login(user)
    response = client.post(
        "/organisations/your-details/",
        {
            "organisation": councils["kent"].pk,
            "job_title": "Cabinet member for digital",
            "role_type": "councillor",
            "seniority": "cabinet_member",
        },
    )
    assert response.status_code == 302
    person = Person.objects.get(user=user)
    assert (person.organisation, person.role_type) == (councils["kent"], "councillor")
    assert "Kent County Council" in client.get("/account/").content.decode()


def test_the_details_form_shows_errors_for_missing_answers(client, user_with_role):
    client.force_login(user_with_role())
    html = client.post("/organisations/your-details/", {}).content.decode()
    assert "govuk-error-summary" in html
    assert "Select your organisation" in html
    assert "Select whether you are a councillor or an officer" in html


def test_error_summary_links_reach_the_first_radio(client, user_with_role):
    client.force_login(user_with_role())
    html = client.post("/organisations/your-details/", {}).content.decode()
    assert 'href="#id_role_type_1"' in html
    assert 'id="id_role_type_1"' in html
