"""Demo self-assessments and place spaces.

- Plymouth's leadership team (officer@ leads, with two colleagues) has answered this year's
  assessment and differs on some questions; its assessment of a year ago is closed, so results
  show movement.
- Nineteen other councils of the demo register each have a closed assessment, so benchmarks by
  council kind, by region and against all councils have enough councils to show.
- Greater Manchester runs the assessment jointly: the council, police, fire and rescue and NHS
  partners each answer; the place has leads and a board with a note and a decision.

Respondents other than officer@ are accounts that cannot sign in (inactive, no password): they
exist because every answer belongs to a person. Scores are drawn from a fixed seed, so the
demo is the same every time.
"""

import datetime as dt
import random

from django.utils import timezone

from hub.accounts.models import User
from hub.assessment.models import (
    Answer,
    Assessment,
    AssessmentStatus,
    BoardEntry,
    BoardEntryKind,
    Framework,
    FrameworkStatus,
    PlaceAssessment,
    PlaceLead,
    Question,
    TeamMember,
    TeamRole,
)
from hub.organisations.models import Organisation, Person, Place, RoleType, Seniority

# Councils of the demo register with a closed assessment of their own (benchmarks need five
# or more like them): register codes.
BENCHMARK_COUNCILS = [
    "BST", "CON", "WIL", "BPC", "DEV", "EXE",  # South West, like Plymouth
    "NGM", "LCE", "BNH", "YOR",  # unitary authorities elsewhere
    "MAN", "SLF", "SKP", "TRF", "LDS", "BIR", "KEN", "CAB", "MAI",
]  # fmt: skip

# How the Plymouth team sees itself this year (mean level by capability code): weakest on the
# market and on skills, which the support plan picks up.
PLYMOUTH_NOW = {
    "what-digital-can-do": 3.4,
    "market-and-value-for-money": 1.8,
    "user-insight-first": 3.0,
    "where-investment-delivered": 2.7,
    "resources-and-skills": 2.2,
    "spotting-opportunities": 3.2,
}
PLYMOUTH_LAST_YEAR = {code: max(1.0, level - 0.6) for code, level in PLYMOUTH_NOW.items()}

GREATER_MANCHESTER_PARTNERS = [
    "MAN",
    "greater-manchester-police",
    "greater-manchester-fire-and-rescue-service",
    "nhs-greater-manchester-icb",
]


def _organisation(key: str) -> Organisation | None:
    return (
        Organisation.objects.filter(register_code=key).first()
        or Organisation.objects.filter(slug=key).first()
    )


def _respondent(organisation: Organisation, name: str, role_type: str) -> User:
    """An account that cannot sign in, with a register person, for a demo answer."""
    slug = name.lower().replace(" ", ".")
    code = (organisation.register_code or organisation.slug).lower()
    user, created = User.objects.get_or_create(
        email=f"{slug}.{code}@example.org", defaults={"full_name": name, "is_active": False}
    )
    if created:
        user.set_unusable_password()
        user.save()
    Person.objects.get_or_create(
        user=user,
        defaults={
            "full_name": name,
            "organisation": organisation,
            "job_title": "Councillor" if role_type == RoleType.COUNCILLOR else "Director",
            "role_type": role_type,
            "seniority": Seniority.CABINET_MEMBER
            if role_type == RoleType.COUNCILLOR
            else Seniority.DIRECTOR,
            "is_demo": True,
        },
    )
    return user


def _answer(member: TeamMember, levels: dict[str, float], rng: random.Random, when) -> None:
    """Answers around each capability's level, one to five."""
    questions = Question.objects.filter(capability__framework=member.assessment.framework)
    Answer.objects.bulk_create(
        Answer(
            member=member,
            question=question,
            score=min(5, max(1, round(levels[question.capability.code] + rng.uniform(-1, 1)))),
        )
        for question in questions.select_related("capability")
    )
    member.submitted_at = when
    member.save(update_fields=["submitted_at"])


def _assessment(organisation, framework, title, *, closed_at=None, **fields) -> Assessment:
    return Assessment.objects.create(
        organisation=organisation,
        framework=framework,
        title=title,
        status=AssessmentStatus.CLOSED if closed_at else AssessmentStatus.OPEN,
        closed_at=closed_at,
        is_demo=True,
        **fields,
    )


def _seed_plymouth(framework, rng: random.Random) -> None:
    officer = User.objects.get(email="officer@example.org")
    plymouth = officer.person.organisation
    colleagues = [
        (_respondent(plymouth, "Sam Example", RoleType.COUNCILLOR), TeamRole.COUNCILLOR),
        (_respondent(plymouth, "Jo Example", RoleType.OFFICER), TeamRole.OFFICER),
    ]
    now = timezone.now()
    for title, levels, closed_at in (
        ("Digital leadership self-assessment 2025", PLYMOUTH_LAST_YEAR, now - dt.timedelta(365)),
        ("Digital leadership self-assessment 2026", PLYMOUTH_NOW, None),
    ):
        assessment = _assessment(
            plymouth, framework, title, closed_at=closed_at, created_by=officer
        )
        when = closed_at or now - dt.timedelta(days=3)
        lead = TeamMember.objects.create(
            assessment=assessment,
            user=officer,
            person=officer.person,
            team_role=TeamRole.OFFICER,
            is_lead=True,
        )
        _answer(lead, levels, rng, when)
        for index, (user, team_role) in enumerate(colleagues):
            member = TeamMember.objects.create(
                assessment=assessment, user=user, person=user.person, team_role=team_role
            )
            # The councillor rates the market higher than the officers do: a difference
            # the team should talk about.
            shifted = dict(levels)
            if index == 0:
                shifted["market-and-value-for-money"] = levels["market-and-value-for-money"] + 2
            _answer(member, shifted, rng, when)


def _seed_benchmarks(framework, rng: random.Random) -> None:
    for code in BENCHMARK_COUNCILS:
        organisation = _organisation(code)
        if organisation is None:
            continue
        closed_at = timezone.now() - dt.timedelta(days=rng.randint(20, 200))
        assessment = _assessment(
            organisation,
            framework,
            "Digital leadership self-assessment 2026",
            closed_at=closed_at,
        )
        user = _respondent(organisation, "Lee Example", RoleType.OFFICER)
        member = TeamMember.objects.create(
            assessment=assessment,
            user=user,
            person=user.person,
            team_role=TeamRole.OFFICER,
            is_lead=True,
        )
        levels = {code: rng.uniform(1.8, 4.2) for code in PLYMOUTH_NOW}
        _answer(member, levels, rng, closed_at)


def _seed_greater_manchester(framework, rng: random.Random) -> None:
    place = Place.objects.get(slug="greater-manchester")
    admin = User.objects.get(email="admin@example.org")
    joint = PlaceAssessment.objects.create(
        place=place,
        framework=framework,
        title="Greater Manchester partners' self-assessment 2026",
        created_by=admin,
        is_demo=True,
    )
    for index, key in enumerate(GREATER_MANCHESTER_PARTNERS):
        organisation = _organisation(key)
        lead_user = _respondent(organisation, "Kit Example", RoleType.OFFICER)
        PlaceLead.objects.get_or_create(
            place=place, organisation=organisation, person=lead_user.person
        )
        assessment = _assessment(
            organisation,
            framework,
            f"{joint.title}: {organisation.name}",
            place_assessment=joint,
            created_by=admin,
        )
        member = TeamMember.objects.create(
            assessment=assessment,
            user=lead_user,
            person=lead_user.person,
            team_role=TeamRole.OFFICER,
            is_lead=True,
        )
        # The NHS partner has not answered yet.
        if index < 3:
            levels = {code: rng.uniform(2.0, 4.0) for code in PLYMOUTH_NOW}
            _answer(member, levels, rng, timezone.now() - dt.timedelta(days=index + 1))
    BoardEntry.objects.create(
        place=place,
        kind=BoardEntryKind.DECISION,
        title="One shared record for people at risk of falls",
        body="Partners agreed to build one shared record, led by the fire and rescue "
        "service, starting in Salford.",
        author=admin,
    )
    BoardEntry.objects.create(
        place=place,
        kind=BoardEntryKind.NOTE,
        title="Self-assessment: answers due by the end of the month",
        body="Each partner's lead asks their team to answer before the next partnership board.",
        author=admin,
    )


def seed_assessment(summary) -> None:
    framework = Framework.objects.filter(status=FrameworkStatus.PUBLISHED).first()
    if framework is None or Assessment.objects.filter(is_demo=True).exists():
        summary.add("self-assessments", False)
        return
    rng = random.Random(2026)  # noqa: S311 - demo figures, not security
    _seed_plymouth(framework, rng)
    _seed_benchmarks(framework, rng)
    _seed_greater_manchester(framework, rng)
    summary.add("self-assessments", True)
