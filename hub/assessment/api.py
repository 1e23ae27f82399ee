"""`/api/v1/self-assessment`: the framework, so others can see what the self-assessment asks.
The current published version, and any published or retired version by number. Drafts never
appear, and neither does anything about assessments: those are their teams' alone."""

from datetime import datetime

from django.db.models import Prefetch
from django.http import Http404
from ninja import Field, Path, Router, Schema

from hub.assessment.models import Capability, Framework, FrameworkStatus, Question
from hub.core.api import ErrorEnvelope

assessment_router = Router(tags=["Self-assessment"])

# The largest version number the database holds (a PositiveIntegerField).
MAX_VERSION = 2_147_483_647
# Versions anyone may read: a draft is programme staff's work in progress.
PUBLIC_STATUSES = (FrameworkStatus.PUBLISHED, FrameworkStatus.RETIRED)


class LevelOut(Schema):
    score: int = Field(description="From 1 to 5.")
    label: str
    descriptor: str = Field(description="What this level looks like in a council.")


class QuestionOut(Schema):
    text: str
    help_text: str
    order: int
    levels: list[LevelOut]

    @staticmethod
    def resolve_levels(obj: Question):
        return obj.levels.all()


class CapabilityOut(Schema):
    code: str = Field(
        description="The same in every version, and the code of the academies' matching "
        "learning outcome."
    )
    title: str
    description: str
    order: int
    questions: list[QuestionOut]

    @staticmethod
    def resolve_questions(obj: Capability):
        return obj.questions.all()


class FrameworkOut(Schema):
    version: int
    title: str
    introduction: str = Field(description="Markdown.")
    status: FrameworkStatus = Field(description="published or retired (drafts never appear).")
    published_at: datetime | None
    change_note: str = Field(description="What changed from the last version.")
    capabilities: list[CapabilityOut]

    @staticmethod
    def resolve_capabilities(obj: Framework):
        return obj.capabilities.all()


def _public_frameworks():
    # Four queries whatever the size: frameworks, capabilities, questions, levels.
    return Framework.objects.filter(status__in=PUBLIC_STATUSES).prefetch_related(
        Prefetch(
            "capabilities",
            queryset=Capability.objects.order_by("order", "pk").prefetch_related(
                Prefetch(
                    "questions",
                    queryset=Question.objects.order_by("order", "pk").prefetch_related("levels"),
                )
            ),
        )
    )


@assessment_router.get(
    "/framework",
    response={200: FrameworkOut, 404: ErrorEnvelope},
    summary="The current framework",
    description="The published version new assessments start on: its capabilities, "
    "questions and every level's descriptor.",
)
def current_framework(request):
    framework = (
        _public_frameworks().filter(status=FrameworkStatus.PUBLISHED).order_by("-version").first()
    )
    if framework is None:
        raise Http404("No version of the framework is published")
    return framework


@assessment_router.get(
    "/framework/{version}",
    response={200: FrameworkOut, 404: ErrorEnvelope, 422: ErrorEnvelope},
    summary="One version of the framework",
    description="Any published or retired version, by number. Drafts are not found.",
)
def framework_version(
    request, version: int = Path(..., ge=1, le=MAX_VERSION, description="The version number.")
):
    framework = _public_frameworks().filter(version=version).first()
    if framework is None:
        raise Http404("No published or retired version has this number")
    return framework
