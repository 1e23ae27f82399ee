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
    code: int = Field(validation_alias="lgsl_code")
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
    def resolve_evidence_level_label(obj: Resource):
        return obj.get_evidence_level_display() if obj.evidence_level else None

    @staticmethod
    def resolve_verified_saving_pounds_a_year(obj: Resource) -> Decimal:
        return obj.verified_saving


class CaseOut(CaseSummaryOut):
    # Section names as leaders read them; the model's field names differ.
    problem: str
    what_was_done: str = Field(validation_alias="approach")
    technology_and_suppliers: str = Field(validation_alias="technology_notes")
    cost: str = Field(validation_alias="cost_notes")
    benefits_text: str = Field(validation_alias="benefits_notes")
    lessons: str
    what_we_would_do_differently: str = Field(validation_alias="do_differently")
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
    def resolve_technologies(obj):
        return [t.name for t in obj.technologies.all()]

    @staticmethod
    def resolve_suppliers(obj):
        return [s.name for s in obj.suppliers.all()]


class _LazyCards:
    """A sliceable list of result ids whose slices load the cards of one page only."""

    def __init__(self, ids: list[int]):
        self.ids = ids

    def count(self) -> int:
        return len(self.ids)

    def __len__(self) -> int:
        return len(self.ids)

    def __getitem__(self, page: slice):
        # CaseSummaryOut shows no themes.
        return resource_cards(self.ids[page], themes=False)


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
