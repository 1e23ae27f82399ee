"""Framework versions: the published one, copying it into a new draft, editing a draft, and
publishing it.

Only one version is published at a time and new assessments start on it; publishing a draft
retires the version before it. A published or retired version is never edited (assessments
answered on it keep meaning what they meant): staff copy it into a new draft instead, and
capabilities keep their codes so results compare across versions."""

from __future__ import annotations

from django.db import transaction
from django.db.models import Count, Max, Prefetch, QuerySet

from hub.assessment.models import (
    SCALE_TOP,
    Capability,
    Framework,
    FrameworkStatus,
    Level,
    Question,
)
from hub.core import versioning

FrameworkError = versioning.VersionError


def current_framework() -> Framework | None:
    """The published version new assessments start on."""
    return Framework.objects.filter(status=FrameworkStatus.PUBLISHED).order_by("-version").first()


def versions() -> QuerySet[Framework]:
    return Framework.objects.annotate(assessment_count=Count("assessments")).order_by("-version")


def draft_version() -> Framework | None:
    return Framework.objects.filter(status=FrameworkStatus.DRAFT).order_by("-version").first()


def with_content(framework: Framework) -> list[Capability]:
    """The framework's capabilities in order, each with its questions and their levels."""
    return list(
        framework.capabilities.prefetch_related(
            Prefetch(
                "questions",
                queryset=Question.objects.prefetch_related("levels"),
            )
        )
    )


@transaction.atomic
def framework_copy(*, source: Framework) -> Framework:
    """A new draft with everything in `source`, numbered after the highest version."""
    draft = versioning.new_draft(Framework, source=source)
    for capability in with_content(source):
        copy = Capability.objects.create(
            framework=draft,
            code=capability.code,
            title=capability.title,
            description=capability.description,
            order=capability.order,
        )
        for question in capability.questions.all():
            new_question = Question.objects.create(
                capability=copy,
                text=question.text,
                help_text=question.help_text,
                order=question.order,
            )
            Level.objects.bulk_create(
                Level(
                    question=new_question,
                    score=level.score,
                    label=level.label,
                    descriptor=level.descriptor,
                )
                for level in question.levels.all()
            )
    return draft


@transaction.atomic
def framework_update(
    *, framework: Framework, title: str, introduction: str, change_note: str
) -> Framework:
    return versioning.update_details(
        framework, title=title, introduction=introduction, change_note=change_note
    )


@transaction.atomic
def capability_update(*, capability: Capability, title: str, description: str) -> Capability:
    versioning.require_draft(capability.framework)
    capability.title = title
    capability.description = description
    capability.save(update_fields=["title", "description"])
    return capability


def _save_levels(question: Question, levels: dict[int, tuple[str, str]]) -> None:
    if sorted(levels) != list(range(1, SCALE_TOP + 1)):
        raise FrameworkError(f"A question needs a label and descriptor for levels 1 to {SCALE_TOP}")
    for score, (label, descriptor) in levels.items():
        Level.objects.update_or_create(
            question=question, score=score, defaults={"label": label, "descriptor": descriptor}
        )


@transaction.atomic
def question_update(
    *, question: Question, text: str, help_text: str, levels: dict[int, tuple[str, str]]
) -> Question:
    """Change a draft's question and its scale: `levels` is {score: (label, descriptor)}."""
    versioning.require_draft(question.capability.framework)
    question.text = text
    question.help_text = help_text
    question.save(update_fields=["text", "help_text"])
    _save_levels(question, levels)
    return question


@transaction.atomic
def question_add(
    *, capability: Capability, text: str, help_text: str, levels: dict[int, tuple[str, str]]
) -> Question:
    versioning.require_draft(capability.framework)
    order = (capability.questions.aggregate(top=Max("order"))["top"] or 0) + 1
    question = Question.objects.create(
        capability=capability, text=text, help_text=help_text, order=order
    )
    _save_levels(question, levels)
    return question


@transaction.atomic
def question_remove(*, question: Question) -> None:
    capability = question.capability
    versioning.require_draft(capability.framework)
    if capability.questions.count() <= 1:
        raise FrameworkError(
            f"{capability.title} needs at least one question: add another before removing this one"
        )
    question.delete()


def publish_problems(framework: Framework) -> list[str]:
    """What stops the draft being published: every capability needs a question, and every
    question a label and descriptor for each level."""
    problems = []
    capabilities = with_content(framework)
    if not capabilities:
        problems.append("The version has no capabilities")
    for capability in capabilities:
        questions = list(capability.questions.all())
        if not questions:
            problems.append(f"{capability.title} has no questions")
        for question in questions:
            levels = {level.score: level for level in question.levels.all()}
            complete = all(
                score in levels and levels[score].label.strip() and levels[score].descriptor.strip()
                for score in range(1, SCALE_TOP + 1)
            )
            if not complete:
                problems.append(f"‘{question.text}’ needs a label and descriptor for every level")
    return problems


@transaction.atomic
def framework_publish(*, framework: Framework) -> Framework:
    """Publish the draft; the version published before it is retired. Assessments keep the
    version they started on."""
    return versioning.publish(Framework, framework, problems=publish_problems)
