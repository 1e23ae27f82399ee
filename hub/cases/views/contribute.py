"""The contribution journey: the start page, a page a step, check answers and submit, and the
files attached to a record."""

from pathlib import Path
from urllib.parse import urlencode

from django.contrib import messages
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from hub.cases.attachments import MAX_ATTACHMENTS, TYPE_LABELS, AttachmentRefused
from hub.cases.contribute_forms import AttachmentForm, BenefitForm, TitleForm
from hub.cases.contribution import (
    STEP_BY_SLUG,
    STEPS,
    Step,
    answer_groups,
    missing_answers,
    similar_published,
    step_after,
    step_before,
)
from hub.cases.models import Attachment, Benefit, Resource, Status
from hub.cases.rules import EDITABLE_BY_CONTRIBUTOR
from hub.cases.selectors import resource_detail, resources_of
from hub.cases.services import (
    TransitionRefused,
    attachment_add,
    attachment_remove,
    benefit_add,
    benefit_remove,
    resource_create_draft,
    resource_save_answers,
    resource_transition,
)
from hub.cases.views.access import resource_permission_required
from hub.core.permissions import permission_required
from hub.organisations.selectors import organisation_list
from hub.taxonomy.selectors import service_area_search

MAX_MATCHES = 50
SEARCHES = {
    "partners": lambda query: organisation_list(current=True, query=query),
    "service-areas": lambda query: service_area_search(query=query),
}


def _to_check(request) -> bool:
    return request.GET.get("next") == "check"


def step_url(resource: Resource, step: Step, *, to_check: bool = False) -> str:
    url = reverse("cases:contribute-step", kwargs={"slug": resource.slug, "step": step.slug})
    return f"{url}?next=check" if to_check else url


def _after_saving(request, resource: Resource, step: Step):
    """Save and come back later goes to the start page; otherwise on to the next step."""
    if "later" in request.POST:
        messages.success(request, f"Your answers to “{resource.title}” have been saved")
        return redirect("cases:contribute")
    following = step_after(step)
    if _to_check(request) or following is None:
        return redirect("cases:contribute-check", slug=resource.slug)
    return redirect(step_url(resource, following))


def _context(request, resource: Resource, step: Step, **extra) -> dict:
    to_check = _to_check(request)
    previous = step_before(step)
    if to_check:
        back_url = reverse("cases:contribute-check", kwargs={"slug": resource.slug})
    elif previous is not None:
        back_url = step_url(resource, previous)
    else:
        back_url = reverse("cases:contribute")
    return {
        "resource": resource,
        "step": step,
        "step_number": STEPS.index(step) + 1,
        "step_count": len(STEPS),
        "to_check": to_check,
        "back_url": back_url,
        **extra,
    }


def _step_form(request, resource: Resource, step: Step, **kwargs):
    posted = request.method == "POST"
    return step.form_class(
        request.POST if posted else None,
        resource=resource,
        user=request.user,
        partial=posted and "later" in request.POST,
        **kwargs,
    )


@permission_required("cases.contribute")
@require_GET
def contribute_start(request):
    records = resources_of(user=request.user)
    return render(
        request,
        "cases/contribute/start.html",
        {"records": records, "editable": EDITABLE_BY_CONTRIBUTOR},
    )


@permission_required("cases.contribute")
@require_http_methods(["GET", "POST"])
def contribute_new(request):
    form = TitleForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        resource = resource_create_draft(by=request.user, **form.cleaned_data)
        return _after_saving(request, resource, STEP_BY_SLUG["title"])
    return render(
        request,
        "cases/contribute/new.html",
        {"form": form, "back_url": reverse("cases:contribute")},
    )


@resource_permission_required("cases.change_resource")
@require_http_methods(["GET", "POST"])
def contribute_step(request, resource: Resource, step: str):
    found = STEP_BY_SLUG.get(step)
    if found is None:
        raise Http404("No such step")
    handlers = {
        "form": _form_step,
        "picker": _picker_step,
        "benefits": _benefits_step,
        "attachments": _attachments_step,
    }
    return handlers[found.kind](request, resource, found)


def _form_step(request, resource: Resource, step: Step):
    form = _step_form(request, resource, step)
    if request.method == "POST" and form.is_valid():
        resource = resource_save_answers(resource=resource, data=form.answers())
        return _after_saving(request, resource, step)
    return render(
        request, "cases/contribute/step.html", _context(request, resource, step, form=form)
    )


def _picker_step(request, resource: Resource, step: Step):
    """Search (the page's GET `q`), tick and save. Searching again saves the ticks first."""
    source = request.POST if request.method == "POST" else request.GET
    query = source.get("q", "").strip()[:100]
    matches = list(SEARCHES[step.slug](query)[: MAX_MATCHES + 1]) if query else []
    form = _step_form(request, resource, step, matches=matches[:MAX_MATCHES])
    if request.method == "POST" and form.is_valid():
        resource = resource_save_answers(resource=resource, data=form.answers())
        if "search" in request.POST:
            params = {"q": query} if query else {}
            if _to_check(request):
                params["next"] = "check"
            url = step_url(resource, step)
            return redirect(f"{url}?{urlencode(params)}" if params else url)
        return _after_saving(request, resource, step)
    return render(
        request,
        "cases/contribute/picker.html",
        _context(
            request,
            resource,
            step,
            form=form,
            query=query,
            match_count=min(len(matches), MAX_MATCHES),
            more_matches=len(matches) > MAX_MATCHES,
        ),
    )


def _adding_a_row(request) -> bool:
    """A POST from the page's add form, rather than its continue or later buttons."""
    return request.method == "POST" and not ({"continue", "later"} & set(request.POST))


def _benefits_step(request, resource: Resource, step: Step):
    adding = _adding_a_row(request)
    benefit_form = BenefitForm(request.POST if adding else None, prefix="benefit")
    if adding and benefit_form.is_valid():
        benefit = benefit_add(resource=resource, **benefit_form.cleaned_data)
        messages.success(request, f"Added the benefit “{benefit.description}”")
        return redirect(request.get_full_path())
    if adding:
        notes_form = step.form_class(resource=resource, user=request.user)
    else:
        notes_form = _step_form(request, resource, step)
    if request.method == "POST" and not adding and notes_form.is_valid():
        resource = resource_save_answers(resource=resource, data=notes_form.answers())
        return _after_saving(request, resource, step)
    return render(
        request,
        "cases/contribute/benefits.html",
        _context(
            request,
            resource,
            step,
            form=benefit_form,
            notes_form=notes_form,
            benefits=resource.benefits.all(),
        ),
    )


def _attachments_step(request, resource: Resource, step: Step):
    uploading = _adding_a_row(request)
    form = AttachmentForm(
        request.POST if uploading else None,
        request.FILES if uploading else None,
        resource=resource,
    )
    if uploading and form.is_valid():
        try:
            attachment = attachment_add(resource=resource, **form.cleaned_data)
        except AttachmentRefused as refused:
            form.add_error("file", str(refused))
        else:
            messages.success(request, f"Uploaded “{attachment.title}”")
            return redirect(request.get_full_path())
    if request.method == "POST" and not uploading:
        return _after_saving(request, resource, step)
    attachments = list(resource.attachments.all())
    for attachment in attachments:
        attachment.type_label = TYPE_LABELS.get(attachment.content_type, "")
    return render(
        request,
        "cases/contribute/attachments.html",
        _context(
            request,
            resource,
            step,
            form=form,
            continue_form=step.form_class(resource=resource, user=request.user),
            attachments=attachments,
            can_add=len(attachments) < MAX_ATTACHMENTS,
            max_attachments=MAX_ATTACHMENTS,
        ),
    )


def _back_to_step(request, resource: Resource, slug: str):
    return redirect(step_url(resource, STEP_BY_SLUG[slug], to_check=_to_check(request)))


@resource_permission_required("cases.change_resource")
@require_POST
def contribute_benefit_remove(request, resource: Resource, pk: int):
    benefit = get_object_or_404(Benefit, pk=pk, resource=resource)
    benefit_remove(benefit=benefit)
    messages.success(request, f"Removed the benefit “{benefit.description}”")
    return _back_to_step(request, resource, "benefits")


@resource_permission_required("cases.change_resource")
@require_POST
def contribute_attachment_remove(request, resource: Resource, pk: int):
    attachment = get_object_or_404(Attachment, pk=pk, resource=resource)
    attachment_remove(attachment=attachment)
    messages.success(request, f"Removed “{attachment.title}”")
    return _back_to_step(request, resource, "attachments")


@resource_permission_required("cases.change_resource")
@require_http_methods(["GET", "POST"])
def contribute_check(request, resource: Resource):
    resource = resource_detail(slug=resource.slug)  # with everything the answers show
    missing = missing_answers(resource)
    refused = ""
    if request.method == "POST" and not missing:
        try:
            resource_transition(resource=resource, to_status=Status.SUBMITTED, by=request.user)
        except TransitionRefused as error:
            refused = str(error)
        else:
            return redirect("cases:contribute-submitted", slug=resource.slug)
    changes_asked = None
    if resource.status == Status.CHANGES_REQUESTED:
        changes_asked = resource.transitions.filter(to_status=Status.CHANGES_REQUESTED).last()
    return render(
        request,
        "cases/contribute/check.html",
        {
            "resource": resource,
            "groups": answer_groups(resource),
            "steps": STEP_BY_SLUG,
            "missing": missing,
            "errors": _submit_errors(request, resource, missing, refused),
            "similar": similar_published(resource),
            "changes_asked": changes_asked,
            "can_submit": resource.status in EDITABLE_BY_CONTRIBUTOR,
            "back_url": step_url(resource, STEPS[-1]),
        },
    )


def _submit_errors(request, resource: Resource, missing, refused: str) -> list[tuple[str, str]]:
    """The error summary of a refused submission: each missing answer links to its step."""
    if request.method != "POST":
        return []
    errors = [
        (answer.message, step_url(resource, STEP_BY_SLUG[answer.step], to_check=True))
        for answer in missing
    ]
    return errors + ([(refused, "")] if refused else [])


@resource_permission_required("cases.view_resource")
@require_GET
def contribute_submitted(request, resource: Resource):
    if resource.status != Status.SUBMITTED:
        return redirect(resource)
    return render(request, "cases/contribute/submitted.html", {"resource": resource})


@require_GET
def attachment_download(request, slug: str, pk: int):
    """A record's file, to those who may see the record; to anyone else it does not exist."""
    attachment = get_object_or_404(
        Attachment.objects.select_related("resource"), pk=pk, resource__slug=slug
    )
    resource = attachment.resource
    if not request.user.has_perm("cases.view_resource", resource):
        raise Http404("No such file")
    try:
        file = attachment.file.open("rb")
    except (FileNotFoundError, ValueError) as error:
        raise Http404("The file is missing") from error
    response = FileResponse(
        file,
        as_attachment=True,
        filename=Path(attachment.file.name).name,
        content_type=attachment.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    if resource.status != Status.PUBLISHED:
        response["Cache-Control"] = "private, no-store"
    return response
