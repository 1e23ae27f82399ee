"""One small Hub with every object the access table's addresses need, in the variants that
matter for access: public and invitation-only events, published and draft cases, a confidential
and a published peer challenge, an assessment with its team, a cohort with its participant, a
place with a partner's person, a mentoring, market records and the people of each role.

The table names its principals by the attribute that holds their user here: the six roles
(`member`, `champion`, `facilitator`, `editor`, `programme_admin`; anonymous has none) and the
insiders of single objects (`case_author`, `invitee`, `team_lead`, ...)."""

import secrets
from datetime import timedelta
from types import SimpleNamespace

from django.utils import timezone

from hub.accounts.roles import Role


def build_world() -> SimpleNamespace:
    from hub.academies import cohorts as academy_services
    from hub.academies.models import CohortStatus, EnrolmentStatus
    from hub.academies.tests.factories import (
        BriefingFactory,
        CohortFactory,
        EnrolmentFactory,
        ModuleFactory,
        PlanActionFactory,
        PlanFactory,
        SessionFactory,
    )
    from hub.accounts.tests.factories import UserFactory
    from hub.assessment.models import (
        FrameworkStatus,
        PlaceAssessment,
        Recommendation,
        SupportPlan,
        TeamRole,
    )
    from hub.assessment.tests.factories import (
        AssessmentFactory,
        FrameworkFactory,
        TeamMemberFactory,
        answer_all,
    )
    from hub.cases.models import Status
    from hub.cases.tests.factories import (
        AttachmentFactory,
        BenefitFactory,
        ResourceFactory,
        SavedSearchFactory,
    )
    from hub.champions.tests.factories import ChampionProfileFactory, MentoringFactory
    from hub.events.models import (
        AttendeeListVisibility,
        CalendarFeed,
        PlaceStatus,
        RecordStatus,
    )
    from hub.events.tests.factories import (
        ChathamHouseRecordFactory,
        EventFactory,
        InvitationFactory,
        SeriesFactory,
    )
    from hub.market.models import ImportRun, MatchReview, ReviewKind, Source
    from hub.market.tests.factories import AwardFactory, ContractFactory, WatchFactory
    from hub.organisations.models import PartnerKind, Seniority
    from hub.organisations.tests.factories import (
        OrganisationFactory,
        PersonFactory,
        PlaceFactory,
        PlacePartnerFactory,
    )
    from hub.peer_challenge.models import FrameworkStatus as EnquiryFrameworkStatus
    from hub.peer_challenge.models import PeerRole
    from hub.peer_challenge.tests.factories import (
        ActionFactory,
        ChallengeFactory,
        CouncilLeadFactory,
        EnquiryFrameworkFactory,
        FindingFactory,
        PeerFactory,
        first_line,
    )

    w = SimpleNamespace()

    def person_user(roles=(), **person_fields):
        person = PersonFactory(**person_fields)
        person.user.groups.add(*_groups(roles))
        return person.user

    # The roles. Plain members have a register person (an organisation), so pages that need
    # one are not refused for lacking it: what is refused is refused for the role.
    w.member = person_user()
    w.facilitator = UserFactory(roles=[Role.FACILITATOR])
    w.editor = UserFactory(roles=[Role.EDITOR])
    w.programme_admin = UserFactory(roles=[Role.PROGRAMME_ADMIN])
    w.champion_profile = ChampionProfileFactory()
    w.champion = w.champion_profile.person.user
    w.champion.groups.add(*_groups([Role.CHAMPION]))

    # Organisations and places.
    w.council = OrganisationFactory()
    w.place = PlaceFactory()
    PlacePartnerFactory(place=w.place, organisation=w.council, partner_kind=PartnerKind.COUNCIL)
    w.partner_person = person_user(organisation=w.council)

    # Cases: a published one with a benefit and a file; a draft and a submitted one by their
    # author; a saved search.
    w.case = ResourceFactory(lead_organisation=w.council)
    w.case_benefit = BenefitFactory(resource=w.case)
    w.case_attachment = AttachmentFactory(resource=w.case)
    w.case_author = person_user()
    w.draft_case = ResourceFactory(status=Status.DRAFT, contributor=w.case_author)
    w.draft_benefit = BenefitFactory(resource=w.draft_case)
    w.draft_attachment = AttachmentFactory(resource=w.draft_case)
    w.submitted_case = ResourceFactory(status=Status.SUBMITTED, contributor=w.case_author)
    w.search_owner = person_user()
    w.saved_search = SavedSearchFactory(user=w.search_owner)

    # Events: an open session (public) and a past invitation-only round table with an
    # accepted invitee, its named facilitator, a Chatham House record shared with attendees
    # and the attendee list shown to people with a place.
    w.series = SeriesFactory()
    w.open_event = EventFactory(open_session=True, series=w.series)
    w.event_facilitator = UserFactory(roles=[Role.FACILITATOR])
    w.private_event = EventFactory(
        past=True,
        series=w.series,
        facilitators=[w.event_facilitator],
        attendee_list_visibility=AttendeeListVisibility.ATTENDEES,
    )
    w.invitee = person_user()
    w.invitation = InvitationFactory(
        event=w.private_event, user=w.invitee, status=PlaceStatus.ACCEPTED
    )
    w.invitation_token = w.invitation.token
    ChathamHouseRecordFactory(
        event=w.private_event, status=RecordStatus.ATTENDEES, written_by=w.event_facilitator
    )
    w.calendar_feed = CalendarFeed.objects.create(user=w.member)

    # Champions: the champion mentors a mentee; a nomination waits for a decision.
    w.mentee = person_user()
    w.mentoring = MentoringFactory(champion=w.champion_profile, mentee=w.mentee, accepted=True)
    w.nomination = ChampionProfileFactory(nominated=True)
    w.chief_executive = person_user(seniority=Seniority.CHIEF_EXECUTIVE)

    # Academies: a running cohort in the place with its facilitator and an enrolled
    # participant with a plan; one applicant waits for their sponsor's link.
    w.module = ModuleFactory()
    w.briefing = BriefingFactory()
    w.cohort_facilitator = UserFactory(roles=[Role.FACILITATOR])
    w.cohort = CohortFactory(
        place=w.place, status=CohortStatus.RUNNING, facilitators=[w.cohort_facilitator]
    )
    w.session = SessionFactory(cohort=w.cohort, number=1)
    w.enrolment = EnrolmentFactory(cohort=w.cohort)
    w.participant = w.enrolment.user
    w.plan = PlanFactory(enrolment=w.enrolment)
    w.plan_action = PlanActionFactory(plan=w.plan)
    w.graduation = EnrolmentFactory(
        cohort=w.cohort, status=EnrolmentStatus.COMPLETED, certificate_number="DLH-TEST-0001"
    )
    w.graduate = w.graduation.user
    w.sponsor_token = secrets.token_urlsafe(16)
    EnrolmentFactory(
        cohort=w.cohort,
        status=EnrolmentStatus.AWAITING_SPONSOR,
        enrolled_at=None,
        sponsor_token_hash=academy_services.hash_token(w.sponsor_token),
        sponsor_token_expires_at=timezone.now() + timedelta(days=7),
    )

    # Self-assessment: an open assessment of the council whose lead has answered, with a
    # second team member; a support plan item; a draft framework version; a place assessment.
    w.assessment = AssessmentFactory(organisation=w.council)
    w.team_member = TeamMemberFactory(assessment=w.assessment, is_lead=True)
    w.team_lead = w.team_member.user
    w.second_member = TeamMemberFactory(assessment=w.assessment, role=TeamRole.COUNCILLOR)
    w.team_colleague = w.second_member.user
    answer_all(w.team_member, 3)
    support_plan = SupportPlan.objects.create(assessment=w.assessment)
    w.recommendation = Recommendation.objects.create(
        plan=support_plan,
        kind="case",
        capability_code="what-digital-can-do",
        capability_title="What digital can do",
        title="Read a case",
        reason="Weakest capability",
    )
    w.draft_framework = FrameworkFactory(status=FrameworkStatus.DRAFT, published_at=None)
    w.draft_question = w.draft_framework.capabilities.first().questions.first()
    w.place_assessment = PlaceAssessment.objects.create(
        place=w.place, framework=w.assessment.framework, title="Testshire place assessment"
    )

    # Peer challenge: a confidential one (not published) with its lead peer and council lead,
    # a finding and an action; a published one.
    w.challenge = ChallengeFactory()
    w.peer = PeerFactory(challenge=w.challenge, role=PeerRole.LEAD_PEER).person.user
    w.peer_member = w.challenge.peers.first()
    w.council_lead_row = CouncilLeadFactory(challenge=w.challenge)
    w.council_lead = w.council_lead_row.person.user
    w.finding = FindingFactory(challenge=w.challenge)
    w.challenge_action = ActionFactory(challenge=w.challenge)
    w.line = first_line(w.challenge)
    w.published_challenge = ChallengeFactory(status="published", report_published_at=timezone.now())
    w.published_finding = FindingFactory(challenge=w.published_challenge)
    w.published_line = first_line(w.published_challenge)
    w.draft_enquiry_framework = EnquiryFrameworkFactory(
        status=EnquiryFrameworkStatus.DRAFT, published_at=None
    )
    w.draft_enquiry_line = w.draft_enquiry_framework.elements.first().lines.first()

    # Market: a contract of the council with a supplier, an import run, a pending review and
    # a watch of its owner.
    w.contract = ContractFactory(buyer=w.council)
    w.supplier = AwardFactory(contract=w.contract).suppliers.first()
    w.import_run = ImportRun.objects.create(source=Source.CONTRACTS_FINDER, location="test.json")
    w.review = MatchReview.objects.create(
        kind=ReviewKind.BUYER, raw_name="Testshire", score=0.8, contract=w.contract
    )
    w.watch_owner = person_user()
    w.watch = WatchFactory(user=w.watch_owner, organisation=w.watch_owner.person.organisation)

    # Privacy: someone has asked for their data to be erased.
    from hub.privacy.models import ErasureRequest

    w.erasure_requester = person_user()
    w.erasure_request = ErasureRequest.objects.create(
        user=w.erasure_requester, due_on=timezone.localdate() + timedelta(days=30)
    )
    return w


def _groups(roles):
    from django.contrib.auth.models import Group

    return Group.objects.filter(name__in=[Role(role).value for role in roles])
