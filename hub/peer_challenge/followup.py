"""After the report: the council's action plan, the progress review, the cycle's deadlines and
their reminders.

The action plan is the council's: its leads (and programme staff) add, change and remove
actions and publish the plan, which needs the report published first. Until then it is as
confidential as the rest of the challenge; once published, whoever may see the challenge may
see the plan.

Recording the progress review closes the challenge (status "closed"): it is the last step of
the cycle, and the deadlines page shows the cycle complete. A review can be corrected after
it is recorded; the challenge stays closed.

Deadlines fall DEADLINE_MONTHS after the on-site visit ends (challenges.deadline_dates). Each
is met on the day the report or action plan was published or the review was held; one not met
is overdue once its day has passed and due soon within DUE_SOON_DAYS of it. Reminders go to
the lead peer and the council's leads when a deadline is due soon and again when it is overdue,
each recorded (DeadlineReminder) so that running the command twice sends nothing twice and a
missed day loses nothing (after hub/academies/plans.py plan_reminders_send).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.db import IntegrityError, transaction
from django.db.models import Prefetch
from django.urls import reverse
from django.utils import timezone

from hub.core.dates import add_months
from hub.core.notify import absolute_url, email_on_commit
from hub.peer_challenge.challenges import deadline_dates
from hub.peer_challenge.models import (
    DEADLINE_MONTHS,
    Action,
    ActionStatus,
    Challenge,
    ChallengeStatus,
    CouncilLead,
    Deadline,
    DeadlineReminder,
    Finding,
    Judgement,
    PeerRole,
    PeerTeamMember,
    ReminderKind,
)

# A deadline not met is "due soon" within this many days of it, and reminded then.
DUE_SOON_DAYS = 14
# An overdue deadline is reminded only within this many days of falling due, so that starting
# the reminders does not email about cycles long past; a missed day (or month) loses nothing.
OVERDUE_REMINDER_DAYS = 90


class FollowUpError(Exception):
    """A change to the action plan or review that cannot be made; the message is fit to show."""


# The action plan ---------------------------------------------------------------------------


def can_view_action_plan(user, challenge: Challenge) -> bool:
    """Insiders always; anyone who may see the challenge once the council publishes the plan
    (which needs the report published)."""
    if user.has_perm("peer_challenge.view_confidential", challenge):
        return True
    return (
        challenge.is_published
        and challenge.action_plan_published_at is not None
        and user.has_perm("peer_challenge.view", challenge)
    )


def areas_for_development(challenge: Challenge):
    """The challenge's areas for development, which an action may answer, in report order."""
    return (
        Finding.objects.filter(challenge=challenge, judgement=Judgement.AREA_FOR_DEVELOPMENT)
        .select_related("line__element")
        .order_by("line__element__order", "line__order", "order", "pk")
    )


def actions_of(challenge: Challenge) -> list[Action]:
    return list(challenge.actions.select_related("finding").order_by("order", "pk"))


def is_overdue(action: Action, today: date | None = None) -> bool:
    today = today or timezone.localdate()
    return (
        action.status != ActionStatus.DONE and action.due_on is not None and action.due_on < today
    )


@dataclass(frozen=True)
class PlanProgress:
    done: int
    total: int
    in_progress: int
    overdue: int

    @property
    def not_started(self) -> int:
        return self.total - self.done - self.in_progress


def plan_progress(actions: list[Action], today: date | None = None) -> PlanProgress:
    today = today or timezone.localdate()
    return PlanProgress(
        done=sum(a.status == ActionStatus.DONE for a in actions),
        total=len(actions),
        in_progress=sum(a.status == ActionStatus.IN_PROGRESS for a in actions),
        overdue=sum(is_overdue(a, today) for a in actions),
    )


def done_by(actions: list[Action], day: date) -> int:
    """How many of the actions were done on or before `day` (by their done date)."""
    return sum(
        a.status == ActionStatus.DONE and a.done_on is not None and a.done_on <= day
        for a in actions
    )


def _check_finding(challenge: Challenge, finding: Finding | None) -> None:
    if finding is not None and (
        finding.challenge_id != challenge.pk or finding.judgement != Judgement.AREA_FOR_DEVELOPMENT
    ):
        raise FollowUpError("An action can answer only an area for development of this challenge")


@transaction.atomic
def action_save(
    *,
    challenge: Challenge,
    description: str,
    owner: str,
    due_on: date | None,
    status: str,
    finding: Finding | None = None,
    action: Action | None = None,
) -> Action:
    """Add an action to the plan (at the end), or change one. Marking it done records the day
    (kept if it was done already); moving it back from done clears it."""
    if status not in ActionStatus.values:
        raise FollowUpError("Select the status of the action")
    _check_finding(challenge, finding)
    if action is None:
        last = challenge.actions.order_by("-order").values_list("order", flat=True).first()
        action = Action(challenge=challenge, order=(last or 0) + 1)
    elif action.challenge_id != challenge.pk:
        raise FollowUpError("This action is not part of this action plan")
    if status == ActionStatus.DONE:
        if action.status != ActionStatus.DONE or action.done_on is None:
            action.done_on = timezone.localdate()
    else:
        action.done_on = None
    action.description = description
    action.owner = owner
    action.due_on = due_on
    action.status = status
    action.finding = finding
    action.save()
    return action


def action_remove(*, challenge: Challenge, action: Action) -> None:
    if action.challenge_id != challenge.pk:
        raise FollowUpError("This action is not part of this action plan")
    action.delete()


@transaction.atomic
def action_plan_publish(*, challenge: Challenge) -> Challenge:
    """Publish the plan: whoever may see the challenge may now see it. Publishing again keeps
    the first date, which is when the deadline was met."""
    if not challenge.is_published:
        raise FollowUpError("Publish the report before the action plan")
    if not challenge.actions.exists():
        raise FollowUpError("Add at least one action before you publish the action plan")
    if challenge.action_plan_published_at is None:
        challenge.action_plan_published_at = timezone.now()
        challenge.save(update_fields=["action_plan_published_at", "updated_at"])
    return challenge


# The progress review -----------------------------------------------------------------------


@transaction.atomic
def progress_review_record(*, challenge: Challenge, held_on: date, summary: str) -> Challenge:
    """Record (or correct) the progress review; it closes the challenge."""
    if not challenge.is_published:
        raise FollowUpError("The progress review follows the published report")
    if held_on > timezone.localdate():
        raise FollowUpError("The date the review was held must be today or in the past")
    if held_on < challenge.on_site_ends_on:
        raise FollowUpError("The review must be held after the on-site visit ended")
    challenge.progress_review_held_on = held_on
    challenge.progress_review_summary = summary
    challenge.status = ChallengeStatus.CLOSED
    challenge.save(
        update_fields=["progress_review_held_on", "progress_review_summary", "status", "updated_at"]
    )
    return challenge


# Deadlines ---------------------------------------------------------------------------------


class DeadlineState:
    MET = "met"
    DUE = "due"
    DUE_SOON = "due_soon"
    OVERDUE = "overdue"

    LABELS = {MET: "Met", DUE: "Due", DUE_SOON: "Due soon", OVERDUE: "Overdue"}
    CHOICES = list(LABELS.items())


def met_on(challenge: Challenge, deadline: str) -> date | None:
    """The day the deadline was met, if it has been."""
    if deadline == Deadline.REPORT:
        moment = challenge.report_published_at
    elif deadline == Deadline.ACTION_PLAN:
        moment = challenge.action_plan_published_at
    else:
        return challenge.progress_review_held_on
    return timezone.localdate(moment) if moment else None


@dataclass(frozen=True)
class DeadlineStatus:
    challenge: Challenge
    deadline: str
    due_on: date
    met_on: date | None
    today: date

    @property
    def label(self) -> str:
        return Deadline(self.deadline).label

    @property
    def state(self) -> str:
        if self.met_on is not None:
            return DeadlineState.MET
        if self.due_on < self.today:
            return DeadlineState.OVERDUE
        if (self.due_on - self.today).days <= DUE_SOON_DAYS:
            return DeadlineState.DUE_SOON
        return DeadlineState.DUE

    @property
    def state_label(self) -> str:
        return DeadlineState.LABELS[self.state]

    @property
    def met_late(self) -> bool:
        return self.met_on is not None and self.met_on > self.due_on

    @property
    def days_overdue(self) -> int:
        return (self.today - self.due_on).days if self.state == DeadlineState.OVERDUE else 0

    @property
    def days_left(self) -> int:
        return (self.due_on - self.today).days


def deadline_statuses(challenge: Challenge, today: date | None = None) -> list[DeadlineStatus]:
    """The challenge's three deadlines, in the order they fall, each with its state."""
    today = today or timezone.localdate()
    dates = deadline_dates(challenge)
    return [
        DeadlineStatus(
            challenge, deadline.value, dates[deadline], met_on(challenge, deadline), today
        )
        for deadline in Deadline
    ]


@dataclass(frozen=True)
class DeadlineRow:
    challenge: Challenge
    deadlines: list[DeadlineStatus]


def deadlines_overview(
    *, deadline: str = "", state: str = "", status: str = "", today: date | None = None
) -> tuple[list[DeadlineRow], list[DeadlineStatus]]:
    """Every challenge with its deadlines (only `deadline` if given; only challenges with one
    in `state` if given; only challenges in `status` if given), and the overdue deadlines
    among them, longest overdue first. One query."""
    today = today or timezone.localdate()
    challenges = Challenge.objects.select_related("organisation").order_by("on_site_ends_on", "pk")
    if status:
        challenges = challenges.filter(status=status)
    rows = []
    for challenge in challenges:
        statuses = [
            s for s in deadline_statuses(challenge, today) if not deadline or s.deadline == deadline
        ]
        if state and not any(s.state == state for s in statuses):
            continue
        rows.append(DeadlineRow(challenge, statuses))
    overdue = sorted(
        (s for row in rows for s in row.deadlines if s.state == DeadlineState.OVERDUE),
        key=lambda s: (s.due_on, s.challenge.title, s.deadline),
    )
    return rows, overdue


# Reminders ---------------------------------------------------------------------------------


def _reminder_due(status: DeadlineStatus) -> str | None:
    """Which reminder a deadline needs today, if any."""
    if status.state == DeadlineState.OVERDUE:
        return ReminderKind.OVERDUE
    if status.state == DeadlineState.DUE_SOON:
        return ReminderKind.SOON
    return None


def _deadline_url(challenge: Challenge, deadline: str) -> str:
    name = {
        Deadline.REPORT: "peer_challenge:report",
        Deadline.ACTION_PLAN: "peer_challenge:action-plan",
        Deadline.PROGRESS_REVIEW: "peer_challenge:progress-review",
    }[deadline]
    return absolute_url(reverse(name, args=[challenge.slug]))


def recipients(challenge: Challenge) -> list[str]:
    """The lead peer's and the council leads' addresses (from the prefetched people)."""
    people = [p.person for p in challenge.peers.all() if p.role == PeerRole.LEAD_PEER]
    people += [lead.person for lead in challenge.council_leads.all()]
    return sorted({p.user.email for p in people if p.user_id and p.user.email})


def _remind(challenge: Challenge, status: DeadlineStatus, kind: str) -> None:
    label = status.label.lower()
    if kind == ReminderKind.OVERDUE:
        subject = f"Overdue: {label} for {challenge.title} was due on {status.due_on:%-d %B %Y}"
        when = f"was due on {status.due_on:%-d %B %Y} and is now overdue"
    else:
        subject = f"Due soon: {label} for {challenge.title} by {status.due_on:%-d %B %Y}"
        when = f"is due by {status.due_on:%-d %B %Y}"
    months = DEADLINE_MONTHS[Deadline(status.deadline)]
    email_on_commit(
        to=recipients(challenge),
        subject=subject,
        body=(
            f"The corporate peer challenge of {challenge.organisation.name}: {label} {when}, "
            f"{months} months after the on-site visit ended on "
            f"{challenge.on_site_ends_on:%-d %B %Y}.\n\n"
            f"{_deadline_url(challenge, status.deadline)}\n"
        ),
    )


def challenge_reminders_send(*, today: date | None = None, dry_run: bool = False) -> int:
    """Email the lead peer and council leads of every challenge with a deadline not met that
    is due within DUE_SOON_DAYS days, and again once it is overdue, once each. Returns the
    number of reminders sent (or that would be, on a dry run).

    A deadline already overdue when reminders start gets only the overdue reminder, and none
    once it is more than OVERDUE_REMINDER_DAYS overdue. Each is
    recorded before its email is queued, in one transaction, so two runs at once cannot both
    send one."""
    today = today or timezone.localdate()
    longest = max(DEADLINE_MONTHS.values())
    shortest = min(DEADLINE_MONTHS.values())
    # Visits that ended late enough for a deadline to be reminded, early enough for one to be
    # near (a few days' slack for months of different lengths; the states decide exactly).
    slack = timedelta(days=4)
    earliest = add_months(today - timedelta(days=OVERDUE_REMINDER_DAYS), -longest) - slack
    latest = add_months(today + timedelta(days=DUE_SOON_DAYS), -shortest) + slack
    challenges = (
        Challenge.objects.exclude(status=ChallengeStatus.CLOSED)
        .filter(on_site_ends_on__gte=earliest, on_site_ends_on__lte=latest)
        .select_related("organisation")
        .prefetch_related(
            "reminders",
            Prefetch("peers", queryset=PeerTeamMember.objects.select_related("person__user")),
            Prefetch("council_leads", queryset=CouncilLead.objects.select_related("person__user")),
        )
    )
    sent = 0
    with transaction.atomic():
        for challenge in challenges:
            already = {(r.deadline, r.kind) for r in challenge.reminders.all()}
            for status in deadline_statuses(challenge, today):
                kind = _reminder_due(status)
                if kind is None or (status.deadline, kind) in already:
                    continue
                if status.days_overdue > OVERDUE_REMINDER_DAYS:
                    continue
                sent += 1
                if dry_run:
                    continue
                try:
                    with transaction.atomic():
                        DeadlineReminder.objects.create(
                            challenge=challenge, deadline=status.deadline, kind=kind
                        )
                except IntegrityError:  # another run recorded it first
                    sent -= 1
                    continue
                _remind(challenge, status, kind)
    return sent
