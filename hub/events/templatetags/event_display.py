"""Template filters for showing events: GOV.UK dates and times in Europe/London, sanitised
Markdown, and status tags. Load with `{% load event_display %}`."""

from django import template
from django.utils import timezone
from django.utils.safestring import mark_safe

from hub.core.rich_text import render_markdown
from hub.events.models import PlaceStatus
from hub.events.services import london_date, london_time, places_taken

register = template.Library()


@register.filter
def event_when(event) -> str:
    """ "Tuesday 3 March 2026, 2pm to 4pm", or with both dates when it runs past midnight."""
    start, end = event.starts_at, event.ends_at
    if timezone.localdate(start) == timezone.localdate(end):
        return f"{london_date(start)}, {london_time(start)} to {london_time(end)}"
    return f"{london_date(start)}, {london_time(start)} to {london_date(end)}, {london_time(end)}"


@register.filter
def event_markdown(text: str) -> str:
    return mark_safe(render_markdown(text))  # noqa: S308 - render_markdown sanitises with nh3


PLACE_TAG_COLOURS = {
    PlaceStatus.INVITED: "blue",
    PlaceStatus.ACCEPTED: "green",
    PlaceStatus.DECLINED: "grey",
    PlaceStatus.WAITING: "yellow",
    PlaceStatus.DEPUTISED: "purple",
    PlaceStatus.WITHDRAWN: "grey",
}


@register.filter
def place_colour(status: str) -> str:
    return PLACE_TAG_COLOURS.get(status, "grey")


@register.filter
def places_left(event) -> int:
    """Places still free; uses the list selectors' `taken` count when the event carries it."""
    taken = getattr(event, "taken", None)
    if taken is None:
        taken = places_taken(event)
    return max(event.capacity - taken, 0)
