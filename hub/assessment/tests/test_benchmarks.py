"""Benchmarks: compared with similar councils, never revealing one."""

import numpy as np
import pytest
from django.urls import reverse
from hypothesis import given, settings
from hypothesis import strategies as st

from hub.assessment import benchmarks
from hub.assessment.benchmarks import MIN_COUNCILS, spread
from hub.assessment.tests.factories import FrameworkFactory
from hub.assessment.tests.plan_helpers import (
    CODES,
    TEAM_SEES,
    council,
    days_ago,
    people,
    scored_assessment,
    sign_in,
)
from hub.organisations.models import OrganisationKind, Region

pytestmark = pytest.mark.django_db

NOT_ENOUGH = "Not enough similar councils have answered yet to compare without identifying them"

scores_lists = st.lists(st.floats(min_value=0, max_value=100), min_size=MIN_COUNCILS, max_size=40)


def figures(result: benchmarks.Spread) -> list[float]:
    return [result.lower_quartile, result.median, result.upper_quartile]


# The statistics, without the database ----------------------------------------------------------


@given(st.lists(st.floats(min_value=0, max_value=100), max_size=MIN_COUNCILS - 1))
def test_fewer_than_five_councils_give_no_figures(values):
    assert spread(values) is None


@given(scores_lists)
def test_figures_are_the_median_and_quartiles_numpy_computes(values):
    result = spread(values)
    expected = np.percentile(values, [25, 50, 75])
    assert figures(result) == pytest.approx(list(expected))
    assert result.councils == len(values)


@settings(max_examples=200)
@given(scores_lists, st.floats(min_value=0, max_value=100), st.floats(min_value=0, max_value=100))
def test_the_lowest_and_highest_council_never_move_a_figure(values, low, high):
    """With 5 or more, the shown figures never depend on the lowest or highest score: an
    outlier council's own score can be neither read off nor inferred from a change."""
    ordered = sorted(values)
    moved = [min(low, ordered[1]), *ordered[1:-1], max(high, ordered[-2])]
    assert figures(spread(moved)) == pytest.approx(figures(spread(ordered)))


def test_an_outlier_council_score_is_never_shown():
    # Four councils at 50 and one at 100: no figure is 100, nor pulled towards it.
    result = spread([50, 50, 100, 50, 50])
    assert figures(result) == [50, 50, 50]
    result = spread([0, 75, 75, 75, 75, 75])
    assert 0 not in figures(result)
    assert min(figures(result)) == 75


# Comparison groups ------------------------------------------------------------------------------


@pytest.fixture
def framework():
    return FrameworkFactory(questions=1)


@pytest.fixture
def own(framework):
    organisation = council(OrganisationKind.UNITARY, Region.NORTH_WEST)
    return scored_assessment(organisation, framework, 25, closed=False)


def others(framework, scores_list, *, kind=OrganisationKind.UNITARY, region=Region.NORTH_WEST):
    return [scored_assessment(council(kind, region), framework, scores) for scores in scores_list]


def group(result, key):
    return next(g for g in result.groups if g.key == key)


def test_a_group_of_four_never_shows(framework, own, client):
    others(framework, [0, 25, 75, 100])
    result = benchmarks.benchmark(own)
    for key in (benchmarks.KIND, benchmarks.REGION, benchmarks.ALL):
        assert group(result, key).councils == 4
        assert not group(result, key).shown
        assert group(result, key).figures == {}
    response = sign_in(client, own.members.get().user).get(
        reverse("assessment:benchmark", args=[own.pk])
    )
    body = response.content.decode()
    assert f"{NOT_ENOUGH} (4 of 5)" in body
    assert "Median" not in body


def test_five_councils_show_figures_computed_independently(framework, own):
    others(framework, [0, 25, 50, 75, 100])
    result = benchmarks.benchmark(own)
    kind = group(result, benchmarks.KIND)
    assert kind.shown
    assert kind.councils == 5
    expected = np.percentile([0, 25, 50, 75, 100], [25, 50, 75])
    for code in CODES:
        assert figures(kind.figures[code]) == pytest.approx(list(expected))
        # Neither the lowest (0) nor the highest (100) council shows.
        assert {0, 100}.isdisjoint(figures(kind.figures[code]))


def test_groups_by_kind_region_and_all(framework, own):
    others(framework, [50] * 5, kind=OrganisationKind.UNITARY, region=Region.LONDON)
    others(framework, [100] * 3, kind=OrganisationKind.DISTRICT, region=Region.NORTH_WEST)
    # Not councils: never compared.
    others(framework, [0] * 5, kind=OrganisationKind.POLICE, region=Region.NORTH_WEST)
    result = benchmarks.benchmark(own)
    assert group(result, benchmarks.KIND).councils == 5
    assert group(result, benchmarks.KIND).figures[CODES[0]].median == 50
    assert group(result, benchmarks.REGION).councils == 3
    assert not group(result, benchmarks.REGION).shown
    everyone = group(result, benchmarks.ALL)
    assert everyone.councils == 8
    assert figures(everyone.figures[CODES[0]]) == pytest.approx(
        list(np.percentile([50] * 5 + [100] * 3, [25, 50, 75]))
    )


def test_each_council_counts_once_with_its_latest_closed_assessment(framework, own):
    councils = [council() for _ in range(5)]
    for organisation in councils:
        scored_assessment(organisation, framework, 0, closed_at=days_ago(30))
        scored_assessment(organisation, framework, 100, closed_at=days_ago(1))
        scored_assessment(organisation, framework, 50, closed=False)
    result = benchmarks.benchmark(own)
    kind = group(result, benchmarks.KIND)
    assert kind.councils == 5
    assert figures(kind.figures[CODES[0]]) == [100, 100, 100]


def test_capabilities_match_by_code_across_framework_versions(framework, own):
    older = FrameworkFactory(questions=3)
    others(older, [75] * 5)
    kind = group(benchmarks.benchmark(own), benchmarks.KIND)
    assert kind.shown
    assert {code: kind.figures[code].median for code in CODES} == dict.fromkeys(CODES, 75)


def test_the_viewers_own_council_never_changes_its_groups(framework, own):
    others(framework, [0, 25, 50, 75, 100, 100])
    before = benchmarks.benchmark(own)
    # More closed assessments of the viewer's own council, with extreme scores.
    scored_assessment(own.organisation, framework, 0, closed_at=days_ago(5))
    scored_assessment(own.organisation, framework, 100)
    after = benchmarks.benchmark(own)
    for key in (benchmarks.KIND, benchmarks.REGION, benchmarks.ALL):
        assert group(after, key).councils == group(before, key).councils == 6
        assert group(after, key).figures == group(before, key).figures
    # And taking them away again changes nothing either.
    own.organisation.assessments.exclude(pk=own.pk).delete()
    assert [g.figures for g in benchmarks.benchmark(own).groups] == [
        g.figures for g in before.groups
    ]


def test_a_closed_assessment_nobody_submitted_does_not_count(framework, own):
    from hub.assessment.tests.factories import AssessmentFactory

    others(framework, [50] * 4)
    AssessmentFactory(organisation=council(), framework=framework, status="closed")
    assert group(benchmarks.benchmark(own), benchmarks.KIND).councils == 4


# The page --------------------------------------------------------------------------------------


def test_the_page_shows_figures_and_never_names_another_council(framework, own, client):
    made = others(framework, [0, 25, 50, 75, 100])
    response = sign_in(client, own.members.get().user).get(
        reverse("assessment:benchmark", args=[own.pk])
    )
    assert response.status_code == 200
    body = response.content.decode()
    for assessment in made:
        organisation = assessment.organisation
        assert organisation.name not in body
        assert organisation.short_name not in body
        assert assessment.title not in body
    assert "Councils of the same kind (unitary authority)" in body
    # Your team (25) and the median (50), and the middle half 25 to 75, in the table.
    assert "25 to 75" in body
    assert f"{NOT_ENOUGH}" not in body.split('id="group-kind"')[1].split("<h2")[0]


def test_queries_do_not_grow_with_councils(framework, own, client, django_assert_max_num_queries):
    others(framework, [50] * 12)
    sign_in(client, own.members.get().user)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("assessment:benchmark", args=[own.pk]))
    assert response.status_code == 200


@pytest.mark.parametrize(
    ("person", "expected"),
    TEAM_SEES,
)
def test_who_may_see_the_benchmark(framework, own, client, person, expected):
    user = people(own)[person]
    response = sign_in(client, user).get(reverse("assessment:benchmark", args=[own.pk]))
    assert response.status_code == expected
    if expected == 302:
        assert "next=" in response["Location"]


def test_an_organisation_that_is_no_council_is_told_why(framework, client):
    police = council(OrganisationKind.POLICE, Region.NORTH_WEST)
    mine = scored_assessment(police, framework, 50, closed=False)
    others(framework, [50] * 5)
    result = benchmarks.benchmark(mine)
    assert not group(result, benchmarks.KIND).shown
    assert group(result, benchmarks.ALL).shown
    body = sign_in(client, mine.members.get().user).get(
        reverse("assessment:benchmark", args=[mine.pk])
    )
    assert "Benchmarks of the same kind are for councils." in body.content.decode()
