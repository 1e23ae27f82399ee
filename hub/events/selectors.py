"""Reads for round tables and open sessions, shared by the events pages.

`visible_events(user)` is the queryset form of the rule events.view_event (hub/events/rules.py):
one query for a whole list instead of a rule call a row. Keep the two in step; the tests check
them against each other for every role.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.db.models.functions import Coalesce
from django.utils import timezone

from hub.accounts.roles import Role
from hub.events.models import (
    Access,
    Attendance,
    Event,
    EventKind,
    EventStatus,
    Invitation,
    PlaceStatus,
    Series,
)
from hub.events.rules import SEES_A_PRIVATE_EVENT

UPCOMING = "upcoming"
PAST = "past"


def own_invitations(user) -> QuerySet[Invitation]:
    """Places given to the account, or to its email address before it signed up."""
    return Invitation.objects.filter(Q(user=user) | Q(email__iexact=user.email))


def visible_events(user) -> QuerySet[Event]:
    """Every event `user` may see (events.view_event), in one query."""
    public = Q(access=Access.OPEN, status__in=(EventStatus.SCHEDULED, EventStatus.CANCELLED))
    if user is None or not user.is_authenticated:
        return Event.objects.filter(public)
    if user.has_role(Role.PROGRAMME_ADMIN):
        return Event.objects.all()
    invited = Exists(
        own_invitations(user).filter(event=OuterRef("pk"), status__in=SEES_A_PRIVATE_EVENT)
    )
    seen = public | Q(speaker__user=user) | (Q(invited) & ~Q(status=EventStatus.DRAFT))
    named = Q(
        Exists(Event.facilitators.through.objects.filter(event_id=OuterRef("pk"), user_id=user.pk))
    )
    if user.has_role(Role.FACILITATOR):
        seen |= named
    elif user.has_role(Role.CHAMPION):
        # A champion runs the open sessions they host, drafts included (rules.runs_event).
        seen |= named & Q(kind=EventKind.OPEN_SESSION, host=user)
    return Event.objects.filter(seen)


def with_places_taken(events: QuerySet[Event]) -> QuerySet[Event]:
    return events.annotate(
        taken=Count("invitations", filter=Q(invitations__status=PlaceStatus.ACCEPTED))
    )


@dataclass(frozen=True)
class EventFilters:
    when: str = UPCOMING
    kind: str = ""
    region: str = ""
    theme: str = ""

    @property
    def is_filtered(self) -> bool:
        return bool(self.kind or self.region or self.theme or self.when != UPCOMING)


def event_list(user, filters: EventFilters) -> QuerySet[Event]:
    """The events page: what `user` may see, upcoming (soonest first) or past (latest first)."""
    now = timezone.now()
    events = visible_events(user)
    if filters.when == PAST:
        events = events.filter(ends_at__lte=now).order_by("-starts_at", "-pk")
    else:
        events = events.filter(ends_at__gt=now).order_by("starts_at", "pk")
    if filters.kind:
        events = events.filter(kind=filters.kind)
    if filters.region:
        events = events.filter(region=filters.region)
    if filters.theme:
        events = events.filter(theme__slug=filters.theme)
    return with_places_taken(events.select_related("theme", "series"))


def series_events(user, series: Series) -> QuerySet[Event]:
    return with_places_taken(
        visible_events(user).filter(series=series).select_related("theme").order_by("starts_at")
    )


def event_detail(slug: str) -> Event:
    """One event with what its page shows; raises Event.DoesNotExist."""
    return (
        Event.objects.select_related("theme", "series", "speaker__organisation", "host")
        .prefetch_related("cases")
        .get(slug=slug)
    )


def own_invitation(user, event: Event) -> Invitation | None:
    """The signed-in user's invitation or sign-up to `event`, if they have one."""
    if user is None or not user.is_authenticated:
        return None
    return (
        own_invitations(user)
        .filter(event=event)
        .order_by("-updated_at", "-pk")
        .select_related("event")
        .first()
    )


def places_taken(event: Event) -> int:
    return event.invitations.filter(status=PlaceStatus.ACCEPTED).count()


def waiting_position(invitation: Invitation) -> int | None:
    """1 for the next person to get a place, or None when not on the waiting list."""
    if invitation.status != PlaceStatus.WAITING or invitation.waiting_since is None:
        return None
    ahead = (
        Invitation.objects.filter(event_id=invitation.event_id, status=PlaceStatus.WAITING)
        .filter(
            Q(waiting_since__lt=invitation.waiting_since)
            | Q(waiting_since=invitation.waiting_since, pk__lt=invitation.pk)
        )
        .count()
    )
    return ahead + 1


def attendees(event: Event) -> QuerySet[Invitation]:
    """People with a place, by name, with their organisation."""
    return event.invitations.filter(status=PlaceStatus.ACCEPTED).select_related(
        "person__organisation"
    )


# Programme take-up (read by hub/programme/takeup.py) ------------------------------------------


def organisation_ids_attending(*, kind: str) -> QuerySet:
    """Ids of organisations whose people came to an event of `kind` (attendance taken as
    present), or hold a place at one still to come: one query, each id once. Someone's
    organisation is their register entry's, through the invitation or through their account."""
    came = Q(attendance=Attendance.PRESENT)
    coming = Q(
        status=PlaceStatus.ACCEPTED,
        event__status=EventStatus.SCHEDULED,
        event__starts_at__gt=timezone.now(),
    )
    return (
        Invitation.objects.filter(came | coming, event__kind=kind)
        .annotate(
            # The place's own organisation is kept when its name is removed (retention).
            counted_organisation_id=Coalesce(
                "person__organisation_id", "user__person__organisation_id", "organisation_id"
            )
        )
        .filter(counted_organisation_id__isnull=False)
        .order_by()
        .values_list("counted_organisation_id", flat=True)
        .distinct()
    )


# Programme outputs (read by hub/programme/outputs.py) -----------------------------------------


def events_held(*, kind: str) -> QuerySet[Event]:
    """Scheduled (not cancelled, not draft) events of `kind` that have started."""
    return Event.objects.filter(
        kind=kind, status=EventStatus.SCHEDULED, starts_at__lte=timezone.now()
    )


def attendances_present(*, kind: str) -> QuerySet[Invitation]:
    """Invitations to events of `kind` whose attendance was taken as present."""
    return Invitation.objects.filter(
        event__kind=kind,
        event__status=EventStatus.SCHEDULED,
        attendance=Attendance.PRESENT,
    )
