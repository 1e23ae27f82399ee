"""Writes for round tables and open sessions: invitations, answers, the waiting list, sign-up,
attendance, cancellation and reminders. Views call these; they hold no rules of their own.

Places are counted under a row lock on the event (select_for_update), so two people accepting
the last place at once cannot both get it.
"""

from __future__ import annotations

import hashlib
import logging
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone

from hub.core.notify import absolute_url, email_on_commit
from hub.core.tasks import enqueue_on_commit
from hub.events.models import (
    Access,
    Attendance,
    Event,
    EventStatus,
    Invitation,
    PlaceStatus,
    link_expiry,
)

logger = logging.getLogger(__name__)


class EventsError(Exception):
    """A request the event cannot take, in words a person can act on."""


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def invitation_for_token(token: str) -> Invitation | None:
    if not token:
        return None
    return Invitation.objects.select_related("event").filter(token_hash=hash_token(token)).first()


def response_path(token: str) -> str:
    return reverse("events:respond", args=[token])


def places_taken(event: Event) -> int:
    return event.invitations.filter(status=PlaceStatus.ACCEPTED).count()


def places_left(event: Event) -> int:
    return max(event.capacity - places_taken(event), 0)


def _locked(event: Event) -> Event:
    return Event.objects.select_for_update().get(pk=event.pk)


def _issue_link(invitation: Invitation) -> str:
    """A new personal link for the invitation: any earlier link stops working."""
    token = secrets.token_urlsafe(32)
    invitation.token_hash = hash_token(token)
    invitation.token_expires_at = link_expiry()
    invitation.token_used_at = None
    return token


def london_time(moment) -> str:
    """GOV.UK style, in Europe/London: "2pm", "9:30am", "12 midday"."""
    local = timezone.localtime(moment)
    if (local.hour, local.minute) == (12, 0):
        return "12 midday"
    hour = local.hour % 12 or 12
    suffix = "am" if local.hour < 12 else "pm"
    return f"{hour}{suffix}" if local.minute == 0 else f"{hour}:{local.minute:02d}{suffix}"


def london_date(moment) -> str:
    local = timezone.localtime(moment)
    return f"{local:%A} {local.day} {local:%B %Y}"


def _when(event: Event) -> str:
    return f"{london_date(event.starts_at)} at {london_time(event.starts_at)}"


def _send_invitation(invitation: Invitation, token: str) -> None:
    event = invitation.event
    _tell(
        invitation,
        f"Invitation: {event.title}",
        (
            f"You are invited to {event.title} on {_when(event)}"
            f"{', ' + event.venue if event.venue else ''}.\n\n"
            "It is held under the Chatham House rule: what is said may be used, but never "
            "attributed to who said it.\n\n"
            f"Accept or decline here (this link is personal to you, works once and expires on "
            f"{london_date(invitation.token_expires_at)}):\n"
            f"{absolute_url(response_path(token))}\n"
        ),
    )


@dataclass(frozen=True)
class Invitee:
    full_name: str
    email: str
    organisation_name: str = ""
    person_id: int | None = None
    user_id: int | None = None


@transaction.atomic
def invite(event: Event, invitee: Invitee, *, invited_by) -> Invitation:
    """Invite one person; an email carries their personal link once the transaction commits."""
    email = invitee.email.strip().lower()
    if event.is_cancelled:
        raise EventsError("This event is cancelled: nobody can be invited to it.")
    if event.invitations.filter(email=email).exists():
        raise EventsError(f"{email} is already invited to this event.")
    invitation = Invitation(
        event=event,
        person_id=invitee.person_id,
        user_id=invitee.user_id,
        full_name=invitee.full_name.strip(),
        email=email,
        organisation_name=invitee.organisation_name.strip(),
        invited_by=invited_by,
    )
    token = _issue_link(invitation)
    invitation.save()
    _send_invitation(invitation, token)
    return invitation


@transaction.atomic
def invite_many(event: Event, invitees: list[Invitee], *, invited_by) -> list[Invitation]:
    """All or nothing: one invitee that cannot be invited stops the whole list."""
    seen: set[str] = set()
    for row, invitee in enumerate(invitees, start=1):
        email = invitee.email.strip().lower()
        if email in seen:
            raise EventsError(f"Row {row}: {email} is in the list twice.")
        seen.add(email)
    invitations = []
    for row, invitee in enumerate(invitees, start=1):
        try:
            invitations.append(invite(event, invitee, invited_by=invited_by))
        except EventsError as error:
            raise EventsError(f"Row {row}: {error}") from error
    return invitations


@transaction.atomic
def resend_link(invitation: Invitation) -> None:
    token = _issue_link(invitation)
    invitation.save(update_fields=["token_hash", "token_expires_at", "token_used_at", "updated_at"])
    _send_invitation(invitation, token)


class Answer:
    ACCEPT = "accept"
    DECLINE = "decline"
    DEPUTY = "deputy"
    CHOICES = (ACCEPT, DECLINE, DEPUTY)


def _use_link(invitation: Invitation) -> None:
    if not invitation.link_is_usable():
        raise EventsError(
            "This link has been used or has expired. Ask the facilitator for a new one."
        )
    invitation.token_used_at = timezone.now()


@transaction.atomic
def respond(
    invitation: Invitation,
    answer: str,
    *,
    reason: str = "",
    deputy: Invitee | None = None,
    by_link: bool = True,
    user=None,
) -> Invitation:
    """An invitee's answer, through their personal link (used up by it) or signed in.

    Accepting takes a place if one is left, else joins the waiting list in order. Declining
    is recorded with its reason. A deputy takes over the invitee's place or their turn.
    """
    if answer not in Answer.CHOICES:
        raise EventsError("Choose whether you can come.")
    event = _locked(invitation.event)
    invitation.refresh_from_db()
    _check_can_answer(event, invitation, answer)
    if by_link:
        _use_link(invitation)
    if user is not None and user.is_authenticated and invitation.user_id is None:
        invitation.user = user
    invitation.responded_at = timezone.now()
    had_place = invitation.status == PlaceStatus.ACCEPTED
    if answer == Answer.ACCEPT:
        _take_place_or_wait(event, invitation)
        invitation.save()
    elif answer == Answer.DECLINE:
        invitation.status = PlaceStatus.DECLINED
        invitation.decline_reason = reason.strip()[:500]
        invitation.waiting_since = None
        invitation.save()
        if had_place:
            fill_from_waiting_list(event)
    else:
        invitation.status = PlaceStatus.DEPUTISED
        invitation.save()
        _add_deputy(event, invitation, deputy, had_place=had_place)
    return invitation


def _check_can_answer(event: Event, invitation: Invitation, answer: str) -> None:
    if event.is_cancelled:
        raise EventsError("This event is cancelled.")
    if event.has_happened:
        raise EventsError("This event has already taken place.")
    if invitation.status not in (PlaceStatus.INVITED, PlaceStatus.WAITING, PlaceStatus.ACCEPTED):
        raise EventsError("You have already answered this invitation.")
    if answer == Answer.ACCEPT and invitation.status != PlaceStatus.INVITED:
        raise EventsError("You have already accepted this invitation.")


def _check_deputy(event: Event, deputy: Invitee | None) -> None:
    if not event.allow_deputies:
        raise EventsError("This event does not take deputies.")
    if deputy is None or not deputy.email.strip() or not deputy.full_name.strip():
        raise EventsError("Enter your deputy's name and email address.")
    if event.invitations.filter(email=deputy.email.strip().lower()).exists():
        raise EventsError(f"{deputy.email} is already invited to this event.")


def _take_place_or_wait(event: Event, invitation: Invitation) -> None:
    if places_left(event) > 0 and not _anyone_waiting_before(event, invitation):
        invitation.status = PlaceStatus.ACCEPTED
        invitation.waiting_since = None
        invitation.notified_of_place_at = timezone.now()
        _send_place_confirmed(invitation)
    else:
        invitation.status = PlaceStatus.WAITING
        invitation.waiting_since = invitation.waiting_since or timezone.now()
        _send_waiting(invitation)


def _anyone_waiting_before(event: Event, invitation: Invitation) -> bool:
    return event.invitations.filter(status=PlaceStatus.WAITING).exclude(pk=invitation.pk).exists()


def _add_deputy(
    event: Event, original: Invitation, deputy: Invitee | None, *, had_place: bool
) -> None:
    _check_deputy(event, deputy)
    invitation = Invitation(
        event=event,
        person_id=deputy.person_id,
        user_id=deputy.user_id,
        full_name=deputy.full_name.strip(),
        email=deputy.email.strip().lower(),
        organisation_name=deputy.organisation_name or original.organisation_name,
        deputy_for=original,
        invited_by=original.invited_by,
        responded_at=timezone.now(),
    )
    if had_place:
        # The deputy takes over the place itself: nobody on the waiting list loses out.
        invitation.status = PlaceStatus.ACCEPTED
        invitation.notified_of_place_at = timezone.now()
        token = _issue_link(invitation)
        invitation.save()
        _send_place_confirmed(invitation, token=token)
    else:
        # Takes the original's turn: a place if there is one, else the original's place in
        # the queue.
        invitation.waiting_since = original.waiting_since
        _take_place_or_wait(event, invitation)
        token = _issue_link(invitation)
        invitation.save()
        _send_invitation(invitation, token)


def fill_from_waiting_list(event: Event) -> list[Invitation]:
    """Give freed places to the waiting list in the order people joined it, and tell them."""
    event = _locked(event)
    promoted = []
    free = places_left(event)
    if free <= 0 or event.is_cancelled:
        return promoted
    waiting = event.invitations.filter(status=PlaceStatus.WAITING).order_by("waiting_since", "pk")
    for invitation in waiting[:free]:
        invitation.status = PlaceStatus.ACCEPTED
        invitation.waiting_since = None
        invitation.notified_of_place_at = timezone.now()
        invitation.save(
            update_fields=["status", "waiting_since", "notified_of_place_at", "updated_at"]
        )
        _send_place_freed(invitation)
        promoted.append(invitation)
    return promoted


@transaction.atomic
def withdraw(invitation: Invitation, *, reason: str = "") -> Invitation:
    """Someone with a place (or waiting) can no longer come: the place goes to the next."""
    event = _locked(invitation.event)
    invitation.refresh_from_db()
    if invitation.status not in (PlaceStatus.ACCEPTED, PlaceStatus.WAITING):
        raise EventsError("There is no place to give up.")
    freed = invitation.status == PlaceStatus.ACCEPTED
    invitation.status = PlaceStatus.WITHDRAWN
    invitation.decline_reason = reason.strip()[:500]
    invitation.waiting_since = None
    invitation.save()
    if freed:
        fill_from_waiting_list(event)
    return invitation


@transaction.atomic
def sign_up(event: Event, user) -> Invitation:
    """Sign a signed-in user up to an open session: a place, or the waiting list."""
    event = _locked(event)
    if event.access != Access.OPEN or event.status != EventStatus.SCHEDULED:
        raise EventsError("This event is not open to sign-up.")
    if event.has_happened:
        raise EventsError("This event has already taken place.")
    email = user.email.lower()
    invitation = event.invitations.filter(email=email).first()
    if invitation and invitation.status in (PlaceStatus.ACCEPTED, PlaceStatus.WAITING):
        raise EventsError("You are already signed up.")
    person = getattr(user, "person", None)
    if invitation is None:
        invitation = Invitation(
            event=event,
            user=user,
            person=person,
            full_name=user.full_name or email,
            email=email,
            organisation_name=person.organisation.name if person else "",
            signed_up=True,
        )
    invitation.responded_at = timezone.now()
    _take_place_or_wait(event, invitation)
    invitation.save()
    return invitation


@transaction.atomic
def take_attendance(event: Event, marks: dict[int, str]) -> int:
    """Mark each place present or absent on the day. Returns how many were marked."""
    allowed = {Attendance.PRESENT, Attendance.ABSENT, Attendance.UNKNOWN}
    places = {
        invitation.pk: invitation
        for invitation in event.invitations.filter(status=PlaceStatus.ACCEPTED)
    }
    changed = 0
    for invitation_id, mark in marks.items():
        invitation = places.get(invitation_id)
        if invitation is None or mark not in allowed:
            raise EventsError("Attendance can only be taken for people with a place.")
        if invitation.attendance != mark:
            invitation.attendance = mark
            invitation.save(update_fields=["attendance", "updated_at"])
            changed += 1
    return changed


CALENDAR_FIELDS = ("title", "starts_at", "ends_at", "venue", "online_url", "status")


@transaction.atomic
def save_event(event: Event, *, changed_fields: set[str] | None = None) -> Event:
    """Save an event a facilitator edited. A change calendars must see bumps its SEQUENCE and
    tells everyone with a place; a new time re-schedules the reminders."""
    is_new = event.pk is None
    if not is_new and changed_fields and changed_fields & set(CALENDAR_FIELDS):
        event.sequence = F("sequence") + 1
    event.save()
    event.refresh_from_db()
    if not is_new and changed_fields and changed_fields & set(CALENDAR_FIELDS):
        for invitation in event.invitations.filter(status=PlaceStatus.ACCEPTED):
            _send_changed(invitation)
    if event.status == EventStatus.SCHEDULED:
        schedule_reminders(event)
    return event


@transaction.atomic
def cancel_event(event: Event, *, reason: str) -> Event:
    event = _locked(event)
    if event.is_cancelled:
        raise EventsError("This event is already cancelled.")
    event.status = EventStatus.CANCELLED
    event.cancelled_at = timezone.now()
    event.sequence += 1
    event.save()
    for invitation in event.invitations.filter(
        status__in=(PlaceStatus.ACCEPTED, PlaceStatus.WAITING, PlaceStatus.INVITED)
    ):
        _tell(
            invitation,
            f"Cancelled: {event.title}",
            (
                f"{event.title} on {_when(event)} is cancelled."
                f"\n\n{reason.strip()}\n\nIf you added it to your calendar from the Hub, it will "
                "be removed the next time your calendar updates.\n"
            ),
        )
    return event


# Reminders -----------------------------------------------------------------------------

REMINDER_OFFSETS = {"week": timedelta(days=7), "day": timedelta(days=1)}


def schedule_reminders(event: Event) -> None:
    """Enqueue the week-before and day-before reminders to run at their time. Each task
    checks when it runs that the event still starts when it was scheduled for, so a moved
    or cancelled event's old reminders do nothing; ReminderSent keeps each to once a place."""
    from hub.events.tasks import send_reminders

    if not send_reminders.get_backend().supports_defer:
        # The immediate backend (some tests) cannot hold a task until a time: it would send
        # the reminder now. The database backend of every site can.
        logger.info("reminders not scheduled: the task backend cannot defer tasks")
        return
    now = timezone.now()
    for kind, offset in REMINDER_OFFSETS.items():
        # On the London clock: "a day before" a 9am event is 9am the day before, even when
        # the clocks change in between (aware arithmetic in one zone keeps the wall time).
        run_at = timezone.localtime(event.starts_at) - offset
        if run_at <= now:
            continue
        enqueue_on_commit(
            send_reminders.using(run_after=run_at), event.pk, kind, event.starts_at.isoformat()
        )


def send_reminders(event_id: int, kind: str, starts_at: str) -> int:
    """Send one kind of reminder to everyone with a place. Returns how many were sent."""
    from hub.events.models import ReminderSent

    event = Event.objects.filter(pk=event_id, status=EventStatus.SCHEDULED).first()
    if event is None or kind not in REMINDER_OFFSETS or event.has_happened:
        return 0
    # Compared as instants, not as text: the scheduled time may carry the London offset
    # ("+01:00") where the database gives UTC back ("+00:00") for the same moment.
    if event.starts_at != datetime.fromisoformat(starts_at):
        return 0
    sent = 0
    for invitation in event.invitations.filter(status=PlaceStatus.ACCEPTED):
        with transaction.atomic():
            _, created = ReminderSent.objects.get_or_create(invitation=invitation, kind=kind)
            if not created:
                continue
            _tell(
                invitation,
                f"Reminder: {event.title} {'next week' if kind == 'week' else 'tomorrow'}",
                (
                    f"A reminder that {event.title} is on "
                    f"{_when(event)}.\n\n{_where(event)}\n\n"
                    f"Details: {absolute_url(event.get_absolute_url())}\n"
                ),
            )
            sent += 1
    return sent


# Emails --------------------------------------------------------------------------------


def _tell(invitation: Invitation, subject: str, text: str) -> None:
    """Email an invitee once the transaction commits, greeting them by name."""
    email_on_commit(
        to=[invitation.email], subject=subject, body=f"Dear {invitation.full_name},\n\n{text}"
    )


def _where(event: Event) -> str:
    parts = []
    if event.venue:
        parts.append(f"Venue: {event.venue}")
    if event.online_url:
        parts.append(f"Online: {event.online_url}")
    return "\n".join(parts)


def _send_place_confirmed(invitation: Invitation, *, token: str | None = None) -> None:
    event = invitation.event
    extra = (
        f"\nIf you cannot come after all, give up your place here: "
        f"{absolute_url(response_path(token))}\n"
        if token
        else ""
    )
    _tell(
        invitation,
        f"Your place: {event.title}",
        (
            f"You have a place at {event.title} on "
            f"{_when(event)}.\n\n{_where(event)}\n\n"
            f"Add it to your calendar: {absolute_url(reverse('events:ics', args=[event.slug]))}\n"
            f"{extra}"
        ),
    )


def _send_waiting(invitation: Invitation) -> None:
    event = invitation.event
    _tell(
        invitation,
        f"Waiting list: {event.title}",
        (
            f"{event.title} is full, so you are on its waiting "
            "list. If a place comes up, it goes to the next person on the list, and we will "
            "email you straight away.\n"
        ),
    )


def _send_place_freed(invitation: Invitation) -> None:
    event = invitation.event
    _tell(
        invitation,
        f"A place has come up: {event.title}",
        (
            f"A place has come up at {event.title} on "
            f"{_when(event)}, and it is yours: you were next on the waiting list.\n\n"
            f"{_where(event)}\n\nIf you can no longer come, please tell the facilitator so the "
            f"place can go to the next person.\n\nDetails: "
            f"{absolute_url(event.get_absolute_url())}\n"
        ),
    )


def _send_changed(invitation: Invitation) -> None:
    event = invitation.event
    _tell(
        invitation,
        f"Changed: {event.title}",
        (
            f"{event.title} has changed. It is now on "
            f"{_when(event)}.\n\n{_where(event)}\n\nDetails: "
            f"{absolute_url(event.get_absolute_url())}\n"
        ),
    )
