"""iCalendar (RFC 5545) for events: one `.ics` file an event, and a personal feed a user.

Every event keeps one UID for life and bumps its SEQUENCE on each change a calendar must see
(services.save_event, services.cancel_event), so calendar apps update it in place. Cancelled
events stay in feeds with STATUS:CANCELLED, which is how a subscribed calendar learns to drop
them. Times carry TZID=Europe/London with a VTIMEZONE, so daylight saving is the calendar
app's to apply, not ours.
"""

from __future__ import annotations

import secrets
from datetime import timedelta
from zoneinfo import ZoneInfo

import icalendar
from django.db import transaction
from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils import timezone

from hub.core.notify import absolute_url
from hub.events import rules as event_rules
from hub.events.models import CalendarFeed, Event, EventStatus, PlaceStatus
from hub.events.selectors import own_invitations

LONDON = ZoneInfo("Europe/London")
PRODID = "-//Digital Leadership Hub//Events//EN"
# A personal feed shows what is coming and what happened lately.
FEED_PAST_DAYS = 90


def shows_online_link(user, event: Event) -> bool:
    """The online link is for people with a place, the speaker and those running the event."""
    predicate = event_rules.runs_event | event_rules.holds_a_place | event_rules.is_speaker
    return bool(predicate.test(user, event))


def _description(event: Event) -> str:
    parts = [event.summary.strip()]
    if event.is_private:
        parts.append(
            "Held under the Chatham House rule: what is said may be used, but never "
            "attributed to who said it."
        )
    if event.is_cancelled:
        parts.insert(0, "This event is cancelled.")
    parts.append(f"Details: {absolute_url(event.get_absolute_url())}")
    return "\n\n".join(part for part in parts if part)


def _location(event: Event, *, online: bool) -> str:
    if event.venue and online and event.online_url:
        return f"{event.venue} (or online: {event.online_url})"
    if event.venue:
        return event.venue
    return event.online_url if online else "Online (the link is sent to people with a place)"


def event_component(event: Event, *, online: bool, tentative: bool = False) -> icalendar.Event:
    """One VEVENT. `online` puts in the online link; `tentative` marks a waiting-list place."""
    vevent = icalendar.Event()
    vevent.add("uid", event.uid)
    vevent.add("sequence", event.sequence)
    vevent.add("dtstamp", event.updated_at)
    vevent.add("last-modified", event.updated_at)
    vevent.add("dtstart", event.starts_at.astimezone(LONDON))
    vevent.add("dtend", event.ends_at.astimezone(LONDON))
    summary = event.title if not tentative else f"{event.title} (waiting list)"
    vevent.add("summary", summary)
    vevent.add("description", _description(event))
    location = _location(event, online=online)
    if location:
        vevent.add("location", location)
    vevent.add("url", absolute_url(event.get_absolute_url()))
    if event.is_cancelled:
        status = "CANCELLED"
    elif tentative:
        status = "TENTATIVE"
    else:
        status = "CONFIRMED"
    vevent.add("status", status)
    vevent.add("class", "PRIVATE" if event.is_private else "PUBLIC")
    return vevent


def _calendar(name: str, components: list[icalendar.Event]) -> bytes:
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", "Europe/London")
    for component in components:
        calendar.add_component(component)
    if components:
        # A VTIMEZONE that covers the events, not Europe/London's whole history.
        first = min(c.decoded("dtstart") for c in components).date() - timedelta(days=366)
        last = max(c.decoded("dtend") for c in components).date() + timedelta(days=366)
        calendar.add_missing_timezones(first_date=first, last_date=last)
    return calendar.to_ical()


def event_ics(event: Event, *, user) -> bytes:
    """The `.ics` file of one event, as `user` may see it."""
    component = event_component(event, online=shows_online_link(user, event))
    return _calendar(event.title, [component])


# The personal feed --------------------------------------------------------------------


def feed_events(user) -> tuple[QuerySet[Event], set[int], set[int]]:
    """Events in `user`'s feed, with the ids they wait for and the ids whose online link they
    may see: places held, waiting-list places, events they run or speak at. Drafts never
    appear; cancelled ones do, so calendars remove them."""
    since = timezone.now() - timedelta(days=FEED_PAST_DAYS)
    mine = own_invitations(user)
    holding = set(mine.filter(status=PlaceStatus.ACCEPTED).values_list("event_id", flat=True))
    waiting = set(mine.filter(status=PlaceStatus.WAITING).values_list("event_id", flat=True))
    running = Q(facilitators=user) | Q(host=user) | Q(speaker__user=user)
    events = (
        Event.objects.filter(Q(pk__in=holding | waiting) | running)
        .exclude(status=EventStatus.DRAFT)
        .filter(ends_at__gte=since)
        .distinct()
        .order_by("starts_at", "pk")
    )
    runs = set(
        Event.objects.filter(running, ends_at__gte=since).values_list("pk", flat=True).distinct()
    )
    online = holding | runs
    # Someone who runs or speaks at an event, or holds a place, is never merely waiting.
    return events, waiting - online, online


def feed_ics(feed: CalendarFeed) -> bytes:
    user = feed.user
    events, waiting, online = feed_events(user)
    components = [
        event_component(event, online=event.pk in online, tentative=event.pk in waiting)
        for event in events
    ]
    return _calendar("Digital Leadership Hub events", components)


def feed_for(user) -> CalendarFeed:
    feed, _ = CalendarFeed.objects.get_or_create(user=user)
    return feed


@transaction.atomic
def feed_reset(*, user) -> CalendarFeed:
    """A new secret URL: the old one stops working at once."""
    feed = feed_for(user)
    feed.token = secrets.token_urlsafe(32)
    feed.save(update_fields=["token"])
    return feed


def feed_urls(feed: CalendarFeed) -> dict[str, str]:
    https = absolute_url(reverse("events:feed", args=[feed.token]))
    return {"https": https, "webcal": "webcal://" + https.split("://", 1)[1]}
