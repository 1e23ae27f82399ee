"""`/api/v1/market`: the supplier market's open data. Contracts (with their awards and
suppliers), suppliers with their totals, and a council's view: what it buys by CPV division,
from whom, and what ends in the next 18 months.

All of it comes from open contracting data and is public. The models hold no procurement
contacts (names, emails, phones), so none can appear. Values are as published, in the
contract's currency (almost always GBP); totals add up values whatever their currency.
"""

from collections import defaultdict
from datetime import date
from decimal import Decimal

from django.db.models import Count, Prefetch, Sum
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from ninja import Field, Path, Query, Router, Schema
from ninja.pagination import paginate

from hub.core.api import ErrorEnvelope, HubPagination
from hub.core.dates import add_months
from hub.core.notify import absolute_url
from hub.market.alerts import CPV_DIVISIONS, with_cpv_prefix
from hub.market.models import Award, Contract, Source, Supplier
from hub.organisations.models import Organisation

market_router = Router(tags=["Supplier market"])

EXPIRING_MONTHS = 18
TOP_SUPPLIERS = 10
MAX_ID = 2**62


def _money(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


class MarketSupplierRefOut(Schema):
    slug: str
    name: str = Field(description="As published; may be blank where the source left it so.")
    identifier: str = Field(description="Scheme and id, e.g. GB-COH-01234567; may be blank.")
    url: str

    @staticmethod
    def resolve_url(obj) -> str:
        return absolute_url(obj.get_absolute_url())


class MarketAwardOut(Schema):
    award_id: str
    status: str
    date: date | None
    value: float | None
    currency: str
    contract_start: date | None
    contract_end: date | None
    suppliers: list[MarketSupplierRefOut]

    @staticmethod
    def resolve_value(obj) -> float | None:
        return _money(obj.value)

    @staticmethod
    def resolve_suppliers(obj: Award):
        return obj.suppliers.all()


class MarketContractOut(Schema):
    id: int
    ocid: str = Field(description="The OCDS contracting process id (or the opportunity's id).")
    source: Source
    title: str
    buyer_name: str = Field(description="The buyer as published.")
    buyer: str | None = Field(None, description="The register organisation's slug, if matched.")
    cpv_codes: list[str]
    category: str
    status: str
    procurement_method: str
    framework: str
    value: float | None
    currency: str
    tender_start: date | None
    tender_end: date | None
    number_of_tenderers: int | None
    contract_start: date | None
    contract_end: date | None
    notice_url: str = Field(description="The notice at its publisher.")
    url: str

    @staticmethod
    def resolve_buyer(obj: Contract) -> str | None:
        return obj.buyer.slug if obj.buyer_id else None

    @staticmethod
    def resolve_cpv_codes(obj: Contract) -> list[str]:
        return [str(code) for code in (obj.cpv_codes or [])]

    @staticmethod
    def resolve_value(obj) -> float | None:
        return _money(obj.value)

    @staticmethod
    def resolve_notice_url(obj: Contract) -> str:
        return obj.url

    @staticmethod
    def resolve_url(obj) -> str:
        return absolute_url(obj.get_absolute_url())


class MarketContractDetailOut(MarketContractOut):
    description: str
    awards: list[MarketAwardOut]

    @staticmethod
    def resolve_awards(obj: Contract):
        return obj.awards.all()


class MarketSupplierOut(MarketSupplierRefOut):
    is_sme: bool | None


class MarketSupplierTotals(Schema):
    contracts: int
    awards: int
    buyers: int = Field(description="Distinct buyers, by their published name.")
    value: float = Field(description="The sum of its awards' published values.")
    first_award: date | None
    last_award: date | None


class MarketSupplierDetailOut(MarketSupplierOut):
    merged: list[str] = Field(description="Slugs of duplicates found later and merged into it.")
    totals: MarketSupplierTotals
    contracts: list[MarketContractOut] = Field(description="Its contracts, newest first.")

    @staticmethod
    def resolve_merged(obj) -> list[str]:
        return obj.merged_slugs

    @staticmethod
    def resolve_totals(obj):
        return obj.totals

    @staticmethod
    def resolve_contracts(obj):
        return obj.contract_list


class MarketDivisionOut(Schema):
    division: str = Field(description="The CPV division: the code's first two digits.")
    description: str
    contracts: int
    value: float


class MarketTopSupplierOut(MarketSupplierRefOut):
    contracts: int
    value: float

    @staticmethod
    def resolve_contracts(obj) -> int:
        return obj.contract_total

    @staticmethod
    def resolve_value(obj) -> float:
        return obj.value_total


class MarketCouncilOut(Schema):
    slug: str
    name: str
    contracts: int
    value: float
    divisions: list[MarketDivisionOut] = Field(description="What it buys, by CPV division.")
    top_suppliers: list[MarketTopSupplierOut] = Field(description="By awarded value, at most 10.")
    expiring: list[MarketContractOut] = Field(
        description="Its contracts ending in the next 18 months, soonest first."
    )
    url: str


class MarketContractFilters(Schema):
    buyer: str | None = Field(None, max_length=120, description="The buyer's register slug.")

    cpv: str | None = Field(
        None, pattern=r"^[0-9]{1,8}$", description="CPV code or its start, e.g. 48 or 7221."
    )
    source: Source | None = None
    ending_before: date | None = Field(None, description="Contracts ending before this date.")


class MarketSupplierFilters(Schema):
    q: str | None = Field(None, max_length=200, description="Words in the supplier's name.")


def _contracts():
    return Contract.objects.select_related("buyer").order_by("-published_at", "-pk")


@market_router.get("/contracts", response=list[MarketContractOut], summary="List contracts")
@paginate(HubPagination)
def list_contracts(request, filters: Query[MarketContractFilters]):
    contracts = _contracts()
    if filters.buyer:
        contracts = contracts.filter(buyer__slug=filters.buyer)
    if filters.cpv:
        contracts = with_cpv_prefix(contracts, filters.cpv)
    if filters.source:
        contracts = contracts.filter(source=filters.source)
    if filters.ending_before:
        contracts = contracts.filter(contract_end__lt=filters.ending_before)
    return contracts


@market_router.get(
    "/contracts/{contract_id}",
    response={200: MarketContractDetailOut, 404: ErrorEnvelope},
    summary="One contract, with its awards and suppliers",
)
def get_contract(request, contract_id: int = Path(..., ge=1, le=MAX_ID)):
    contract = (
        _contracts()
        .prefetch_related(Prefetch("awards", queryset=Award.objects.prefetch_related("suppliers")))
        .filter(pk=contract_id)
        .first()
    )
    if contract is None:
        raise Http404("No contract has this id")
    return contract


def _suppliers():
    return Supplier.objects.filter(merged_into__isnull=True).order_by("name", "pk")


@market_router.get("/suppliers", response=list[MarketSupplierOut], summary="List suppliers")
@paginate(HubPagination)
def list_suppliers(request, filters: Query[MarketSupplierFilters]):
    suppliers = _suppliers()
    for word in (filters.q or "").split():
        suppliers = suppliers.filter(name__icontains=word)
    return suppliers


@market_router.get(
    "/suppliers/{slug}",
    response={200: MarketSupplierDetailOut, 404: ErrorEnvelope},
    summary="One supplier, with its totals and contracts",
)
def get_supplier(request, slug: str):
    supplier = Supplier.objects.filter(slug=slug).first()
    if supplier is None:
        raise Http404("No supplier has this address")
    merged = list(supplier.merged.order_by("slug").values_list("slug", flat=True))
    ids = [supplier.pk, *supplier.merged.values_list("pk", flat=True)]
    awards = Award.objects.filter(suppliers__in=ids).distinct()
    figures = Award.objects.filter(pk__in=awards.values("pk")).aggregate(
        awards=Count("pk"),
        contracts=Count("contract", distinct=True),
        buyers=Count("contract__buyer_name", distinct=True),
        value=Sum("value"),
    )
    dates = sorted(day for day in awards.values_list("date", flat=True) if day)
    supplier.merged_slugs = merged
    supplier.totals = MarketSupplierTotals(
        contracts=figures["contracts"],
        awards=figures["awards"],
        buyers=figures["buyers"],
        value=float(figures["value"] or 0),
        first_award=dates[0] if dates else None,
        last_award=dates[-1] if dates else None,
    )
    contracts = _contracts().filter(awards__in=awards.values("pk")).distinct()
    supplier.contract_list = list(contracts)
    return supplier


def _top(supplier: Supplier) -> Supplier:
    supplier.contract_total = supplier.contract_count
    supplier.value_total = float(supplier.total or 0)
    return supplier


def council_summary(organisation: Organisation, *, today: date | None = None) -> dict:
    today = today or timezone.localdate()
    contracts = list(Contract.objects.filter(buyer=organisation).values("cpv_codes", "value"))
    divisions: dict[str, dict] = defaultdict(lambda: {"contracts": 0, "value": Decimal(0)})
    for row in contracts:
        codes = row["cpv_codes"] or []
        division = str(codes[0])[:2] if codes else ""
        divisions[division]["contracts"] += 1
        divisions[division]["value"] += row["value"] or 0
    suppliers = (
        Supplier.objects.filter(awards__contract__buyer=organisation)
        .annotate(
            contract_count=Count("awards__contract", distinct=True), total=Sum("awards__value")
        )
        .order_by("-total", "name", "pk")[:TOP_SUPPLIERS]
    )
    expiring = _contracts().filter(
        buyer=organisation,
        contract_end__gte=today,
        contract_end__lte=add_months(today, EXPIRING_MONTHS),
    )
    return {
        "slug": organisation.slug,
        "name": organisation.name,
        "contracts": len(contracts),
        "value": float(sum((row["value"] or 0 for row in contracts), Decimal(0))),
        "divisions": [
            {
                "division": division,
                "description": CPV_DIVISIONS.get(division, "No CPV code published")
                if division
                else "No CPV code published",
                "contracts": figures["contracts"],
                "value": float(figures["value"]),
            }
            for division, figures in sorted(
                divisions.items(), key=lambda item: (-item[1]["value"], item[0])
            )
        ],
        "top_suppliers": [_top(supplier) for supplier in suppliers],
        "expiring": list(expiring.order_by("contract_end", "pk")),
        "url": absolute_url(reverse("market:council", args=[organisation.slug])),
    }


@market_router.get(
    "/councils/{slug}",
    response={200: MarketCouncilOut, 404: ErrorEnvelope},
    summary="A council's market: what it buys, from whom, and what ends in 18 months",
)
def get_council(request, slug: str):
    organisation = Organisation.objects.filter(slug=slug).first()
    if organisation is None:
        raise Http404("No organisation has this address")
    return council_summary(organisation)
