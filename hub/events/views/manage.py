"""The facilitator's pages: create, edit, publish and cancel an event; invite people one by
one or from a CSV list; follow the invitations; take attendance; export the attendee list.

Every page checks its permission on the server. An event someone may not see is a 404 to
them, so a private event's existence does not leak; one they may see but not run is a 403.
"""

from __future__ import annotations

from django.contrib import messages
from django.db import transaction
from django.db.models import Count, Q
from django.http import HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from hub.accounts.roles import Role
from hub.accounts.rules import is_champion, is_facilitator, is_programme_admin
from hub.core.csv_export import csv_response
from hub.core.pagination import paginate
from hub.core.permissions import permission_required
from hub.events import invite_csv, services
from hub.events.forms_manage import (
    LONDON,
    AttendanceForm,
    CancelForm,
    EventForm,
    InviteCsvForm,
    InviteForm,
    SeriesForm,
)
from hub.events.models import Event, EventStatus, Invitation, PlaceStatus, Series
from hub.events.views.access import event_permission_required

RESENDABLE = (PlaceStatus.INVITED, PlaceStatus.WAITING, PlaceStatus.ACCEPTED)
CSV_SESSION_KEY = "events-invite-csv-{pk}"


def _unique_slug(model, text: str, *, max_length: int = 200) -> str:
    base = slugify(text)[:max_length].strip("-") or "event"
    slug, number = base, 2
    while model.objects.filter(slug=slug).exists():
        suffix = f"-{number}"
        slug = base[: max_length - len(suffix)] + suffix
        number += 1
    return slug


def _event_slug(event: Event) -> str:
    day = timezone.localtime(event.starts_at, LONDON).date()
    return _unique_slug(Event, f"{event.title} {day:%Y-%m-%d}", max_length=200)


def _manage_url(event: Event) -> str:
    return reverse("events:invitations", args=[event.slug])


# Lists -----------------------------------------------------------------------------------


@permission_required("events.create_event")
@require_GET
def manage_list(request):
    everyone = request.user.has_role(Role.PROGRAMME_ADMIN)
    events = Event.objects.all() if everyone else Event.objects.filter(facilitators=request.user)
    events = events.annotate(
        invited_count=Count("invitations", distinct=True),
        accepted_count=Count(
            "invitations", filter=Q(invitations__status=PlaceStatus.ACCEPTED), distinct=True
        ),
        waiting_count=Count(
            "invitations", filter=Q(invitations__status=PlaceStatus.WAITING), distinct=True
        ),
        declined_count=Count(
            "invitations", filter=Q(invitations__status=PlaceStatus.DECLINED), distinct=True
        ),
    ).order_by("-starts_at", "-pk")
    return render(
        request,
        "events/manage/list.html",
        {"pagination": paginate(request, events), "everyone": everyone},
    )


# Creating and changing an event --------------------------------------------------------


@transaction.atomic
def _create_event(form: EventForm, *, by) -> Event:
    event = form.save(commit=False)
    event.status = EventStatus.DRAFT
    event.slug = _event_slug(event)
    event = services.save_event(event)
    event.facilitators.add(by)
    event.cases.set(form.cleaned_data["case_links"])
    return event


def _champion_only(user):
    """The user, when they may make events only as a champion hosting open sessions."""
    if is_facilitator(user) or is_programme_admin(user):
        return None
    return user if is_champion(user) else None


@permission_required("events.create_event")
@require_http_methods(["GET", "POST"])
def create(request):
    initial = {}
    series = Series.objects.filter(pk=request.GET.get("series") or None).first()
    if series is not None:
        initial = {"series": series, "kind": series.kind, "region": series.region}
    form = EventForm(request.POST or None, initial=initial, champion=_champion_only(request.user))
    if request.method == "POST" and form.is_valid():
        event = _create_event(form, by=request.user)
        messages.success(request, f"“{event.title}” has been saved as a draft")
        return redirect(_manage_url(event))
    return render(
        request,
        "events/manage/event_form.html",
        {"form": form, "heading": "Create an event", "back_url": reverse("events:manage_list")},
    )


def _values(event: Event, names) -> dict:
    return {name: getattr(event, Event._meta.get_field(name).attname) for name in names}


TRACKED_FIELDS = [*EventForm.Meta.fields, "starts_at", "ends_at"]


@transaction.atomic
def _update_event(event: Event, form: EventForm, before: dict) -> Event:
    form.save(commit=False)
    after = _values(event, TRACKED_FIELDS)
    changed = {name for name in TRACKED_FIELDS if after[name] != before[name]}
    event = services.save_event(event, changed_fields=changed)
    event.cases.set(form.cleaned_data["case_links"])
    return event


@event_permission_required("events.manage_event")
@require_http_methods(["GET", "POST"])
def edit(request, event: Event):
    if event.is_cancelled:
        messages.error(request, "This event is cancelled, so it cannot be changed")
        return redirect(_manage_url(event))
    before = _values(event, TRACKED_FIELDS)
    form = EventForm(request.POST or None, instance=event, champion=_champion_only(request.user))
    if request.method == "POST" and form.is_valid():
        event = _update_event(event, form, before)
        messages.success(request, f"Your changes to “{event.title}” have been saved")
        return redirect(_manage_url(event))
    return render(
        request,
        "events/manage/event_form.html",
        {
            "form": form,
            "event": event,
            "heading": "Change the event",
            "back_url": _manage_url(event),
        },
    )


@event_permission_required("events.manage_event")
@require_POST
def publish(request, event: Event):
    if event.status != EventStatus.DRAFT:
        messages.error(request, "Only a draft can be published")
        return redirect(_manage_url(event))
    event.status = EventStatus.SCHEDULED
    services.save_event(event, changed_fields={"status"})
    messages.success(request, f"“{event.title}” is published: you can now invite people")
    return redirect(_manage_url(event))


@event_permission_required("events.manage_event")
@require_http_methods(["GET", "POST"])
def cancel(request, event: Event):
    if event.is_cancelled:
        messages.error(request, "This event is already cancelled")
        return redirect(_manage_url(event))
    form = CancelForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.cancel_event(event, reason=form.cleaned_data["reason"])
        messages.success(request, f"“{event.title}” is cancelled and everyone invited is told")
        return redirect(_manage_url(event))
    return render(
        request,
        "events/manage/cancel.html",
        {"form": form, "event": event, "back_url": _manage_url(event)},
    )


@permission_required("events.create_series")
@require_http_methods(["GET", "POST"])
def series_create(request):
    form = SeriesForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        series = form.save(commit=False)
        series.slug = _unique_slug(Series, series.title)
        series.save()
        messages.success(request, f"The series “{series.title}” has been created")
        return redirect(f"{reverse('events:create')}?series={series.pk}")
    return render(
        request,
        "events/manage/series_form.html",
        {"form": form, "back_url": reverse("events:manage_list")},
    )


# Invitations -----------------------------------------------------------------------------


def _groups(event: Event) -> list[dict]:
    invitations = list(event.invitations.select_related("deputy_for").prefetch_related("deputies"))
    by_status: dict[str, list[Invitation]] = {status: [] for status in PlaceStatus.values}
    for invitation in invitations:
        by_status[invitation.status].append(invitation)
    by_status[PlaceStatus.WAITING].sort(
        key=lambda invitation: (invitation.waiting_since or timezone.now(), invitation.pk)
    )
    titles = {
        PlaceStatus.ACCEPTED: "Accepted",
        PlaceStatus.WAITING: "On the waiting list",
        PlaceStatus.INVITED: "No answer yet",
        PlaceStatus.DECLINED: "Declined",
        PlaceStatus.DEPUTISED: "Sent a deputy",
        PlaceStatus.WITHDRAWN: "Withdrawn",
    }
    return [
        {"status": status, "title": title, "invitations": by_status[status]}
        for status, title in titles.items()
    ]


def _can_invite(event: Event) -> str:
    """Why nobody can be invited now, or "" if they can."""
    if event.is_cancelled:
        return "This event is cancelled, so nobody can be invited to it."
    if event.status == EventStatus.DRAFT:
        return "Publish the event before you invite anyone: invitations are emailed at once."
    if event.has_happened:
        return "This event has already started, so nobody can be invited to it."
    return ""


@event_permission_required("events.manage_event")
@require_GET
def invitations(request, event: Event):
    return render(
        request,
        "events/manage/invitations.html",
        {
            "event": event,
            "groups": _groups(event),
            "places_left": services.places_left(event),
            "cannot_invite": _can_invite(event),
            "resendable": RESENDABLE,
            "can_take_attendance": _attendance_opens(event) <= timezone.localdate(),
        },
    )


@event_permission_required("events.manage_event")
@require_POST
def resend(request, event: Event, pk: int):
    invitation = get_object_or_404(event.invitations, pk=pk)
    if invitation.status not in RESENDABLE or _can_invite(event):
        messages.error(request, f"A new link cannot be sent to {invitation.full_name} now")
    else:
        services.resend_link(invitation)
        messages.success(request, f"A new link has been sent to {invitation.email}")
    return redirect(_manage_url(event))


def _invitee(data: dict) -> services.Invitee:
    person = data.get("person")
    if person is not None:
        return services.Invitee(
            full_name=person.full_name,
            email=data["email"],
            organisation_name=person.organisation.name,
            person_id=person.pk,
            user_id=person.user_id,
        )
    return services.Invitee(
        full_name=data["full_name"],
        email=data["email"],
        organisation_name=data.get("organisation_name", ""),
    )


@event_permission_required("events.manage_event")
@require_http_methods(["GET", "POST"])
def invite(request, event: Event):
    cannot_invite = _can_invite(event)
    form = InviteForm(request.POST or None)
    if request.method == "POST" and not cannot_invite and form.is_valid():
        try:
            invitation = services.invite(
                event, _invitee(form.cleaned_data), invited_by=request.user
            )
        except services.EventsError as error:
            form.add_error("email" if form.cleaned_data.get("email") else None, str(error))
        else:
            messages.success(request, f"{invitation.full_name} has been invited")
            return redirect(_manage_url(event))
    return render(
        request,
        "events/manage/invite.html",
        {
            "form": form,
            "event": event,
            "cannot_invite": cannot_invite,
            "back_url": _manage_url(event),
        },
    )


@event_permission_required("events.manage_event")
@require_http_methods(["GET", "POST"])
def invite_from_csv(request, event: Event):
    """Upload, check every row, show who will be invited, confirm: nobody is invited until the
    whole list is good and the facilitator confirms it."""
    cannot_invite = _can_invite(event)
    key = CSV_SESSION_KEY.format(pk=event.pk)
    context = {"event": event, "cannot_invite": cannot_invite, "back_url": _manage_url(event)}
    if request.method == "POST" and "confirm" in request.POST and not cannot_invite:
        return _confirm_csv(request, event, key, context)
    form = InviteCsvForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and not cannot_invite and form.is_valid():
        try:
            invitees = invite_csv.read_invitees(form.cleaned_data["file"], event=event)
        except invite_csv.InviteListError as error:
            for problem in error.shown:
                form.add_error("file", problem)
        else:
            request.session[key] = invite_csv.to_session(invitees)
            return render(
                request, "events/manage/invite_check.html", {**context, "invitees": invitees}
            )
    return render(request, "events/manage/invite_csv.html", {**context, "form": form})


def _confirm_csv(request, event: Event, key: str, context: dict):
    rows = request.session.get(key)
    if not rows:
        messages.error(request, "Upload the list again: it was not found")
        return redirect("events:invite_csv", slug=event.slug)
    invitees = invite_csv.from_session(rows)
    try:
        done = services.invite_many(
            event, invite_csv.with_accounts(invitees), invited_by=request.user
        )
    except services.EventsError as error:
        return render(
            request,
            "events/manage/invite_check.html",
            {**context, "invitees": invitees, "error": str(error)},
        )
    del request.session[key]
    messages.success(request, f"{len(done)} people have been invited")
    return redirect(_manage_url(event))


# On the day ------------------------------------------------------------------------------


def _attendance_opens(event: Event):
    return timezone.localtime(event.starts_at, LONDON).date()


@event_permission_required("events.manage_event")
@require_http_methods(["GET", "POST"])
def attendance(request, event: Event):
    opens = _attendance_opens(event)
    not_yet = timezone.localdate() < opens or event.is_cancelled
    places = list(event.invitations.filter(status=PlaceStatus.ACCEPTED).order_by("full_name", "pk"))
    form = AttendanceForm(request.POST or None, places=places)
    if request.method == "POST":
        if not_yet:
            return HttpResponseBadRequest("Attendance cannot be taken for this event yet.")
        if form.is_valid():
            services.take_attendance(event, form.marks())
            present = sum(1 for mark in form.marks().values() if mark == "present")
            messages.success(request, f"Attendance saved: {present} of {len(places)} present")
            return redirect(_manage_url(event))
    return render(
        request,
        "events/manage/attendance.html",
        {
            "form": form,
            "event": event,
            "opens": opens,
            "not_yet": not_yet,
            "places": places,
            "back_url": _manage_url(event),
        },
    )


def _london(moment) -> str:
    return timezone.localtime(moment, LONDON).strftime("%Y-%m-%d %H:%M") if moment else ""


ATTENDEE_COLUMNS = [
    ("Name", lambda i: i.full_name),
    ("Email", lambda i: i.email),
    ("Organisation", lambda i: i.organisation_name),
    ("Status", lambda i: i.get_status_display()),
    ("Responded at (UK time)", lambda i: _london(i.responded_at)),
    ("Decline reason", lambda i: i.decline_reason),
    ("Attendance", lambda i: i.get_attendance_display()),
]


@event_permission_required("events.export_attendees")
@require_GET
def attendees_csv(request, event: Event):
    rows = event.invitations.order_by("status", "full_name", "pk")
    return csv_response(
        filename=f"{event.slug}-attendees.csv", columns=ATTENDEE_COLUMNS, rows=rows.iterator()
    )
