"""Versions of the digital lines of enquiry: the published one, copying it into a new draft,
editing the draft's core elements and lines of enquiry, and publishing it.

One version is published at a time and new challenges start on it; publishing a draft retires
the version before it. A published or retired version is never edited (challenges keep the
version they started on, and their findings point at its lines): programme staff copy it into
a new draft instead. Elements keep their codes, so findings compare across versions."""

from __future__ import annotations

from django.db import transaction
from django.db.models import Count, Max, QuerySet
from django.utils.text import slugify

from hub.core import versioning
from hub.peer_challenge.models import CoreElement, EnquiryFramework, FrameworkStatus, LineOfEnquiry

FrameworkError = versioning.VersionError


def current_framework() -> EnquiryFramework | None:
    """The published version new challenges start on."""
    return (
        EnquiryFramework.objects.filter(status=FrameworkStatus.PUBLISHED)
        .order_by("-version")
        .first()
    )


def versions() -> QuerySet[EnquiryFramework]:
    return EnquiryFramework.objects.annotate(challenge_count=Count("challenges")).order_by(
        "-version"
    )


def draft_version() -> EnquiryFramework | None:
    return (
        EnquiryFramework.objects.filter(status=FrameworkStatus.DRAFT).order_by("-version").first()
    )


def with_content(framework: EnquiryFramework) -> list[CoreElement]:
    """The framework's core elements in order, each with its lines of enquiry. Two queries."""
    return list(framework.elements.prefetch_related("lines"))


@transaction.atomic
def framework_copy(*, source: EnquiryFramework) -> EnquiryFramework:
    """A new draft with everything in `source`, numbered after the highest version."""
    draft = versioning.new_draft(EnquiryFramework, source=source)
    for element in with_content(source):
        copy = CoreElement.objects.create(
            framework=draft,
            code=element.code,
            title=element.title,
            description=element.description,
            order=element.order,
        )
        LineOfEnquiry.objects.bulk_create(
            LineOfEnquiry(
                element=copy,
                code=line.code,
                title=line.title,
                prompts=line.prompts,
                order=line.order,
            )
            for line in element.lines.all()
        )
    return draft


@transaction.atomic
def framework_update(
    *, framework: EnquiryFramework, title: str, introduction: str, change_note: str
) -> EnquiryFramework:
    return versioning.update_details(
        framework, title=title, introduction=introduction, change_note=change_note
    )


@transaction.atomic
def element_update(*, element: CoreElement, title: str, description: str) -> CoreElement:
    versioning.require_draft(element.framework)
    element.title = title
    element.description = description
    element.save(update_fields=["title", "description"])
    return element


@transaction.atomic
def line_update(*, line: LineOfEnquiry, title: str, prompts: str) -> LineOfEnquiry:
    versioning.require_draft(line.element.framework)
    line.title = title
    line.prompts = prompts
    line.save(update_fields=["title", "prompts"])
    return line


def _new_code(element: CoreElement, title: str) -> str:
    base = slugify(title)[:70].strip("-") or "line"
    taken = set(element.lines.values_list("code", flat=True))
    code, number = base, 2
    while code in taken:
        code, number = f"{base}-{number}", number + 1
    return code


@transaction.atomic
def line_add(*, element: CoreElement, title: str, prompts: str) -> LineOfEnquiry:
    versioning.require_draft(element.framework)
    order = (element.lines.aggregate(top=Max("order"))["top"] or 0) + 1
    return LineOfEnquiry.objects.create(
        element=element, code=_new_code(element, title), title=title, prompts=prompts, order=order
    )


@transaction.atomic
def line_remove(*, line: LineOfEnquiry) -> None:
    element = line.element
    versioning.require_draft(element.framework)
    if element.lines.count() <= 1:
        raise FrameworkError(
            f"{element.title} needs at least one line of enquiry: add another before removing "
            "this one"
        )
    line.delete()


def publish_problems(framework: EnquiryFramework) -> list[str]:
    """What stops the draft being published: every core element needs a line of enquiry and
    every line its prompts."""
    problems = []
    elements = with_content(framework)
    if not elements:
        problems.append("The version has no core elements")
    for element in elements:
        lines = list(element.lines.all())
        if not lines:
            problems.append(f"{element.title} has no lines of enquiry")
        problems.extend(
            f"‘{line.title}’ has no prompts" for line in lines if not line.prompts.strip()
        )
    return problems


@transaction.atomic
def framework_publish(*, framework: EnquiryFramework) -> EnquiryFramework:
    """Publish the draft; the version published before it is retired. Challenges keep the
    version they started on."""
    return versioning.publish(EnquiryFramework, framework, problems=publish_problems)
