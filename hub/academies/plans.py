"""100-day plans: writing and submitting a plan with its actions, the 6- and 12-month updates,
the programme unit's progress across cohorts, and reminders of updates falling due.

Updates are due MILESTONE_MONTHS after the plan was submitted (its Europe/London date) and can
be written from UPDATE_OPENS_MONTHS_BEFORE before that. Submitting again after editing keeps
the first submission date, so the milestones do not move.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.db import transaction
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone

from hub.academies.models import (
    ACTIVE_ENROLMENT,
    MILESTONE_MONTHS,
    ActionStatus,
    Cohort,
    Enrolment,
    Milestone,
    Plan,
    PlanAction,
    PlanReminder,
    PlanUpdate,
    Progress,
    ReminderKind,
)
from hub.core.dates import add_months
from hub.core.notify import absolute_url, email_on_commit

# An update can be written from this many months before it is due.
UPDATE_OPENS_MONTHS_BEFORE = 1
# A reminder goes when an update is due within this many days, and another once it is due.
# Each is recorded (PlanReminder), so running the command twice, or missing a day, neither
# repeats nor loses one; a written update stops them.
REMINDER_DAYS_BEFORE = 14


class PlanError(Exception):
    """A change to a plan that cannot be made; the message is fit to show the user."""


def _due(submitted_at: datetime, milestone: str, months_before: int = 0) -> date:
    months = MILESTONE_MONTHS[milestone] - months_before
    return add_months(timezone.localdate(submitted_at), months)


def due_on(plan: Plan, milestone: str) -> date | None:
    return _due(plan.submitted_at, milestone) if plan.is_submitted else None


def opens_on(plan: Plan, milestone: str) -> date | None:
    if not plan.is_submitted:
        return None
    return _due(plan.submitted_at, milestone, UPDATE_OPENS_MONTHS_BEFORE)


@dataclass(frozen=True)
class MilestoneState:
    milestone: str
    label: str
    due_on: date | None
    opens_on: date | None
    update: PlanUpdate | None
    today: date

    @property
    def is_open(self) -> bool:
        return self.opens_on is not None and self.opens_on <= self.today

    @property
    def is_overdue(self) -> bool:
        return self.update is None and self.due_on is not None and self.due_on < self.today


def milestones(plan: Plan | None) -> list[MilestoneState]:
    """Each update of the plan: when it is due, when it opens, and the update if written."""
    today = timezone.localdate()
    written = {u.milestone: u for u in plan.updates.all()} if plan and plan.pk else {}
    return [
        MilestoneState(
            milestone=m.value,
            label=m.label,
            due_on=due_on(plan, m) if plan else None,
            opens_on=opens_on(plan, m) if plan else None,
            update=written.get(m.value),
            today=today,
        )
        for m in Milestone
    ]


# Selectors ---------------------------------------------------------------------------------


def plan_of(enrolment: Enrolment) -> Plan | None:
    """The participant's plan with its actions and updates, or None if not started."""
    return (
        Plan.objects.filter(enrolment=enrolment)
        .prefetch_related("actions", "updates")
        .select_related("enrolment__person", "enrolment__organisation")
        .first()
    )


# Writing a plan ----------------------------------------------------------------------------


def _check_can_change(enrolment: Enrolment) -> None:
    if not enrolment.holds_place:
        raise PlanError("Only participants with a place on the cohort can change their plan")


def plan_save(
    *, enrolment: Enrolment, ambition: str, partners: str, expected_benefits: str
) -> Plan:
    """Start or change the plan's ambition, partners and expected benefits."""
    _check_can_change(enrolment)
    plan, _ = Plan.objects.update_or_create(
        enrolment=enrolment,
        defaults={
            "ambition": ambition,
            "partners": partners,
            "expected_benefits": expected_benefits,
        },
    )
    return plan


def plan_action_save(
    *,
    plan: Plan,
    description: str,
    partner: str,
    due_on: date | None,
    status: str,
    action: PlanAction | None = None,
) -> PlanAction:
    """Add an action to the plan (at the end), or change one of its actions."""
    _check_can_change(plan.enrolment)
    if action is None:
        last = plan.actions.order_by("-order").values_list("order", flat=True).first()
        action = PlanAction(plan=plan, order=(last or 0) + 1)
    elif action.plan_id != plan.pk:
        raise PlanError("This action is not part of your plan")
    action.description = description
    action.partner = partner
    action.due_on = due_on
    action.status = status
    action.save()
    return action


def plan_action_remove(*, plan: Plan, action: PlanAction) -> None:
    _check_can_change(plan.enrolment)
    if action.plan_id != plan.pk:
        raise PlanError("This action is not part of your plan")
    action.delete()


def plan_submit(*, plan: Plan) -> Plan:
    """Submit the plan: from now its 6- and 12-month updates fall due. A plan submitted
    before keeps its first date."""
    _check_can_change(plan.enrolment)
    if not plan.actions.exists():
        raise PlanError("Add at least one action before you submit your plan")
    if not plan.is_submitted:
        plan.submitted_at = timezone.now()
        plan.save(update_fields=["submitted_at", "updated_at"])
    return plan


@transaction.atomic
def plan_update_save(
    *,
    plan: Plan,
    milestone: str,
    progress: str,
    achieved: str,
    benefits_seen: str,
    next_steps: str,
    action_statuses: dict[int, str],
) -> PlanUpdate:
    """Write (or rewrite) the 6- or 12-month update, and the actions' statuses with it."""
    _check_can_change(plan.enrolment)
    if milestone not in Milestone.values:
        raise PlanError("There is no such update")
    if not plan.is_submitted:
        raise PlanError("Submit your plan first: its updates fall due after it is submitted")
    opening = opens_on(plan, milestone)
    if timezone.localdate() < opening:
        raise PlanError(
            f"You can write the {Milestone(milestone).label} from {opening:%-d %B %Y}, "
            f"a month before it is due on {due_on(plan, milestone):%-d %B %Y}"
        )
    if progress not in Progress.values:
        raise PlanError("Select how the plan is going")
    actions = {a.pk: a for a in plan.actions.select_for_update()}
    for action_id, status in action_statuses.items():
        action = actions.get(action_id)
        if action is None:
            raise PlanError("An action is not part of your plan")
        if status not in ActionStatus.values:
            raise PlanError(f"“{status}” is not an action status")
        if action.status != status:
            action.status = status
            action.save(update_fields=["status", "updated_at"])
    update, _ = PlanUpdate.objects.update_or_create(
        plan=plan,
        milestone=milestone,
        defaults={
            "progress": progress,
            "achieved": achieved,
            "benefits_seen": benefits_seen,
            "next_steps": next_steps,
        },
    )
    return update


# Programme progress ------------------------------------------------------------------------


@dataclass
class CohortProgress:
    """One cohort's plans in numbers (or the totals over cohorts when `cohort` is None).

    An update is "due" once its due date has passed or is today; "written" counts the updates
    written, including any written in the month before they fell due. On track is the share
    of plans with an update whose latest update (12-month if written, else 6-month) says so.
    """

    cohort: Cohort | None
    participants: int = 0
    plans_submitted: int = 0
    six_due: int = 0
    six_written: int = 0
    twelve_due: int = 0
    twelve_written: int = 0
    actions_done: int = 0
    actions_total: int = 0
    with_updates: int = 0
    on_track: int = 0

    @property
    def on_track_share(self) -> float | None:
        return 100 * self.on_track / self.with_updates if self.with_updates else None

    COUNTS = (
        "participants",
        "plans_submitted",
        "six_due",
        "six_written",
        "twelve_due",
        "twelve_written",
        "actions_done",
        "actions_total",
        "with_updates",
        "on_track",
    )


def programme_progress(*, academy: str = "", status: str = "") -> list[CohortProgress]:
    """Every cohort (optionally of one academy and status) with its plans' progress. Four
    queries, however many cohorts, plans and updates."""
    cohorts = Cohort.objects.select_related("place").annotate(
        participants=Count("enrolments", filter=Q(enrolments__status__in=ACTIVE_ENROLMENT))
    )
    if academy:
        cohorts = cohorts.filter(academy=academy)
    if status:
        cohorts = cohorts.filter(status=status)
    cohorts = list(cohorts.order_by("academy", "title", "pk"))
    rows = {c.pk: CohortProgress(cohort=c, participants=c.participants) for c in cohorts}
    plans = Plan.objects.filter(
        enrolment__cohort__in=list(rows), enrolment__status__in=ACTIVE_ENROLMENT
    )
    today = timezone.localdate()
    plan_cohort: dict[int, int] = {}
    for plan_id, cohort_id, submitted_at in plans.values_list(
        "pk", "enrolment__cohort_id", "submitted_at"
    ):
        plan_cohort[plan_id] = cohort_id
        if submitted_at is None:
            continue
        row = rows[cohort_id]
        row.plans_submitted += 1
        row.six_due += _due(submitted_at, Milestone.SIX_MONTHS) <= today
        row.twelve_due += _due(submitted_at, Milestone.TWELVE_MONTHS) <= today
    latest: dict[int, tuple[str, str]] = {}
    for plan_id, milestone, progress in PlanUpdate.objects.filter(
        plan_id__in=list(plan_cohort)
    ).values_list("plan_id", "milestone", "progress"):
        row = rows[plan_cohort[plan_id]]
        if milestone == Milestone.SIX_MONTHS:
            row.six_written += 1
        else:
            row.twelve_written += 1
        # "twelve_months" > "six_months": the later milestone wins.
        if plan_id not in latest or milestone > latest[plan_id][0]:
            latest[plan_id] = (milestone, progress)
    for plan_id, (_, progress) in latest.items():
        row = rows[plan_cohort[plan_id]]
        row.with_updates += 1
        row.on_track += progress == Progress.ON_TRACK
    for cohort_id, total, done in (
        PlanAction.objects.filter(plan_id__in=list(plan_cohort))
        .values_list("plan__enrolment__cohort_id")
        .annotate(total=Count("pk"), done=Count("pk", filter=Q(status=ActionStatus.DONE)))
        .order_by()
    ):
        rows[cohort_id].actions_total = total
        rows[cohort_id].actions_done = done
    return list(rows.values())


def progress_totals(rows: list[CohortProgress]) -> CohortProgress:
    total = CohortProgress(cohort=None)
    for name in CohortProgress.COUNTS:
        setattr(total, name, sum(getattr(row, name) for row in rows))
    return total


# Reminders ---------------------------------------------------------------------------------


def _reminder(plan: Plan, milestone: str, due: date, today: date) -> None:
    enrolment = plan.enrolment
    label = Milestone(milestone).label
    if due == today:
        when = "today"
    elif due < today:
        when = f"since {due:%-d %B %Y}"
    else:
        when = f"on {due:%-d %B %Y}"
    url = absolute_url(reverse("academies:plan-update", args=[enrolment.cohort.slug, milestone]))
    email_on_commit(
        to=[enrolment.user.email],
        subject=f"Your {label} on your 100-day plan is due {when}",
        body=(
            f"Dear {enrolment.person.full_name},\n\n"
            f"The {label} on your 100-day plan for {enrolment.cohort.title} is due {when}. "
            "Tell us how your plan is going, what it has achieved and the benefits you have "
            "seen, and update the status of your actions.\n\n"
            f"Write your update: {url}\n"
        ),
    )


def _reminder_due(due: date, today: date) -> str | None:
    """Which reminder an unwritten update needs today, if any."""
    if due <= today:
        return ReminderKind.DUE
    if (due - today).days <= REMINDER_DAYS_BEFORE:
        return ReminderKind.SOON
    return None


def plan_reminders_send(*, today: date | None = None, dry_run: bool = False) -> int:
    """Email participants whose update falls due within REMINDER_DAYS_BEFORE days, and again
    when it is due, once each, unless it is written. Returns the number of emails sent (or
    that would be, on a dry run). An update overdue by more than a fortnight when reminders
    began is not chased: the due reminder is for the day it falls due, or soon after."""
    today = today or timezone.localdate()
    longest = max(MILESTONE_MONTHS.values())
    earliest = add_months(today, -longest) - timedelta(days=REMINDER_DAYS_BEFORE)
    plans = (
        Plan.objects.filter(
            submitted_at__date__gte=earliest,
            enrolment__status__in=ACTIVE_ENROLMENT,
            enrolment__user__isnull=False,
        )
        .select_related("enrolment__user", "enrolment__person", "enrolment__cohort")
        .prefetch_related("updates", "reminders")
    )
    sent = 0
    with transaction.atomic():
        for plan in plans:
            written = {u.milestone for u in plan.updates.all()}
            already = {(r.milestone, r.kind) for r in plan.reminders.all()}
            for milestone in Milestone:
                due = due_on(plan, milestone)
                kind = _reminder_due(due, today)
                if milestone in written or kind is None or (milestone, kind) in already:
                    continue
                if (today - due).days > REMINDER_DAYS_BEFORE:
                    continue
                sent += 1
                if not dry_run:
                    PlanReminder.objects.create(plan=plan, milestone=milestone, kind=kind)
                    _reminder(plan, milestone, due, today)
    return sent
