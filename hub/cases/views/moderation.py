"""The editors' side of the good practice database: the moderation queue, reviewing a record
(moving it on, with the reason the contributor is emailed) and checking benefits' evidence."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from hub.cases.models import Benefit, EvidenceStatus, Resource, ResourceKind, Status
from hub.cases.moderation_forms import EvidenceForm, TransitionForm
from hub.cases.moderation_selectors import (
    QUEUE_STATUSES,
    days_waiting,
    moderation_counts,
    moderation_list,
)
from hub.cases.selectors import resource_detail
from hub.cases.services import TransitionRefused, benefit_set_evidence, resource_transition
from hub.core.pagination import paginate
from hub.core.permissions import permission_required

PER_PAGE = 25
DONE_MESSAGES = {
    Status.SUBMITTED: "Submitted “{title}” for review",
    Status.CHANGES_REQUESTED: "Asked for changes to “{title}”. We have emailed the contributor",
    Status.PUBLISHED: "Published “{title}”",
    Status.ARCHIVED: "Archived “{title}”",
}


@permission_required("cases.moderate")
@require_GET
def moderation_queue(request):
    status = request.GET.get("status", Status.SUBMITTED)
    status = status if status in QUEUE_STATUSES else Status.SUBMITTED
    kind = request.GET.get("kind", "")
    kind = kind if kind in ResourceKind.values else ""
    pagination = paginate(request, moderation_list(status=status, kind=kind), per_page=PER_PAGE)
    counts = moderation_counts(kind=kind)
    now = timezone.now()
    kind_query = f"&kind={kind}" if kind else ""
    return render(
        request,
        "cases/moderation/queue.html",
        {
            "status": Status(status),
            "kind": kind,
            "kind_label": ResourceKind(kind).label if kind else "",
            "kind_choices": ResourceKind.choices,
            "tabs": [
                {
                    "status": option,
                    "label": option.label,
                    "count": counts[option],
                    "href": f"?status={option.value}{kind_query}",
                    "current": option == status,
                }
                for option in QUEUE_STATUSES
            ],
            "pagination": pagination,
            "rows": [
                (resource, days_waiting(resource.status_since, now=now))
                for resource in pagination.object_list
            ],
        },
    )


def _review_resource(slug: str) -> Resource:
    try:
        return resource_detail(slug=slug)
    except Resource.DoesNotExist:
        raise Http404("No good practice record has this address") from None


@permission_required("cases.moderate")
@require_http_methods(["GET", "POST"])
def resource_review(request, slug: str):
    resource = _review_resource(slug)
    form = TransitionForm(
        request.POST if request.method == "POST" else None, resource_status=resource.status
    )
    if request.method == "POST" and form.is_valid():
        to_status = form.cleaned_data["to_status"]
        try:
            resource_transition(
                resource=resource,
                to_status=to_status,
                by=request.user,
                reason=form.cleaned_data["reason"],
            )
        except TransitionRefused as refusal:
            form.add_error("to_status", str(refusal))
        else:
            messages.success(request, DONE_MESSAGES[Status(to_status)].format(title=resource.title))
            return redirect("cases:moderation")
    return render(
        request,
        "cases/moderation/review.html",
        {
            "resource": resource,
            "form": form,
            "benefits": resource.benefits.all(),
            "transitions": resource.transitions.all(),
        },
    )


@permission_required("cases.verify_benefit")
@require_http_methods(["GET", "POST"])
def benefit_evidence(request, slug: str, pk: int):
    benefit = get_object_or_404(
        Benefit.objects.select_related("resource", "verified_by"), pk=pk, resource__slug=slug
    )
    initial = (
        {"status": benefit.evidence_status, "reason": benefit.disputed_reason}
        if benefit.evidence_status != EvidenceStatus.CLAIMED
        else {}
    )
    form = EvidenceForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            benefit_set_evidence(
                benefit=benefit,
                status=form.cleaned_data["status"],
                by=request.user,
                reason=form.cleaned_data["reason"],
            )
        except ValueError as error:
            form.add_error("reason", str(error))
        else:
            label = EvidenceStatus(form.cleaned_data["status"]).label.lower()
            messages.success(request, f"Marked “{benefit.description}” as {label}")
            return redirect("cases:review", slug=slug)
    return render(
        request,
        "cases/moderation/evidence.html",
        {"benefit": benefit, "resource": benefit.resource, "form": form},
    )
