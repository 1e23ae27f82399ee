"""`/api/v1/events`: public events (open sessions, scheduled or cancelled) as JSON.

Invitation-only round tables are never in the API, whoever asks: the API has no sessions,
so it answers as it would to the public (the rule events.view_event for a visitor).
"""

import datetime as dt
import re
from typing import Literal

from django.db.models import QuerySet
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from hub.core.api import ErrorEnvelope, HubPagination
from hub.core.notify import absolute_url
from hub.events.models import Event, EventKind, EventStatus
from hub.events.selectors import visible_events, with_places_taken
from hub.organisations.models import Region

events_router = Router(tags=["Events"])


def public_events() -> QuerySet[Event]:
    """Public events with what the API shows, places counted in the same query: what the
    events pages show a visitor who is not signed in."""
    return with_places_taken(
        visible_events(None).select_related("theme", "series", "speaker__organisation")
    )


SLUG = re.compile(r"[-a-zA-Z0-9_]+")


class EventFilters(Schema):
    region: list[Region] = Field([], description="Regions; repeat for several.")
    kind: list[EventKind] = Field([], description="Kinds of event; repeat for several.")
    theme: list[str] = Field([], description="Theme slugs, e.g. channel-shift.")
    when: Literal["upcoming", "past", "all"] = Field(
        "upcoming",
        description="`upcoming` (not yet ended, soonest first), `past` (latest first) or `all`.",
    )


class Ref(Schema):
    slug: str
    name: str


class SeriesRef(Schema):
    slug: str
    title: str


class SpeakerOut(Schema):
    name: str = Field(validation_alias="full_name")
    organisation: str | None

    @staticmethod
    def resolve_organisation(obj) -> str | None:
        return obj.organisation.name if obj.organisation_id else None


class EventOut(Schema):
    slug: str
    title: str
    kind: EventKind
    status: EventStatus
    starts_at: dt.datetime = Field(description="ISO 8601 with the Europe/London offset.")
    ends_at: dt.datetime
    region: str
    theme: Ref | None
    summary: str
    venue: str
    capacity: int
    places_left: int
    series: SeriesRef | None
    speaker: SpeakerOut | None
    url: str
    ics_url: str

    @staticmethod
    def resolve_starts_at(obj: Event) -> dt.datetime:
        return timezone.localtime(obj.starts_at)

    @staticmethod
    def resolve_ends_at(obj: Event) -> dt.datetime:
        return timezone.localtime(obj.ends_at)

    @staticmethod
    def resolve_places_left(obj: Event) -> int:
        return max(obj.capacity - obj.taken, 0)

    @staticmethod
    def resolve_url(obj: Event) -> str:
        return absolute_url(obj.get_absolute_url())

    @staticmethod
    def resolve_ics_url(obj: Event) -> str:
        return absolute_url(reverse("events:ics", args=[obj.slug]))


@events_router.get(
    "",
    response=list[EventOut],
    summary="List public events",
    description="Open sessions, scheduled or cancelled. Invitation-only events are never listed.",
)
@paginate(HubPagination)
def list_events(request, filters: Query[EventFilters]):
    events = public_events()
    now = timezone.now()
    if filters.region:
        events = events.filter(region__in=filters.region)
    if filters.kind:
        events = events.filter(kind__in=filters.kind)
    # Values that cannot be a slug are dropped, as the good practice list drops them (and a
    # NUL byte would be refused by PostgreSQL).
    themes = [slug for slug in filters.theme if SLUG.fullmatch(slug)]
    if filters.theme:
        events = events.filter(theme__slug__in=themes)
    if filters.when == "upcoming":
        events = events.filter(ends_at__gt=now).order_by("starts_at", "pk")
    elif filters.when == "past":
        events = events.filter(ends_at__lte=now).order_by("-starts_at", "-pk")
    else:
        events = events.order_by("starts_at", "pk")
    return events


@events_router.get(
    "/{slug}", response={200: EventOut, 404: ErrorEnvelope}, summary="One public event"
)
def get_event(request, slug: str):
    event = public_events().filter(slug=slug).first()
    if event is None:
        raise Http404("No public event has this address")
    return event
