"""Your data (download, ask for erasure), the erasure queue, histories and the change list.

Views parse input, call one service or selector, and render (hub/privacy/services.py,
selectors.py). Permissions are in hub/privacy/rules.py."""

import json
from contextlib import suppress

from django.contrib import messages
from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from hub.core.csv_export import csv_response
from hub.core.pagination import paginate
from hub.core.permissions import permission_required
from hub.privacy import selectors, services
from hub.privacy.audit import RECORD_TYPES, may_see_record
from hub.privacy.forms import (
    CarryOutForm,
    ChangeFilterForm,
    ErasureConfirmForm,
    ErasureReasonForm,
    RefuseForm,
)
from hub.privacy.models import ErasureRequest, ErasureStatus

OWN = "privacy.use_own_data"
MANAGE = "privacy.manage_erasure"
REASON_KEY = "privacy_erasure_reason"
HISTORY_PER_PAGE = 25


# Your data ----------------------------------------------------------------------------------


@permission_required(OWN)
def download(request):
    data = services.personal_data_export(user=request.user)
    response = HttpResponse(
        json.dumps(data, cls=DjangoJSONEncoder, indent=2, ensure_ascii=False),
        content_type="application/json; charset=utf-8",
    )
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="your-hub-data-{stamp}.json"'
    response["Cache-Control"] = "no-store"
    return response


@permission_required(OWN)
@require_http_methods(["GET", "POST"])
def erasure_reason(request):
    if services.waiting_request_of(request.user):
        return redirect("privacy:erasure-requested")
    initial = {"reason": request.session.get(REASON_KEY, "")}
    form = ErasureReasonForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        request.session[REASON_KEY] = form.cleaned_data["reason"]
        return redirect("privacy:erasure-confirm")
    return render(request, "privacy/erasure_reason.html", {"form": form})


@permission_required(OWN)
@require_http_methods(["GET", "POST"])
def erasure_confirm(request):
    if services.waiting_request_of(request.user):
        return redirect("privacy:erasure-requested")
    form = ErasureConfirmForm(request.POST if request.method == "POST" else None, request=request)
    if request.method == "POST" and form.is_valid():
        # A request already waiting (asked twice at once) is the one shown next.
        with suppress(services.ErasureRefused):
            services.erasure_request_create(
                user=request.user, reason=request.session.pop(REASON_KEY, "")
            )
        return redirect("privacy:erasure-requested")
    return render(
        request,
        "privacy/erasure_confirm.html",
        {"form": form, "reason": request.session.get(REASON_KEY, "")},
    )


@permission_required(OWN)
def erasure_requested(request):
    erasure = (
        ErasureRequest.objects.filter(user=request.user).order_by("-requested_at", "-pk").first()
    )
    if erasure is None:
        return redirect("privacy:erasure-reason")
    return render(request, "privacy/erasure_requested.html", {"erasure": erasure})


# The erasure queue (programme admins) ---------------------------------------------------------


@permission_required(MANAGE)
def erasure_queue(request):
    status = request.GET.get("status", "")
    status = status if status in ErasureStatus.values else ""
    pagination = paginate(request, selectors.erasure_queue(status=status))
    return render(
        request,
        "privacy/erasure_queue.html",
        {
            "pagination": pagination,
            "status": status,
            "statuses": ErasureStatus.choices,
            "today": timezone.localdate(),
        },
    )


@permission_required(MANAGE)
def erasure_request(request, pk: int):
    erasure = get_object_or_404(ErasureRequest.objects.select_related("user", "decided_by"), pk=pk)
    return render(
        request,
        "privacy/erasure_request.html",
        {"erasure": erasure, "today": timezone.localdate()},
    )


def _waiting_or_redirect(pk):
    erasure = get_object_or_404(ErasureRequest.objects.select_related("user"), pk=pk)
    return erasure, None if erasure.is_waiting else redirect(erasure)


@permission_required(MANAGE)
@require_http_methods(["GET", "POST"])
def erasure_carry_out(request, pk: int):
    erasure, done = _waiting_or_redirect(pk)
    if done:
        return done
    form = CarryOutForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.erasure_carry_out(request=erasure, by=request.user)
        except services.ErasureRefused as refusal:
            form.add_error(None, str(refusal))
        else:
            messages.success(request, f"{erasure} carried out: the person's data has been erased")
            return redirect(erasure)
    return render(request, "privacy/erasure_carry_out.html", {"erasure": erasure, "form": form})


@permission_required(MANAGE)
@require_http_methods(["GET", "POST"])
def erasure_refuse(request, pk: int):
    erasure, done = _waiting_or_redirect(pk)
    if done:
        return done
    form = RefuseForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        reason = form.cleaned_data["reason"]
        try:
            services.erasure_refuse(request=erasure, by=request.user, reason=reason)
        except services.ErasureRefused as refusal:
            form.add_error(None, str(refusal))
        else:
            messages.success(request, f"{erasure} refused")
            return redirect(erasure)
    return render(request, "privacy/erasure_refuse.html", {"erasure": erasure, "form": form})


# Histories and changes (programme staff) ------------------------------------------------------


@permission_required(
    "privacy.view_history", fn=lambda request, record_type, pk: RECORD_TYPES.get(record_type)
)
def history(request, record_type: str, pk: int):
    kind = RECORD_TYPES.get(record_type)
    if kind is None:
        raise Http404
    entries = selectors.history_of(kind, pk)
    record = selectors.record_of(kind, pk)
    if record is None and not entries.exists():
        raise Http404
    if not may_see_record(request.user, kind, record):
        raise Http404  # as the record's own page is to them
    pagination = paginate(request, entries, per_page=HISTORY_PER_PAGE)
    return render(
        request,
        "privacy/history.html",
        {
            "kind": kind,
            "record": record,
            "record_name": str(record) if record is not None else entries.first().object_repr,
            "pagination": pagination,
            "entries": selectors.described(pagination.object_list),
        },
    )


def _change_filters(request):
    form = ChangeFilterForm(request.GET or None)
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        return form, selectors.ChangeFilters(
            record_type=RECORD_TYPES.get(data["record_type"]),
            person=data["person"].strip(),
            from_date=data["from_date"],
            to_date=data["to_date"],
        )
    return form, selectors.ChangeFilters()


@permission_required("privacy.view_changes")
def changes(request):
    form, filters = _change_filters(request)
    pagination = paginate(request, selectors.changes(filters), per_page=HISTORY_PER_PAGE)
    return render(
        request,
        "privacy/changes.html",
        {
            "form": form,
            "filters": filters,
            "pagination": pagination,
            "entries": selectors.described(pagination.object_list),
            "query_string": request.GET.urlencode(),
        },
    )


def _change_text(entry) -> str:
    return "; ".join(f"{c.field}: {c.before} → {c.after}" for c in entry.changes)


@permission_required("privacy.view_changes")
def changes_csv(request):
    _, filters = _change_filters(request)

    def rows():
        # Described a page at a time, so related names are looked up in batches.
        queryset = selectors.changes(filters)
        for start in range(0, queryset.count(), 500):
            yield from selectors.described(queryset[start : start + 500])

    return csv_response(
        filename="hub-changes.csv",
        columns=[
            ("When", lambda e: timezone.localtime(e.when).isoformat(timespec="seconds")),
            ("Who", lambda e: e.who),
            ("Action", lambda e: e.action),
            ("Kind of record", lambda e: e.record_type.label if e.record_type else ""),
            ("Record", lambda e: e.record),
            ("Record id", lambda e: e.entry.object_pk),
            ("Changes", _change_text),
        ],
        rows=rows(),
    )
