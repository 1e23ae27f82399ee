"""The Chatham House record of an event: read it, write it, share it, publish it."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from hub.core.rich_text import render_markdown
from hub.events.models import Event, RecordStatus
from hub.events.record_forms import RecordForm, ShareRecordForm
from hub.events.records import publish_record, record_names, save_record, share_with_attendees
from hub.events.services import EventsError
from hub.events.views.access import event_permission_required


def _record_or_none(event: Event):
    return getattr(event, "record", None)


@require_GET
@event_permission_required("events.view_record")
def record_page(request, event: Event):
    record = _record_or_none(event)
    manages = request.user.has_perm("events.manage_event", event)
    if record is None and not manages:
        raise Http404("This event has no record yet")
    context = {
        "event": event,
        "record": record,
        "manages": manages,
        "key_points_html": render_markdown(record.key_points) if record else "",
        "actions_html": render_markdown(record.actions) if record else "",
        "names": record_names(record) if manages else [],
        "share_form": ShareRecordForm(),
        "statuses": RecordStatus,
    }
    return render(request, "events/record/record.html", context)


@require_http_methods(["GET", "POST"])
@event_permission_required("events.manage_event")
def record_edit(request, event: Event):
    record = _record_or_none(event)
    initial = {"key_points": record.key_points, "actions": record.actions} if record else {}
    form = RecordForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        record = save_record(event=event, by=request.user, **form.cleaned_data)
        if record_names(record):
            messages.success(request, "Record saved. Check the names it contains")
            return redirect("events:record_edit", slug=event.slug)
        messages.success(request, "Record saved")
        return redirect("events:record", slug=event.slug)
    context = {"event": event, "record": record, "form": form, "names": record_names(record)}
    return render(request, "events/record/edit.html", context)


@require_POST
@event_permission_required("events.manage_event")
def record_share(request, event: Event):
    record = _record_or_none(event)
    form = ShareRecordForm(request.POST)
    if record is None:
        messages.error(request, "Write the record before sharing it")
        return redirect("events:record_edit", slug=event.slug)
    if not form.is_valid():
        messages.error(request, "Choose who to share the record with")
        return redirect("events:record", slug=event.slug)
    to_status = form.cleaned_data["to_status"]
    try:
        if to_status == RecordStatus.ATTENDEES:
            share_with_attendees(record=record, by=request.user)
            messages.success(request, "Record shared with the people who had a place")
        else:
            publish_record(record=record, by=request.user)
            messages.success(request, "Record published to everyone signed in to the Hub")
    except EventsError as error:
        messages.error(request, str(error))
    return redirect("events:record", slug=event.slug)
