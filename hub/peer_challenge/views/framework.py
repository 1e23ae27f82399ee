"""The lines of enquiry: the published version for everyone, and its versions for programme
staff, who copy the published version into a draft, change the draft's core elements and lines
of enquiry, and publish it (admins). After hub/assessment/views/framework.py."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_GET, require_http_methods

from hub.core.permissions import permission_required
from hub.core.rich_text import render_markdown
from hub.peer_challenge import framework as services
from hub.peer_challenge.forms_framework import ElementForm, FrameworkDetailsForm, LineForm
from hub.peer_challenge.models import (
    CoreElement,
    EnquiryFramework,
    FrameworkStatus,
    LineOfEnquiry,
)

EDIT = "peer_challenge.edit_framework"


def _posted(request):
    return request.POST if request.method == "POST" else None


def _introduction(framework: EnquiryFramework) -> str:
    return mark_safe(render_markdown(framework.introduction))  # noqa: S308 - sanitised by nh3


def _version_url(framework: EnquiryFramework, anchor: str = "") -> str:
    url = reverse("peer_challenge:framework-version", args=[framework.version])
    return f"{url}#{anchor}" if anchor else url


def _get_version(version: int) -> EnquiryFramework:
    return get_object_or_404(EnquiryFramework, version=version)


def _content_page(request, template: str, framework: EnquiryFramework, **context):
    return render(
        request,
        template,
        {
            "framework": framework,
            "introduction": _introduction(framework),
            "elements": services.with_content(framework),
            **context,
        },
    )


@require_GET
def current_framework(request):
    framework = services.current_framework()
    if framework is None:
        raise Http404("No version of the lines of enquiry is published")
    return _content_page(
        request,
        "peer_challenge/framework/current.html",
        framework,
        can_see_versions=request.user.has_perm(EDIT),
    )


@permission_required(EDIT)
@require_GET
def version_list(request):
    return render(
        request,
        "peer_challenge/framework/versions.html",
        {
            "versions": services.versions(),
            "draft": services.draft_version(),
            "current": services.current_framework(),
        },
    )


@permission_required(EDIT)
@require_http_methods(["GET", "POST"])
def version_new(request):
    draft = services.draft_version()
    if draft is not None:
        messages.info(request, f"Version {draft.version} is already a draft: change it here")
        return redirect(_version_url(draft))
    source = services.current_framework()
    if source is None:
        raise Http404("No version of the lines of enquiry is published")
    if request.method == "POST":
        draft = services.framework_copy(source=source)
        messages.success(request, f"Version {draft.version} created as a draft")
        return redirect(_version_url(draft))
    return render(request, "peer_challenge/framework/version_new.html", {"source": source})


@permission_required(EDIT)
@require_GET
def version_detail(request, version: int):
    framework = _get_version(version)
    is_draft = framework.status == FrameworkStatus.DRAFT
    return _content_page(
        request,
        "peer_challenge/framework/version.html",
        framework,
        can_edit=is_draft,
        can_publish=is_draft and request.user.has_perm("peer_challenge.publish_framework"),
        problems=services.publish_problems(framework) if is_draft else [],
    )


def _draft_or_refusal(request, version: int):
    """The draft, or (None, a redirect back to the version's page) if it is not a draft."""
    framework = _get_version(version)
    if framework.status == FrameworkStatus.DRAFT:
        return framework, None
    messages.info(
        request,
        f"Version {framework.version} is {framework.get_status_display().lower()} and cannot "
        "be changed: make a new draft instead",
    )
    return None, redirect(_version_url(framework))


def _edit(request, version: int, *, get_form, save, heading: str, done: str, anchor=""):
    """A page changing part of a draft: `get_form(framework, data)` builds the form,
    `save(framework, form)` calls the service."""
    framework, refusal = _draft_or_refusal(request, version)
    if refusal:
        return refusal
    form = get_form(framework, _posted(request))
    if form.is_bound and form.is_valid():
        try:
            save(framework, form)
        except services.FrameworkError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, done)
            return redirect(_version_url(framework, anchor))
    return render(
        request,
        "peer_challenge/framework/form.html",
        {
            "framework": framework,
            "form": form,
            "heading": heading(framework) if callable(heading) else heading,
            "back_url": _version_url(framework, anchor),
        },
    )


def _element(framework: EnquiryFramework, code: str) -> CoreElement:
    return get_object_or_404(CoreElement, framework=framework, code=code)


def _line(framework: EnquiryFramework, pk: int) -> LineOfEnquiry:
    return get_object_or_404(
        LineOfEnquiry.objects.select_related("element__framework"),
        element__framework=framework,
        pk=pk,
    )


@permission_required(EDIT)
@require_http_methods(["GET", "POST"])
def version_details(request, version: int):
    return _edit(
        request,
        version,
        get_form=lambda framework, data: FrameworkDetailsForm(
            data, instance=EnquiryFramework.objects.get(pk=framework.pk)
        ),
        save=lambda framework, form: services.framework_update(
            framework=framework, **form.cleaned_data
        ),
        heading=lambda framework: f"Title and introduction of version {framework.version}",
        done="Details saved",
    )


@permission_required(EDIT)
@require_http_methods(["GET", "POST"])
def element_edit(request, version: int, code: str):
    return _edit(
        request,
        version,
        get_form=lambda framework, data: ElementForm(
            data, instance=CoreElement.objects.get(pk=_element(framework, code).pk)
        ),
        save=lambda framework, form: services.element_update(
            element=_element(framework, code), **form.cleaned_data
        ),
        heading="Change a core element",
        done="Core element saved",
        anchor=code,
    )


@permission_required(EDIT)
@require_http_methods(["GET", "POST"])
def line_new(request, version: int, code: str):
    return _edit(
        request,
        version,
        # _element first: an unknown element is a 404.
        get_form=lambda framework, data: _element(framework, code) and LineForm(data),
        save=lambda framework, form: services.line_add(
            element=_element(framework, code), **form.cleaned_data
        ),
        heading="Add a line of enquiry",
        done="Line of enquiry added",
        anchor=code,
    )


@permission_required(EDIT)
@require_http_methods(["GET", "POST"])
def line_edit(request, version: int, line: int):
    return _edit(
        request,
        version,
        get_form=lambda framework, data: LineForm(data, instance=_line(framework, line)),
        save=lambda framework, form: services.line_update(
            line=_line(framework, line), **form.cleaned_data
        ),
        heading="Change a line of enquiry",
        done="Line of enquiry saved",
    )


@permission_required(EDIT)
@require_http_methods(["GET", "POST"])
def line_remove(request, version: int, line: int):
    framework, refusal = _draft_or_refusal(request, version)
    if refusal:
        return refusal
    item = _line(framework, line)
    error = None
    if request.method == "POST":
        try:
            services.line_remove(line=item)
        except services.FrameworkError as refused:
            error = str(refused)
        else:
            messages.success(request, "Line of enquiry removed")
            return redirect(_version_url(framework, item.element.code))
    return render(
        request,
        "peer_challenge/framework/line_remove.html",
        {"framework": framework, "line": item, "error": error},
    )


@permission_required("peer_challenge.publish_framework")
@require_http_methods(["GET", "POST"])
def version_publish(request, version: int):
    framework = _get_version(version)
    error = None
    if request.method == "POST":
        try:
            services.framework_publish(framework=framework)
        except services.FrameworkError as refused:
            error = str(refused)
        else:
            messages.success(
                request,
                f"Version {framework.version} is published: new challenges start on it",
            )
            return redirect("peer_challenge:framework-versions")
    is_draft = framework.status == FrameworkStatus.DRAFT
    return render(
        request,
        "peer_challenge/framework/publish.html",
        {
            "framework": framework,
            "current": services.current_framework(),
            "problems": services.publish_problems(framework) if is_draft else [],
            "error": error,
        },
    )
