"""Cohorts: creating and changing them, the schedule rules of each academy, the mix of
participants, and enrolment from application through the sponsor's decision to withdrawal.

A sponsor approves by a personal link: only the sha256 of its token is stored, it works once
and expires after SPONSOR_LINK_DAYS. A sponsor who approves when the cohort is full leaves
the enrolment waiting for a place (status awaiting_sponsor with sponsor_decided_at set); the
first such enrolment is enrolled when a place frees up.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.db import transaction
from django.db.models import Count, Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify

from hub.academies.models import (
    ACTIVE_ENROLMENT,
    LISTED_COHORT_STATUSES,
    SPONSOR_LINK_DAYS,
    AcademyKind,
    Attendance,
    AttendanceMethod,
    AttendanceStatus,
    Cohort,
    CohortStatus,
    Enrolment,
    EnrolmentStatus,
    Module,
    Session,
    new_token,
)
from hub.accounts.rules import is_programme_staff
from hub.core.dates import add_months
from hub.core.notify import absolute_url, email_on_commit
from hub.organisations.models import PartnerKind, Person, PlacePartner, RoleType

# A Digital Academy runs 6 to 8 sessions over 6 to 9 months (the Commissioning Academy model);
# a Member Leadership Academy 1 to 8 sessions within a year.
SCHEDULE_RULES = {
    AcademyKind.DIGITAL: {"sessions": (6, 8), "months": (6, 9)},
    AcademyKind.MEMBER: {"sessions": (1, 8), "months": (0, 12)},
}
MAX_SESSIONS = 8
# The mix check: no one body should hold more than this share of a cohort of at least
# DOMINANCE_MIN_PARTICIPANTS.
DOMINANCE_SHARE = 0.4
DOMINANCE_MIN_PARTICIPANTS = 5

# Next statuses a cohort may move to.
STATUS_CHANGES = {
    CohortStatus.DRAFT: (CohortStatus.RECRUITING, CohortStatus.CANCELLED),
    CohortStatus.RECRUITING: (CohortStatus.RUNNING, CohortStatus.CANCELLED),
    CohortStatus.RUNNING: (CohortStatus.FINISHED, CohortStatus.CANCELLED),
    CohortStatus.FINISHED: (),
    CohortStatus.CANCELLED: (),
}
# Enrolments the mix check counts: those holding a place or waiting for their sponsor.
MIX_STATUSES = (*ACTIVE_ENROLMENT, EnrolmentStatus.AWAITING_SPONSOR)
# Someone whose application was withdrawn or not supported may apply again.
REAPPLY_STATUSES = (EnrolmentStatus.WITHDRAWN, EnrolmentStatus.SPONSOR_DECLINED)
WITHDRAWABLE = (
    EnrolmentStatus.AWAITING_SPONSOR,
    EnrolmentStatus.ENROLLED,
    EnrolmentStatus.ENROLLED_LATE,
)


class CohortError(Exception):
    """A change to a cohort or an enrolment that the academy's rules refuse."""


class ScheduleError(CohortError):
    def __init__(self, problems: list[str]):
        super().__init__(" ".join(problems))
        self.problems = problems


# Reading -------------------------------------------------------------------------------------


def visible_cohorts(user) -> QuerySet[Cohort]:
    """Cohorts the user may see listed: listed ones, plus drafts and cancelled ones to their
    facilitators and to programme staff."""
    cohorts = Cohort.objects.select_related("place")
    if is_programme_staff(user):
        return cohorts
    listed = Q(status__in=LISTED_COHORT_STATUSES)
    if user.is_authenticated:
        listed |= Q(facilitators=user)
    return cohorts.filter(listed).distinct()


def with_places_taken(cohorts: QuerySet[Cohort]) -> QuerySet[Cohort]:
    return cohorts.annotate(
        places_taken=Count("enrolments", filter=Q(enrolments__status__in=ACTIVE_ENROLMENT))
    )


def places_left(cohort: Cohort) -> int:
    taken = getattr(cohort, "places_taken", None)
    if taken is None:
        taken = cohort.enrolments.filter(status__in=ACTIVE_ENROLMENT).count()
    return max(0, cohort.capacity - taken)


def is_waiting_for_place(enrolment: Enrolment) -> bool:
    return (
        enrolment.status == EnrolmentStatus.AWAITING_SPONSOR
        and enrolment.sponsor_decided_at is not None
    )


def enrolment_status_label(enrolment: Enrolment) -> str:
    if is_waiting_for_place(enrolment):
        return "Waiting for a place"
    return enrolment.get_status_display()


# Creating and changing cohorts ---------------------------------------------------------------


def unique_cohort_slug(title: str, *, exclude_pk: int | None = None) -> str:
    base = slugify(title)[:200] or "cohort"
    slug, number = base, 2
    while Cohort.objects.filter(slug=slug).exclude(pk=exclude_pk).exists():
        slug, number = f"{base}-{number}", number + 1
    return slug


def _check_place(academy: str, place) -> None:
    if academy == AcademyKind.DIGITAL and place is None:
        raise CohortError("Select the place: a Digital Academy cohort belongs to a place")


@transaction.atomic
def cohort_create(*, by, facilitators, **fields) -> Cohort:
    _check_place(fields["academy"], fields.get("place"))
    if not fields.get("region") and fields.get("place") is not None:
        fields["region"] = fields["place"].region
    cohort = Cohort.objects.create(slug=unique_cohort_slug(fields["title"]), **fields)
    cohort.facilitators.set(facilitators or [by])
    return cohort


@transaction.atomic
def cohort_update(*, cohort: Cohort, by, facilitators, **fields) -> Cohort:
    academy = fields.get("academy", cohort.academy)
    if academy != cohort.academy and cohort.sessions.exists():
        raise CohortError("Clear the schedule before changing the academy: its modules differ")
    _check_place(academy, fields.get("place", cohort.place))
    for name, value in fields.items():
        setattr(cohort, name, value)
    cohort.save()
    if facilitators is not None:
        cohort.facilitators.set(facilitators)
    return cohort


@transaction.atomic
def cohort_change_status(*, cohort: Cohort, status: str, by) -> Cohort:
    if status not in STATUS_CHANGES[cohort.status]:
        raise CohortError(
            f"A cohort that is {cohort.get_status_display().lower()} cannot become "
            f"{CohortStatus(status).label.lower()}"
        )
    if status == CohortStatus.RUNNING and cohort.schedule_set_at is None:
        raise CohortError("Set the schedule before the cohort starts running")
    cohort.status = status
    cohort.save(update_fields=["status", "updated_at"])
    return cohort


# The schedule --------------------------------------------------------------------------------


@dataclass(frozen=True)
class ScheduleRow:
    starts_at: datetime
    ends_at: datetime
    module: Module | None = None
    venue: str = ""


def calendar_span(first: date, last: date) -> tuple[int, int]:
    """Whole calendar months and days from `first` to `last` (15 Jan to 15 Jul: 6, 0)."""
    months = (last.year - first.year) * 12 + last.month - first.month
    while months > 0 and add_months(first, months) > last:
        months -= 1
    return months, (last - add_months(first, months)).days


def describe_span(months: int, days: int) -> str:
    parts = []
    if months or not days:
        parts.append(f"{months} month{'s' if months != 1 else ''}")
    if days:
        parts.append(f"{days} day{'s' if days != 1 else ''}")
    return " and ".join(parts)


def schedule_problems(academy: str, rows: list[ScheduleRow]) -> list[str]:
    """What breaks the academy's rules in this schedule, in words; empty when it is fine."""
    rules = SCHEDULE_RULES[AcademyKind(academy)]
    label = AcademyKind(academy).label
    problems = []
    fewest, most = rules["sessions"]
    if not fewest <= len(rows) <= most:
        problems.append(
            f"The schedule has {len(rows)} session{'s' if len(rows) != 1 else ''}: "
            f"a {label} has {fewest} to {most} sessions"
        )
    for number, row in enumerate(rows, start=1):
        if row.ends_at <= row.starts_at:
            problems.append(f"Session {number} must end after it starts")
        if number > 1:
            previous = timezone.localdate(rows[number - 2].starts_at)
            if timezone.localdate(row.starts_at) <= previous:
                problems.append(
                    f"Session {number} must be on a later date than session {number - 1}"
                )
    if len(rows) >= 2 and not problems:
        first = timezone.localdate(rows[0].starts_at)
        last = timezone.localdate(rows[-1].starts_at)
        months, days = calendar_span(first, last)
        shortest, longest = rules["months"]
        too_long = (months, days) > (longest, 0)
        if (months, days) < (shortest, 0) or too_long:
            if shortest:
                rule = f"a {label} runs over {shortest} to {longest} months"
            else:
                rule = f"a {label} runs within {longest} months"
            problems.append(f"The sessions span {describe_span(months, days)}: {rule}")
    return problems


@transaction.atomic
def set_schedule(*, cohort: Cohort, rows: list[ScheduleRow], by) -> list[Session]:
    """Set the whole schedule at once. Sessions keep their number (and their attendance); a
    session beyond the new last one is removed unless attendance was taken at it."""
    problems = schedule_problems(cohort.academy, rows)
    for row in rows:
        if row.module is not None and row.module.academy != cohort.academy:
            problems.append(
                f"{row.module.title} is not a module of the {cohort.get_academy_display()}"
            )
    existing = {session.number: session for session in cohort.sessions.select_for_update()}
    to_remove = [number for number in existing if number > len(rows)]
    attended = sorted(
        Session.objects.filter(pk__in=[existing[n].pk for n in to_remove], attendance__isnull=False)
        .values_list("number", flat=True)
        .distinct()
    )
    for number in attended:
        problems.append(f"Session {number} cannot be removed: attendance has been taken at it")
    if problems:
        raise ScheduleError(problems)
    Session.objects.filter(cohort=cohort, number__in=to_remove).delete()
    sessions = []
    for number, row in enumerate(rows, start=1):
        session = existing.get(number) or Session(cohort=cohort, number=number)
        session.starts_at, session.ends_at = row.starts_at, row.ends_at
        session.module, session.venue = row.module, row.venue
        session.save()
        sessions.append(session)
    cohort.schedule_set_at = timezone.now()
    cohort.save(update_fields=["schedule_set_at", "updated_at"])
    return sessions


# The mix of participants ---------------------------------------------------------------------


def mix_warnings(cohort: Cohort) -> list[str]:
    """Warnings about who the cohort draws from: one body dominating, or a required sector
    missing (Digital Academy), over enrolments holding or waiting for a place."""
    enrolments = list(
        cohort.enrolments.filter(status__in=MIX_STATUSES).select_related("organisation")
    )
    warnings = []
    total = len(enrolments)
    if total >= DOMINANCE_MIN_PARTICIPANTS:
        by_organisation = Counter(enrolment.organisation for enrolment in enrolments)
        for organisation, count in by_organisation.most_common():
            if count / total > DOMINANCE_SHARE:
                warnings.append(
                    f"{organisation.name} has {count} of the {total} participants "
                    f"({round(100 * count / total)}%): no one body should have more than "
                    f"{round(100 * DOMINANCE_SHARE)}%"
                )
    if cohort.is_digital_academy:
        sectors = {enrolment.partner_kind for enrolment in enrolments}
        for sector in cohort.required_sectors:
            if sector not in sectors:
                warnings.append(
                    f"Nobody from {PartnerKind(sector).label.lower()}: the cohort needs "
                    "someone from each required sector"
                )
    return warnings


# Applying and the sponsor's decision ---------------------------------------------------------


def hash_token(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


def _eligibility(cohort: Cohort, person: Person) -> tuple:
    """The organisation and partner kind the person joins as, or CohortError saying why not."""
    if cohort.academy == AcademyKind.MEMBER:
        if person.role_type != RoleType.COUNCILLOR:
            raise CohortError(
                "The Member Leadership Academy is for councillors: "
                f"{person.full_name} is recorded as an officer"
            )
        return person.organisation, ""
    membership = PlacePartner.objects.filter(
        place=cohort.place_id, organisation=person.organisation_id
    ).first()
    if membership is None:
        raise CohortError(
            f"{person.organisation.name} is not a partner of {cohort.place}: this Digital "
            "Academy draws its participants from the place's partner organisations"
        )
    return person.organisation, membership.partner_kind


def _check_sponsor(person: Person, sponsor_email: str, sponsor_name: str) -> None:
    own_email = (person.user.email if person.user else "").lower()
    if sponsor_email.lower() == own_email or sponsor_name.strip().lower() == (
        person.full_name.strip().lower()
    ):
        raise CohortError(
            "The sponsor must be someone else: your chief executive or a director who backs you"
        )


def _email_sponsor(enrolment: Enrolment, raw_token: str) -> None:
    cohort, person = enrolment.cohort, enrolment.person
    link = absolute_url(reverse("academies:sponsor", args=[raw_token]))
    email_on_commit(
        to=[enrolment.sponsor_email],
        subject=f"Will you sponsor {person.full_name} on the {cohort.title}?",
        body=(
            f"Dear {enrolment.sponsor_name},\n\n"
            f"{person.full_name} of {enrolment.organisation.name} has applied to join the "
            f"{cohort.title} ({cohort.get_academy_display()}) and named you as their sponsor.\n\n"
            "Participants are backed by their chief executive or a director, who gives them "
            "the time to take part and supports their 100-day plan.\n\n"
            f"Please tell us whether you support the application:\n{link}\n\n"
            f"The link works once and expires in {SPONSOR_LINK_DAYS} days."
        ),
    )


@transaction.atomic
def _create_application(
    *, cohort: Cohort, person: Person, by, motivation: str, sponsor: dict
) -> Enrolment:
    cohort = Cohort.objects.select_for_update().get(pk=cohort.pk)
    if cohort.status not in (CohortStatus.RECRUITING, CohortStatus.RUNNING):
        raise CohortError("This cohort is not taking applications")
    organisation, partner_kind = _eligibility(cohort, person)
    _check_sponsor(person, sponsor["sponsor_email"], sponsor["sponsor_name"])
    enrolment = Enrolment.objects.filter(cohort=cohort, person=person).first()
    if enrolment is not None and enrolment.status not in REAPPLY_STATUSES:
        raise CohortError(f"{person.full_name} has already applied to this cohort")
    raw_token = new_token()
    values = {
        "user": person.user,
        "organisation": organisation,
        "partner_kind": partner_kind,
        "status": EnrolmentStatus.AWAITING_SPONSOR,
        "motivation": motivation,
        "sponsor_token_hash": hash_token(raw_token),
        "sponsor_token_expires_at": timezone.now() + timedelta(days=SPONSOR_LINK_DAYS),
        "sponsor_decided_at": None,
        "sponsor_comment": "",
        "applied_by": by,
        "enrolled_at": None,
        "withdrawn_at": None,
        **sponsor,
    }
    if enrolment is None:
        enrolment = Enrolment.objects.create(cohort=cohort, person=person, **values)
    else:
        for name, value in values.items():
            setattr(enrolment, name, value)
        enrolment.save()
    _email_sponsor(enrolment, raw_token)
    return enrolment


def apply(*, cohort: Cohort, user, motivation: str, **sponsor) -> Enrolment:
    """The signed-in user applies for themselves, naming their sponsor."""
    person = Person.objects.filter(user=user).select_related("organisation", "user").first()
    if person is None:
        raise CohortError("Add your details to the register before you apply")
    return _create_application(
        cohort=cohort, person=person, by=user, motivation=motivation, sponsor=sponsor
    )


def add_participant(*, cohort: Cohort, person: Person, by, motivation: str = "", **sponsor):
    """A facilitator puts someone from the register forward; their sponsor still approves."""
    return _create_application(
        cohort=cohort, person=person, by=by, motivation=motivation, sponsor=sponsor
    )


class SponsorLinkProblem(CohortError):
    """The link is unknown, used or expired; `reason` says which."""

    def __init__(self, reason: str, enrolment: Enrolment | None = None):
        super().__init__(reason)
        self.reason = reason
        self.enrolment = enrolment


def enrolment_for_sponsor(raw_token: str) -> Enrolment:
    enrolment = (
        Enrolment.objects.select_related("cohort", "person", "organisation")
        .filter(sponsor_token_hash=hash_token(raw_token))
        .first()
    )
    if enrolment is None:
        raise SponsorLinkProblem("unknown")
    if enrolment.sponsor_decided_at is not None or enrolment.status != (
        EnrolmentStatus.AWAITING_SPONSOR
    ):
        raise SponsorLinkProblem("used", enrolment)
    if enrolment.sponsor_token_expires_at and enrolment.sponsor_token_expires_at < timezone.now():
        raise SponsorLinkProblem("expired", enrolment)
    return enrolment


def _enrol(enrolment: Enrolment) -> None:
    """Give the enrolment its place; sessions already started count as before it joined."""
    now = timezone.now()
    started = list(enrolment.cohort.sessions.filter(starts_at__lte=now))
    enrolment.status = EnrolmentStatus.ENROLLED_LATE if started else EnrolmentStatus.ENROLLED
    enrolment.enrolled_at = now
    enrolment.save()
    for session in started:
        Attendance.objects.get_or_create(
            session=session,
            enrolment=enrolment,
            defaults={
                "status": AttendanceStatus.NOT_YET_ENROLLED,
                "method": AttendanceMethod.ENROLMENT,
            },
        )


def _email_participant(enrolment: Enrolment, subject: str, body: str) -> None:
    if enrolment.user and enrolment.user.email:
        email_on_commit(
            to=[enrolment.user.email],
            subject=subject,
            body=f"Dear {enrolment.person.full_name},\n\n{body}\n\n"
            + absolute_url(enrolment.cohort.get_absolute_url()),
        )


@transaction.atomic
def sponsor_decide(*, raw_token: str, approve: bool, comment: str = "") -> Enrolment:
    """Record the sponsor's answer. Approval enrols, or leaves the enrolment waiting for a
    place when the cohort is full."""
    enrolment = enrolment_for_sponsor(raw_token)
    cohort = Cohort.objects.select_for_update().get(pk=enrolment.cohort_id)
    enrolment.sponsor_decided_at = timezone.now()
    enrolment.sponsor_comment = comment
    if not approve:
        enrolment.status = EnrolmentStatus.SPONSOR_DECLINED
        enrolment.save()
        _email_participant(
            enrolment,
            f"Your sponsor did not support your application to the {cohort.title}",
            f"{enrolment.sponsor_name} did not support your application to the {cohort.title}.",
        )
        return enrolment
    if places_left(cohort) == 0:
        enrolment.save()
        _email_participant(
            enrolment,
            f"Your sponsor supports your application to the {cohort.title}",
            f"{enrolment.sponsor_name} supports your application, but the {cohort.title} is "
            "full. You are on the waiting list and will be enrolled if a place frees up.",
        )
        return enrolment
    _enrol(enrolment)
    _email_participant(
        enrolment,
        f"You have a place on the {cohort.title}",
        f"{enrolment.sponsor_name} supports your application: you have a place on the "
        f"{cohort.title}.",
    )
    return enrolment


def waiting_list(cohort: Cohort) -> QuerySet[Enrolment]:
    return cohort.enrolments.filter(
        status=EnrolmentStatus.AWAITING_SPONSOR, sponsor_decided_at__isnull=False
    ).order_by("sponsor_decided_at", "pk")


@transaction.atomic
def withdraw(*, enrolment: Enrolment, by) -> Enrolment:
    """The participant leaves (or stops their application); a place freed goes to the first
    approved applicant waiting for one."""
    if enrolment.status not in WITHDRAWABLE:
        raise CohortError("This enrolment cannot be withdrawn")
    freed = enrolment.holds_place
    enrolment.status = EnrolmentStatus.WITHDRAWN
    enrolment.withdrawn_at = timezone.now()
    enrolment.save()
    if freed:
        cohort = Cohort.objects.select_for_update().get(pk=enrolment.cohort_id)
        waiting = waiting_list(cohort).select_related("cohort", "person", "user").first()
        if waiting is not None and places_left(cohort) > 0:
            _enrol(waiting)
            _email_participant(
                waiting,
                f"You have a place on the {cohort.title}",
                f"A place has freed up: you now have a place on the {cohort.title}.",
            )
    return enrolment
