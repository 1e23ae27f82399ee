"""`/api/v1/programme`: the programme unit's figures as JSON, for programme staff only.

The same aggregates as the /programme/ pages, from the same selectors: take-up of each
element by council and place, benefits by kind, region, theme and quarter (claimed, verified
and disputed apart, never added together), the most reused cases and those to promote, and
outputs in each of the last eight quarters. Signed-in session only: 401 without one, 403 for
anyone who is not programme staff.
"""

from datetime import datetime

from django.core.exceptions import PermissionDenied
from ninja import Field, Query, Router, Schema
from ninja.security import SessionAuth

from hub.cases.models import ResourceKind
from hub.core.api import ErrorEnvelope
from hub.core.notify import absolute_url
from hub.organisations.models import Region
from hub.programme import benefits, exemplars, outputs, takeup

PERMISSION = "programme.view_dashboard"


class ProgrammeStaffAuth(SessionAuth):
    """The Hub's session; anyone signed in who is not programme staff is refused (403)."""

    def authenticate(self, request, key):
        user = request.user
        if not user.is_authenticated:
            return None
        if not user.has_perm(PERMISSION):
            raise PermissionDenied
        return user


programme_router = Router(tags=["Programme"], auth=ProgrammeStaffAuth())

REFUSALS = {401: ErrorEnvelope, 403: ErrorEnvelope}


# Take-up ----------------------------------------------------------------------------------------


class ProgrammeElementOut(Schema):
    key: str
    label: str
    meaning: str


class ProgrammeSummaryOut(Schema):
    label: str
    total: int = Field(description="Councils (or places) in the group.")
    engaged: int = Field(description="Of them, those that used at least one element.")
    not_engaged: int
    by_element: dict[str, int] = Field(description="How many used each element, by its key.")


class ProgrammeCouncilOut(Schema):
    slug: str
    name: str
    kind: str
    region: str
    nation: str
    elements: list[str] = Field(description="Keys of the elements it has used.")


class ProgrammePlaceOut(Schema):
    slug: str
    name: str
    partners: int
    elements: list[str]


class ProgrammeTakeUpOut(Schema):
    elements: list[ProgrammeElementOut]
    councils_overall: ProgrammeSummaryOut
    by_region: list[ProgrammeSummaryOut]
    by_kind: list[ProgrammeSummaryOut]
    by_nation: list[ProgrammeSummaryOut]
    places_overall: ProgrammeSummaryOut
    councils: list[ProgrammeCouncilOut] = Field(description="Every current council, by name.")
    places: list[ProgrammePlaceOut]


def _summary(summary: takeup.Summary) -> dict:
    return {
        "label": summary.label,
        "total": summary.total,
        "engaged": summary.engaged,
        "not_engaged": summary.not_engaged,
        "by_element": dict(summary.by_element),
    }


def _keys(used: frozenset[str]) -> list[str]:
    return [key for key in takeup.ELEMENT_KEYS if key in used]


@programme_router.get(
    "/take-up",
    response={200: ProgrammeTakeUpOut, **REFUSALS},
    summary="Take-up of the programme",
    description="Which current councils and places have used which elements, with the counts "
    "by region, kind of council and nation. Councils with no element are not engaged.",
)
def get_take_up(request):
    engaged = takeup.engaged_by_element()
    councils = takeup.council_take_up(engaged)
    places = takeup.place_take_up(engaged)
    summary = takeup.summarise(councils)
    return {
        "elements": [vars(element) for element in takeup.ELEMENTS],
        "councils_overall": _summary(summary.overall),
        "by_region": [_summary(row) for row in summary.by_region],
        "by_kind": [_summary(row) for row in summary.by_kind],
        "by_nation": [_summary(row) for row in summary.by_nation],
        "places_overall": _summary(takeup.summarise_places(places)),
        "councils": [
            {
                "slug": row.council.slug,
                "name": row.council.name,
                "kind": row.council.kind,
                "region": row.council.region,
                "nation": row.council.nation,
                "elements": _keys(row.used),
            }
            for row in councils
        ],
        "places": [
            {
                "slug": row.place.slug,
                "name": row.place.name,
                "partners": row.partners,
                "elements": _keys(row.used),
            }
            for row in places
        ],
    }


# Benefits ---------------------------------------------------------------------------------------


class ProgrammeStatusFigureOut(Schema):
    amount: float | None = Field(
        description="The sum of the amounts with this evidence status (null for percentages, "
        "which are never added up)."
    )
    benefits: int = Field(description="How many benefits have this evidence status.")


class ProgrammeBenefitRowOut(Schema):
    label: str
    unit: str
    period: str
    measure: str = Field(description="The unit and period, as the pages show them.")
    claimed: ProgrammeStatusFigureOut
    verified: ProgrammeStatusFigureOut
    disputed: ProgrammeStatusFigureOut


class ProgrammeBreakdownOut(Schema):
    key: str
    title: str
    note: str
    rows: list[ProgrammeBenefitRowOut]


class ProgrammeBenefitsOut(Schema):
    breakdowns: list[ProgrammeBreakdownOut] = Field(
        description="By kind, region, theme and quarter of publication. Claimed, verified and "
        "disputed are separate figures: there is no total across them."
    )


def _figure(row: benefits.Row, status: str) -> dict:
    figure = row.figure(status)
    adds_up = row.measure.adds_up and figure.amount is not None
    return {"amount": float(figure.amount) if adds_up else None, "benefits": figure.count}


@programme_router.get(
    "/benefits",
    response={200: ProgrammeBenefitsOut, **REFUSALS},
    summary="Benefits of published cases",
    description="Amounts of the same unit and period summed by kind, region, theme and "
    "quarter; each evidence status apart.",
)
def get_benefits(request):
    return {
        "breakdowns": [
            {
                "key": breakdown.key,
                "title": breakdown.title,
                "note": breakdown.note,
                "rows": [
                    {
                        "label": row.label,
                        "unit": row.measure.unit,
                        "period": row.measure.period,
                        "measure": row.measure.label,
                        **{status: _figure(row, status) for status in benefits.STATUSES},
                    }
                    for row in breakdown.rows
                ],
            }
            for breakdown in benefits.benefit_summary().breakdowns
        ]
    }


# Exemplars --------------------------------------------------------------------------------------


class ProgrammeSpreadOut(Schema):
    given: int = Field(description="Adopters who gave the figure.")
    median: float | None
    lowest: int | None
    highest: int | None


class ProgrammeExemplarOut(Schema):
    slug: str
    title: str
    url: str
    lead_organisation: str | None
    adoptions: int
    last_adopted_at: datetime | None
    evidence_level: int | None
    cost_pounds: ProgrammeSpreadOut = Field(description="Cost to reuse, across adopters.")
    months_to_live: ProgrammeSpreadOut = Field(description="Months to go live, across adopters.")


class ProgrammeExemplarsOut(Schema):
    most_reused: list[ProgrammeExemplarOut]
    candidates: list[ProgrammeExemplarOut] = Field(
        description="Cases with strong evidence (a verified benefit, or Nesta level 3 or "
        "above) that nobody has recorded reusing yet."
    )


class ProgrammeExemplarFilters(Schema):
    region: Region | None = Field(None, description="The lead organisation's region.")
    kind: ResourceKind | None = None
    theme: str | None = Field(None, max_length=80, description="A theme's slug.")
    limit: int = Field(20, ge=1, le=200, description="Cases in each list, at most 200.")


def _spread(spread: exemplars.Spread) -> dict:
    return {
        "given": spread.count,
        "median": spread.median,
        "lowest": spread.lowest,
        "highest": spread.highest,
    }


def _exemplars(resources) -> list[dict]:
    return [
        {
            "slug": row.resource.slug,
            "title": row.resource.title,
            "url": absolute_url(row.resource.get_absolute_url()),
            "lead_organisation": (
                row.resource.lead_organisation.name if row.resource.lead_organisation else None
            ),
            "adoptions": row.resource.adoption_count,
            "last_adopted_at": row.resource.last_adopted_at,
            "evidence_level": row.resource.evidence_level,
            "cost_pounds": _spread(row.figures.cost),
            "months_to_live": _spread(row.figures.months),
        }
        for row in exemplars.with_figures(resources)
    ]


@programme_router.get(
    "/exemplars",
    response={200: ProgrammeExemplarsOut, **REFUSALS, 422: ErrorEnvelope},
    summary="Scaling of exemplars",
    description="The most reused published cases, with cost and time to go live across "
    "their adopters, and well-evidenced cases nobody has reused yet.",
)
def get_exemplars(request, filters: Query[ProgrammeExemplarFilters]):
    query = exemplars.ExemplarQuery(
        region=filters.region or "", kind=filters.kind or "", theme=filters.theme or ""
    )
    return {
        "most_reused": _exemplars(exemplars.most_reused(query)[: filters.limit]),
        "candidates": _exemplars(exemplars.candidates(query)[: filters.limit]),
    }


# Outputs ----------------------------------------------------------------------------------------


class ProgrammeOutputOut(Schema):
    key: str
    label: str
    group: str
    note: str
    total: int
    by_quarter: list[int] = Field(description="The count in each quarter of `quarters`.")


class ProgrammeOutputsOut(Schema):
    quarters: list[str] = Field(description="The last eight quarters, oldest first: 2026 Q1.")
    rows: list[ProgrammeOutputOut]


@programme_router.get(
    "/outputs",
    response={200: ProgrammeOutputsOut, **REFUSALS},
    summary="Programme outputs",
    description="Sessions, participants, completions, mentoring, peer challenges and "
    "self-assessments: each in total and in each of the last eight quarters.",
)
def get_outputs(request):
    figures = outputs.programme_outputs()
    return {
        "quarters": [quarter.label for quarter in figures.quarters],
        "rows": [
            {
                "key": row.measure.key,
                "label": row.label,
                "group": row.measure.group,
                "note": row.measure.note,
                "total": row.total,
                "by_quarter": row.by_quarter,
            }
            for row in figures.rows
        ],
    }
