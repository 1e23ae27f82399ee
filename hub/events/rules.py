"""Who may see and do what with events. An invitation-only event, and everything about it, is
seen only by the people invited to it, its facilitators and programme staff who run events.
Open sessions are public once scheduled."""

import rules

from hub.accounts.rules import is_champion, is_facilitator, is_programme_admin, is_signed_in
from hub.events.models import (
    Access,
    AttendeeListVisibility,
    EventKind,
    EventStatus,
    PlaceStatus,
    RecordStatus,
)

# Invitees who said no can still see what they were invited to.
SEES_A_PRIVATE_EVENT = (
    PlaceStatus.INVITED,
    PlaceStatus.ACCEPTED,
    PlaceStatus.DECLINED,
    PlaceStatus.WAITING,
    PlaceStatus.DEPUTISED,
    PlaceStatus.WITHDRAWN,
)


def _invitations(user, event):
    if event is None or not user.is_authenticated:
        return event.invitations.none() if event is not None else None
    return event.invitations.filter(user=user) | event.invitations.filter(email__iexact=user.email)


@rules.predicate
def runs_event(user, event) -> bool:
    """A facilitator named on the event, a champion running their own open session, or a
    programme admin."""
    if event is None or not user.is_authenticated:
        return False
    if is_programme_admin(user):
        return True
    if not event.facilitators.filter(pk=user.pk).exists():
        return False
    return is_facilitator(user) or (
        is_champion(user) and event.kind == EventKind.OPEN_SESSION and event.host_id == user.pk
    )


@rules.predicate
def is_public_event(user, event) -> bool:
    return (
        event is not None
        and event.access == Access.OPEN
        and event.status in (EventStatus.SCHEDULED, EventStatus.CANCELLED)
    )


@rules.predicate
def is_invited(user, event) -> bool:
    if event is None or not user.is_authenticated or event.status == EventStatus.DRAFT:
        return False
    return _invitations(user, event).filter(status__in=SEES_A_PRIVATE_EVENT).exists()


@rules.predicate
def holds_a_place(user, event) -> bool:
    if event is None or not user.is_authenticated:
        return False
    return _invitations(user, event).filter(status=PlaceStatus.ACCEPTED).exists()


@rules.predicate
def is_speaker(user, event) -> bool:
    return (
        event is not None
        and user.is_authenticated
        and event.speaker_id is not None
        and event.speaker.user_id == user.pk
    )


@rules.predicate
def attendees_listed_to_attendees(user, event) -> bool:
    return event is not None and event.attendee_list_visibility in (
        AttendeeListVisibility.ATTENDEES,
        AttendeeListVisibility.NETWORK,
    )


@rules.predicate
def attendees_listed_to_network(user, event) -> bool:
    return event is not None and event.attendee_list_visibility == AttendeeListVisibility.NETWORK


@rules.predicate
def record_shared_with_attendees(user, event) -> bool:
    record = getattr(event, "record", None) if event is not None else None
    return record is not None and record.status in (RecordStatus.ATTENDEES, RecordStatus.PUBLISHED)


@rules.predicate
def record_published(user, event) -> bool:
    record = getattr(event, "record", None) if event is not None else None
    return record is not None and record.status == RecordStatus.PUBLISHED


@rules.predicate
def has_happened(user, event) -> bool:
    return event is not None and event.has_happened


can_view = is_public_event | is_invited | is_speaker | runs_event

rules.add_perm("events.view_event", can_view)
# Champions create open sessions they host (hub.events.forms_manage.EventForm `champion`).
rules.add_perm("events.create_event", is_facilitator | is_champion)
rules.add_perm("events.create_series", is_facilitator)
rules.add_perm("events.manage_event", runs_event)
rules.add_perm(
    "events.view_attendees",
    runs_event
    | (holds_a_place & attendees_listed_to_attendees)
    | (is_signed_in & can_view & attendees_listed_to_network),
)
rules.add_perm("events.export_attendees", runs_event)
rules.add_perm(
    "events.view_record",
    runs_event
    | (record_shared_with_attendees & (holds_a_place | is_speaker))
    # Published "to the wider network": everyone signed in, though the event stays private.
    | (record_published & is_signed_in),
)
rules.add_perm("events.sign_up", is_signed_in & is_public_event)
rules.add_perm("events.give_feedback", holds_a_place & has_happened)
rules.add_perm("events.view_feedback", runs_event)
