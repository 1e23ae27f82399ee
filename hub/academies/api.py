"""`/api/v1/academies`: the public catalogue (published modules and briefings) and listed
cohorts with their schedule. Drafts, cancelled cohorts and anything about participants never
appear, whoever asks (the API has no sessions)."""

from datetime import datetime

from django.db.models import Prefetch
from django.http import Http404
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from hub.academies.cohorts import places_left, with_places_taken
from hub.academies.models import (
    LISTED_COHORT_STATUSES,
    AcademyKind,
    Briefing,
    Cohort,
    CohortStatus,
    Module,
    Session,
)
from hub.cases.selectors import published_resources
from hub.core.api import ErrorEnvelope, HubPagination
from hub.core.notify import absolute_url
from hub.organisations.models import Region

academies_router = Router(tags=["Academies"])


def _url(obj) -> str:
    return absolute_url(obj.get_absolute_url())


class OutcomeOut(Schema):
    code: str
    title: str


class CaseOut(Schema):
    slug: str
    title: str
    url: str

    @staticmethod
    def resolve_url(obj) -> str:
        return _url(obj)


class ModuleOut(Schema):
    slug: str
    title: str
    academy: AcademyKind
    summary: str
    outcomes: list[OutcomeOut]
    url: str

    @staticmethod
    def resolve_outcomes(obj: Module):
        return obj.outcomes.all()

    @staticmethod
    def resolve_url(obj) -> str:
        return _url(obj)


class ModuleDetailOut(ModuleOut):
    content: str = Field(description="Markdown.")
    further_reading: str = Field(description="Markdown.")
    cases: list[CaseOut] = Field(description="Published good-practice cases only.")
    briefings: list[str] = Field(description="Slugs of the councillor briefings linked to it.")

    @staticmethod
    def resolve_cases(obj: Module):
        return obj.cases.all()

    @staticmethod
    def resolve_briefings(obj: Module) -> list[str]:
        return [briefing.slug for briefing in obj.briefings.all()]


class BriefingOut(Schema):
    slug: str
    title: str
    topic: str
    summary: str
    questions: str = Field(description="Markdown list of questions to ask your officers.")
    what_good_looks_like: str
    modules: list[str] = Field(description="Slugs of the published modules it is linked to.")
    url: str
    pdf_url: str

    @staticmethod
    def resolve_modules(obj: Briefing) -> list[str]:
        return [module.slug for module in obj.modules.all()]

    @staticmethod
    def resolve_url(obj) -> str:
        return _url(obj)

    @staticmethod
    def resolve_pdf_url(obj) -> str:
        from django.urls import reverse

        return absolute_url(reverse("academies:briefing-pdf", args=[obj.slug]))


class SessionOut(Schema):
    number: int
    starts_at: datetime
    ends_at: datetime
    venue: str
    module: str | None = Field(None, description="The module's slug.")

    @staticmethod
    def resolve_module(obj: Session) -> str | None:
        return obj.module.slug if obj.module else None


class CohortOut(Schema):
    slug: str
    title: str
    academy: AcademyKind
    place: str | None
    region: str
    status: CohortStatus
    capacity: int
    places_left: int
    sessions: list[SessionOut]
    url: str

    @staticmethod
    def resolve_place(obj: Cohort) -> str | None:
        return obj.place.name if obj.place else None

    @staticmethod
    def resolve_places_left(obj: Cohort) -> int:
        return places_left(obj)

    @staticmethod
    def resolve_sessions(obj: Cohort):
        return obj.sessions.all()

    @staticmethod
    def resolve_url(obj) -> str:
        return _url(obj)


class ModuleFilters(Schema):
    academy: AcademyKind | None = Field(None, description="member or digital.")


class CohortFilters(Schema):
    academy: AcademyKind | None = None
    region: Region | None = None
    status: CohortStatus | None = Field(
        None, description="recruiting, running or finished (drafts are never listed)."
    )


def _published_modules():
    return Module.objects.filter(is_published=True).prefetch_related("outcomes")


def _published_briefings():
    return Briefing.objects.filter(is_published=True).prefetch_related(
        Prefetch("modules", queryset=Module.objects.filter(is_published=True))
    )


def _listed_cohorts():
    return with_places_taken(
        Cohort.objects.filter(status__in=LISTED_COHORT_STATUSES)
        .select_related("place")
        .prefetch_related(Prefetch("sessions", queryset=Session.objects.select_related("module")))
    ).order_by("-created_at", "pk")


@academies_router.get("/modules", response=list[ModuleOut], summary="List published modules")
@paginate(HubPagination)
def list_modules(request, filters: Query[ModuleFilters]):
    modules = _published_modules()
    return modules.filter(academy=filters.academy) if filters.academy else modules


@academies_router.get(
    "/modules/{slug}", response={200: ModuleDetailOut, 404: ErrorEnvelope}, summary="One module"
)
def get_module(request, slug: str):
    module = (
        _published_modules()
        .prefetch_related(
            Prefetch("cases", queryset=published_resources().order_by("title")),
            Prefetch("briefings", queryset=Briefing.objects.filter(is_published=True)),
        )
        .filter(slug=slug)
        .first()
    )
    if module is None:
        raise Http404("No published module has this address")
    return module


@academies_router.get(
    "/briefings", response=list[BriefingOut], summary="List published councillor briefings"
)
@paginate(HubPagination)
def list_briefings(request):
    return _published_briefings()


@academies_router.get(
    "/briefings/{slug}", response={200: BriefingOut, 404: ErrorEnvelope}, summary="One briefing"
)
def get_briefing(request, slug: str):
    briefing = _published_briefings().filter(slug=slug).first()
    if briefing is None:
        raise Http404("No published briefing has this address")
    return briefing


@academies_router.get(
    "/cohorts",
    response=list[CohortOut],
    summary="List cohorts",
    description="Cohorts taking applications, running or finished, with their sessions. "
    "Never who is on them.",
)
@paginate(HubPagination)
def list_cohorts(request, filters: Query[CohortFilters]):
    lookups = {name: value for name, value in filters.dict().items() if value}
    return _listed_cohorts().filter(**lookups)


@academies_router.get(
    "/cohorts/{slug}", response={200: CohortOut, 404: ErrorEnvelope}, summary="One cohort"
)
def get_cohort(request, slug: str):
    cohort = _listed_cohorts().filter(slug=slug).first()
    if cohort is None:
        raise Http404("No listed cohort has this address")
    return cohort
