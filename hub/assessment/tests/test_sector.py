"""The programme unit's sector overview: anonymised take-up and movement, suppressed below
5 councils, as a page and a CSV."""

import csv
import datetime as dt
import io
import statistics

import pytest
from django.urls import reverse
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from hub.assessment import sector
from hub.assessment.models import AssessmentStatus
from hub.assessment.tests.factories import AssessmentFactory, FrameworkFactory
from hub.assessment.tests.plan_helpers import CODES, council, people, scored_assessment, sign_in
from hub.organisations.models import OrganisationKind, Region

pytestmark = pytest.mark.django_db


def shown(cells) -> dict[str, int | None]:
    return {cell.label: cell.count for cell in cells}


# Suppression -----------------------------------------------------------------------------------


def test_a_cell_under_five_is_hidden():
    counts = {"a": 7, "b": 5, "c": 4, "d": 1}
    assert shown(sector.suppress(counts)) == {"a": 7, "b": 5, "c": None, "d": None}


def test_one_more_is_hidden_when_a_total_would_give_the_hidden_away():
    # 2 hidden: the total less 7 and 6 would say c is 2, so b (the smaller) goes too.
    assert shown(sector.suppress({"a": 7, "b": 6, "c": 2})) == {"a": 7, "b": None, "c": None}
    # Hidden zeros give nothing away.
    assert shown(sector.suppress({"a": 7, "b": 0})) == {"a": 7, "b": None}
    assert shown(sector.suppress({"a": 6, "b": 3})) == {"a": None, "b": None}


@given(st.dictionaries(st.text(min_size=1, max_size=5), st.integers(0, 40), max_size=12))
def test_suppression_never_reveals_fewer_than_five(counts):
    cells = sector.suppress(counts)
    hidden = [counts[c.label] for c in cells if c.count is None]
    assert all(c.count >= sector.MIN_COUNCILS for c in cells if c.count is not None)
    assert all(c.count == counts[c.label] for c in cells if c.count is not None)
    assert sum(hidden) == 0 or sum(hidden) >= sector.MIN_COUNCILS or len(hidden) == len(cells)


def test_a_total_under_five_is_hidden():
    assert sector.suppress({"Councils": 4})[0].text == "fewer than 5"


# Figures ---------------------------------------------------------------------------------------


@pytest.fixture
def framework():
    return FrameworkFactory(questions=1)


def at(year, month, day=15):
    return timezone.make_aware(dt.datetime(year, month, day, 12))


@pytest.fixture
def councils(framework):
    """6 North West unitaries, 3 London boroughs, 2 South East districts; closed at known
    dates. Plus what never counts: an open assessment, and a police force."""
    made = {
        "north_west": [council(OrganisationKind.UNITARY, Region.NORTH_WEST) for _ in range(6)],
        "london": [council(OrganisationKind.LONDON_BOROUGH, Region.LONDON) for _ in range(3)],
        "south_east": [council(OrganisationKind.DISTRICT, Region.SOUTH_EAST) for _ in range(2)],
    }
    for index, organisation in enumerate(sum(made.values(), [])):
        scored_assessment(organisation, framework, 50, closed_at=at(2025, 1 + 3 * (index % 2)))
    AssessmentFactory(organisation=council(region=Region.WALES), framework=framework)
    police = council(OrganisationKind.POLICE, Region.NORTH_WEST)
    scored_assessment(police, framework, 50, closed_at=at(2025, 1))
    return made


def test_take_up_by_region_and_kind(councils):
    result = sector.overview()
    assert result.councils.count == 11
    regions = shown(result.by_region)
    assert regions["North West"] == 6
    assert regions["London"] is None
    assert regions["South East"] is None
    assert regions["Wales"] is None
    kinds = shown(result.by_kind)
    assert kinds["Unitary authority"] == 6
    assert kinds["London borough"] is None
    assert kinds["District council"] is None
    assert "Police" not in kinds


def test_assessments_each_quarter(councils):
    # Six closed in January 2025 (Q1) and five in April (Q2); the police force is no council.
    assert sector.overview().by_quarter == [("2025 Q1", 6), ("2025 Q2", 5)]


def reassess(organisations, framework, before, after):
    for organisation in organisations:
        scored_assessment(organisation, framework, before, closed_at=at(2024, 6))
        scored_assessment(organisation, framework, after, closed_at=at(2025, 6))


def test_movement_among_five_councils_that_assessed_again(framework):
    organisations = [council() for _ in range(5)]
    reassess(organisations[:3], framework, 25, 75)
    reassess(organisations[3:], framework, 50, 50)
    # One with three: its first (at 0) does not count, only its last two.
    scored_assessment(organisations[0], framework, 0, closed_at=at(2023, 1))
    rows = {row.code: row for row in sector.overview().movement}
    assert set(CODES) <= set(rows)
    row = rows[CODES[0]]
    assert row.councils == 5
    assert row.earlier == pytest.approx(statistics.fmean([25, 25, 25, 50, 50]))
    assert row.latest == pytest.approx(statistics.fmean([75, 75, 75, 50, 50]))
    assert row.change == pytest.approx(30)


def test_no_movement_shown_for_four_councils(framework):
    reassess([council() for _ in range(4)], framework, 25, 75)
    scored_assessment(council(), framework, 25)  # assessed once: not a movement
    result = sector.overview()
    assert all(not row.shown for row in result.movement)
    assert result.councils_reassessed.text == "fewer than 5"


# Pages -----------------------------------------------------------------------------------------


@pytest.fixture
def staff(client, user_with_role):
    from hub.accounts.roles import Role

    client.force_login(user_with_role(Role.EDITOR))
    return client


def test_the_page_shows_aggregates_and_never_a_council(councils, framework, staff):
    reassess(councils["north_west"][:5], framework, 25, 75)
    body = staff.get(reverse("assessment:sector")).content.decode()
    assert 'id="councils">11<' in body
    assert "fewer than 5" in body
    # Their last two are the fixture's (50) and the latest (75).
    assert "+25" in body
    for organisation in sum(councils.values(), []):
        assert organisation.name not in body
        assert organisation.short_name not in body


def test_the_csv_has_the_same_aggregates(councils, framework, staff):
    reassess(councils["north_west"][:5], framework, 25, 75)
    response = staff.get(reverse("assessment:sector-csv"))
    text = b"".join(response.streaming_content).decode()
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == ["Table", "Group", "Figure", "Value"]
    values = {(r[0], r[1], r[2]): r[3] for r in rows[1:]}
    assert values[("Councils that have assessed", "All councils", "Councils")] == "11"
    assert values[("Councils that have assessed", "By region", "North West")] == "6"
    assert values[("Councils that have assessed", "By region", "London")] == "fewer than 5"
    assert values[("Assessments closed", "By quarter", "2025 Q1")] == "6"
    title = "What digital can do"
    assert values[("Movement", title, "Mean movement")] == "25.0"
    assert values[("Movement", title, "Councils")] == "5"
    for organisation in sum(councils.values(), []):
        assert organisation.name not in text


def test_an_open_assessment_does_not_count(framework):
    AssessmentFactory(organisation=council(), framework=framework, status=AssessmentStatus.OPEN)
    assert sector.overview().councils.text == "fewer than 5"


@pytest.mark.parametrize("view", ["assessment:sector", "assessment:sector-csv"])
@pytest.mark.parametrize(
    ("person", "expected"),
    [
        ("anonymous", 302),
        ("member", 403),
        ("team_member", 403),
        ("lead", 403),
        ("other_council", 403),
        ("editor", 200),
        ("facilitator", 200),
    ],
)
def test_who_may_see_the_sector_overview(framework, client, view, person, expected):
    assessment = scored_assessment(council(), framework, 50)
    user = people(assessment)[person]
    assert sign_in(client, user).get(reverse(view)).status_code == expected


def test_queries_do_not_grow_with_councils(framework, staff, django_assert_max_num_queries):
    reassess([council() for _ in range(8)], framework, 25, 75)
    with django_assert_max_num_queries(12):
        assert staff.get(reverse("assessment:sector")).status_code == 200
