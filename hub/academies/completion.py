"""Completing an academy: the rules a participant must meet, awarding certificates to everyone
who meets them, and what a certificate says.

A participant completes when (a) they attended at least 75% of the sessions held since they
enrolled (excused sessions are not counted against them), (b) they attended at least one
session, (c) their 100-day plan is submitted and (d) the cohort's last session has happened.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from hub.academies.attendance import AttendanceSummary, attendance_summary, cohort_attendance
from hub.academies.models import (
    AcademyKind,
    Cohort,
    Enrolment,
    EnrolmentStatus,
    LearningOutcome,
    Plan,
    Session,
)
from hub.core.notify import absolute_url, email_on_commit

# At least this percentage of the sessions that count.
MIN_ATTENDANCE_RATE = 75
CERTIFICATE_PREFIX = {AcademyKind.DIGITAL: "DA", AcademyKind.MEMBER: "MLA"}
# Statuses that may be awarded a certificate (completed ones already have theirs).
AWARDABLE = (EnrolmentStatus.ENROLLED, EnrolmentStatus.ENROLLED_LATE)


@dataclass(frozen=True)
class Rule:
    code: str
    title: str
    met: bool
    reason: str


@dataclass(frozen=True)
class CompletionStatus:
    enrolment: Enrolment
    rules: list[Rule]
    attendance: AttendanceSummary

    @property
    def met(self) -> bool:
        return all(rule.met for rule in self.rules)

    @property
    def unmet(self) -> list[Rule]:
        return [rule for rule in self.rules if not rule.met]


def _day(moment: datetime) -> str:
    return date_format(timezone.localtime(moment), "j F Y")


def _attendance_rules(summary: AttendanceSummary) -> list[Rule]:
    counted = summary.counted
    excused = (
        f" {summary.excused} excused session{'s are' if summary.excused != 1 else ' is'} "
        "not counted."
        if summary.excused
        else ""
    )
    not_recorded = (
        f" {summary.not_recorded} held session{'s have' if summary.not_recorded != 1 else ' has'} "
        "no attendance recorded yet: a facilitator can put that right."
        if summary.not_recorded
        else ""
    )
    if summary.rate is None:
        rate_rule = Rule(
            "attendance",
            f"Attended at least {MIN_ATTENDANCE_RATE}% of sessions",
            False,
            "No sessions that count have been held since enrolling yet." + excused,
        )
    else:
        met = summary.rate >= MIN_ATTENDANCE_RATE
        rate_rule = Rule(
            "attendance",
            f"Attended at least {MIN_ATTENDANCE_RATE}% of sessions",
            met,
            # Rounded down: 74.6% shown as 75% would look like the rule was met.
            f"Attended {summary.attended} of the {counted} session{'s' if counted != 1 else ''} "
            f"that count ({math.floor(summary.rate)}%); at least {MIN_ATTENDANCE_RATE}% is needed."
            + excused
            + ("" if met else not_recorded),
        )
    attended = summary.attended
    return [
        rate_rule,
        Rule(
            "attended_one",
            "Attended at least one session",
            attended > 0,
            f"Attended {attended} session{'s' if attended != 1 else ''}."
            if attended
            else "No session attended yet.",
        ),
    ]


def _plan_rule(plan: Plan | None) -> Rule:
    title = "100-day plan submitted"
    if plan is None:
        return Rule("plan", title, False, "The 100-day plan has not been started.")
    if plan.submitted_at is None:
        return Rule("plan", title, False, "The 100-day plan is written but not submitted yet.")
    return Rule(
        "plan", title, True, f"The 100-day plan was submitted on {_day(plan.submitted_at)}."
    )


def _last_session_rule(last: Session | None, now: datetime) -> Rule:
    title = "The cohort's last session has happened"
    if last is None:
        return Rule("last_session", title, False, "The cohort has no sessions yet.")
    if last.ends_at > now:
        return Rule("last_session", title, False, f"The last session is on {_day(last.starts_at)}.")
    return Rule("last_session", title, True, f"The last session was on {_day(last.starts_at)}.")


def _last_session(cohort_id: int) -> Session | None:
    return Session.objects.filter(cohort_id=cohort_id).order_by("starts_at", "number").last()


def _plan_of(enrolment: Enrolment) -> Plan | None:
    try:
        return enrolment.plan
    except Plan.DoesNotExist:
        return None


def completion_status(
    enrolment: Enrolment,
    *,
    summary: AttendanceSummary | None = None,
    last_session: Session | None = None,
    now: datetime | None = None,
) -> CompletionStatus:
    """Each completion rule, met or not, with a plain-English reason.

    `summary` and `last_session` may be passed in when checking a whole cohort at once."""
    now = now or timezone.now()
    summary = summary if summary is not None else attendance_summary(enrolment)
    if last_session is None:
        last_session = _last_session(enrolment.cohort_id)
    rules = [
        *_attendance_rules(summary),
        _plan_rule(_plan_of(enrolment)),
        _last_session_rule(last_session, now),
    ]
    return CompletionStatus(enrolment=enrolment, rules=rules, attendance=summary)


def cohort_completion(cohort: Cohort) -> list[CompletionStatus]:
    """The completion status of everyone holding a place on the cohort (a handful of queries)."""
    report = cohort_attendance(cohort)
    plans = {p.enrolment_id: p for p in Plan.objects.filter(enrolment__cohort=cohort)}
    last = _last_session(cohort.pk)
    statuses = []
    for row in report.rows:
        enrolment = row.enrolment
        # Spare a query per person: the plan is looked up once for the cohort.
        Enrolment.plan.related.set_cached_value(enrolment, plans.get(enrolment.pk))
        statuses.append(completion_status(enrolment, summary=row.summary, last_session=last))
    return statuses


def certificate_number(enrolment: Enrolment, year: int) -> str:
    """e.g. DA-2026-000123: the academy, the year awarded and the enrolment's id."""
    return f"{CERTIFICATE_PREFIX[enrolment.cohort.academy]}-{year}-{enrolment.pk:06d}"


def _email_certificate(enrolment: Enrolment) -> None:
    if enrolment.user is None:  # no account to sign in with: the facilitators send it
        return
    cohort = enrolment.cohort
    link = absolute_url(reverse("academies:certificate", args=[cohort.slug]))
    email_on_commit(
        to=[enrolment.user.email],
        subject=f"Your certificate: {cohort.title}",
        body=(
            f"Dear {enrolment.person.full_name},\n\n"
            f"Congratulations: you have completed {cohort.title} "
            f"({cohort.get_academy_display()}).\n\n"
            f"Download your certificate (number {enrolment.certificate_number}) here, once "
            f"signed in:\n{link}\n"
        ),
    )


@transaction.atomic
def award_certificates(*, cohort: Cohort, now: datetime | None = None) -> list[Enrolment]:
    """Mark everyone who meets the rules as completed, with a certificate number, and email
    them a link. Running it again awards only people who have met the rules since."""
    now = now or timezone.now()
    # Lock the places so that two facilitators pressing the button award each person once.
    locked = set(
        cohort.enrolments.select_for_update()
        .filter(status__in=AWARDABLE)
        .values_list("pk", flat=True)
    )
    awarded = []
    for status in cohort_completion(cohort):
        enrolment = status.enrolment
        if enrolment.pk not in locked or not status.met:
            continue
        enrolment.cohort = cohort
        enrolment.status = EnrolmentStatus.COMPLETED
        enrolment.completed_at = now
        enrolment.certificate_number = certificate_number(enrolment, timezone.localtime(now).year)
        enrolment.save(update_fields=["status", "completed_at", "certificate_number", "updated_at"])
        _email_certificate(enrolment)
        awarded.append(enrolment)
    return awarded


# The certificate ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Certificate:
    enrolment: Enrolment
    cohort: Cohort
    first_day: datetime | None
    last_day: datetime | None
    sessions_attended: int
    outcomes: list[LearningOutcome]

    @property
    def filename(self) -> str:
        return f"certificate-{self.enrolment.certificate_number or self.enrolment.pk}.pdf"


def certificate(enrolment: Enrolment) -> Certificate:
    """What a completed participant's certificate says."""
    cohort = enrolment.cohort
    sessions = list(cohort.sessions.order_by("starts_at", "number"))
    # The outcomes of the cohort's modules; all six when no session names a module.
    outcomes = list(
        LearningOutcome.objects.filter(modules__sessions__cohort=cohort).distinct()
    ) or list(LearningOutcome.objects.all())
    return Certificate(
        enrolment=enrolment,
        cohort=cohort,
        first_day=sessions[0].starts_at if sessions else None,
        last_day=sessions[-1].starts_at if sessions else None,
        sessions_attended=attendance_summary(enrolment).attended,
        outcomes=outcomes,
    )
