"""Session pages: the session itself (with the room's code for its facilitators and a check-in
for its participants), taking attendance, and the attendance reports per cohort and person."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from hub.academies import attendance
from hub.academies.forms_sessions import AttendanceForm, CheckInForm
from hub.academies.models import ATTENDED, Cohort, Session
from hub.academies.views.access import cohort_enrolment, get_cohort, own_enrolment, refusal
from hub.core.csv_export import csv_response


def _get_session(cohort: Cohort, number: int) -> Session:
    session = get_object_or_404(
        Session.objects.select_related("module").prefetch_related("facilitators"),
        cohort=cohort,
        number=number,
    )
    session.cohort = cohort
    return session


@require_GET
def session_detail(request, slug: str, number: int):
    cohort = get_cohort(slug)
    if not request.user.has_perm("academies.view_cohort", cohort):
        raise Http404("No cohort has this address")
    session = _get_session(cohort, number)
    user = request.user
    can_take = user.has_perm("academies.take_attendance", session)
    enrolment = own_enrolment(request, cohort)
    may_check_in = user.has_perm("academies.check_in", enrolment)
    my_record = session.attendance.filter(enrolment=enrolment).first() if may_check_in else None
    return render(
        request,
        "academies/sessions/detail.html",
        {
            "cohort": cohort,
            "session": session,
            "can_take_attendance": can_take,
            "may_check_in": may_check_in,
            "my_record": my_record,
            "check_in_open": attendance.can_check_in_now(session),
            "check_in_opens_at": attendance.check_in_opens_at(session),
            "check_in_form": CheckInForm(action=_check_in_url(session)) if may_check_in else None,
            "can_view_reports": user.has_perm("academies.view_cohort_reports", cohort),
        },
    )


def _check_in_url(session: Session) -> str:
    return reverse("academies:check-in", args=[session.cohort.slug, session.number])


@require_http_methods(["GET", "POST"])
def check_in(request, slug: str, number: int):
    cohort = get_cohort(slug)
    enrolment = own_enrolment(request, cohort)
    if not request.user.has_perm("academies.check_in", enrolment):
        return refusal(request, cohort)
    session = _get_session(cohort, number)
    form = CheckInForm(request.POST or None, action=_check_in_url(session))
    if request.method == "POST" and form.is_valid():
        try:
            record = attendance.check_in(
                session=session, enrolment=enrolment, code=form.cleaned_data["code"]
            )
        except attendance.AttendanceError as error:
            form.add_error("code", str(error))
        else:
            messages.success(request, f"You are checked in: {record.get_status_display().lower()}")
            return redirect(session.get_absolute_url())
    return render(request, "academies/sessions/check_in.html", {"form": form, "session": session})


@require_http_methods(["GET", "POST"])
def take_attendance(request, slug: str, number: int):
    cohort = get_cohort(slug)
    session = _get_session(cohort, number)
    if not request.user.has_perm("academies.take_attendance", session):
        return refusal(request, cohort)
    places = attendance.participants_holding_place(cohort)
    records = attendance.session_records(session)
    can_take_now = attendance.can_take_attendance_now(session)
    form = AttendanceForm(request.POST or None, places=places, records=records)
    if request.method == "POST" and can_take_now and form.is_valid():
        try:
            attendance.record_attendance(session, form.marks(), request.user)
        except attendance.AttendanceError as error:
            form.add_error(None, str(error))
        else:
            present = sum(
                1 for r in attendance.session_records(session).values() if r.status in ATTENDED
            )
            messages.success(request, f"Attendance saved: {present} of {len(places)} attended")
            return redirect(session.get_absolute_url())
    return render(
        request,
        "academies/sessions/take_attendance.html",
        {
            "form": form,
            "session": session,
            "cohort": cohort,
            "places": places,
            "can_take_now": can_take_now,
            "opens_on": attendance.attendance_opens_on(session),
        },
    )


@require_GET
def cohort_attendance(request, slug: str):
    cohort = get_cohort(slug)
    if not request.user.has_perm("academies.view_cohort_reports", cohort):
        return refusal(request, cohort)
    return render(
        request,
        "academies/sessions/cohort_attendance.html",
        {"cohort": cohort, "report": attendance.cohort_attendance(cohort)},
    )


def _day(session: Session) -> str:
    return f"{timezone.localdate(session.starts_at):%Y-%m-%d}"


def _rate(summary) -> str:
    return "" if summary.rate is None else f"{summary.rate:.0f}"


def _csv_rows(cohort: Cohort, report: attendance.CohortAttendance):
    for row in report.rows:
        person = row.enrolment.person.full_name
        organisation = row.enrolment.organisation.name
        for cell in row.cells:
            yield {
                "participant": person,
                "organisation": organisation,
                "session": cell.session.number,
                "date": _day(cell.session),
                "status": cell.text,
                "recorded": cell.record.get_method_display() if cell.record else "",
            }
        yield {
            "participant": person,
            "organisation": organisation,
            "session": "All sessions",
            "summary": row.summary,
        }
    for totals in report.session_totals:
        yield {
            "participant": "All participants",
            "session": totals.session.number,
            "date": _day(totals.session),
            "totals": totals,
        }


def _count(name: str, *, per_session: bool = True):
    """A CSV count column: from a participant's summary, or from a session's totals."""

    def value(row):
        if "summary" in row:
            return getattr(row["summary"], name)
        if "totals" in row and per_session:
            return getattr(row["totals"], name)
        return ""

    return value


CSV_COLUMNS = [
    ("Participant", lambda r: r["participant"]),
    ("Organisation", lambda r: r.get("organisation", "")),
    ("Session", lambda r: r["session"]),
    ("Session date", lambda r: r.get("date", "")),
    ("Status", lambda r: r.get("status", "")),
    ("How recorded", lambda r: r.get("recorded", "")),
    ("Attended", _count("attended")),
    ("Late", _count("late")),
    ("Excused", _count("excused")),
    ("Absent", _count("absent")),
    ("Enrolled after", _count("not_yet_enrolled")),
    ("Not recorded", _count("not_recorded")),
    ("Sessions held", _count("held", per_session=False)),
    ("Attendance rate (%)", lambda r: _rate(r["summary"]) if "summary" in r else ""),
]


@require_GET
def cohort_attendance_csv(request, slug: str):
    """The cohort's attendance as CSV, in three kinds of row under the same headings:

    - one row per participant per session: Status ("Present", "Late", "Excused", "Absent",
      "Enrolled after", "Not recorded", "Not held yet") and How recorded; count columns empty;
    - one row per participant with Session "All sessions": their totals in the count columns
      (Attended = present + late), Sessions held and Attendance rate (%) as on the page;
    - one row per session with Participant "All participants": that session's counts.
    """
    cohort = get_cohort(slug)
    if not request.user.has_perm("academies.view_cohort_reports", cohort):
        return refusal(request, cohort)
    report = attendance.cohort_attendance(cohort)
    return csv_response(
        filename=f"{cohort.slug}-attendance.csv",
        columns=CSV_COLUMNS,
        rows=_csv_rows(cohort, report),
    )


@require_GET
def person_attendance(request, slug: str, enrolment_id: int):
    cohort = get_cohort(slug)
    enrolment = cohort_enrolment(cohort, enrolment_id)
    if not request.user.has_perm("academies.view_enrolment", enrolment):
        return refusal(request, cohort)
    cells, summary = attendance.person_attendance(enrolment)
    return render(
        request,
        "academies/sessions/person_attendance.html",
        {"cohort": cohort, "enrolment": enrolment, "cells": cells, "summary": summary},
    )


@require_POST
def new_code(request, slug: str, number: int):
    """A facilitator asks for a new attendance code (say one was shared outside the room)."""
    cohort = get_cohort(slug)
    session = _get_session(cohort, number)
    if not request.user.has_perm("academies.take_attendance", session):
        return refusal(request, cohort)
    attendance.session_new_code(session=session)
    messages.success(request, "The session has a new attendance code")
    return redirect(session.get_absolute_url())
