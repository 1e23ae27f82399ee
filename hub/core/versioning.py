"""Versioned frameworks kept as data (self-assessment questions, peer-challenge lines of
enquiry): one draft at a time, copied from the published version; a published or retired
version never changes; publishing retires the version published before.

A framework model has `version`, `title`, `introduction`, `change_note`, `status` ("draft",
"published", "retired") and `published_at`; each app copies and checks its own content."""

from collections.abc import Callable

from django.db.models import Max
from django.utils import timezone

DRAFT, PUBLISHED, RETIRED = "draft", "published", "retired"


class VersionError(Exception):
    """A change to a framework version that the rules refuse."""


def require_draft(framework) -> None:
    if framework.status != DRAFT:
        raise VersionError(
            f"Version {framework.version} is {framework.get_status_display().lower()}: only a "
            "draft can be changed. Make a new draft from it instead."
        )


def new_draft(model, *, source):
    """An empty draft numbered after the highest version, titled as `source`; the caller
    copies the content. Call inside the caller's transaction."""
    existing = model.objects.filter(status=DRAFT).order_by("-version").first()
    if existing is not None:
        raise VersionError(
            f"Version {existing.version} is already a draft. Change or publish it first."
        )
    number = (model.objects.aggregate(top=Max("version"))["top"] or 0) + 1
    return model.objects.create(
        version=number, title=source.title, introduction=source.introduction, status=DRAFT
    )


def update_details(framework, *, title: str, introduction: str, change_note: str):
    require_draft(framework)
    framework.title = title
    framework.introduction = introduction
    framework.change_note = change_note
    framework.save(update_fields=["title", "introduction", "change_note", "updated_at"])
    return framework


def publish(model, framework, *, problems: Callable[[object], list[str]]):
    """Publish the draft once `problems(draft)` finds nothing; the version published before
    is retired. Call inside the caller's transaction."""
    framework = model.objects.select_for_update().get(pk=framework.pk)
    require_draft(framework)
    found = problems(framework)
    if found:
        raise VersionError(
            f"Version {framework.version} cannot be published yet: " + "; ".join(found)
        )
    model.objects.filter(status=PUBLISHED).update(status=RETIRED, updated_at=timezone.now())
    framework.status = PUBLISHED
    framework.published_at = timezone.now()
    framework.save(update_fields=["status", "published_at", "updated_at"])
    return framework
