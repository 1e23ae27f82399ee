"""Factories for the academies (fictional content).

`CohortFactory()` is a Digital Academy cohort taking applications in a place;
`CohortFactory(member=True)` a Member Leadership Academy cohort with no place.
`EnrolmentFactory(cohort=...)` is an enrolled participant with an account, from an
organisation that is a council partner of the cohort's place (made if the place has none).
`SessionFactory(cohort=..., number=N)` falls N months from now at 10am to 4pm Europe/London.
"""

from datetime import datetime, time, timedelta

import factory
from django.utils import timezone

from hub.academies.models import (
    AcademyKind,
    Attendance,
    AttendanceMethod,
    AttendanceStatus,
    Briefing,
    Cohort,
    CohortStatus,
    Enrolment,
    EnrolmentStatus,
    Module,
    Plan,
    PlanAction,
    Session,
)
from hub.organisations.models import PartnerKind, PlacePartner, RoleType, Seniority
from hub.organisations.tests.factories import (
    OrganisationFactory,
    PersonFactory,
    PlaceFactory,
    PlacePartnerFactory,
)


def london_at(days: int, hour: int = 10, minute: int = 0) -> datetime:
    """An aware datetime `days` from today at `hour:minute` Europe/London."""
    day = timezone.localdate() + timedelta(days=days)
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


class ModuleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Module
        skip_postgeneration_save = True

    academy = AcademyKind.DIGITAL
    title = factory.Sequence(lambda n: f"Joining up services across a place {n}")
    slug = factory.Sequence(lambda n: f"joining-up-services-{n}")
    summary = "How partners in a place use shared data and platforms to join up services."
    content = "Partners agree **one** outcome and the data they need to share."
    order = factory.Sequence(lambda n: n)

    @factory.post_generation
    def outcomes(self, create, extracted, **kwargs):
        from hub.academies.models import LearningOutcome

        if create:
            self.outcomes.set(extracted or LearningOutcome.objects.all()[:2])


class BriefingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Briefing

    title = factory.Sequence(lambda n: f"Cyber security: questions to ask {n}")
    slug = factory.Sequence(lambda n: f"cyber-security-{n}")
    topic = "Cyber security"
    summary = "Councils hold personal data and run services residents depend on."
    questions = "- Who owns cyber risk on the leadership team?\n- When did we last test recovery?"


class CohortFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Cohort
        skip_postgeneration_save = True

    class Params:
        member = factory.Trait(
            academy=AcademyKind.MEMBER,
            place=None,
            title=factory.Sequence(lambda n: f"Member Leadership Academy {n}"),
            required_sectors=[],
        )

    academy = AcademyKind.DIGITAL
    title = factory.Sequence(lambda n: f"Testshire Digital Academy {n}")
    slug = factory.Sequence(lambda n: f"testshire-digital-academy-{n}")
    status = CohortStatus.RECRUITING
    place = factory.SubFactory(PlaceFactory)
    description = "Senior officers from the public bodies of one place learn to join up services."

    @factory.post_generation
    def facilitators(self, create, extracted, **kwargs):
        if create and extracted:
            self.facilitators.set(extracted)


class SessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Session
        skip_postgeneration_save = True

    cohort = factory.SubFactory(CohortFactory)
    number = factory.Sequence(lambda n: n + 1)
    starts_at = factory.LazyAttribute(lambda o: london_at(30 * o.number, 10))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + timedelta(hours=6))
    venue = "Town hall, committee room 1"


def _partner_organisation(cohort, partner_kind):
    if cohort.place is None:
        return OrganisationFactory(), ""
    membership = (
        PlacePartner.objects.filter(place=cohort.place, partner_kind=partner_kind)
        .select_related("organisation")
        .first()
    )
    if membership is None:
        membership = PlacePartnerFactory(place=cohort.place, partner_kind=partner_kind)
    return membership.organisation, partner_kind


class EnrolmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Enrolment
        exclude = ["sector"]

    cohort = factory.SubFactory(CohortFactory)
    sector = PartnerKind.COUNCIL
    organisation = factory.LazyAttribute(lambda o: _partner_organisation(o.cohort, o.sector)[0])
    partner_kind = factory.LazyAttribute(lambda o: _partner_organisation(o.cohort, o.sector)[1])
    person = factory.LazyAttribute(
        lambda o: PersonFactory(
            organisation=o.organisation,
            role_type=(
                RoleType.COUNCILLOR if o.cohort.academy == AcademyKind.MEMBER else RoleType.OFFICER
            ),
            seniority=(
                Seniority.CABINET_MEMBER
                if o.cohort.academy == AcademyKind.MEMBER
                else Seniority.DIRECTOR
            ),
        )
    )
    user = factory.LazyAttribute(lambda o: o.person.user)
    status = EnrolmentStatus.ENROLLED
    motivation = "Join up our data on vulnerable residents with the police and health."
    sponsor_name = "Alex Sponsor"
    sponsor_job_title = "Chief executive"
    sponsor_email = factory.Sequence(lambda n: f"sponsor{n}@example.org")
    enrolled_at = factory.LazyFunction(timezone.now)


class AttendanceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Attendance

    session = factory.SubFactory(SessionFactory)
    enrolment = factory.SubFactory(
        EnrolmentFactory, cohort=factory.SelfAttribute("..session.cohort")
    )
    status = AttendanceStatus.PRESENT
    method = AttendanceMethod.FACILITATOR


class PlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Plan

    enrolment = factory.SubFactory(EnrolmentFactory)
    ambition = "Residents tell us once about a change of circumstance, across every partner."
    partners = "Police, the integrated care board and the fire and rescue service."
    expected_benefits = "Fewer repeat contacts; earlier help for people at risk."
    submitted_at = factory.LazyFunction(timezone.now)


class PlanActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PlanAction

    plan = factory.SubFactory(PlanFactory)
    description = "Agree a data sharing agreement with the police"
    partner = "Testshire Police"
    order = factory.Sequence(lambda n: n)
