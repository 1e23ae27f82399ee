"""The team's results: scores per capability as a chart and a table, where the team agrees
and differs (never naming anyone), the weakest capabilities, and movement since last time."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from hub.assessment.models import AssessmentStatus
from hub.assessment.tests.factories import AssessmentFactory, TeamMemberFactory, answer_all
from hub.assessment.tests.test_answering_views import OUTSIDERS, make_team, signed_in

pytestmark = pytest.mark.django_db

OTHER_CODES = [
    "what-digital-can-do",
    "market-and-value-for-money",
    "where-investment-delivered",
    "resources-and-skills",
    "spotting-opportunities",
]


def results_url(team) -> str:
    return reverse("assessment:results", args=[team.assessment.pk])


@pytest.fixture
def team():
    return make_team()


def three_answered(team):
    """Three members: they agree on everything but user insight, where they are 1, 3 and 1."""
    third = TeamMemberFactory(assessment=team.assessment)
    answer_all(team.lead, {"user-insight-first": 1, **dict.fromkeys(OTHER_CODES, 4)})
    answer_all(team.member, {"user-insight-first": 3, **dict.fromkeys(OTHER_CODES, 4)})
    answer_all(third, {"user-insight-first": 1, **dict.fromkeys(OTHER_CODES, 3)})
    return third


class TestAccess:
    def test_anonymous_are_sent_to_sign_in(self, client, team):
        assert reverse("accounts:sign-in") in client.get(results_url(team)).url

    @pytest.mark.parametrize("who", OUTSIDERS)
    def test_nobody_outside_the_team_sees_them_programme_staff_included(self, client, team, who):
        three_answered(team)
        response = signed_in(client, team.visitor(who)).get(results_url(team))
        assert response.status_code == 404

    @pytest.mark.parametrize("who", ["team_member", "lead"])
    def test_the_team_sees_them(self, client, team, who):
        three_answered(team)
        assert signed_in(client, team.visitor(who)).get(results_url(team)).status_code == 200


class TestResults:
    def test_nothing_until_someone_submits(self, client, team):
        answer_all(team.lead, 3, submit=False)
        response = signed_in(client, team.member.user).get(results_url(team))
        html = response.content.decode()
        assert "Nobody has submitted their answers yet" in html
        assert response.context["chart"] is None

    def test_one_submitted_member_is_said_to_be_one_view(self, client, team):
        answer_all(team.lead, 3)
        html = signed_in(client, team.member.user).get(results_url(team)).content.decode()
        assert "Only one member has submitted" in html

    def test_scores_as_a_chart_and_a_table(self, client, team):
        three_answered(team)
        response = signed_in(client, team.member.user).get(results_url(team))
        html = response.content.decode()
        assert "<svg" in html
        chart = response.context["chart"]
        rows = dict(chart.table_rows)
        # User insight: answers 1, 1, 3, 3, 1, 1 (two questions each): mean 5/3 is 17 of 100.
        insight = team.assessment.framework.capabilities.get(code="user-insight-first")
        assert rows[insight.title][0] == "17"
        # Resources and skills: 4, 4, 4, 4, 3, 3: mean 11/3 is 67.
        skills = team.assessment.framework.capabilities.get(code="resources-and-skills")
        assert rows[skills.title][0] == "67"
        assert "From the answers of 3 members" in html

    def test_where_the_team_differs_without_names(self, client, team):
        third = three_answered(team)
        response = signed_in(client, team.lead.user).get(results_url(team))
        html = response.content.decode()
        assert "You differ" in html
        assert "1 to 3" in html
        spread = response.context["results"].spreads["user-insight-first"][0]
        assert spread.counts == [(1, 2), (2, 0), (3, 1), (4, 0), (5, 0)]
        # The other capabilities are 3 to 4 apart by one level: no difference flagged.
        assert (
            sum(
                s.differs for code in OTHER_CODES for s in response.context["results"].spreads[code]
            )
            == 0
        )
        for member in (team.lead, team.member, third):
            assert member.person.full_name not in html.split('id="agreement"')[1]

    def test_the_weakest_capabilities_are_highlighted(self, client, team):
        three_answered(team)
        response = signed_in(client, team.lead.user).get(results_url(team))
        html = response.content.decode()
        assert "Where to focus" in html
        weakest = {score.code for score in response.context["results"].weakest}
        assert "user-insight-first" in weakest
        assert "Weakest" in html

    def test_links_to_the_benchmark_and_the_plan(self, client, team):
        three_answered(team)
        html = signed_in(client, team.lead.user).get(results_url(team)).content.decode()
        assert reverse("assessment:benchmark", args=[team.assessment.pk]) in html
        assert reverse("assessment:plan", args=[team.assessment.pk]) in html

    def test_no_movement_for_a_first_assessment(self, client, team):
        three_answered(team)
        html = signed_in(client, team.lead.user).get(results_url(team)).content.decode()
        assert "Movement since last time" not in html

    def test_movement_since_the_last_closed_assessment(self, client, team):
        earlier = AssessmentFactory(
            organisation=team.assessment.organisation, title="Autumn review"
        )
        answer_all(TeamMemberFactory(assessment=earlier, is_lead=True), 1)
        earlier.status = AssessmentStatus.CLOSED
        earlier.closed_at = timezone.now() - timedelta(days=180)
        earlier.save()
        three_answered(team)
        response = signed_in(client, team.lead.user).get(results_url(team))
        html = response.content.decode()
        assert "Movement since last time" in html
        assert "Autumn review" in html
        # Everything was level 1 (0 points); resources and skills is 67 now.
        assert "+67" in html
        chart = response.context["chart"]
        assert [series.name for series in chart.series] == ["This assessment", "Last time"]

    def test_only_submitted_answers_count(self, client, team):
        answer_all(team.lead, 5)
        answer_all(team.member, 1, submit=False)
        response = signed_in(client, team.lead.user).get(results_url(team))
        rows = dict(response.context["chart"].table_rows)
        assert set(cells[0] for cells in rows.values()) == {"100"}

    def test_a_closed_assessment_keeps_its_results(self, client, team):
        three_answered(team)
        team.assessment.status = AssessmentStatus.CLOSED
        team.assessment.closed_at = timezone.now()
        team.assessment.save()
        response = signed_in(client, team.member.user).get(results_url(team))
        assert response.status_code == 200
        assert "still open" not in response.content.decode()

    def test_queries_do_not_grow_with_the_team(self, client, team, django_assert_max_num_queries):
        three_answered(team)
        for _ in range(5):
            answer_all(TeamMemberFactory(assessment=team.assessment), 2)
        signed_in(client, team.lead.user)
        with django_assert_max_num_queries(20):
            client.get(results_url(team))
