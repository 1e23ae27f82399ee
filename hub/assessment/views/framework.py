"""The framework: the published version for everyone, and its versions for programme staff,
who copy the published version into a draft, change the draft and publish it (admins)."""

from functools import wraps

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_GET, require_http_methods

from hub.assessment import framework as services
from hub.assessment.forms_framework import CapabilityForm, FrameworkDetailsForm, QuestionForm
from hub.assessment.models import Capability, Framework, FrameworkStatus, Question
from hub.core.permissions import permission_required
from hub.core.rich_text import render_markdown


def _posted(request):
    return request.POST if request.method == "POST" else None


def _introduction(framework: Framework) -> str:
    return mark_safe(render_markdown(framework.introduction))  # noqa: S308 - sanitised by nh3


def _get_version(version: int) -> Framework:
    return get_object_or_404(Framework, version=version)


class NotDraft(Exception):
    """Raised by _get_draft; the decorator below turns it into a redirect."""

    def __init__(self, framework: Framework):
        self.framework = framework


def _get_draft(version: int) -> Framework:
    framework = _get_version(version)
    if framework.status != FrameworkStatus.DRAFT:
        raise NotDraft(framework)
    return framework


def draft_only(view_func):
    """Pages that change a version: for a published or retired one, back to its page."""

    @wraps(view_func)
    def wrapped(request, *args, **kwargs):
        try:
            return view_func(request, *args, **kwargs)
        except NotDraft as refused:
            messages.info(
                request,
                f"Version {refused.framework.version} is "
                f"{refused.framework.get_status_display().lower()} and cannot be changed: "
                "make a new draft instead",
            )
            return redirect(_version_url(refused.framework))

    return wrapped


def _submit(form, act):
    """The result of `act()` once the posted form is valid, or None; a refusal by the
    service goes into the form's error summary."""
    if not form.is_bound or not form.is_valid():
        return None
    try:
        return act()
    except services.FrameworkError as error:
        form.add_error(None, str(error))
    return None


@require_GET
def current_framework(request):
    framework = services.current_framework()
    if framework is None:
        raise Http404("No version of the framework is published")
    return render(
        request,
        "assessment/framework/current.html",
        {
            "framework": framework,
            "introduction": _introduction(framework),
            "capabilities": services.with_content(framework),
            "can_see_versions": request.user.has_perm("assessment.view_framework_versions"),
        },
    )


@permission_required("assessment.view_framework_versions")
@require_GET
def version_list(request):
    return render(
        request,
        "assessment/framework/versions.html",
        {
            "versions": services.versions(),
            "draft": services.draft_version(),
            "current": services.current_framework(),
            "can_edit": request.user.has_perm("assessment.edit_framework"),
        },
    )


@permission_required("assessment.edit_framework")
@require_http_methods(["GET", "POST"])
def version_new(request):
    draft = services.draft_version()
    if draft is not None:
        messages.info(request, f"Version {draft.version} is already a draft: change it here")
        return redirect("assessment:framework-version", version=draft.version)
    source = services.current_framework()
    if source is None:
        raise Http404("No version of the framework is published")
    if request.method == "POST":
        draft = services.framework_copy(source=source)
        messages.success(request, f"Version {draft.version} created as a draft")
        return redirect("assessment:framework-version", version=draft.version)
    return render(request, "assessment/framework/version_new.html", {"source": source})


@permission_required("assessment.view_framework_versions")
@require_GET
def version_detail(request, version: int):
    framework = _get_version(version)
    is_draft = framework.status == FrameworkStatus.DRAFT
    return render(
        request,
        "assessment/framework/version.html",
        {
            "framework": framework,
            "introduction": _introduction(framework),
            "capabilities": services.with_content(framework),
            "can_edit": is_draft and request.user.has_perm("assessment.edit_framework"),
            "can_publish": is_draft and request.user.has_perm("assessment.publish_framework"),
            "problems": services.publish_problems(framework) if is_draft else [],
        },
    )


def _question(framework: Framework, pk: int) -> Question:
    return get_object_or_404(
        Question.objects.select_related("capability"), capability__framework=framework, pk=pk
    )


def _draft_page(request, framework: Framework, form, heading: str, *, back: str):
    return render(
        request,
        "assessment/framework/form.html",
        {"framework": framework, "form": form, "heading": heading, "back_url": back},
    )


def _version_url(framework: Framework) -> str:
    return reverse("assessment:framework-version", args=[framework.version])


@permission_required("assessment.edit_framework")
@require_http_methods(["GET", "POST"])
@draft_only
def version_details(request, version: int):
    framework = _get_draft(version)
    form = FrameworkDetailsForm(_posted(request), instance=Framework.objects.get(pk=framework.pk))
    if _submit(
        form,
        lambda: services.framework_update(
            framework=framework,
            title=form.cleaned_data["title"],
            introduction=form.cleaned_data["introduction"],
            change_note=form.cleaned_data["change_note"],
        ),
    ):
        messages.success(request, "Details saved")
        return redirect(_version_url(framework))
    return _draft_page(
        request,
        framework,
        form,
        f"Title and introduction of version {framework.version}",
        back=_version_url(framework),
    )


@permission_required("assessment.edit_framework")
@require_http_methods(["GET", "POST"])
@draft_only
def capability_edit(request, version: int, code: str):
    framework = _get_draft(version)
    capability = get_object_or_404(Capability, framework=framework, code=code)
    form = CapabilityForm(_posted(request), instance=Capability.objects.get(pk=capability.pk))
    if _submit(
        form,
        lambda: services.capability_update(
            capability=capability,
            title=form.cleaned_data["title"],
            description=form.cleaned_data["description"],
        ),
    ):
        messages.success(request, f"{capability.title} saved")
        return redirect(_version_url(framework))
    return _draft_page(
        request, framework, form, f"Change {capability.title}", back=_version_url(framework)
    )


@permission_required("assessment.edit_framework")
@require_http_methods(["GET", "POST"])
@draft_only
def question_edit(request, version: int, question: int):
    framework = _get_draft(version)
    item = _question(framework, question)
    form = QuestionForm(_posted(request), question=item)
    if _submit(
        form,
        lambda: services.question_update(question=item, **form.values()),
    ):
        messages.success(request, "Question saved")
        return redirect(_version_url(framework) + f"#{item.capability.code}")
    return _draft_page(
        request,
        framework,
        form,
        f"Change a question of {item.capability.title}",
        back=_version_url(framework),
    )


@permission_required("assessment.edit_framework")
@require_http_methods(["GET", "POST"])
@draft_only
def question_new(request, version: int, code: str):
    framework = _get_draft(version)
    capability = get_object_or_404(Capability, framework=framework, code=code)
    form = QuestionForm(_posted(request))
    if _submit(
        form,
        lambda: services.question_add(capability=capability, **form.values()),
    ):
        messages.success(request, f"Question added to {capability.title}")
        return redirect(_version_url(framework) + f"#{capability.code}")
    return _draft_page(
        request,
        framework,
        form,
        f"Add a question to {capability.title}",
        back=_version_url(framework),
    )


@permission_required("assessment.edit_framework")
@require_http_methods(["GET", "POST"])
@draft_only
def question_remove(request, version: int, question: int):
    framework = _get_draft(version)
    item = _question(framework, question)
    error = None
    if request.method == "POST":
        try:
            services.question_remove(question=item)
        except services.FrameworkError as refused:
            error = str(refused)
        else:
            messages.success(request, "Question removed")
            return redirect(_version_url(framework) + f"#{item.capability.code}")
    return render(
        request,
        "assessment/framework/question_remove.html",
        {"framework": framework, "question": item, "error": error},
    )


@permission_required("assessment.publish_framework")
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
                f"Version {framework.version} is published: new assessments start on it",
            )
            return redirect("assessment:framework-versions")
    return render(
        request,
        "assessment/framework/publish.html",
        {
            "framework": framework,
            "current": services.current_framework(),
            "problems": services.publish_problems(framework)
            if framework.status == FrameworkStatus.DRAFT
            else [],
            "error": error,
        },
    )
