"""The answering services: starting an assessment, its team, answers, submitting, closing,
and movement since the previous assessment."""

from datetime import timedelta

import pytest
from django.utils import timezone

from hub.assessment import answering as services
from hub.assessment.models import (
    Answer,
    AssessmentStatus,
    Capability,
    Question,
    TeamMember,
    TeamRole,
)
from hub.assessment.tests.factories import (
    AssessmentFactory,
    FrameworkFactory,
    TeamMemberFactory,
    answer_all,
)
from hub.organisations.models import RoleType
from hub.organisations.tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def assessment():
    return AssessmentFactory(framework=FrameworkFactory(questions=2))


@pytest.fixture
def lead(assessment):
    return TeamMemberFactory(assessment=assessment, is_lead=True)


def capability(assessment, code="user-insight-first") -> Capability:
    return assessment.framework.capabilities.get(code=code)


def scores_for(item: Capability, score: int) -> dict[int, int]:
    return {question.pk: score for question in item.questions.all()}


class TestStart:
    @pytest.mark.parametrize(
        ("role_type", "team_role"),
        [(RoleType.COUNCILLOR, TeamRole.COUNCILLOR), (RoleType.OFFICER, TeamRole.OFFICER)],
    )
    def test_the_starter_leads_an_assessment_of_their_organisation(self, role_type, team_role):
        person = PersonFactory(role_type=role_type)
        assessment = services.assessment_start(user=person.user, title="Spring review")
        assert assessment.organisation == person.organisation
        assert assessment.status == AssessmentStatus.OPEN
        assert assessment.created_by == person.user
        (member,) = assessment.members.all()
        assert (member.user, member.person, member.is_lead) == (person.user, person, True)
        assert member.team_role == team_role

    def test_someone_without_an_organisation_cannot_start(self, user_with_role):
        with pytest.raises(services.AssessmentError, match="Add your organisation"):
            services.assessment_start(user=user_with_role(), title="x")


class TestTeam:
    def test_add_someone_from_the_council_and_email_them(
        self, assessment, lead, mailoutbox, immediate_tasks, django_capture_on_commit_callbacks
    ):
        person = PersonFactory(organisation=assessment.organisation, role_type=RoleType.COUNCILLOR)
        with django_capture_on_commit_callbacks(execute=True):
            member = services.team_member_add(assessment=assessment, person=person, by=lead.user)
        assert (member.user, member.team_role, member.is_lead) == (
            person.user,
            TeamRole.COUNCILLOR,
            False,
        )
        (mail,) = mailoutbox
        assert mail.to == [person.user.email]
        assert assessment.title in mail.subject
        assert f"/self-assessment/{assessment.pk}/answer/" in mail.body
        assert lead.person.full_name in mail.body

    def test_not_someone_from_another_council(self, assessment, lead):
        with pytest.raises(services.AssessmentError, match="is not from"):
            services.team_member_add(assessment=assessment, person=PersonFactory(), by=lead.user)

    def test_not_someone_without_an_account(self, assessment, lead):
        person = PersonFactory(organisation=assessment.organisation, user=None)
        with pytest.raises(services.AssessmentError, match="needs an account"):
            services.team_member_add(assessment=assessment, person=person, by=lead.user)

    def test_not_twice(self, assessment, lead):
        with pytest.raises(services.AssessmentError, match="already on the team"):
            services.team_member_add(assessment=assessment, person=lead.person, by=lead.user)

    def test_eligible_people_are_of_the_council_with_an_account_and_not_on_the_team(
        self, assessment, lead
    ):
        eligible = PersonFactory(organisation=assessment.organisation)
        PersonFactory(organisation=assessment.organisation, user=None)
        PersonFactory()
        assert list(services.eligible_people(assessment)) == [eligible]

    def test_remove_a_member_with_their_answers(self, assessment, lead):
        member = TeamMemberFactory(assessment=assessment)
        answer_all(member, 3)
        services.team_member_remove(member=member)
        assert not TeamMember.objects.filter(pk=member.pk).exists()
        assert not Answer.objects.filter(member_id=member.pk).exists()

    def test_the_lead_stays(self, lead):
        with pytest.raises(services.AssessmentError, match="lead cannot be removed"):
            services.team_member_remove(member=lead)

    def test_a_closed_assessment_keeps_its_team(self, assessment, lead):
        answer_all(lead, 3)
        services.assessment_close(assessment=assessment)
        with pytest.raises(services.AssessmentError, match="closed"):
            services.team_member_add(
                assessment=assessment,
                person=PersonFactory(organisation=assessment.organisation),
                by=lead.user,
            )


class TestAnswers:
    def test_save_and_change_before_submitting(self, assessment, lead):
        item = capability(assessment)
        services.answers_save(member=lead, capability=item, scores=scores_for(item, 2))
        services.answers_save(member=lead, capability=item, scores=scores_for(item, 4))
        assert sorted(lead.answers.values_list("score", flat=True)) == [4, 4]

    def test_first_unanswered_follows_the_framework_order(self, assessment, lead):
        first, second = assessment.framework.capabilities.all()[:2]
        assert services.first_unanswered(lead) == first
        services.answers_save(member=lead, capability=first, scores=scores_for(first, 3))
        assert services.first_unanswered(lead) == second

    def test_a_question_of_another_capability_is_refused(self, assessment, lead):
        item = capability(assessment)
        other = capability(assessment, "resources-and-skills")
        with pytest.raises(services.AssessmentError):
            services.answers_save(member=lead, capability=item, scores=scores_for(other, 3))

    def test_a_capability_of_another_framework_is_refused(self, assessment, lead):
        other = FrameworkFactory(questions=1).capabilities.first()
        with pytest.raises(services.AssessmentError):
            services.answers_save(member=lead, capability=other, scores=scores_for(other, 3))

    def test_submitting_needs_every_question(self, assessment, lead):
        item = capability(assessment)
        services.answers_save(member=lead, capability=item, scores=scores_for(item, 3))
        with pytest.raises(services.AssessmentError, match="10 questions still to answer"):
            services.answers_submit(member=lead)
        lead.refresh_from_db()
        assert not lead.has_submitted

    def test_submitted_answers_are_final(self, assessment, lead):
        answer_all(lead, 3, submit=False)
        services.answers_submit(member=lead)
        lead.refresh_from_db()
        assert lead.has_submitted
        item = capability(assessment)
        with pytest.raises(services.AssessmentError, match="can no longer change"):
            services.answers_save(member=lead, capability=item, scores=scores_for(item, 5))
        with pytest.raises(services.AssessmentError):
            services.answers_submit(member=lead)
        assert set(lead.answers.values_list("score", flat=True)) == {3}

    def test_no_answers_once_closed(self, assessment, lead):
        answer_all(lead, 3)
        member = TeamMemberFactory(assessment=assessment)
        services.assessment_close(assessment=assessment)
        item = capability(assessment)
        with pytest.raises(services.AssessmentError, match="closed"):
            services.answers_save(member=member, capability=item, scores=scores_for(item, 3))


class TestClose:
    def test_needs_a_submitted_member(self, assessment, lead):
        answer_all(lead, 3, submit=False)
        with pytest.raises(services.AssessmentError, match="At least one member"):
            services.assessment_close(assessment=assessment)
        assessment.refresh_from_db()
        assert assessment.is_open

    def test_closes(self, assessment, lead):
        answer_all(lead, 3)
        services.assessment_close(assessment=assessment)
        assessment.refresh_from_db()
        assert assessment.status == AssessmentStatus.CLOSED
        assert assessment.closed_at is not None
        with pytest.raises(services.AssessmentError):
            services.assessment_close(assessment=assessment)


def closed_assessment(organisation, framework, scores, *, days_ago: int):
    assessment = AssessmentFactory(organisation=organisation, framework=framework)
    answer_all(TeamMemberFactory(assessment=assessment, is_lead=True), scores)
    assessment.status = AssessmentStatus.CLOSED
    assessment.closed_at = timezone.now() - timedelta(days=days_ago)
    assessment.save()
    return assessment


class TestMovement:
    def test_none_for_a_first_assessment(self, assessment, lead):
        answer_all(lead, 3)
        assert services.movement(assessment, []) == (None, [])

    def test_since_the_latest_closed_assessment_of_the_same_organisation(self, assessment, lead):
        framework = FrameworkFactory(questions=1)
        organisation = assessment.organisation
        closed_assessment(organisation, framework, 1, days_ago=400)
        latest = closed_assessment(organisation, framework, 2, days_ago=100)
        closed_assessment(AssessmentFactory().organisation, framework, 5, days_ago=10)
        answer_all(lead, {"user-insight-first": 4, **dict.fromkeys(OTHER_CODES, 2)})
        results = services.team_results(assessment)
        assert results.previous == latest
        by_code = {m.code: m for m in results.movements}
        # Level 2 was 25 last time; level 4 is 75 now (matched by code across versions).
        assert by_code["user-insight-first"].previous == 25
        assert by_code["user-insight-first"].current == 75
        assert by_code["user-insight-first"].change == 50
        assert by_code["resources-and-skills"].change == 0

    def test_a_closed_assessment_compares_with_the_one_before_it(self, assessment, lead):
        framework = assessment.framework
        earlier = closed_assessment(assessment.organisation, framework, 2, days_ago=200)
        middle = closed_assessment(assessment.organisation, framework, 3, days_ago=100)
        assert services.previous_assessment(middle) == earlier
        assert services.previous_assessment(earlier) is None


OTHER_CODES = [
    "what-digital-can-do",
    "market-and-value-for-money",
    "where-investment-delivered",
    "resources-and-skills",
    "spotting-opportunities",
]


class TestTeamResults:
    def test_spread_counts_and_the_weakest(self, assessment, lead):
        second = TeamMemberFactory(assessment=assessment)
        third = TeamMemberFactory(assessment=assessment)
        answer_all(lead, {"user-insight-first": 1, **dict.fromkeys(OTHER_CODES, 4)})
        answer_all(second, {"user-insight-first": 3, **dict.fromkeys(OTHER_CODES, 4)})
        answer_all(
            third,
            {
                "user-insight-first": 1,
                "resources-and-skills": 2,
                **{code: 4 for code in OTHER_CODES if code != "resources-and-skills"},
            },
            submit=False,
        )
        results = services.team_results(assessment)
        assert results.submitted == 2
        assert results.weakest_codes == {"user-insight-first", "what-digital-can-do"}
        spread = results.spreads["user-insight-first"][0]
        assert (spread.lowest, spread.highest, spread.differs) == (1, 3, True)
        assert spread.counts == [(1, 1), (2, 0), (3, 1), (4, 0), (5, 0)]
        agreed = results.spreads["resources-and-skills"][0]
        assert (agreed.lowest, agreed.highest, agreed.differs) == (4, 4, False)

    def test_questions_are_the_frameworks(self, assessment):
        assert (
            services.questions_of(assessment).count()
            == Question.objects.filter(capability__framework=assessment.framework).count()
        )
