"""The assessment's pages: home, start, the assessment, its team, answering, checking and
submitting, closing. Who may see each: the team only (programme staff neither)."""

from dataclasses import dataclass

import pytest
from django.urls import reverse

from hub.accounts.roles import Role
from hub.accounts.tests.factories import UserFactory
from hub.assessment.models import Assessment, AssessmentStatus, TeamMember
from hub.assessment.tests.factories import (
    AssessmentFactory,
    FrameworkFactory,
    TeamMemberFactory,
    answer_all,
)
from hub.organisations.models import RoleType
from hub.organisations.tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


@dataclass
class Team:
    assessment: Assessment
    lead: TeamMember
    member: TeamMember

    def visitor(self, who: str):
        """The user for `who`: anonymous (None), member (a plain account of the same council,
        not on the team), team_member, lead, other_council, or staff (editor and facilitator)."""
        if who == "anonymous":
            return None
        if who == "member":
            return PersonFactory(organisation=self.assessment.organisation).user
        if who == "team_member":
            return self.member.user
        if who == "lead":
            return self.lead.user
        if who == "other_council":
            return PersonFactory().user
        if who == "staff":
            return UserFactory(roles=[Role.EDITOR, Role.FACILITATOR])
        raise ValueError(who)


def make_team(questions: int = 2) -> Team:
    assessment = AssessmentFactory(framework=FrameworkFactory(questions=questions))
    return Team(
        assessment=assessment,
        lead=TeamMemberFactory(assessment=assessment, is_lead=True, role="councillor"),
        member=TeamMemberFactory(assessment=assessment),
    )


@pytest.fixture
def team():
    return make_team()


def signed_in(client, user):
    if user is not None:
        client.force_login(user)
    return client


OUTSIDERS = ["member", "other_council", "staff"]
TEAM = ["team_member", "lead"]


def url(name: str, team: Team, *args) -> str:
    return reverse(f"assessment:{name}", args=[team.assessment.pk, *args])


# Home and start ---------------------------------------------------------------------------


class TestHome:
    def test_anonymous_see_what_it_is_and_are_asked_to_sign_in(self, client):
        response = client.get(reverse("assessment:home"))
        assert response.status_code == 200
        html = response.content.decode()
        assert "Digital leadership self-assessment" in html
        assert reverse("accounts:sign-in") in html
        assert reverse("assessment:start") not in html

    def test_a_team_member_sees_their_assessments_and_a_start_button(self, client, team):
        other = AssessmentFactory(organisation=team.assessment.organisation)
        html = signed_in(client, team.member.user).get(reverse("assessment:home")).content.decode()
        assert team.assessment.title in html
        assert url("detail", team) in html
        assert reverse("assessment:detail", args=[other.pk]) not in html
        assert reverse("assessment:start") in html

    def test_someone_without_an_organisation_is_told_to_add_it(self, client_as):
        html = client_as(Role.MEMBER).get(reverse("assessment:home")).content.decode()
        assert reverse("assessment:start") not in html
        assert "add your organisation to your account" in html


class TestStart:
    def test_anonymous_are_sent_to_sign_in(self, client):
        response = client.get(reverse("assessment:start"))
        assert reverse("accounts:sign-in") in response.url

    def test_an_account_without_an_organisation_is_asked_for_it(self, client_as):
        response = client_as(Role.MEMBER).post(reverse("assessment:start"), {"title": "x"})
        assert "Add your details before you start" in response.content.decode()
        assert not Assessment.objects.exists()

    def test_start_for_your_organisation_and_lead_it(self, client):
        person = PersonFactory(role_type=RoleType.COUNCILLOR)
        signed_in(client, person.user)
        page = client.get(reverse("assessment:start"))
        assert person.organisation.name in page.content.decode()
        response = client.post(reverse("assessment:start"), {"title": "Spring 2027"})
        assessment = Assessment.objects.get()
        assert response.url == reverse("assessment:team", args=[assessment.pk])
        assert (assessment.organisation, assessment.title) == (person.organisation, "Spring 2027")
        lead = assessment.members.get()
        assert lead.is_lead
        assert lead.team_role == "councillor"

    def test_a_title_is_needed(self, client):
        signed_in(client, PersonFactory().user)
        response = client.post(reverse("assessment:start"), {"title": ""})
        assert "Enter a name for the assessment" in response.content.decode()


# Access to every page of an assessment ------------------------------------------------------

TEAM_PAGES = ["detail", "team", "results"]
ANSWER_PAGES = ["answer-start", "answer-check"]


class TestAccess:
    @pytest.mark.parametrize("name", [*TEAM_PAGES, *ANSWER_PAGES, "close"])
    def test_anonymous_are_sent_to_sign_in(self, client, team, name):
        response = client.get(url(name, team))
        assert response.status_code == 302
        assert reverse("accounts:sign-in") in response.url

    @pytest.mark.parametrize("who", OUTSIDERS)
    @pytest.mark.parametrize("name", [*TEAM_PAGES, *ANSWER_PAGES, "close"])
    def test_outsiders_programme_staff_included_get_not_found(self, client, team, who, name):
        response = signed_in(client, team.visitor(who)).get(url(name, team))
        assert response.status_code == 404

    @pytest.mark.parametrize("who", OUTSIDERS)
    def test_outsiders_cannot_answer_by_posting(self, client, team, who):
        code = team.assessment.framework.capabilities.first().code
        response = signed_in(client, team.visitor(who)).post(url("answer", team, code), {})
        assert response.status_code == 404

    @pytest.mark.parametrize("who", TEAM)
    @pytest.mark.parametrize("name", TEAM_PAGES)
    def test_the_team_sees_its_pages(self, client, team, who, name):
        assert signed_in(client, team.visitor(who)).get(url(name, team)).status_code == 200

    def test_only_the_lead_may_close(self, client, team):
        assert signed_in(client, team.member.user).get(url("close", team)).status_code == 403
        assert signed_in(client, team.lead.user).get(url("close", team)).status_code == 200

    @pytest.mark.parametrize("who", TEAM)
    def test_a_closed_assessment_refuses_answers(self, client, team, who):
        answer_all(team.lead, 3)
        team.assessment.status = AssessmentStatus.CLOSED
        team.assessment.save()
        client = signed_in(client, team.visitor(who))
        code = team.assessment.framework.capabilities.first().code
        assert client.get(url("answer-start", team)).status_code == 403
        assert client.get(url("answer", team, code)).status_code == 403
        assert client.post(url("answer-check", team)).status_code == 403
        assert client.get(url("detail", team)).status_code == 200


# The assessment's page -------------------------------------------------------------------


class TestDetail:
    def test_shows_who_has_submitted_but_never_their_answers(self, client, team):
        answer_all(team.member, 5)
        html = signed_in(client, team.lead.user).get(url("detail", team)).content.decode()
        assert team.member.person.full_name in html
        assert team.lead.person.full_name in html
        assert "Submitted" in html
        assert "Not started" in html
        assert "1 of 2 members" in html
        assert "Leading" not in html
        for name in ("results", "team", "answer-start", "close", "benchmark", "plan"):
            assert url(name, team) in html

    def test_a_member_has_no_close_link(self, client, team):
        html = signed_in(client, team.member.user).get(url("detail", team)).content.decode()
        assert url("close", team) not in html


# The team ---------------------------------------------------------------------------------


class TestTeamPage:
    def test_the_lead_adds_someone_who_is_emailed(
        self, client, team, mailoutbox, immediate_tasks, django_capture_on_commit_callbacks
    ):
        person = PersonFactory(organisation=team.assessment.organisation)
        signed_in(client, team.lead.user)
        page = client.get(url("team", team))
        assert person.full_name in page.content.decode()
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(url("team", team), {"person": person.pk})
        assert response.url == url("team", team)
        assert team.assessment.members.filter(user=person.user).exists()
        (mail,) = mailoutbox
        assert mail.to == [person.user.email]

    def test_the_list_offers_only_colleagues_with_an_account(self, client, team):
        PersonFactory(organisation=team.assessment.organisation, user=None, full_name="No Account")
        PersonFactory(full_name="Elsewhere Person")
        html = signed_in(client, team.lead.user).get(url("team", team)).content.decode()
        assert "No Account" not in html
        assert "Elsewhere Person" not in html

    def test_someone_of_another_council_cannot_be_added(self, client, team):
        person = PersonFactory()
        response = signed_in(client, team.lead.user).post(url("team", team), {"person": person.pk})
        assert response.status_code == 200
        assert "Choose someone from your council" in response.content.decode()
        assert not team.assessment.members.filter(user=person.user).exists()

    def test_a_team_member_sees_the_team_but_cannot_change_it(self, client, team):
        person = PersonFactory(organisation=team.assessment.organisation)
        signed_in(client, team.member.user)
        html = client.get(url("team", team)).content.decode()
        assert team.lead.person.full_name in html
        assert "Add someone to the team" not in html
        assert client.post(url("team", team), {"person": person.pk}).status_code == 403
        remove = url("team-remove", team, team.member.pk)
        assert client.post(remove).status_code == 403
        assert team.assessment.members.count() == 2

    def test_the_lead_removes_a_member(self, client, team):
        signed_in(client, team.lead.user)
        response = client.post(url("team-remove", team, team.member.pk))
        assert response.url == url("team", team)
        assert not TeamMember.objects.filter(pk=team.member.pk).exists()

    def test_the_lead_cannot_remove_themselves(self, client, team):
        signed_in(client, team.lead.user)
        response = client.post(url("team-remove", team, team.lead.pk), follow=True)
        assert "The lead cannot be removed" in response.content.decode()
        assert TeamMember.objects.filter(pk=team.lead.pk).exists()

    @pytest.mark.parametrize("who", OUTSIDERS)
    def test_outsiders_cannot_remove(self, client, team, who):
        response = signed_in(client, team.visitor(who)).post(
            url("team-remove", team, team.member.pk)
        )
        assert response.status_code == 404
        assert TeamMember.objects.filter(pk=team.member.pk).exists()


# Answering --------------------------------------------------------------------------------


def form_data(capability, score: int) -> dict:
    return {f"question_{q.pk}": score for q in capability.questions.all()}


class TestAnswering:
    def test_start_goes_to_the_first_unanswered_capability(self, client, team):
        first, second = team.assessment.framework.capabilities.all()[:2]
        client = signed_in(client, team.member.user)
        assert client.get(url("answer-start", team)).url == url("answer", team, first.code)
        client.post(url("answer", team, first.code), form_data(first, 3))
        assert client.get(url("answer-start", team)).url == url("answer", team, second.code)

    def test_a_page_shows_each_question_with_every_level_and_its_descriptor(self, client, team):
        capability = team.assessment.framework.capabilities.first()
        html = (
            signed_in(client, team.member.user)
            .get(url("answer", team, capability.code))
            .content.decode()
        )
        for question in capability.questions.all():
            assert question.text in html
            for level in question.levels.all():
                assert level.descriptor in html
                assert f"{level.score}. {level.label}" in html
            # Each level's descriptor is its radio's hint.
            assert f'aria-describedby="id_question_{question.pk}_3-hint"' in html

    def test_save_and_continue_to_the_next_capability(self, client, team):
        first, second = team.assessment.framework.capabilities.all()[:2]
        response = signed_in(client, team.member.user).post(
            url("answer", team, first.code), form_data(first, 4)
        )
        assert response.url == url("answer", team, second.code)
        assert set(team.member.answers.values_list("score", flat=True)) == {4}

    def test_the_last_capability_goes_to_check_your_answers(self, client, team):
        last = team.assessment.framework.capabilities.last()
        response = signed_in(client, team.member.user).post(
            url("answer", team, last.code), form_data(last, 4)
        )
        assert response.url == url("answer-check", team)

    def test_every_question_needs_an_answer(self, client, team):
        capability = team.assessment.framework.capabilities.first()
        data = form_data(capability, 2)
        first_question = capability.questions.first()
        del data[f"question_{first_question.pk}"]
        response = signed_in(client, team.member.user).post(
            url("answer", team, capability.code), data
        )
        assert response.status_code == 200
        html = response.content.decode()
        assert "There is a problem" in html
        assert f"Select an answer to “{first_question.text}”" in html
        assert f'href="#id_question_{first_question.pk}_1"' in html
        assert not team.member.answers.exists()

    def test_an_unknown_capability_is_not_found(self, client, team):
        response = signed_in(client, team.member.user).get(url("answer", team, "no-such-code"))
        assert response.status_code == 404

    def test_check_lists_answers_with_change_links_and_submits(self, client, team):
        answer_all(team.member, 2, submit=False)
        client = signed_in(client, team.member.user)
        page = client.get(url("answer-check", team))
        html = page.content.decode()
        capability = team.assessment.framework.capabilities.first()
        assert url("answer", team, capability.code) in html
        assert "2. Emerging" in html
        assert "Submit your answers" in html
        response = client.post(url("answer-check", team))
        assert response.url == url("detail", team)
        team.member.refresh_from_db()
        assert team.member.has_submitted

    def test_cannot_submit_with_questions_unanswered(self, client, team):
        capability = team.assessment.framework.capabilities.first()
        client = signed_in(client, team.member.user)
        client.post(url("answer", team, capability.code), form_data(capability, 3))
        response = client.post(url("answer-check", team))
        assert response.status_code == 200
        assert "Answer every question before you submit" in response.content.decode()
        team.member.refresh_from_db()
        assert not team.member.has_submitted

    def test_after_submitting_answers_cannot_change(self, client, team):
        answer_all(team.member, 2)
        capability = team.assessment.framework.capabilities.first()
        client = signed_in(client, team.member.user)
        response = client.post(url("answer", team, capability.code), form_data(capability, 5))
        assert response.url == url("answer-check", team)
        assert set(team.member.answers.values_list("score", flat=True)) == {2}
        assert client.get(url("answer-start", team)).url == url("answer-check", team)
        html = client.get(url("answer-check", team)).content.decode()
        assert "can no longer change" in html
        assert "Submit your answers" not in html

    def test_each_member_sees_only_their_own_answers(self, client, team):
        answer_all(team.lead, 5, submit=False)
        answer_all(team.member, 1, submit=False)
        html = signed_in(client, team.member.user).get(url("answer-check", team)).content.decode()
        assert "1. Not started" in html
        assert "5. Leading" not in html


# Closing -----------------------------------------------------------------------------------


class TestClose:
    def test_needs_a_submitted_member(self, client, team):
        response = signed_in(client, team.lead.user).post(url("close", team))
        assert response.status_code == 200
        assert "At least one member" in response.content.decode()
        team.assessment.refresh_from_db()
        assert team.assessment.is_open

    def test_the_lead_closes_it(self, client, team):
        answer_all(team.member, 3)
        response = signed_in(client, team.lead.user).post(url("close", team))
        assert response.url == url("results", team)
        team.assessment.refresh_from_db()
        assert team.assessment.status == AssessmentStatus.CLOSED

    def test_a_team_member_cannot(self, client, team):
        answer_all(team.member, 3)
        assert signed_in(client, team.member.user).post(url("close", team)).status_code == 403
        team.assessment.refresh_from_db()
        assert team.assessment.is_open
