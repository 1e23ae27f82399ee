"""Reads other apps' pages show about events, without those apps importing events.

The organisation page loads `{% load events_links %}` (hub/events/templatetags/events_links.py),
which calls these: organisations stays free of any import of events, which depends on it.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet

from hub.accounts.rules import is_programme_staff, is_signed_in
from hub.events.models import (
    Attendance,
    AttendeeListVisibility,
    Event,
    Invitation,
    PlaceStatus,
)
from hub.events.selectors import visible_events


@dataclass(frozen=True)
class EventAttended:
    event: Event
    people: list[str]


def _attended_by_people_of(organisation_id: int) -> QuerySet[Invitation]:
    return Invitation.objects.filter(
        person__organisation_id=organisation_id,
        status=PlaceStatus.ACCEPTED,
        attendance=Attendance.PRESENT,
    )


def events_attended(*, organisation_id: int, user) -> list[EventAttended]:
    """Events that people of the organisation (Person.organisation) were present at, latest
    first, with their names: every event for programme staff; for anyone else signed in, open
    sessions whose facilitator lists attendees to the network (the rule events.view_attendees),
    since a round table's guest list is private, even to other members; nothing for visitors."""
    invitations = _attended_by_people_of(organisation_id).select_related("event", "person")
    if not is_signed_in(user):
        return []
    if not is_programme_staff(user):
        listed = visible_events(None).filter(
            attendee_list_visibility=AttendeeListVisibility.NETWORK
        )
        invitations = invitations.filter(event__in=listed)
    grouped: dict[int, EventAttended] = {}
    for invitation in invitations.order_by("-event__starts_at", "event_id", "person__full_name"):
        entry = grouped.setdefault(
            invitation.event_id, EventAttended(event=invitation.event, people=[])
        )
        entry.people.append(invitation.person.full_name)
    return list(grouped.values())
