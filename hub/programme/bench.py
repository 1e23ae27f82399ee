"""The programme pages at sector scale: a generated sector of data, and each page timed.

`generate_sector` writes, with bulk_create in batches from a seeded RNG, what a full sector of
programme activity looks like: every council of the register (the demo extract, then the real
register through its importer when the shared data has it), places and their partners, people
and accounts, 10,000 published cases with benefits (claimed, verified and disputed mixed),
20,000 adoptions skewed towards a few much-reused cases, 100,000 attendance records (academy
sessions and event places), and enrolments, plans, champions and mentoring, peer challenges
with findings and self-assessments in proportion. About one council in seven takes part in
nothing, so the not-engaged list has something to show.

`time_pages` asks for each programme page (and CSV, PDF and API answer) through Django's test
client as a facilitator, N times after a warm-up, beside a plain list page measured in the same
run as the baseline, and counts each page's queries.

Only the bench writes this data, and only into a throwaway database (hub.search.bench.database).
"""

from __future__ import annotations

import datetime as dt
import itertools
import logging
import math
import random
import time
import warnings
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from django.conf import settings
from django.contrib.auth.models import Group
from django.db import connection
from django.db.models import Count, Model
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings
from django.urls import reverse
from django.utils import timezone

from hub.academies import models as academies
from hub.accounts.models import User
from hub.accounts.roles import Role
from hub.assessment import models as assessment
from hub.cases import models as cases
from hub.champions import models as champions
from hub.demo.services import DEMO_COUNCILS_CSV
from hub.events import models as events
from hub.organisations.importers.register import (
    REGISTER_FILENAME,
    read_register,
    register_import,
)
from hub.organisations.models import (
    COUNCIL_KINDS,
    Organisation,
    PartnerKind,
    Person,
    Place,
    PlacePartner,
    RoleType,
)
from hub.peer_challenge import models as peer_challenge
from hub.search.bench.speed import Timing
from hub.taxonomy.models import Theme

SEED = 20261111
BATCH = 2_000
# The share of the attendance records that are academy sessions' (the rest: event places).
ACADEMY_SHARE = 0.6
SESSIONS_A_COHORT = 6
PLACES_AN_EVENT = 20
PEOPLE_A_COUNCIL = 12
# Councils that take part in nothing at all.
NOT_ENGAGED_SHARE = 0.15
# Over how many days before now the programme's activity is spread.
HISTORY_DAYS = 3 * 365
EVIDENCE_MIX = (
    (cases.EvidenceStatus.CLAIMED, 0.55),
    (cases.EvidenceStatus.VERIFIED, 0.30),
    (cases.EvidenceStatus.DISPUTED, 0.15),
)
BENEFIT_UNITS = {
    cases.BenefitKind.CASHABLE_SAVING: (cases.BenefitUnit.POUNDS, 5_000, 2_000_000),
    cases.BenefitKind.COST_AVOIDANCE: (cases.BenefitUnit.POUNDS, 5_000, 1_000_000),
    cases.BenefitKind.STAFF_TIME: (cases.BenefitUnit.HOURS, 100, 20_000),
    cases.BenefitKind.CHANNEL_SHIFT: (cases.BenefitUnit.PERCENT, 5, 60),
    cases.BenefitKind.USER_SATISFACTION: (cases.BenefitUnit.PERCENT, 5, 40),
    cases.BenefitKind.OTHER: (cases.BenefitUnit.PEOPLE, 50, 50_000),
}


@dataclass(frozen=True)
class Sizes:
    """The three volumes the issue names; everything else is in proportion to them."""

    cases: int = 10_000
    attendance: int = 100_000
    adoptions: int = 20_000

    @classmethod
    def quick(cls) -> Sizes:
        return cls(cases=120, attendance=1_200, adoptions=240)

    @property
    def academy_attendance(self) -> int:
        return round(self.attendance * ACADEMY_SHARE)

    @property
    def enrolments(self) -> int:
        return max(SESSIONS_A_COHORT, self.academy_attendance // SESSIONS_A_COHORT)

    @property
    def cohorts(self) -> int:
        return max(2, math.ceil(self.enrolments / academies.DEFAULT_COHORT_CAPACITY))

    @property
    def event_places(self) -> int:
        return self.attendance - self.enrolments * SESSIONS_A_COHORT

    @property
    def events(self) -> int:
        return max(2, math.ceil(self.event_places / PLACES_AN_EVENT))

    @property
    def champions(self) -> int:
        return max(4, self.cases // 25)

    @property
    def mentorings(self) -> int:
        return max(4, self.cases // 10)

    @property
    def challenges(self) -> int:
        return max(3, self.cases // 40)

    @property
    def assessments(self) -> int:
        return max(3, self.cases // 20)


@dataclass
class Generated:
    counts: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0
    register: str = ""


# Writing in bulk ---------------------------------------------------------------------------


@contextmanager
def own_timestamps(*models: type[Model]) -> Iterator[None]:
    """Let bulk_create keep the created_at and updated_at the bench sets (backdated), which
    auto_now and auto_now_add would otherwise overwrite with now."""
    saved = []
    for model in models:
        for model_field in model._meta.concrete_fields:
            if getattr(model_field, "auto_now", False) or getattr(
                model_field, "auto_now_add", False
            ):
                saved.append((model_field, model_field.auto_now, model_field.auto_now_add))
                model_field.auto_now = model_field.auto_now_add = False
    try:
        yield
    finally:
        for model_field, auto_now, auto_now_add in saved:
            model_field.auto_now, model_field.auto_now_add = auto_now, auto_now_add


def bulk(model: type[Model], objects: Iterable[Model], say: Callable[[str], None]) -> list:
    """bulk_create in batches, saying how far it has got; returns the saved objects."""
    objects = list(objects)
    saved = []
    for start in range(0, len(objects), BATCH):
        saved += model.objects.bulk_create(objects[start : start + BATCH])
    if objects and not getattr(saved[0], "pk", None):
        # Databases that do not return ids from a bulk insert (none the Hub runs on today).
        saved = list(model.objects.order_by("-pk")[: len(objects)])[::-1]
    say(f"  {model._meta.verbose_name_plural}: {len(saved):,}")
    return saved


class Clock:
    """Backdated moments, spread over the programme's history, from the bench's RNG."""

    def __init__(self, rng: random.Random, now: dt.datetime):
        self.rng, self.now = rng, now

    def moment(self, *, after: dt.datetime | None = None, days: int = HISTORY_DAYS) -> dt.datetime:
        start = after or self.now - dt.timedelta(days=days)
        span = max((self.now - start).total_seconds(), 3600.0)
        return start + dt.timedelta(seconds=self.rng.uniform(0, span))


# The sector ------------------------------------------------------------------------------


def load_register(say: Callable[[str], None], *, real_register: bool = True) -> str:
    """The demo extract of the register, then the real register over it when it is there."""
    register_import(rows=read_register(DEMO_COUNCILS_CSV), mark_demo=True)
    used = "demo extract"
    real = Path(settings.HUB_SHARED_DATA_DIR) / "uk-local-authorities" / REGISTER_FILENAME
    if real_register and real.exists():
        register_import(rows=read_register(real))
        used = f"demo extract and the register ({real.name})"
    say(f"  register: {used}")
    return used


def generate_sector(
    sizes: Sizes,
    *,
    seed: int = SEED,
    real_register: bool = True,
    say: Callable[[str], None] = lambda message: None,
) -> Generated:
    started = time.perf_counter()
    rng = random.Random(seed)  # noqa: S311 - a benchmark, not a secret
    clock = Clock(rng, timezone.now())
    result = Generated(register=load_register(say, real_register=real_register))
    councils = list(Organisation.objects.filter(kind__in=COUNCIL_KINDS, is_current=True))
    if not councils:
        raise RuntimeError("The register has no current councils")
    rng.shuffle(councils)
    engaged = councils[: max(1, round(len(councils) * (1 - NOT_ENGAGED_SHARE)))]

    places = _places(rng, councils, say)
    people, users = _people(rng, engaged, say)
    resources = _cases(rng, clock, engaged, places, sizes, say)
    _adoptions(rng, clock, resources, engaged, sizes, say)
    _events(rng, clock, people, sizes, say)
    _academies(rng, clock, people, places, sizes, say)
    _champions(rng, clock, people, users, resources, sizes, say)
    _peer_challenges(rng, clock, engaged, sizes, say)
    _assessments(rng, clock, engaged, users, sizes, say)

    result.counts = {
        "councils (current)": len(councils),
        "councils taking part": len(engaged),
        "published cases": cases.Resource.objects.filter(status=cases.Status.PUBLISHED).count(),
        "benefits": cases.Benefit.objects.count(),
        "adoptions": cases.Adoption.objects.count(),
        "event places with attendance": events.Invitation.objects.count(),
        "academy attendance records": academies.Attendance.objects.count(),
        "enrolments": academies.Enrolment.objects.count(),
        "mentoring relationships": champions.Mentoring.objects.count(),
        "peer challenges": peer_challenge.Challenge.objects.count(),
        "self-assessments": assessment.Assessment.objects.count(),
    }
    result.seconds = time.perf_counter() - started
    return result


def _places(rng, councils, say) -> list[Place]:
    count = max(2, len(councils) // 10)
    places = bulk(
        Place,
        (
            Place(name=f"Bench place {n}", slug=f"bench-place-{n}", region=council.region)
            for n, council in enumerate(rng.sample(councils, count))
        ),
        say,
    )
    partners = []
    for place in places:
        for council in rng.sample(councils, min(len(councils), rng.randint(2, 5))):
            partners.append(
                PlacePartner(place=place, organisation=council, partner_kind=PartnerKind.COUNCIL)
            )
    bulk(PlacePartner, partners, say)
    return places


def _people(rng, engaged, say) -> tuple[list[Person], list[User]]:
    """People of the councils taking part; one in four has an account."""
    total = len(engaged) * PEOPLE_A_COUNCIL
    users = bulk(
        User,
        (
            User(email=f"bench-{n}@example.org", full_name=f"Bench user {n}", password="!")  # noqa: S106 - unusable
            for n in range(total // 4)
        ),
        say,
    )
    people = []
    for n in range(total):
        people.append(
            Person(
                full_name=f"Bench person {n}",
                organisation=engaged[n % len(engaged)],
                role_type=rng.choice(RoleType.values),
                user=users[n] if n < len(users) else None,
            )
        )
    return bulk(Person, people, say), users


def _cases(rng, clock, engaged, places, sizes, say) -> list[cases.Resource]:
    themes = list(Theme.objects.all())
    with own_timestamps(cases.Resource, cases.Benefit):
        resources = []
        for n in range(sizes.cases):
            published = clock.moment()
            resources.append(
                cases.Resource(
                    title=f"Bench case {n}",
                    slug=f"bench-case-{n}",
                    summary="A generated case for the programme benchmark.",
                    lead_organisation=rng.choice(engaged),
                    place=rng.choice(places) if rng.random() < 0.1 else None,
                    sector=cases.Sector.LOCAL_GOVERNMENT,
                    stage=rng.choice(cases.Stage.values),
                    evidence_level=rng.choice([None, 1, 2, 3, 4, 5]),
                    status=cases.Status.PUBLISHED,
                    published_at=published,
                    created_at=published - dt.timedelta(days=rng.randint(5, 90)),
                    updated_at=published,
                )
            )
        resources = bulk(cases.Resource, resources, say)
        statuses, weights = zip(*EVIDENCE_MIX, strict=True)
        benefits = []
        for resource in resources:
            for _ in range(rng.choice((1, 1, 2, 2, 2, 3))):
                kind = rng.choice(list(BENEFIT_UNITS))
                unit, low, high = BENEFIT_UNITS[kind]
                benefits.append(
                    cases.Benefit(
                        resource=resource,
                        kind=kind,
                        description=f"{kind.label} from {resource.title}",
                        amount=Decimal(rng.randint(low, high)),
                        unit=unit,
                        period=rng.choice(cases.BenefitPeriod.values),
                        evidence_status=rng.choices(statuses, weights)[0],
                        created_at=resource.published_at,
                        updated_at=resource.published_at,
                    )
                )
        bulk(cases.Benefit, benefits, say)
    through = cases.Resource.themes.through
    if themes:
        bulk(
            through,
            (
                through(resource_id=resource.pk, theme_id=theme.pk)
                for resource in resources
                for theme in rng.sample(themes, min(len(themes), rng.randint(1, 3)))
            ),
            say,
        )
    return resources


def _adoptions(rng, clock, resources, engaged, sizes, say) -> None:
    """Adoptions skewed towards the first cases (weight 1/rank): a few are much reused."""
    cumulative = list(itertools.accumulate(1 / (rank + 1) ** 0.9 for rank in range(len(resources))))
    wanted = min(sizes.adoptions, len(resources) * len(engaged) // 2)
    chosen: set[tuple[int, int]] = set()
    adoptions = []
    with own_timestamps(cases.Adoption):
        for _ in range(wanted * 20):
            if len(adoptions) >= wanted:
                break
            resource = rng.choices(resources, cum_weights=cumulative)[0]
            organisation = rng.choice(engaged)
            if (
                resource.pk,
                organisation.pk,
            ) in chosen or organisation == resource.lead_organisation:
                continue
            chosen.add((resource.pk, organisation.pk))
            at = clock.moment(after=resource.published_at)
            adoptions.append(
                cases.Adoption(
                    resource=resource,
                    organisation=organisation,
                    cost_pounds=rng.choice([None, rng.randint(0, 250_000)]),
                    months_to_live=rng.choice([None, rng.randint(1, 24)]),
                    created_at=at,
                    updated_at=at,
                )
            )
        bulk(cases.Adoption, adoptions, say)


def _events(rng, clock, people, sizes, say) -> None:
    kinds = events.EventKind.values
    made = []
    for n in range(sizes.events):
        starts = clock.moment()
        made.append(
            events.Event(
                kind=rng.choice(kinds),
                status=events.EventStatus.SCHEDULED,
                title=f"Bench event {n}",
                slug=f"bench-event-{n}",
                region=rng.choice(people).organisation.region,
                starts_at=starts,
                ends_at=starts + dt.timedelta(hours=2),
                capacity=PLACES_AN_EVENT + 5,
            )
        )
    made = bulk(events.Event, made, say)
    places, left = [], sizes.event_places
    for event in made:
        for person in rng.sample(people, min(len(people), PLACES_AN_EVENT, left)):
            places.append(
                events.Invitation(
                    event=event,
                    person=person,
                    full_name=person.full_name,
                    email=f"person-{person.pk}@example.org",
                    organisation_name=person.organisation.name,
                    status=events.PlaceStatus.ACCEPTED,
                    attendance=rng.choices(
                        (events.Attendance.PRESENT, events.Attendance.ABSENT), (85, 15)
                    )[0],
                )
            )
        left = sizes.event_places - len(places)
    bulk(events.Invitation, places, say)


def _academies(rng, clock, people, places, sizes, say) -> None:
    cohorts, sessions = [], []
    for n in range(sizes.cohorts):
        digital = n % 3 == 0
        place = rng.choice(places) if digital else None
        cohorts.append(
            academies.Cohort(
                academy=academies.AcademyKind.DIGITAL if digital else academies.AcademyKind.MEMBER,
                title=f"Bench cohort {n}",
                slug=f"bench-cohort-{n}",
                status=rng.choices(
                    (academies.CohortStatus.FINISHED, academies.CohortStatus.RUNNING), (4, 1)
                )[0],
                place=place,
                region=place.region if place else rng.choice(people).organisation.region,
            )
        )
    cohorts = bulk(academies.Cohort, cohorts, say)
    starts_of = {}
    for cohort in cohorts:
        first = clock.moment()
        starts_of[cohort.pk] = first
        for number in range(1, SESSIONS_A_COHORT + 1):
            starts = first + dt.timedelta(days=21 * (number - 1))
            sessions.append(
                academies.Session(
                    cohort=cohort,
                    number=number,
                    starts_at=starts,
                    ends_at=starts + dt.timedelta(hours=3),
                )
            )
    sessions = bulk(academies.Session, sessions, say)
    sessions_of: dict[int, list] = {}
    for session in sessions:
        sessions_of.setdefault(session.cohort_id, []).append(session)

    enrolments, left = [], sizes.enrolments
    for cohort in cohorts:
        finished = cohort.status == academies.CohortStatus.FINISHED
        ended = starts_of[cohort.pk] + dt.timedelta(days=21 * SESSIONS_A_COHORT)
        for person in rng.sample(people, min(len(people), cohort.capacity, left)):
            completed = finished and rng.random() < 0.7
            enrolments.append(
                academies.Enrolment(
                    cohort=cohort,
                    person=person,
                    user=person.user,
                    organisation=person.organisation,
                    partner_kind=PartnerKind.COUNCIL if cohort.place_id else "",
                    status=academies.EnrolmentStatus.COMPLETED
                    if completed
                    else academies.EnrolmentStatus.ENROLLED,
                    sponsor_name="A sponsor",
                    sponsor_job_title="Chief executive",
                    sponsor_email="sponsor@example.org",
                    enrolled_at=starts_of[cohort.pk] - dt.timedelta(days=14),
                    completed_at=ended if completed else None,
                )
            )
        left = sizes.enrolments - len(enrolments)
    enrolments = bulk(academies.Enrolment, enrolments, say)
    attended = academies.ATTENDED
    statuses = (*attended, academies.AttendanceStatus.EXCUSED, academies.AttendanceStatus.ABSENT)
    bulk(
        academies.Attendance,
        (
            academies.Attendance(
                session=session,
                enrolment=enrolment,
                status=rng.choices(statuses, (80, 6, 7, 7))[0],
                method=academies.AttendanceMethod.FACILITATOR,
            )
            for enrolment in enrolments
            for session in sessions_of[enrolment.cohort_id]
        ),
        say,
    )
    bulk(
        academies.Plan,
        (
            academies.Plan(
                enrolment=enrolment,
                ambition="Generated ambition.",
                expected_benefits="Generated benefits.",
                submitted_at=enrolment.completed_at,
            )
            for enrolment in enrolments
            if enrolment.completed_at
        ),
        say,
    )


def _champions(rng, clock, people, users, resources, sizes, say) -> None:
    with_accounts = [person for person in people if person.user_id]
    chosen = rng.sample(people, min(len(people), sizes.champions))
    profiles = bulk(
        champions.ChampionProfile,
        (
            champions.ChampionProfile(
                person=person,
                slug=f"bench-champion-{person.pk}",
                status=champions.ProfileStatus.APPROVED,
                role_summary="A generated champion",
                experience="Generated experience.",
                mentee_capacity=rng.randint(1, 5),
            )
            for person in chosen
        ),
        say,
    )
    through = champions.ChampionProfile.cases_led.through
    bulk(
        through,
        (
            through(championprofile_id=profile.pk, resource_id=rng.choice(resources).pk)
            for profile in profiles
            if rng.random() < 0.5
        ),
        say,
    )
    pairs: set[tuple[int, int]] = set()
    mentorings = []
    statuses = champions.MentoringStatus
    with own_timestamps(champions.Mentoring):
        for _ in range(sizes.mentorings * 3):
            if len(mentorings) >= sizes.mentorings or not with_accounts:
                break
            profile, mentee = rng.choice(profiles), rng.choice(users)
            if (profile.pk, mentee.pk) in pairs or profile.person.user_id == mentee.pk:
                continue
            pairs.add((profile.pk, mentee.pk))
            asked = clock.moment()
            status = rng.choices(
                (statuses.ACCEPTED, statuses.CLOSED, statuses.REQUESTED, statuses.DECLINED),
                (5, 3, 1, 1),
            )[0]
            started = asked + dt.timedelta(days=7) if status in ("accepted", "closed") else None
            mentorings.append(
                champions.Mentoring(
                    champion=profile,
                    mentee=mentee,
                    problem="Generated problem.",
                    status=status,
                    started_at=started,
                    closed_at=started + dt.timedelta(days=180) if status == "closed" else None,
                    created_at=asked,
                    updated_at=asked,
                )
            )
        bulk(champions.Mentoring, mentorings, say)


def _peer_challenges(rng, clock, engaged, sizes, say) -> None:
    framework = peer_challenge.EnquiryFramework.objects.order_by("version").first()
    lines = list(peer_challenge.LineOfEnquiry.objects.filter(element__framework=framework))
    if framework is None or not lines:
        say("  peer challenges: none (no framework)")
        return
    statuses = peer_challenge.ChallengeStatus
    challenges = []
    for n in range(sizes.challenges):
        starts = clock.moment().date()
        status = rng.choices(
            (statuses.CLOSED, statuses.PUBLISHED, statuses.REPORTING, statuses.SCOPING),
            (3, 3, 1, 1),
        )[0]
        published = status in (statuses.CLOSED, statuses.PUBLISHED)
        challenges.append(
            peer_challenge.Challenge(
                organisation=rng.choice(engaged),
                framework=framework,
                title=f"Bench peer challenge {n}",
                slug=f"bench-challenge-{n}",
                status=status,
                on_site_starts_on=starts,
                on_site_ends_on=starts + dt.timedelta(days=3),
                report_published_at=timezone.make_aware(
                    dt.datetime.combine(starts + dt.timedelta(days=60), dt.time(9))
                )
                if published
                else None,
            )
        )
    challenges = bulk(peer_challenge.Challenge, challenges, say)
    judgements = peer_challenge.Judgement.values
    bulk(
        peer_challenge.Finding,
        (
            peer_challenge.Finding(
                challenge=challenge,
                line=rng.choice(lines),
                judgement=rng.choice(judgements),
                title=f"Generated finding {n}",
                detail="Generated detail.",
                order=n,
            )
            for challenge in challenges
            for n in range(4)
        ),
        say,
    )


def _assessments(rng, clock, engaged, users, sizes, say) -> None:
    framework = assessment.Framework.objects.order_by("version").first()
    if framework is None or not users:
        say("  self-assessments: none (no framework or accounts)")
        return
    made = []
    with own_timestamps(assessment.Assessment):
        for n in range(sizes.assessments):
            opened = clock.moment()
            closed = rng.random() < 0.7
            made.append(
                assessment.Assessment(
                    organisation=rng.choice(engaged),
                    framework=framework,
                    title=f"Bench self-assessment {n}",
                    status=assessment.AssessmentStatus.CLOSED
                    if closed
                    else assessment.AssessmentStatus.OPEN,
                    closed_at=opened + dt.timedelta(days=30) if closed else None,
                    created_at=opened,
                    updated_at=opened,
                )
            )
        made = bulk(assessment.Assessment, made, say)
    bulk(
        assessment.TeamMember,
        (
            assessment.TeamMember(
                assessment=item,
                user=user,
                team_role=rng.choice(assessment.TeamRole.values),
                is_lead=index == 0,
                submitted_at=item.closed_at,
            )
            for item in made
            for index, user in enumerate(rng.sample(users, min(len(users), 3)))
        ),
        say,
    )


# Timing ----------------------------------------------------------------------------------


# Pages link their static files by plain names: the manifest storage needs collectstatic first.
PLAIN_STATIC = {
    **settings.STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}


@dataclass(frozen=True)
class Page:
    label: str
    path: str
    baseline: bool = False


@dataclass
class PageResult:
    page: Page
    timing: Timing
    queries: int
    status: int


def programme_staff() -> User:
    user = User.objects.create_user(
        email="bench-facilitator@example.org", full_name="Bench facilitator"
    )
    user.groups.set(Group.objects.filter(name__in=[Role.MEMBER, Role.FACILITATOR]))
    return user


def pages_to_time() -> list[Page]:
    """The baseline list pages first, then every programme page, export and API answer."""
    exemplar = (
        cases.Adoption.objects.values("resource__slug")
        .order_by()
        .annotate(adoptions=Count("pk"))
        .order_by("-adoptions", "resource__slug")
        .values_list("resource__slug", flat=True)
        .first()
    )
    last = timezone.localdate() - dt.timedelta(days=92)
    quarter = (last.year, (last.month - 1) // 3 + 1)
    pages = [
        Page("Councils list (baseline)", reverse("organisations:list"), baseline=True),
        Page("Cases list", reverse("cases:list")),
        Page("Dashboard", reverse("programme:dashboard")),
        Page("Take-up", reverse("programme:take-up")),
        Page("Take-up CSV", reverse("programme:take-up-csv")),
        Page("Not engaged", reverse("programme:not-engaged")),
        Page("Not engaged CSV", reverse("programme:not-engaged-csv")),
        Page("Benefits", reverse("programme:benefits")),
        Page("Benefits CSV", reverse("programme:benefits-csv")),
        Page("Exemplars", reverse("programme:exemplars")),
        Page("Exemplars CSV", reverse("programme:exemplars-csv")),
    ]
    if exemplar:
        pages.append(Page("Most reused exemplar", reverse("programme:exemplar", args=[exemplar])))
    pages += [
        Page("Outputs", reverse("programme:outputs")),
        Page("Outputs CSV", reverse("programme:outputs-csv")),
        Page("Reports", reverse("programme:reports")),
        Page("Quarterly report PDF", reverse("programme:quarterly-pdf", args=quarter)),
    ]
    pages += [
        Page(f"API {name}", f"/api/v1/programme/{name}")
        for name in ("take-up", "benefits", "exemplars", "outputs")
    ]
    return pages


@contextmanager
def quiet_request_log() -> Iterator[None]:
    """No "Not Found" warning a request while timing: errors still show."""
    logger = logging.getLogger("django.request")
    level = logger.level
    logger.setLevel(logging.ERROR)
    try:
        yield
    finally:
        logger.setLevel(level)


def time_pages(
    pages: list[Page],
    user: User,
    *,
    requests: int,
    warm_up: int = 2,
    say: Callable[[str], None] = lambda message: None,
) -> list[PageResult]:
    """Each page `requests` times after `warm_up` untimed requests, with DEBUG off, then once
    more to count its queries. A page that fails shows its status (500) rather than stopping
    the run."""
    client = Client(raise_request_exception=False)
    client.force_login(user)
    results = []
    with (
        quiet_request_log(),
        warnings.catch_warnings(),
        override_settings(DEBUG=False, ALLOWED_HOSTS=["testserver"], STORAGES=PLAIN_STATIC),
    ):
        # WhiteNoise warns that no static files were collected: the pages do not need them.
        warnings.filterwarnings("ignore", message="No directory at", category=UserWarning)
        for page in pages:
            for _ in range(warm_up):
                client.get(page.path)
            times = []
            for _ in range(requests):
                started = time.perf_counter()
                response = client.get(page.path)
                times.append((time.perf_counter() - started) * 1000)
            with CaptureQueriesContext(connection) as queries:
                response = client.get(page.path)
            result = PageResult(page, Timing(page.label, times), len(queries), response.status_code)
            say(f"  {page.label}: p50 {result.timing.p50:.1f} ms, {result.queries} queries")
            results.append(result)
    return results


def table(results: list[PageResult]) -> list[str]:
    """A Markdown table: p50 and p95 in ms, each p50 as a multiple of the baseline's, queries."""
    baseline = next((result for result in results if result.page.baseline), results[0])
    base = max(baseline.timing.p50, 1e-6)
    lines = [
        "| Page | Address | p50 (ms) | p95 (ms) | p50 / baseline | Queries | Status |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for result in results:
        timing = result.timing
        lines.append(
            f"| {result.page.label} | `{result.page.path}` | {timing.p50:.1f} | "
            f"{timing.p95:.1f} | {timing.p50 / base:.2f}x | {result.queries} | {result.status} |"
        )
    return lines
