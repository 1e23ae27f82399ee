"""The take-up pages and their CSV files: programme staff only, figures from the rows, and a
fixed number of queries whatever the size of the sector."""

import csv
import io

import pytest
from django.urls import reverse

from hub.accounts.roles import Role
from hub.organisations.models import OrganisationKind, Region
from hub.organisations.tests.factories import OrganisationFactory
from hub.programme.tests.takeup_sector import (
    ELEMENT_KEYS,
    build_sector,
    expected_council_elements,
    expected_councils,
    expected_place_elements,
)

pytestmark = pytest.mark.django_db

PAGES = ["take-up", "take-up-csv", "take-up-places", "take-up-places-csv", "not-engaged"]
PAGES += ["not-engaged-csv"]


@pytest.mark.parametrize("name", PAGES)
def test_anonymous_is_sent_to_sign_in(client, name):
    response = client.get(reverse(f"programme:{name}"))
    assert response.status_code == 302
    assert reverse("accounts:sign-in") in response["Location"]


@pytest.mark.parametrize("name", PAGES)
@pytest.mark.parametrize("role", [Role.MEMBER, Role.CHAMPION])
def test_others_signed_in_are_refused(client_as, name, role):
    assert client_as(role).get(reverse(f"programme:{name}")).status_code == 403


@pytest.mark.parametrize("name", PAGES)
@pytest.mark.parametrize("role", [Role.FACILITATOR, Role.EDITOR, Role.PROGRAMME_ADMIN])
def test_programme_staff_may_open(client_as, name, role):
    assert client_as(role).get(reverse(f"programme:{name}")).status_code == 200


def _csv(response) -> list[dict]:
    body = b"".join(response.streaming_content).decode()
    return list(csv.DictReader(io.StringIO(body)))


def _yes_no(value: bool) -> str:
    return "yes" if value else "no"


@pytest.fixture
def staff(client_as):
    return client_as(Role.FACILITATOR)


def test_take_up_csv_has_every_council_and_each_element(staff):
    build_sector(2)
    rows = _csv(staff.get(reverse("programme:take-up-csv")))
    expected = expected_council_elements()
    councils = expected_councils()
    assert [row["council"] for row in rows] == [c.name for c in councils]
    for row, council in zip(rows, councils, strict=True):
        used = expected[council.pk]
        assert row["gss_code"] == council.gss_code
        assert row["kind"] == council.get_kind_display()
        assert row["engaged"] == _yes_no(bool(used))
        assert row["elements_used"] == str(len(used))
        assert {key: row[key] for key in ELEMENT_KEYS} == {
            key: _yes_no(key in used) for key in ELEMENT_KEYS
        }


def test_take_up_csv_keeps_the_filters(staff):
    build_sector(2)
    rows = _csv(
        staff.get(reverse("programme:take-up-csv"), {"element": "academies", "use": "not_used"})
    )
    expected = expected_council_elements()
    assert {row["council"] for row in rows} == {
        c.name for c in expected_councils() if "academies" not in expected[c.pk]
    }
    assert all(row["academies"] == "no" for row in rows)


def test_take_up_page_shows_the_summary_chart_and_councils(staff):
    councils = build_sector(1)
    response = staff.get(reverse("programme:take-up"))
    content = response.content.decode()
    expected = expected_council_elements()
    engaged = sum(bool(used) for used in expected.values())
    assert f"{engaged} of {len(expected)} councils" in content
    for table in ('id="by-region"', 'id="by-kind"', 'id="by-nation"', 'id="council-take-up"'):
        assert table in content
    assert 'id="take-up-by-region"' in content  # the chart
    assert "Share of councils engaged, by region" in content
    summary = response.context["summary"]
    north_west = next(s for s in summary.by_region if s.label == Region.NORTH_WEST)
    in_region = [c for c in expected_councils() if c.region == Region.NORTH_WEST]
    assert north_west.total == len(in_region)
    assert north_west.engaged == sum(bool(expected[c.pk]) for c in in_region)
    assert councils[0].get_absolute_url() in content
    assert "✓ </span>Yes" in content
    assert "✗ </span>No" in content


def test_take_up_list_filters_and_pages(staff):
    build_sector(2)
    expected = expected_council_elements()
    response = staff.get(
        reverse("programme:take-up"), {"kind": OrganisationKind.UNITARY, "use": "not_used"}
    )
    listed = [row.council.pk for row in response.context["pagination"].object_list]
    assert listed == [
        c.pk
        for c in expected_councils()
        if c.kind == OrganisationKind.UNITARY and not expected[c.pk]
    ]
    assert listed
    OrganisationFactory.create_batch(25)
    second = staff.get(reverse("programme:take-up"), {"page": "2"})
    assert second.context["pagination"].page.number == 2
    first_page = [
        row.council.name
        for row in staff.get(reverse("programme:take-up")).context["pagination"].object_list
    ]
    assert first_page == [c.name for c in expected_councils()][: len(first_page)]


def test_an_unknown_filter_value_is_ignored(staff):
    build_sector(1)
    response = staff.get(reverse("programme:take-up"), {"element": "nonsense", "use": "used"})
    assert response.status_code == 200
    assert response.context["pagination"].total == len(expected_councils())


def test_not_engaged_lists_councils_with_nothing_and_links_to_them(staff):
    build_sector(2)
    expected = expected_council_elements()
    not_engaged = [c for c in expected_councils() if not expected[c.pk]]
    response = staff.get(reverse("programme:not-engaged"))
    content = response.content.decode()
    assert [r.council.pk for r in response.context["pagination"].object_list] == [
        c.pk for c in not_engaged
    ][:25]
    for council in not_engaged[:25]:
        assert council.get_absolute_url() in content
    engaged = next(c for c in expected_councils() if expected[c.pk])
    assert engaged.get_absolute_url() not in content


def test_not_engaged_filters_and_csv(staff):
    build_sector(2)
    expected = expected_council_elements()
    wanted = [
        c for c in expected_councils() if not expected[c.pk] and c.region == Region.NORTH_WEST
    ]
    response = staff.get(reverse("programme:not-engaged"), {"region": Region.NORTH_WEST})
    assert [r.council.pk for r in response.context["pagination"].object_list] == [
        c.pk for c in wanted
    ]
    assert "region=North+West" in response.context["csv_href"]
    rows = _csv(staff.get(reverse("programme:not-engaged-csv"), {"region": Region.NORTH_WEST}))
    assert [row["council"] for row in rows] == [c.name for c in wanted]
    assert rows[0]["page"] == "http://testserver" + wanted[0].get_absolute_url()
    assert rows[0]["region"] == Region.NORTH_WEST


def test_places_page_and_csv(staff):
    build_sector(1)
    expected = expected_place_elements()
    response = staff.get(reverse("programme:take-up-places"))
    assert {row.place.pk: set(row.used) for row in response.context["rows"]} == expected
    summary = response.context["summary"]
    assert summary.engaged == sum(bool(used) for used in expected.values())
    rows = _csv(staff.get(reverse("programme:take-up-places-csv")))
    assert len(rows) == len(expected)
    by_name = {row.place.name: set(row.used) for row in response.context["rows"]}
    for row in rows:
        assert {key for key in ELEMENT_KEYS if row[key] == "yes"} == by_name[row["place"]]
        assert row["engaged"] == _yes_no(bool(by_name[row["place"]]))


# Query counts: the same at two sizes ------------------------------------------------------------

# Session, user and staff's authenticator (django-otp), then: councils, eight elements;
# places add the places, their partners, place cohorts and place assessments.
QUERIES = {
    "take-up": 13,
    "take-up-csv": 13,
    "not-engaged": 13,
    "not-engaged-csv": 13,
    "take-up-places": 16,
    "take-up-places-csv": 16,
}


@pytest.mark.parametrize("size", [1, 3])
@pytest.mark.parametrize("name", list(QUERIES))
def test_a_fixed_number_of_queries(staff, django_assert_num_queries, name, size):
    build_sector(size)
    with django_assert_num_queries(QUERIES[name]):
        response = staff.get(reverse(f"programme:{name}"))
        if response.streaming:
            b"".join(response.streaming_content)
    assert response.status_code == 200
