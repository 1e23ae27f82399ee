"""The events pages everyone may reach: the list, a series, an event, who is coming, and
signing up to or giving up a place.

A private event answers 404, never 403, to anyone who may not see it, so its existence is not
revealed (the same as unpublished good practice).
"""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_POST

from hub.core.pagination import paginate
from hub.events import rules as event_rules
from hub.events import selectors, services
from hub.events.forms_public import EventFilterForm
from hub.events.models import Event, PlaceStatus, Series

PER_PAGE = 20
NOT_FOUND = "No event has this address"


def visible_event(request, slug: str) -> Event:
    """The event at `slug` if the user may see it (events.view_event), else 404."""
    try:
        event = selectors.event_detail(slug)
    except Event.DoesNotExist:
        raise Http404(NOT_FOUND) from None
    if not request.user.has_perm("events.view_event", event):
        raise Http404(NOT_FOUND)
    return event


def _refusal(request, perm: str, event: Event) -> HttpResponse | None:
    """Past the 404: None if the user has `perm`; visitors are sent to sign in, and signed-in
    users without it are refused (403), as hub.core.permissions does."""
    if request.user.has_perm(perm, event):
        return None
    if not request.user.is_authenticated:
        # After signing in, a form's POST-only address would answer 405: back to the event.
        next_url = event.get_absolute_url() if request.method == "POST" else request.path
        return redirect_to_login(next_url)
    raise PermissionDenied


@require_GET
def event_list(request):
    form = EventFilterForm(request.GET)
    filters = form.filters()
    pagination = paginate(request, selectors.event_list(request.user, filters), per_page=PER_PAGE)
    return render(
        request,
        "events/list.html",
        {
            "form": form,
            "filters": filters,
            "select_filters": [
                (name, form.fields[name].label, form.fields[name].choices, getattr(filters, name))
                for name in ("kind", "region", "theme")
            ],
            "pagination": pagination,
        },
    )


@require_GET
def series_detail(request, slug: str):
    series = get_object_or_404(Series, slug=slug)
    events = list(selectors.series_events(request.user, series))
    return render(request, "events/series.html", {"series": series, "events": events})


@require_GET
def event_detail(request, slug: str):
    event = visible_event(request, slug)
    user = request.user
    invitation = selectors.own_invitation(user, event)
    runs = event_rules.runs_event(user, event)
    holds_place = invitation is not None and invitation.holds_place
    return render(
        request,
        "events/detail.html",
        {
            "event": event,
            "invitation": invitation,
            "waiting_position": selectors.waiting_position(invitation) if invitation else None,
            "show_online_link": holds_place or runs or event_rules.is_speaker(user, event),
            "can_sign_up": user.has_perm("events.sign_up", event)
            and not event.has_happened
            and not event.is_cancelled
            and (invitation is None or invitation.status not in _HAS_OR_AWAITS_PLACE),
            "can_withdraw": invitation is not None
            and invitation.status in _HAS_OR_AWAITS_PLACE
            and not event.has_happened,
            "can_manage": runs,
            "can_view_attendees": user.has_perm("events.view_attendees", event),
            "can_view_record": user.has_perm("events.view_record", event),
            "can_give_feedback": user.has_perm("events.give_feedback", event),
            "can_view_feedback": user.has_perm("events.view_feedback", event),
            "cases": [
                case for case in event.cases.all() if user.has_perm("cases.view_resource", case)
            ],
        },
    )


_HAS_OR_AWAITS_PLACE = (PlaceStatus.ACCEPTED, PlaceStatus.WAITING)


@require_GET
def attendee_list(request, slug: str):
    event = visible_event(request, slug)
    if refusal := _refusal(request, "events.view_attendees", event):
        return refusal
    return render(
        request,
        "events/attendees.html",
        {
            "event": event,
            "attendees": list(selectors.attendees(event)),
            "can_export": request.user.has_perm("events.export_attendees", event),
        },
    )


@require_POST
def sign_up(request, slug: str):
    event = visible_event(request, slug)
    if refusal := _refusal(request, "events.sign_up", event):
        return refusal
    try:
        invitation = services.sign_up(event, request.user)
    except services.EventsError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _place_message(invitation))
    return redirect(event)


@require_POST
def withdraw(request, slug: str):
    event = visible_event(request, slug)
    if not request.user.is_authenticated:
        return redirect_to_login(event.get_absolute_url())
    invitation = selectors.own_invitation(request.user, event)
    if invitation is None:
        raise PermissionDenied
    try:
        services.withdraw(invitation, reason=request.POST.get("reason", ""))
    except services.EventsError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, "You have given up your place. Thank you for letting us know")
    return redirect(event)


def _place_message(invitation) -> str:
    if invitation.holds_place:
        return "You have a place. We have emailed you the details"
    position = selectors.waiting_position(invitation)
    return f"The event is full, so you are on the waiting list: number {position} in line"
