"""Demo academies: modules for both academies, councillor briefings, and three cohorts.

- A Greater Manchester Digital Academy part way through: seven sessions over seven months,
  participants from five bodies, attendance taken, 100-day plans written, the start survey
  answered.
- A Member Leadership Academy cohort the demo councillor (councillor@) is on, with a plan.
- A Kent and Medway Digital Academy taking applications, one waiting for its sponsor.

Participants other than councillor@ are register people without accounts (the surnames say they
are fictional). Dates are set from the day the seed first runs.
"""

import datetime as dt
import hashlib

from django.utils import timezone

from hub.academies.models import (
    AcademyKind,
    ActionStatus,
    Attendance,
    AttendanceMethod,
    AttendanceStatus,
    Briefing,
    Cohort,
    CohortStatus,
    Enrolment,
    EnrolmentStatus,
    LearningOutcome,
    Module,
    Plan,
    PlanAction,
    Session,
    SurveyAnswer,
    SurveyResponse,
    SurveyStage,
)
from hub.accounts.models import User
from hub.cases.models import Resource
from hub.organisations.models import (
    Organisation,
    PartnerKind,
    Person,
    Place,
    PlacePartner,
    Region,
    RoleType,
    Seniority,
)

# (slug, academy, title, summary, outcome codes, case slugs)
MODULES = [
    (
        "what-digital-can-do-for-a-place",
        AcademyKind.DIGITAL,
        "What digital can do for a place",
        "Where digital has changed services for residents across a place, and where it has "
        "not: telling real opportunities from suppliers' promises.",
        ["what-digital-can-do", "spotting-opportunities"],
        ["telecare-analytics", "missed-bins-self-service"],
    ),
    (
        "starting-with-user-insight",
        AcademyKind.DIGITAL,
        "Starting with user insight",
        "Finding out what residents and staff need before choosing technology, and leading "
        "teams that design services around them.",
        ["user-insight-first"],
        ["council-tax-reminders-discovery", "housing-repairs-chatbot"],
    ),
    (
        "sharing-data-across-partners",
        AcademyKind.DIGITAL,
        "Sharing data across partners",
        "Legal bases, data sharing agreements and shared records for health, care, police and "
        "fire working together on people with complex needs.",
        ["what-digital-can-do", "resources-and-skills"],
        ["place-data-sharing-gm", "estonia-once-only"],
    ),
    (
        "buying-technology-well",
        AcademyKind.DIGITAL,
        "Buying technology well",
        "Understanding the supplier market, avoiding lock-in and getting value for money when "
        "partners buy together.",
        ["market-and-value-for-money"],
        ["cloud-migration-county"],
    ),
    (
        "benefits-that-were-delivered",
        AcademyKind.DIGITAL,
        "Benefits that were delivered",
        "What digital investment has delivered elsewhere, how strong the evidence is, and how "
        "to measure benefits from day one.",
        ["where-investment-delivered"],
        ["rpa-benefits-processing", "council-tax-direct-debit"],
    ),
    (
        "skills-and-capacity",
        AcademyKind.DIGITAL,
        "Skills and capacity for digital change",
        "The people, skills and money a change needs, and how partners build them together.",
        ["resources-and-skills"],
        ["leadership-digital-skills-guidance"],
    ),
    (
        "opportunities-and-risks-of-digital",
        AcademyKind.MEMBER,
        "The opportunities and risks of digital",
        "For senior councillors: what digital can change for residents, and the risks a "
        "cabinet must own, from cyber attacks to failed projects.",
        ["what-digital-can-do", "spotting-opportunities"],
        ["cyber-incident-playbook", "missed-bins-self-service"],
    ),
    (
        "challenging-digital-plans",
        AcademyKind.MEMBER,
        "Challenging digital plans and contracts",
        "Questions members should ask of business cases, procurement and benefits, and how "
        "scrutiny can follow a programme through.",
        ["market-and-value-for-money", "where-investment-delivered"],
        ["cloud-migration-county", "rpa-benefits-processing"],
    ),
    (
        "leading-inclusive-digital-services",
        AcademyKind.MEMBER,
        "Leading inclusive digital services",
        "Making sure nobody is left behind: digital inclusion, assisted digital and what "
        "residents tell us.",
        ["user-insight-first"],
        ["digital-inclusion-device-lending"],
    ),
]

BRIEFINGS = [
    {
        "slug": "cyber-security-questions-to-ask",
        "title": "Cyber security: questions to ask your officers",
        "topic": "Cyber security",
        "summary": "Councils hold personal data and run services residents depend on. An "
        "attack can stop payments, care and housing for weeks.",
        "questions": "- Who on the leadership team owns cyber risk?\n"
        "- When did we last rehearse recovering from an attack, and what did we learn?\n"
        "- Which of our systems could we not run without for a week?\n"
        "- Do our suppliers meet the same standard we do?",
        "good": "A named owner, a tested recovery plan, backups kept apart from the network, "
        "and members briefed once a year.",
        "modules": ["opportunities-and-risks-of-digital"],
        "cases": ["cyber-incident-playbook"],
    },
    {
        "slug": "technology-contracts-questions-to-ask",
        "title": "Technology contracts: questions to ask your officers",
        "topic": "Buying technology",
        "summary": "Large technology contracts lock councils in for years. Members should "
        "know what is coming up for renewal and what the options are.",
        "questions": "- Which of our big technology contracts end in the next 18 months?\n"
        "- What would it cost to move away from this supplier?\n"
        "- Who else has bought this, and what did they pay?\n"
        "- Can residents' data be taken out in an open format?",
        "good": "A register of contracts with end dates, an exit plan for each large one, and "
        "prices compared with other councils before renewal.",
        "modules": ["challenging-digital-plans"],
        "cases": ["cloud-migration-county"],
    },
    {
        "slug": "digital-inclusion-questions-to-ask",
        "title": "Digital inclusion: questions to ask your officers",
        "topic": "Digital inclusion",
        "summary": "Moving services online helps most residents and can shut some out.",
        "questions": "- How many residents cannot or do not use our online services?\n"
        "- What help is there for them, and where?\n"
        "- How do we hear from residents who struggle with our services?",
        "good": "Services designed with residents who find digital hard, and help in "
        "libraries and by phone that stays.",
        "modules": ["leading-inclusive-digital-services"],
        "cases": ["digital-inclusion-device-lending"],
    },
]

# Fictional participants of the Greater Manchester cohort: (name, job title, organisation key,
# partner kind). The key is a register code or a partner body's slug.
GM_PARTICIPANTS = [
    ("Priya Example", "Director of adult social care", "MAN", PartnerKind.COUNCIL),
    ("Tom Example", "Assistant director, digital", "SLF", PartnerKind.COUNCIL),
    ("Aisha Example", "Director of public health", "SKP", PartnerKind.COUNCIL),
    ("Dan Example", "Chief superintendent", "greater-manchester-police", PartnerKind.POLICE),
    (
        "Grace Example",
        "Area manager, prevention",
        "greater-manchester-fire-and-rescue-service",
        PartnerKind.FIRE_AND_RESCUE,
    ),
    ("Omar Example", "Director of digital", "nhs-greater-manchester-icb", PartnerKind.HEALTH),
    (
        "Lucy Example",
        "Partnership manager",
        "department-for-work-and-pensions",
        PartnerKind.CENTRAL_GOVERNMENT,
    ),
]

# How each Greater Manchester participant did at the sessions held so far.
_P, _L, _E, _A = (
    AttendanceStatus.PRESENT,
    AttendanceStatus.LATE,
    AttendanceStatus.EXCUSED,
    AttendanceStatus.ABSENT,
)
GM_ATTENDANCE = [
    [_P, _P, _P, _P, _P],
    [_P, _L, _P, _E, _P],
    [_P, _P, _A, _P, _P],
    [_P, _P, _P, _P, _L],
    [_E, _P, _P, _P, _P],
    [_P, _A, _A, _P, _P],
    [_P, _P, _P, _L, _P],
]


def _at(days_ahead: int, hour: int) -> dt.datetime:
    """A time in Europe/London on the first working day `days_ahead` from today or after."""
    day = timezone.localdate() + dt.timedelta(days=days_ahead)
    while day.weekday() >= 5:
        day += dt.timedelta(days=1)
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


def _organisation(key: str) -> Organisation:
    return Organisation.objects.filter(register_code=key).first() or Organisation.objects.get(
        slug=key
    )


def _seed_modules() -> None:
    for order, (slug, academy, title, summary, outcomes, cases) in enumerate(MODULES, start=1):
        module, created = Module.objects.get_or_create(
            slug=slug,
            defaults={
                "academy": academy,
                "title": title,
                "summary": summary,
                "content": summary
                + "\n\nEach session mixes a talk by a leader who has done it, a case study "
                "discussed in groups, and time to apply it to your own place.",
                "order": order,
                "is_demo": True,
            },
        )
        if created:
            module.outcomes.set(LearningOutcome.objects.filter(code__in=outcomes))
            module.cases.set(Resource.objects.filter(slug__in=cases))


def _seed_briefings() -> None:
    for spec in BRIEFINGS:
        briefing, created = Briefing.objects.get_or_create(
            slug=spec["slug"],
            defaults={
                "title": spec["title"],
                "topic": spec["topic"],
                "summary": spec["summary"],
                "questions": spec["questions"],
                "what_good_looks_like": spec["good"],
                "is_demo": True,
            },
        )
        if created:
            briefing.modules.set(Module.objects.filter(slug__in=spec["modules"]))
            briefing.cases.set(Resource.objects.filter(slug__in=spec["cases"]))


def _schedule(cohort: Cohort, days: list[int], modules: list[str], venue: str, facilitator):
    for number, (days_ahead, module) in enumerate(zip(days, modules, strict=True), start=1):
        session = Session.objects.create(
            cohort=cohort,
            number=number,
            module=Module.objects.get(slug=module),
            starts_at=_at(days_ahead, 10),
            ends_at=_at(days_ahead, 16),
            venue=venue,
        )
        session.facilitators.set([facilitator])
    cohort.schedule_set_at = timezone.now()
    cohort.save(update_fields=["schedule_set_at"])


def _demo_person(name: str, job_title: str, organisation: Organisation, role_type) -> Person:
    person, _ = Person.objects.get_or_create(
        full_name=name,
        organisation=organisation,
        defaults={
            "job_title": job_title,
            "role_type": role_type,
            "seniority": Seniority.DIRECTOR
            if role_type == RoleType.OFFICER
            else Seniority.CABINET_MEMBER,
            "is_demo": True,
        },
    )
    return person


def _enrol(cohort: Cohort, person: Person, *, sponsor: str, user=None, **fields) -> Enrolment:
    partner_kind = ""
    if cohort.place_id:
        partner_kind = (
            PlacePartner.objects.filter(place=cohort.place, organisation=person.organisation)
            .values_list("partner_kind", flat=True)
            .first()
            or ""
        )
    return Enrolment.objects.create(
        cohort=cohort,
        person=person,
        user=user,
        organisation=person.organisation,
        partner_kind=partner_kind,
        motivation="Join up services for residents with our partners in the place.",
        sponsor_name=sponsor,
        sponsor_job_title="Chief executive",
        sponsor_email=f"sponsor.{person.pk}@example.org",
        **fields,
    )


def _plan(enrolment: Enrolment, ambition: str, actions: list[tuple[str, str, str]], submitted):
    plan = Plan.objects.create(
        enrolment=enrolment,
        ambition=ambition,
        partners="The police, fire and rescue service and the integrated care board.",
        expected_benefits="Fewer repeat contacts and earlier help for residents at risk.",
        submitted_at=submitted,
    )
    for order, (description, partner, status) in enumerate(actions):
        PlanAction.objects.create(
            plan=plan,
            description=description,
            partner=partner,
            due_on=timezone.localdate() + dt.timedelta(days=30 * (order + 1)),
            status=status,
            order=order,
        )


def _seed_greater_manchester(facilitator) -> None:
    cohort = Cohort.objects.create(
        academy=AcademyKind.DIGITAL,
        title="Greater Manchester Digital Academy 2026",
        slug="greater-manchester-digital-academy-2026",
        status=CohortStatus.RUNNING,
        place=Place.objects.get(slug="greater-manchester"),
        region=Region.NORTH_WEST,
        description="Senior officers from Greater Manchester's councils, police, fire and "
        "rescue, NHS and DWP learn to use digital to integrate health and social care.",
        capacity=30,
        is_demo=True,
    )
    cohort.facilitators.set([facilitator])
    modules = [slug for slug, academy, *_ in MODULES if academy == AcademyKind.DIGITAL]
    # Seven sessions five weeks apart: the last falls about seven months after the first.
    _schedule(
        cohort,
        [-150 + 35 * n for n in range(7)],
        [*modules, modules[0]],
        "Tootal Buildings, Manchester",
        facilitator,
    )
    held = list(cohort.sessions.filter(starts_at__lte=timezone.now()).order_by("number"))
    outcomes = list(LearningOutcome.objects.all())
    for index, (name, job_title, key, _) in enumerate(GM_PARTICIPANTS):
        person = _demo_person(name, job_title, _organisation(key), RoleType.OFFICER)
        enrolment = _enrol(
            cohort,
            person,
            sponsor="Sam Example",
            status=EnrolmentStatus.ENROLLED,
            enrolled_at=timezone.now() - dt.timedelta(days=170),
            sponsor_decided_at=timezone.now() - dt.timedelta(days=171),
        )
        for session, status in zip(held, GM_ATTENDANCE[index], strict=False):
            Attendance.objects.create(
                session=session,
                enrolment=enrolment,
                status=status,
                method=AttendanceMethod.FACILITATOR,
                marked_by=facilitator,
            )
        response = SurveyResponse.objects.create(enrolment=enrolment, stage=SurveyStage.START)
        SurveyAnswer.objects.bulk_create(
            SurveyAnswer(response=response, outcome=outcome, confidence=1 + (index + n) % 3)
            for n, outcome in enumerate(outcomes)
        )
        if index < 4:
            _plan(
                enrolment,
                "Residents tell us once about a change of circumstance, across every partner.",
                [
                    (
                        "Agree a data sharing agreement",
                        "Greater Manchester Police",
                        ActionStatus.IN_PROGRESS,
                    ),
                    ("Map the journeys of ten families", "", ActionStatus.DONE),
                    (
                        "Business case for a shared record",
                        "NHS Greater Manchester",
                        ActionStatus.NOT_STARTED,
                    ),
                ],
                submitted=timezone.now() - dt.timedelta(days=20) if index < 3 else None,
            )


def _seed_member_academy(facilitator) -> None:
    cohort = Cohort.objects.create(
        academy=AcademyKind.MEMBER,
        title="Member Leadership Academy: digital, winter 2026",
        slug="member-leadership-academy-digital-winter-2026",
        status=CohortStatus.RUNNING,
        region="",
        description="Digital modules of the leadership programme for leaders and cabinet "
        "members: the opportunities and risks of digital.",
        capacity=24,
        required_sectors=[],
        is_demo=True,
    )
    cohort.facilitators.set([facilitator])
    _schedule(
        cohort,
        [-60, -20, 20],
        [slug for slug, academy, *_ in MODULES if academy == AcademyKind.MEMBER],
        "Local Government House, London",
        facilitator,
    )
    councillor = User.objects.get(email="councillor@example.org")
    enrolment = _enrol(
        cohort,
        councillor.person,
        user=councillor,
        sponsor="Jo Example",
        status=EnrolmentStatus.ENROLLED,
        enrolled_at=timezone.now() - dt.timedelta(days=70),
        sponsor_decided_at=timezone.now() - dt.timedelta(days=71),
    )
    for session, status in zip(cohort.sessions.order_by("number")[:2], [_P, _L], strict=True):
        Attendance.objects.create(
            session=session,
            enrolment=enrolment,
            status=status,
            method=AttendanceMethod.CODE,
        )
    _plan(
        enrolment,
        "Cabinet reviews every technology contract a year before it ends.",
        [
            ("Ask for a register of technology contracts", "Chief executive", ActionStatus.DONE),
            ("Brief scrutiny on the cyber security questions", "", ActionStatus.IN_PROGRESS),
        ],
        submitted=timezone.now() - dt.timedelta(days=10),
    )


def _seed_kent_and_medway(facilitator) -> None:
    cohort = Cohort.objects.create(
        academy=AcademyKind.DIGITAL,
        title="Kent and Medway Digital Academy 2027",
        slug="kent-and-medway-digital-academy-2027",
        status=CohortStatus.RECRUITING,
        place=Place.objects.get(slug="kent-and-medway"),
        region=Region.SOUTH_EAST,
        description="Taking applications: senior officers from Kent's councils, Kent Police, "
        "Kent Fire and Rescue Service and the NHS in Kent and Medway.",
        capacity=30,
        is_demo=True,
    )
    cohort.facilitators.set([facilitator])
    modules = [slug for slug, academy, *_ in MODULES if academy == AcademyKind.DIGITAL]
    # Six sessions forty days apart: about six and a half months.
    _schedule(
        cohort, [40 + 40 * n for n in range(6)], modules, "County Hall, Maidstone", facilitator
    )
    person = _demo_person(
        "Kim Example",
        "Superintendent, partnerships",
        _organisation("kent-police"),
        RoleType.OFFICER,
    )
    enrolment = _enrol(
        cohort, person, sponsor="Pat Example", status=EnrolmentStatus.AWAITING_SPONSOR
    )
    # The sponsor's link was emailed when the demo was made; its token is not kept.
    enrolment.sponsor_token_hash = hashlib.sha256(f"demo-{enrolment.pk}".encode()).hexdigest()
    enrolment.sponsor_token_expires_at = timezone.now() + dt.timedelta(days=21)
    enrolment.save(update_fields=["sponsor_token_hash", "sponsor_token_expires_at"])


def seed_academies(summary) -> None:
    _seed_modules()
    _seed_briefings()
    if Cohort.objects.filter(slug="greater-manchester-digital-academy-2026").exists():
        summary.add("academy cohorts", False)
        return
    facilitator = User.objects.get(email="facilitator@example.org")
    _seed_greater_manchester(facilitator)
    _seed_member_academy(facilitator)
    _seed_kent_and_medway(facilitator)
    summary.add("academy cohorts", True)
