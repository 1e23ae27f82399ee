"""Challenge services and selectors: who sees which challenge, setting one up, the peer team
and the council's leads, status through the visit, deadlines, and the position statement
from the latest closed self-assessment."""

from datetime import date, timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from hub.accounts.roles import Role
from hub.assessment.models import AssessmentStatus
from hub.assessment.tests.factories import AssessmentFactory, TeamMemberFactory, answer_all
from hub.organisations.models import OrganisationKind
from hub.organisations.tests.factories import OrganisationFactory, PersonFactory
from hub.peer_challenge import challenges as services
from hub.peer_challenge.models import (
    ChallengeStatus,
    Deadline,
    EnquiryFramework,
    PeerRole,
    PeerTeamMember,
)
from hub.peer_challenge.tests.factories import (
    ChallengeFactory,
    CouncilLeadFactory,
    PeerFactory,
)

pytestmark = pytest.mark.django_db


def create(**overrides):
    fields = {
        "organisation": OrganisationFactory(),
        "title": "",
        "on_site_starts_on": date(2026, 3, 2),
        "on_site_ends_on": date(2026, 3, 5),
        "scoping_meeting_on": None,
        "by": None,
    }
    return services.challenge_create(**{**fields, **overrides})


class TestSettingUp:
    def test_takes_the_published_framework_and_a_title_from_the_council(self):
        council = OrganisationFactory(name="Testport City Council")
        challenge = create(organisation=council)
        assert challenge.framework == EnquiryFramework.objects.get(version=1)
        assert challenge.title == "Corporate peer challenge of Testport City Council"
        assert challenge.slug == "corporate-peer-challenge-of-testport-city-council"
        assert challenge.status == ChallengeStatus.SCOPING

    def test_slugs_are_unique(self):
        council = OrganisationFactory()
        first = create(organisation=council, title="Spring challenge")
        second = create(organisation=council, title="Spring challenge")
        assert (first.slug, second.slug) == ("spring-challenge", "spring-challenge-2")

    def test_a_slug_never_takes_a_pages_address(self):
        assert create(title="Framework").slug == "framework-2"

    def test_only_a_current_council(self):
        with pytest.raises(services.ChallengeError, match="is not a current council"):
            create(organisation=OrganisationFactory(kind=OrganisationKind.NHS_BODY))
        with pytest.raises(services.ChallengeError, match="is not a current council"):
            create(organisation=OrganisationFactory(is_current=False))

    def test_the_visit_ends_on_or_after_it_starts(self):
        with pytest.raises(services.ChallengeError, match="end on or after"):
            create(on_site_starts_on=date(2026, 3, 5), on_site_ends_on=date(2026, 3, 4))
        assert create(on_site_starts_on=date(2026, 3, 5), on_site_ends_on=date(2026, 3, 5))

    def test_a_challenge_keeps_its_version_when_another_is_published(self):
        from hub.peer_challenge import framework

        challenge = create()
        draft = framework.framework_copy(source=challenge.framework)
        framework.framework_publish(framework=draft)
        challenge.refresh_from_db()
        assert challenge.framework.version == 1
        assert create().framework == draft


class TestVisibility:
    def test_staff_see_all_insiders_their_own_everyone_the_published(self, user_with_role):
        mine, theirs, published = ChallengeFactory(), ChallengeFactory(), ChallengeFactory()
        published.report_published_at = timezone.now()
        published.save()
        peer = PeerFactory(challenge=mine).person.user
        lead = CouncilLeadFactory(challenge=theirs).person.user
        staff = user_with_role(Role.FACILITATOR)
        member = user_with_role(Role.MEMBER)

        def seen(user):
            return set(services.visible_challenges(user))

        assert seen(staff) == {mine, theirs, published}
        assert seen(peer) == {mine, published}
        assert seen(lead) == {theirs, published}
        assert seen(member) == {published}
        assert seen(AnonymousUser()) == {published}

    def test_filters_by_status_region_and_kind(self):
        north = ChallengeFactory(organisation=OrganisationFactory(region="North East"))
        county = ChallengeFactory(organisation=OrganisationFactory(kind=OrganisationKind.COUNTY))
        county.status = ChallengeStatus.ON_SITE
        county.save()
        everything = services.visible_challenges(AnonymousUser()).model.objects.all()
        assert set(services.filtered(everything, region="North East")) == {north}
        assert set(services.filtered(everything, kind="county")) == {county}
        assert set(services.filtered(everything, status="on_site")) == {county}


class TestTeam:
    def test_a_member_of_the_reviewed_council_is_never_a_peer(self):
        challenge = ChallengeFactory()
        insider = PersonFactory(organisation=challenge.organisation, full_name="Ada Insider")
        with pytest.raises(services.ChallengeError) as refused:
            services.peer_add(
                challenge=challenge, person=insider, role=PeerRole.OFFICER_PEER, by=None
            )
        assert str(refused.value).startswith(
            f"Ada Insider works for {challenge.organisation.name}, the council under review"
        )
        assert not challenge.peers.exists()

    def test_one_lead_peer(self):
        challenge = ChallengeFactory()
        first = PersonFactory(full_name="Lee Lead")
        services.peer_add(challenge=challenge, person=first, role=PeerRole.LEAD_PEER, by=None)
        with pytest.raises(services.ChallengeError, match="Lee Lead is already the lead peer"):
            services.peer_add(
                challenge=challenge, person=PersonFactory(), role=PeerRole.LEAD_PEER, by=None
            )
        assert challenge.peers.filter(role=PeerRole.LEAD_PEER).count() == 1

    def test_nobody_twice(self):
        challenge = ChallengeFactory()
        person = PersonFactory()
        services.peer_add(challenge=challenge, person=person, role=PeerRole.MEMBER_PEER, by=None)
        with pytest.raises(services.ChallengeError, match="already on the peer team"):
            services.peer_add(
                challenge=challenge, person=person, role=PeerRole.OFFICER_PEER, by=None
            )

    def test_peers_with_an_account_are_emailed_a_link(
        self, mailoutbox, immediate_tasks, django_capture_on_commit_callbacks
    ):
        challenge = ChallengeFactory()
        person = PersonFactory()
        without_account = PersonFactory(user=None)
        with django_capture_on_commit_callbacks(execute=True):
            services.peer_add(challenge=challenge, person=person, role=PeerRole.LEAD_PEER, by=None)
            services.peer_add(
                challenge=challenge, person=without_account, role=PeerRole.MEMBER_PEER, by=None
            )
        assert len(mailoutbox) == 1
        assert mailoutbox[0].to == [person.user.email]
        assert challenge.title in mailoutbox[0].subject
        assert f"/peer-challenge/{challenge.slug}/" in mailoutbox[0].body
        assert PeerTeamMember.objects.filter(challenge=challenge).count() == 2

    def test_council_leads_come_from_the_reviewed_council(
        self, mailoutbox, immediate_tasks, django_capture_on_commit_callbacks
    ):
        challenge = ChallengeFactory()
        with pytest.raises(services.ChallengeError, match="does not work for"):
            services.council_lead_add(challenge=challenge, person=PersonFactory(), by=None)
        colleague = PersonFactory(organisation=challenge.organisation)
        with django_capture_on_commit_callbacks(execute=True):
            lead = services.council_lead_add(challenge=challenge, person=colleague, by=None)
        assert [m.to for m in mailoutbox] == [[colleague.user.email]]
        services.council_lead_remove(lead=lead)
        assert not challenge.council_leads.exists()

    def test_the_team_lists_the_lead_peer_first(self):
        challenge = ChallengeFactory()
        PeerFactory(challenge=challenge, role=PeerRole.OFFICER_PEER)
        lead = PeerFactory(challenge=challenge, role=PeerRole.LEAD_PEER)
        assert services.team(challenge)[0] == lead


class TestStatusAndDeadlines:
    def test_moves_through_the_visit_then_waits_for_the_report(self):
        challenge = ChallengeFactory()
        challenge = services.challenge_status_advance(challenge=challenge)
        assert challenge.status == ChallengeStatus.ON_SITE
        challenge = services.challenge_status_advance(challenge=challenge)
        assert challenge.status == ChallengeStatus.REPORTING
        with pytest.raises(services.ChallengeError, match="publishes the report"):
            services.challenge_status_advance(challenge=challenge)

    @pytest.mark.parametrize(
        ("ends_on", "report", "action_plan", "review"),
        [
            (date(2026, 3, 5), date(2026, 6, 5), date(2026, 8, 5), date(2027, 1, 5)),
            (date(2026, 8, 31), date(2026, 11, 30), date(2027, 1, 31), date(2027, 6, 30)),
            (date(2025, 9, 30), date(2025, 12, 30), date(2026, 2, 28), date(2026, 7, 30)),
        ],
    )
    def test_deadlines_are_calendar_months_after_the_visit(
        self, ends_on, report, action_plan, review
    ):
        challenge = ChallengeFactory(
            on_site_starts_on=ends_on - timedelta(days=3), on_site_ends_on=ends_on
        )
        assert services.deadline_dates(challenge) == {
            Deadline.REPORT: report,
            Deadline.ACTION_PLAN: action_plan,
            Deadline.PROGRESS_REVIEW: review,
        }


def closed_assessment(organisation, scores: dict, *, closed_days_ago: int = 1, title="Spring"):
    assessment = AssessmentFactory(
        organisation=organisation,
        title=title,
        status=AssessmentStatus.CLOSED,
        closed_at=timezone.now() - timedelta(days=closed_days_ago),
    )
    answer_all(TeamMemberFactory(assessment=assessment), scores)
    return assessment


SCORES = {
    "what-digital-can-do": 5,
    "market-and-value-for-money": 1,
    "user-insight-first": 3,
    "where-investment-delivered": 3,
    "resources-and-skills": 4,
    "spotting-opportunities": 2,
}


class TestPositionFromAssessment:
    def test_summarises_the_latest_closed_assessment(self):
        challenge = ChallengeFactory()
        closed_assessment(challenge.organisation, 3, closed_days_ago=200, title="Last year")
        latest = closed_assessment(challenge.organisation, SCORES, title="This spring")
        AssessmentFactory(organisation=challenge.organisation, title="Still open")
        challenge.position_statement = "We are proud of our libraries."
        challenge.save()

        assert services.position_from_assessment(challenge=challenge) == latest
        challenge.refresh_from_db()
        statement = challenge.position_statement
        assert challenge.position_from_assessment_id == latest.pk
        assert "“This spring”" in statement
        assert "- What digital can do: 100" in statement
        assert "- The market and value for money: 0" in statement
        assert "- Applying digital, starting with user insight: 50" in statement
        assert (
            "Our strongest capability is What digital can do (100 out of 100); our weakest is "
            "The market and value for money (0 out of 100)."
        ) in statement
        assert statement.rstrip().endswith("We are proud of our libraries.")
        assert "Last year" not in statement

    def test_another_councils_assessment_is_never_used(self):
        challenge = ChallengeFactory()
        closed_assessment(OrganisationFactory(), SCORES)
        with pytest.raises(services.ChallengeError, match="has no closed self-assessment"):
            services.position_from_assessment(challenge=challenge)
        challenge.refresh_from_db()
        assert challenge.position_from_assessment_id is None
