"""Cohort services: the mix check, applying with a sponsor, the sponsor's decision, late
enrolment, capacity and its waiting list, withdrawing."""

from datetime import timedelta

import pytest
from django.utils import timezone

from hub.academies import cohorts as services
from hub.academies.models import (
    SPONSOR_LINK_DAYS,
    AttendanceMethod,
    AttendanceStatus,
    CohortStatus,
    EnrolmentStatus,
)
from hub.academies.tests.factories import CohortFactory, EnrolmentFactory, SessionFactory
from hub.organisations.models import PartnerKind, RoleType
from hub.organisations.tests.factories import PersonFactory, PlacePartnerFactory

pytestmark = pytest.mark.django_db

SPONSOR = {
    "sponsor_name": "Sam Chief",
    "sponsor_job_title": "Chief executive",
    "sponsor_email": "sam.chief@example.org",
}


def partner_person(cohort, kind=PartnerKind.POLICE, **fields):
    membership = PlacePartnerFactory(place=cohort.place, partner_kind=kind)
    return PersonFactory(organisation=membership.organisation, **fields)


def apply_for(cohort, person, **sponsor):
    return services.apply(
        cohort=cohort, user=person.user, motivation="Join up data", **{**SPONSOR, **sponsor}
    )


def token_from(mail) -> str:
    return mail.body.split("/academies/sponsor/")[1].split()[0]


class TestMixWarnings:
    def test_a_balanced_cohort_has_no_warnings(self):
        cohort = CohortFactory()
        for sector in cohort.required_sectors:
            EnrolmentFactory(cohort=cohort, sector=sector)
        EnrolmentFactory(cohort=cohort, sector=PartnerKind.HEALTH)
        assert services.mix_warnings(cohort) == []

    def test_warns_for_each_required_sector_with_nobody(self):
        cohort = CohortFactory()
        EnrolmentFactory(cohort=cohort, sector=PartnerKind.COUNCIL)
        EnrolmentFactory(cohort=cohort, sector=PartnerKind.POLICE)
        assert services.mix_warnings(cohort) == [
            "Nobody from fire and rescue: the cohort needs someone from each required sector",
            "Nobody from health: the cohort needs someone from each required sector",
        ]

    def test_awaiting_counts_but_withdrawn_and_declined_do_not(self):
        cohort = CohortFactory(required_sectors=[PartnerKind.POLICE, PartnerKind.HEALTH])
        EnrolmentFactory(
            cohort=cohort, sector=PartnerKind.POLICE, status=EnrolmentStatus.AWAITING_SPONSOR
        )
        EnrolmentFactory(cohort=cohort, sector=PartnerKind.HEALTH, status=EnrolmentStatus.WITHDRAWN)
        assert services.mix_warnings(cohort) == [
            "Nobody from health: the cohort needs someone from each required sector"
        ]

    def test_warns_when_one_body_has_more_than_forty_percent_of_five_or_more(self):
        cohort = CohortFactory(required_sectors=[])
        for _ in range(3):
            EnrolmentFactory(cohort=cohort, sector=PartnerKind.COUNCIL)
        EnrolmentFactory(cohort=cohort, sector=PartnerKind.POLICE)
        # Four participants: too few to judge.
        assert services.mix_warnings(cohort) == []
        EnrolmentFactory(cohort=cohort, sector=PartnerKind.HEALTH)
        council = cohort.enrolments.filter(partner_kind=PartnerKind.COUNCIL).first().organisation
        assert services.mix_warnings(cohort) == [
            f"{council.name} has 3 of the 5 participants (60%): no one body should have more "
            "than 40%"
        ]

    def test_exactly_forty_percent_is_fine(self):
        cohort = CohortFactory(required_sectors=[])
        for sector in (PartnerKind.COUNCIL, PartnerKind.COUNCIL, PartnerKind.POLICE):
            EnrolmentFactory(cohort=cohort, sector=sector)
        EnrolmentFactory(cohort=cohort, sector=PartnerKind.HEALTH)
        EnrolmentFactory(cohort=cohort, sector=PartnerKind.FIRE_AND_RESCUE)
        assert services.mix_warnings(cohort) == []

    def test_member_academy_has_no_sector_warnings(self):
        cohort = CohortFactory(member=True, required_sectors=[PartnerKind.POLICE])
        EnrolmentFactory(cohort=cohort)
        assert services.mix_warnings(cohort) == []


class TestApplying:
    def test_creates_an_enrolment_awaiting_the_sponsor_and_emails_a_link(
        self, mailoutbox, immediate_tasks, django_capture_on_commit_callbacks
    ):
        cohort = CohortFactory()
        person = partner_person(cohort, PartnerKind.FIRE_AND_RESCUE)
        with django_capture_on_commit_callbacks(execute=True):
            enrolment = apply_for(cohort, person)
        assert enrolment.status == EnrolmentStatus.AWAITING_SPONSOR
        assert enrolment.partner_kind == PartnerKind.FIRE_AND_RESCUE
        assert enrolment.organisation == person.organisation
        assert enrolment.applied_by == person.user
        (mail,) = mailoutbox
        assert mail.to == ["sam.chief@example.org"]
        token = token_from(mail)
        assert enrolment.sponsor_token_hash == services.hash_token(token)
        assert token not in enrolment.sponsor_token_hash
        expected_expiry = timezone.now() + timedelta(days=SPONSOR_LINK_DAYS)
        assert abs(enrolment.sponsor_token_expires_at - expected_expiry) < timedelta(minutes=1)

    def test_member_academy_is_for_councillors(self):
        cohort = CohortFactory(member=True)
        officer = PersonFactory(role_type=RoleType.OFFICER)
        with pytest.raises(services.CohortError, match="for councillors"):
            apply_for(cohort, officer)
        councillor = PersonFactory(role_type=RoleType.COUNCILLOR)
        assert apply_for(cohort, councillor).partner_kind == ""

    def test_digital_academy_needs_a_partner_of_the_place(self):
        cohort = CohortFactory()
        with pytest.raises(services.CohortError, match="is not a partner of"):
            apply_for(cohort, PersonFactory())

    def test_the_sponsor_must_be_someone_else(self):
        cohort = CohortFactory()
        person = partner_person(cohort)
        with pytest.raises(services.CohortError, match="sponsor must be someone else"):
            apply_for(cohort, person, sponsor_email=person.user.email.upper())
        with pytest.raises(services.CohortError, match="sponsor must be someone else"):
            apply_for(cohort, person, sponsor_name=person.full_name)

    def test_cannot_apply_twice_but_can_after_withdrawing(self):
        cohort = CohortFactory()
        person = partner_person(cohort)
        enrolment = apply_for(cohort, person)
        with pytest.raises(services.CohortError, match="already applied"):
            apply_for(cohort, person)
        services.withdraw(enrolment=enrolment, by=person.user)
        again = apply_for(cohort, person)
        assert again.pk == enrolment.pk
        assert again.status == EnrolmentStatus.AWAITING_SPONSOR

    @pytest.mark.parametrize("status", [CohortStatus.DRAFT, CohortStatus.FINISHED])
    def test_only_recruiting_or_running_cohorts_take_applications(self, status):
        cohort = CohortFactory(status=status)
        with pytest.raises(services.CohortError, match="not taking applications"):
            apply_for(cohort, partner_person(cohort))

    def test_without_a_register_entry(self, user_with_role):
        with pytest.raises(services.CohortError, match="register"):
            services.apply(cohort=CohortFactory(), user=user_with_role(), motivation="x", **SPONSOR)

    def test_a_facilitator_adds_someone_without_an_account(self, user_with_role):
        cohort = CohortFactory()
        person = partner_person(cohort, PartnerKind.HEALTH, user=None)
        facilitator = user_with_role()
        enrolment = services.add_participant(
            cohort=cohort, person=person, by=facilitator, **SPONSOR
        )
        assert enrolment.user is None
        assert enrolment.applied_by == facilitator
        assert enrolment.status == EnrolmentStatus.AWAITING_SPONSOR


def _applied(cohort, mailoutbox, capture, **fields):
    person = partner_person(cohort, **fields)
    with capture(execute=True):
        enrolment = apply_for(cohort, person)
    return enrolment, token_from(mailoutbox[-1])


@pytest.mark.usefixtures("immediate_tasks")
class TestSponsorDecision:
    def test_approval_enrols_and_tells_the_participant(
        self, mailoutbox, django_capture_on_commit_callbacks
    ):
        cohort = CohortFactory()
        enrolment, token = _applied(cohort, mailoutbox, django_capture_on_commit_callbacks)
        with django_capture_on_commit_callbacks(execute=True):
            services.sponsor_decide(raw_token=token, approve=True, comment="Good luck")
        enrolment.refresh_from_db()
        assert enrolment.status == EnrolmentStatus.ENROLLED
        assert enrolment.enrolled_at is not None
        assert enrolment.sponsor_comment == "Good luck"
        assert mailoutbox[-1].to == [enrolment.user.email]
        assert "You have a place" in mailoutbox[-1].subject

    def test_the_link_works_once(self, mailoutbox, django_capture_on_commit_callbacks):
        cohort = CohortFactory()
        _, token = _applied(cohort, mailoutbox, django_capture_on_commit_callbacks)
        services.sponsor_decide(raw_token=token, approve=False)
        with pytest.raises(services.SponsorLinkProblem) as problem:
            services.sponsor_decide(raw_token=token, approve=True)
        assert problem.value.reason == "used"

    def test_decline(self, mailoutbox, django_capture_on_commit_callbacks):
        cohort = CohortFactory()
        enrolment, token = _applied(cohort, mailoutbox, django_capture_on_commit_callbacks)
        with django_capture_on_commit_callbacks(execute=True):
            services.sponsor_decide(raw_token=token, approve=False)
        enrolment.refresh_from_db()
        assert enrolment.status == EnrolmentStatus.SPONSOR_DECLINED
        assert "did not support" in mailoutbox[-1].subject

    def test_expired_and_unknown_links(self, mailoutbox, django_capture_on_commit_callbacks):
        cohort = CohortFactory()
        enrolment, token = _applied(cohort, mailoutbox, django_capture_on_commit_callbacks)
        enrolment.sponsor_token_expires_at = timezone.now() - timedelta(seconds=1)
        enrolment.save()
        with pytest.raises(services.SponsorLinkProblem) as problem:
            services.sponsor_decide(raw_token=token, approve=True)
        assert problem.value.reason == "expired"
        with pytest.raises(services.SponsorLinkProblem) as problem:
            services.enrolment_for_sponsor("not-a-token")
        assert problem.value.reason == "unknown"

    def test_late_enrolment_marks_started_sessions(
        self, mailoutbox, django_capture_on_commit_callbacks
    ):
        cohort = CohortFactory(status=CohortStatus.RUNNING)
        past = SessionFactory(cohort=cohort, number=1, starts_at=timezone.now() - timedelta(days=9))
        SessionFactory(cohort=cohort, number=2)
        enrolment, token = _applied(cohort, mailoutbox, django_capture_on_commit_callbacks)
        services.sponsor_decide(raw_token=token, approve=True)
        enrolment.refresh_from_db()
        assert enrolment.status == EnrolmentStatus.ENROLLED_LATE
        (attendance,) = enrolment.attendance.all()
        assert attendance.session == past
        assert attendance.status == AttendanceStatus.NOT_YET_ENROLLED
        assert attendance.method == AttendanceMethod.ENROLMENT

    def test_a_full_cohort_leaves_the_approved_applicant_waiting_for_a_place(
        self, mailoutbox, django_capture_on_commit_callbacks
    ):
        cohort = CohortFactory(capacity=1)
        holder = EnrolmentFactory(cohort=cohort)
        enrolment, token = _applied(cohort, mailoutbox, django_capture_on_commit_callbacks)
        with django_capture_on_commit_callbacks(execute=True):
            services.sponsor_decide(raw_token=token, approve=True)
        enrolment.refresh_from_db()
        assert enrolment.status == EnrolmentStatus.AWAITING_SPONSOR
        assert services.is_waiting_for_place(enrolment)
        assert services.enrolment_status_label(enrolment) == "Waiting for a place"
        assert "waiting list" in mailoutbox[-1].body
        assert services.places_left(cohort) == 0
        # The place freed by a withdrawal goes to the first applicant waiting.
        services.withdraw(enrolment=holder, by=holder.user)
        enrolment.refresh_from_db()
        assert enrolment.status == EnrolmentStatus.ENROLLED
        assert services.places_left(cohort) == 0

    def test_withdrawing_an_application_frees_nothing(self):
        cohort = CohortFactory()
        enrolment = EnrolmentFactory(cohort=cohort, status=EnrolmentStatus.AWAITING_SPONSOR)
        services.withdraw(enrolment=enrolment, by=enrolment.user)
        enrolment.refresh_from_db()
        assert enrolment.status == EnrolmentStatus.WITHDRAWN
        assert enrolment.withdrawn_at is not None
        with pytest.raises(services.CohortError):
            services.withdraw(enrolment=enrolment, by=enrolment.user)


class TestCohortChanges:
    def test_create_gives_a_unique_slug_and_the_place_region(self, user_with_role):
        facilitator = user_with_role()
        first = CohortFactory(slug="testshire-2026")
        cohort = services.cohort_create(
            by=facilitator,
            facilitators=[],
            academy="digital",
            title="Testshire 2026",
            place=first.place,
            region="",
            capacity=30,
            description="",
            required_sectors=["police"],
        )
        assert cohort.slug == "testshire-2026-2"
        assert cohort.region == first.place.region
        assert cohort.status == CohortStatus.DRAFT
        assert list(cohort.facilitators.all()) == [facilitator]

    def test_digital_academy_needs_a_place(self, user_with_role):
        with pytest.raises(services.CohortError, match="place"):
            services.cohort_create(
                by=user_with_role(), facilitators=[], academy="digital", title="X", place=None
            )

    def test_status_moves_forward_only(self, user_with_role):
        cohort = CohortFactory(status=CohortStatus.DRAFT)
        by = user_with_role()
        with pytest.raises(services.CohortError, match="cannot become running"):
            services.cohort_change_status(cohort=cohort, status=CohortStatus.RUNNING, by=by)
        services.cohort_change_status(cohort=cohort, status=CohortStatus.RECRUITING, by=by)
        with pytest.raises(services.CohortError, match="Set the schedule"):
            services.cohort_change_status(cohort=cohort, status=CohortStatus.RUNNING, by=by)
        cohort.schedule_set_at = timezone.now()
        services.cohort_change_status(cohort=cohort, status=CohortStatus.RUNNING, by=by)
        services.cohort_change_status(cohort=cohort, status=CohortStatus.CANCELLED, by=by)
        with pytest.raises(services.CohortError):
            services.cohort_change_status(cohort=cohort, status=CohortStatus.RECRUITING, by=by)
