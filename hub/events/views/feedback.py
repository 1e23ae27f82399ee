"""The short survey after an event, and its results per event and per series."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from hub.core.permissions import permission_required
from hub.events.models import Event, EventStatus, Feedback, Series
from hub.events.record_forms import FeedbackForm
from hub.events.records import (
    feedback_summary,
    give_feedback,
    place_of,
    series_feedback_summary,
)
from hub.events.services import EventsError
from hub.events.views.access import event_permission_required


@require_http_methods(["GET", "POST"])
@event_permission_required("events.give_feedback")
def feedback_form(request, event: Event):
    place = place_of(request.user, event)
    if place is None:  # the rule said yes, so this is a race with a withdrawal
        raise PermissionDenied
    given = Feedback.objects.filter(invitation=place).first()
    initial = (
        {"usefulness": given.usefulness, "will_do_differently": given.will_do_differently}
        if given
        else {}
    )
    form = FeedbackForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            give_feedback(invitation=place, **form.cleaned_data)
        except EventsError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, "Thank you: your feedback has been sent")
            return redirect(event)
    return render(
        request, "events/feedback/form.html", {"event": event, "form": form, "given": given}
    )


@require_GET
@event_permission_required("events.view_feedback")
def feedback_results(request, event: Event):
    return render(
        request,
        "events/feedback/summary.html",
        {"event": event, "summary": feedback_summary(event)},
    )


@require_GET
@permission_required("events.create_event")
def series_feedback(request, slug: str):
    """Programme admins see every event of the series; a facilitator sees those they run."""
    series = get_object_or_404(Series, slug=slug)
    events = [
        event
        for event in series.events.exclude(status=EventStatus.DRAFT)
        if request.user.has_perm("events.view_feedback", event)
    ]
    if not events:
        raise PermissionDenied
    return render(
        request,
        "events/feedback/series.html",
        {"series": series, "results": series_feedback_summary(series, events)},
    )
