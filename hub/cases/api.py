"""`/api/v1/cases`: published good practice as JSON, with the same filters as the list page."""

import datetime as dt
from decimal import Decimal

from django.http import Http404
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from hub.cases.filters import Sort, parse_case_query
from hub.cases.models import Resource, ResourceKind, Sector, Stage
from hub.cases.selectors import case_search, resource_cards, resource_detail
from hub.core.api import ErrorEnvelope, HubPagination
from hub.organisations.models import OrganisationKind, Region

cases_router = Router(tags=["Good practice"])


class CaseFilters(Schema):
    """The list page's query string: repeat a parameter to choose several values."""

    q: str | None = Field(None, description="Words to search for, in your own words.")
    kind: list[ResourceKind] = Field([], description="Type of record.")
    service_area: list[int] = Field([], description="LGSL service codes.")
    theme: list[str] = Field([], description="Theme slugs, e.g. channel-shift.")
    sector: list[Sector] = []
    organisation_kind: list[OrganisationKind] = []
    region: list[Region] = []
    stage: list[Stage] = []
    evidence: list[int] = Field([], description="Nesta evidence levels 1 to 5.")
    year: list[int] = Field([], description="Year the work started.")
    verified_savings: str | None = Field(
        None, description="`yes`: only records with verified savings."
    )
    sort: str | None = Field(None, description=", ".join(value for value, _ in Sort.CHOICES))


class Ref(Schema):
    slug: str
    name: str


class NamedCode(Schema):
    code: int
    label: str


class BenefitOut(Schema):
    kind: str
    description: str
    amount: Decimal | None
    unit: str
    period: str
    baseline: str
    evidence_status: str
    verified_at: dt.datetime | None
    disputed_reason: str


class AdoptionOut(Schema):
    organisation: Ref
    cost_pounds: int | None
    months_to_live: int | None


class CaseSummaryOut(Schema):
    slug: str
    title: str
    kind: str
    summary: str
    url: str
    lead_organisation: Ref | None
    sector: str
    stage: str
    start_date: dt.date | None
    end_date: dt.date | None
    investment_pounds: int | None
    evidence_level: int | None
    evidence_level_label: str | None
    verified_saving_pounds_a_year: Decimal
    adoption_count: int
    licence: str
    published_at: dt.datetime | None

    @staticmethod
    def resolve_url(obj: Resource) -> str:
        return obj.get_absolute_url()

    @staticmethod
    def resolve_lead_organisation(obj: Resource):
        org = obj.lead_organisation
        return {"slug": org.slug, "name": org.name} if org else None

    @staticmethod
    def resolve_evidence_level_label(obj: Resource):
        return obj.get_evidence_level_display() if obj.evidence_level else None

    @staticmethod
    def resolve_verified_saving_pounds_a_year(obj: Resource) -> Decimal:
        return obj.verified_saving


class CaseOut(CaseSummaryOut):
    problem: str
    what_was_done: str
    technology_and_suppliers: str
    cost: str
    benefits_text: str
    lessons: str
    what_we_would_do_differently: str
    body: str
    partner_organisations: list[Ref]
    service_areas: list[NamedCode]
    themes: list[Ref]
    technologies: list[str]
    suppliers: list[str]
    benefits: list[BenefitOut]
    adoptions: list[AdoptionOut]
    source_url: str

    @staticmethod
    def resolve_what_was_done(obj):
        return obj.approach

    @staticmethod
    def resolve_technology_and_suppliers(obj):
        return obj.technology_notes

    @staticmethod
    def resolve_cost(obj):
        return obj.cost_notes

    @staticmethod
    def resolve_benefits_text(obj):
        return obj.benefits_notes

    @staticmethod
    def resolve_what_we_would_do_differently(obj):
        return obj.do_differently

    @staticmethod
    def resolve_partner_organisations(obj):
        return [{"slug": o.slug, "name": o.name} for o in obj.partner_organisations.all()]

    @staticmethod
    def resolve_service_areas(obj):
        return [{"code": a.lgsl_code, "label": a.label} for a in obj.service_areas.all()]

    @staticmethod
    def resolve_themes(obj):
        return [{"slug": t.slug, "name": t.name} for t in obj.themes.all()]

    @staticmethod
    def resolve_technologies(obj):
        return [t.name for t in obj.technologies.all()]

    @staticmethod
    def resolve_suppliers(obj):
        return [s.name for s in obj.suppliers.all()]

    @staticmethod
    def resolve_adoptions(obj):
        return [
            {
                "organisation": {"slug": a.organisation.slug, "name": a.organisation.name},
                "cost_pounds": a.cost_pounds,
                "months_to_live": a.months_to_live,
            }
            for a in obj.adoptions.all()
        ]


class _LazyCards:
    """A sliceable list of result ids whose slices load the cards of one page only."""

    def __init__(self, ids: list[int]):
        self.ids = ids

    def count(self) -> int:
        return len(self.ids)

    def __len__(self) -> int:
        return len(self.ids)

    def __getitem__(self, page: slice):
        return resource_cards(self.ids[page])


@cases_router.get(
    "",
    response=list[CaseSummaryOut],
    summary="List published good practice",
    description="The same filters as /cases/; relevance order when `q` is given, else newest.",
)
@paginate(HubPagination)
def list_cases(request, filters: Query[CaseFilters]):
    found = case_search(parse_case_query(request.GET), with_facets=False)
    return _LazyCards(found.ordered_ids())


@cases_router.get(
    "/{slug}", response={200: CaseOut, 404: ErrorEnvelope}, summary="One published record"
)
def get_case(request, slug: str):
    try:
        resource = resource_detail(slug=slug)
    except Resource.DoesNotExist:
        raise Http404 from None
    if not resource.is_published:
        raise Http404
    return resource
