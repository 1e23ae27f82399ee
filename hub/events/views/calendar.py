"""Calendars: an event's `.ics` file, and a user's personal feed with its page."""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from hub.core.permissions import permission_required
from hub.events.calendar import event_ics, feed_for, feed_ics, feed_reset, feed_urls
from hub.events.models import CalendarFeed, Event

ICS_TYPE = "text/calendar; charset=utf-8"


def _ics_response(body: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type=ICS_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    # Personal, and for calendar apps rather than search engines.
    response["Cache-Control"] = "private, no-cache"
    response["X-Robots-Tag"] = "noindex"
    return response


@require_GET
def event_calendar_file(request, slug: str):
    """Anyone who may see the event; a private one is not found for everyone else."""
    event = get_object_or_404(Event.objects.select_related("speaker"), slug=slug)
    if not request.user.has_perm("events.view_event", event):
        raise Http404("No event has this address")
    return _ics_response(event_ics(event, user=request.user), f"{event.slug}.ics")


@require_http_methods(["GET", "POST"])
@permission_required("accounts.view_own_account")
def calendar_page(request):
    """The user's feed address, how to subscribe to it, and a button for a new address."""
    if request.method == "POST":
        feed_reset(user=request.user)
        messages.success(
            request,
            "Your calendar address has been changed. Subscribe to the new one: the old one "
            "no longer works",
        )
        return redirect("events:calendar")
    feed = feed_for(request.user)
    return render(request, "events/calendar/calendar.html", {"urls": feed_urls(feed)})


@require_GET
def personal_feed(request, token: str):
    """No session: calendar apps fetch this with the secret address alone."""
    feed = get_object_or_404(
        CalendarFeed.objects.select_related("user"), token=token, user__is_active=True
    )
    return _ics_response(feed_ics(feed), "hub-events.ics")
