"""`/api/v1/peer-challenges`: challenges whose council has published the report, and each
published report (findings with their element, line, judgement and recommendations, and the
signposts the peers kept).

A challenge not published is a 404, whoever asks (the API has no sessions). Evidence, scoping
notes, the position statement, the team and proposed or dropped signposts never appear."""

from datetime import date, datetime

from django.db.models import Prefetch
from django.http import Http404
from django.urls import reverse
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from hub.core.api import ErrorEnvelope, HubPagination
from hub.core.notify import absolute_url
from hub.organisations.models import OrganisationKind, Region
from hub.peer_challenge.models import (
    Challenge,
    ChallengeStatus,
    Finding,
    Judgement,
    Signpost,
    SignpostKind,
    SignpostStatus,
)

peer_challenges_router = Router(tags=["Peer challenges"])


class CouncilOut(Schema):
    name: str
    gss_code: str | None
    kind: str
    region: str


class ChallengeOut(Schema):
    slug: str
    title: str
    council: CouncilOut
    on_site_starts_on: date
    on_site_ends_on: date
    report_published_at: datetime
    action_plan_published_at: datetime | None
    progress_review_held_on: date | None
    status: ChallengeStatus
    url: str
    report_url: str

    @staticmethod
    def resolve_council(obj: Challenge):
        return obj.organisation

    @staticmethod
    def resolve_url(obj: Challenge) -> str:
        return absolute_url(obj.get_absolute_url())

    @staticmethod
    def resolve_report_url(obj: Challenge) -> str:
        return absolute_url(reverse("peer_challenge:report", args=[obj.slug]))


class SignpostOut(Schema):
    kind: SignpostKind
    title: str
    url: str

    @staticmethod
    def resolve_url(obj: Signpost) -> str:
        return obj.url if obj.url.startswith("http") else absolute_url(obj.url)


class CodeTitleOut(Schema):
    code: str
    title: str


class FindingOut(Schema):
    title: str
    judgement: Judgement
    element: CodeTitleOut
    line: CodeTitleOut
    detail: str = Field(description="Markdown.")
    recommendations: str = Field(description="Markdown list.")
    signposts: list[SignpostOut] = Field(
        description="Good practice and champions the peers kept, in their order."
    )

    @staticmethod
    def resolve_element(obj: Finding):
        return obj.line.element

    @staticmethod
    def resolve_signposts(obj: Finding):
        return obj.signposts.all()


class ReportOut(ChallengeOut):
    summary: str = Field(description="The report's summary, Markdown.")
    findings: list[FindingOut]

    @staticmethod
    def resolve_summary(obj: Challenge) -> str:
        return obj.report_summary

    @staticmethod
    def resolve_findings(obj: Challenge):
        return obj.findings.all()


class ChallengeFilters(Schema):
    region: Region | None = Field(None, description="The council's region.")
    kind: OrganisationKind | None = Field(None, description="The kind of council.")


def _published():
    return (
        Challenge.objects.filter(report_published_at__isnull=False)
        .select_related("organisation")
        .order_by("-report_published_at", "pk")
    )


@peer_challenges_router.get(
    "", response=list[ChallengeOut], summary="List challenges with a published report"
)
@paginate(HubPagination)
def list_challenges(request, filters: Query[ChallengeFilters]):
    challenges = _published()
    if filters.region:
        challenges = challenges.filter(organisation__region=filters.region)
    if filters.kind:
        challenges = challenges.filter(organisation__kind=filters.kind)
    return challenges


@peer_challenges_router.get(
    "/{slug}",
    response={200: ReportOut, 404: ErrorEnvelope},
    summary="One published report",
    description="The findings and the signposts the peers kept; never the evidence.",
)
def get_challenge(request, slug: str):
    kept = Signpost.objects.filter(status=SignpostStatus.KEPT).order_by("position", "pk")
    findings = (
        Finding.objects.select_related("line__element")
        .prefetch_related(Prefetch("signposts", queryset=kept))
        .order_by("line__element__order", "line__order", "order", "pk")
    )
    challenge = (
        _published().prefetch_related(Prefetch("findings", queryset=findings)).filter(slug=slug)
    ).first()
    if challenge is None:
        raise Http404("No published peer challenge has this address")
    return challenge
