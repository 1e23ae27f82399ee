"""Questions the supplier market answers: what a council buys and what ends soon, the price
distribution of a category, a supplier's dossier, and the lists of contracts and suppliers.

Every selector runs a fixed number of queries whatever the number of rows.

Category matching (documented on the category page):
- a CPV code (2 to 8 digits, an optional check digit after a hyphen is ignored) matches contracts
  whose MAIN CPV code (the first one of the notice) starts with the code's significant digits:
  trailing zeros are dropped down to the division, so 48000000 and 48 both mean division 48,
  and 72200000 means 722;
- words match contracts whose title or description contains every word (case-insensitive).
Contracts are not registered with the Hub's search service, so this is a database filter.
"""

import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from statistics import median, quantiles

from django.db.models import Count, Prefetch, Q, QuerySet, Sum
from django.utils import timezone

from hub.core.dates import add_months
from hub.market.flags import Range, assess, cpv_division, value_range
from hub.market.models import Award, Contract, Supplier
from hub.organisations.models import COUNCIL_KINDS, Organisation, OrganisationKind

EXPIRY_MONTHS = 18
TOP_SUPPLIERS = 10
POUNDS = Q(currency="GBP") | Q(currency="")

# Population bands for "council size" (the register's population, where recorded).
POPULATION_BANDS = (
    (0, 150_000, "Under 150,000 residents"),
    (150_000, 300_000, "150,000 to 299,999 residents"),
    (300_000, 600_000, "300,000 to 599,999 residents"),
    (600_000, None, "600,000 residents or more"),
)
NOT_MATCHED = "Buyer not matched to the register"
NO_POPULATION = "Population not recorded"

_CPV = re.compile(r"^\s*(\d{2,8})(?:-\d)?\s*$")


def cpv_prefix(text: str) -> str:
    """The significant digits of a CPV code ("48000000" -> "48"); "" if `text` is not one."""
    match = _CPV.match(text or "")
    if not match:
        return ""
    digits = match.group(1).rstrip("0")
    return digits if len(digits) >= 2 else match.group(1)[:2]


def _contracts() -> QuerySet[Contract]:
    return Contract.objects.select_related("buyer").prefetch_related(
        Prefetch(
            "awards", queryset=Award.objects.prefetch_related("suppliers").order_by("date", "pk")
        )
    )


def filter_contracts(
    queryset: QuerySet[Contract], *, cpv: str = "", words: str = ""
) -> QuerySet[Contract]:
    prefix = cpv_prefix(cpv)
    if prefix:
        queryset = queryset.filter(cpv_codes__0__startswith=prefix)
    for word in (words or "").split():
        queryset = queryset.filter(Q(title__icontains=word) | Q(description__icontains=word))
    return queryset


# --- Contracts ---------------------------------------------------------------------------------


def contract_list(
    *, buyer: str = "", cpv: str = "", source: str = "", ending_within: int | None = None
) -> QuerySet[Contract]:
    """Contracts filtered; `buyer` matches the buyer's recorded name or its register name."""
    contracts = _contracts()
    if buyer:
        contracts = contracts.filter(
            Q(buyer_name__icontains=buyer)
            | Q(buyer__name__icontains=buyer)
            | Q(buyer__short_name__icontains=buyer)
        )
    contracts = filter_contracts(contracts, cpv=cpv)
    if source:
        contracts = contracts.filter(source=source)
    if ending_within:
        today = timezone.localdate()
        contracts = contracts.filter(
            contract_end__gte=today, contract_end__lte=add_months(today, ending_within)
        ).order_by("contract_end", "pk")
    return contracts


def contract_detail(*, pk: int) -> Contract:
    return _contracts().get(pk=pk)


def division_ranges(divisions) -> dict[str, Range | None]:
    """The value range of each CPV division in `divisions` (one query)."""
    divisions = {d for d in divisions if d}
    if not divisions:
        return {}
    query = Q()
    for division in divisions:
        query |= Q(cpv_codes__0__startswith=division)
    values: dict[str, list[Decimal]] = defaultdict(list)
    for codes, value in (
        Contract.objects.filter(query, POUNDS, value__isnull=False)
        .values_list("cpv_codes", "value")
        .iterator()
    ):
        values[cpv_division(codes)].append(value)
    return {division: value_range(values.get(division, [])) for division in divisions}


def assessments(contracts) -> dict[int, object]:
    """Each contract's flags by its pk (one query for the ranges)."""
    ranges = division_ranges(cpv_division(c.cpv_codes) for c in contracts)
    return {contract.pk: assess(contract, ranges) for contract in contracts}


# --- Councils ----------------------------------------------------------------------------------


@dataclass
class Tally:
    label: str
    count: int = 0
    value: Decimal = Decimal(0)
    organisation: Organisation | None = None


@dataclass
class CouncilReport:
    organisation: Organisation
    count: int
    total_value: Decimal
    divisions: list[Tally]
    categories: list[Tally]
    suppliers: list[Supplier]
    expiring: list[Contract]
    expiry_until: date
    values: list[Decimal] = field(default_factory=list)

    @property
    def median_value(self) -> Decimal | None:
        return median(self.values) if self.values else None


def council_contracts(organisation: Organisation) -> QuerySet[Contract]:
    return _contracts().filter(buyer=organisation)


def expiring_contracts(organisation: Organisation, *, months: int = EXPIRY_MONTHS):
    today = timezone.localdate()
    return (
        council_contracts(organisation)
        .filter(contract_end__gte=today, contract_end__lte=add_months(today, months))
        .order_by("contract_end", "pk")
    )


def council_report(organisation: Organisation) -> CouncilReport:
    rows = list(
        Contract.objects.filter(buyer=organisation).values_list(
            "cpv_codes", "category", "value", "currency"
        )
    )
    divisions: dict[str, Tally] = {}
    categories: dict[str, Tally] = {}
    values: list[Decimal] = []
    for codes, category, value, currency in rows:
        pounds = value if value is not None and currency in ("GBP", "") else None
        division = cpv_division(codes) or "No CPV code"
        for key, tallies in ((division, divisions), (category or "Not recorded", categories)):
            tally = tallies.setdefault(key, Tally(label=key))
            tally.count += 1
            if pounds is not None:
                tally.value += pounds
        if pounds is not None:
            values.append(pounds)
    suppliers = list(
        Supplier.objects.filter(awards__contract__buyer=organisation)
        .annotate(
            contract_count=Count("awards__contract", distinct=True),
            total_value=Sum("awards__value"),
        )
        .order_by("-total_value", "name")[:TOP_SUPPLIERS]
    )
    expiring = list(expiring_contracts(organisation))
    return CouncilReport(
        organisation=organisation,
        count=len(rows),
        total_value=sum(values, Decimal(0)),
        divisions=sorted(divisions.values(), key=lambda t: (-t.value, t.label)),
        categories=sorted(categories.values(), key=lambda t: (-t.value, t.label)),
        suppliers=suppliers,
        expiring=expiring,
        expiry_until=add_months(timezone.localdate(), EXPIRY_MONTHS),
        values=values,
    )


def councils_with_contracts() -> QuerySet[Organisation]:
    return (
        Organisation.objects.filter(kind__in=COUNCIL_KINDS, market_contracts__isnull=False)
        .distinct()
        .order_by("name")
    )


# --- Categories --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Distribution:
    label: str
    count: int
    median: Decimal
    lower_quartile: Decimal
    upper_quartile: Decimal
    minimum: Decimal
    maximum: Decimal


def distribution(label: str, values) -> Distribution | None:
    """Median and quartiles as `statistics.median` and `statistics.quantiles(n=4,
    method="inclusive")` compute them (one value: every figure is that value)."""
    values = sorted(Decimal(v) for v in values)
    if not values:
        return None
    if len(values) == 1:
        q1 = q3 = values[0]
    else:
        q1, _, q3 = quantiles(values, n=4, method="inclusive")
    return Distribution(
        label=label,
        count=len(values),
        median=median(values),
        lower_quartile=q1,
        upper_quartile=q3,
        minimum=values[0],
        maximum=values[-1],
    )


def population_band(population: int | None) -> str:
    if population is None:
        return NO_POPULATION
    for low, high, label in POPULATION_BANDS:
        if population >= low and (high is None or population < high):
            return label
    return NO_POPULATION


@dataclass
class CategoryReport:
    prefix: str
    words: str
    overall: Distribution | None
    by_kind: list[Distribution]
    by_size: list[Distribution]
    has_population: bool
    contracts: QuerySet[Contract]


def category_contracts(*, cpv: str = "", words: str = "") -> QuerySet[Contract]:
    """Comparable contracts: matching, with a value in pounds; highest value first."""
    return filter_contracts(
        _contracts().filter(POUNDS, value__isnull=False), cpv=cpv, words=words
    ).order_by("-value", "pk")


def category_report(*, cpv: str = "", words: str = "") -> CategoryReport:
    contracts = category_contracts(cpv=cpv, words=words)
    kind_labels = dict(OrganisationKind.choices)
    by_kind: dict[str, list[Decimal]] = defaultdict(list)
    by_size: dict[str, list[Decimal]] = defaultdict(list)
    every: list[Decimal] = []
    has_population = False
    for value, kind, population in contracts.values_list(
        "value", "buyer__kind", "buyer__population"
    ):
        every.append(value)
        by_kind[kind_labels.get(kind, NOT_MATCHED) if kind else NOT_MATCHED].append(value)
        if kind:
            has_population = has_population or population is not None
            by_size[population_band(population)].append(value)
        else:
            by_size[NOT_MATCHED].append(value)
    size_order = [label for _, _, label in POPULATION_BANDS] + [NO_POPULATION, NOT_MATCHED]
    return CategoryReport(
        prefix=cpv_prefix(cpv),
        words=words,
        overall=distribution("All comparable contracts", every),
        by_kind=[distribution(label, by_kind[label]) for label in sorted(by_kind)],
        by_size=[distribution(label, by_size[label]) for label in size_order if label in by_size]
        if has_population
        else [],
        has_population=has_population,
        contracts=contracts,
    )


# --- Suppliers ---------------------------------------------------------------------------------


def supplier_list(*, query: str = "") -> QuerySet[Supplier]:
    suppliers = Supplier.objects.filter(merged_into__isnull=True)
    for word in (query or "").split():
        suppliers = suppliers.filter(Q(name__icontains=word) | Q(identifier__icontains=word))
    return suppliers.annotate(
        contract_count=Count("awards__contract", distinct=True),
        total_value=Sum("awards__value"),
    ).order_by("name", "pk")


def kept_supplier(supplier: Supplier) -> Supplier:
    """The supplier a merged one points at, following a chain (and stopping on a loop)."""
    seen = {supplier.pk}
    while supplier.merged_into_id and supplier.merged_into_id not in seen:
        supplier = supplier.merged_into
        seen.add(supplier.pk)
    return supplier


def supplier_contracts(supplier: Supplier) -> QuerySet[Contract]:
    """Contracts awarded to the supplier or to a supplier merged into it."""
    return (
        _contracts()
        .filter(Q(awards__suppliers=supplier) | Q(awards__suppliers__merged_into=supplier))
        .distinct()
        .order_by("-contract_start", "pk")
    )


@dataclass
class Dossier:
    supplier: Supplier
    contracts: list[Contract]
    assessments: dict
    buyers: list[Tally]
    frameworks: list[str]
    total_value: Decimal
    flag_count: int


def supplier_dossier(supplier: Supplier) -> Dossier:
    contracts = list(supplier_contracts(supplier))
    merged_ids = {supplier.pk} | set(
        Supplier.objects.filter(merged_into=supplier).values_list("pk", flat=True)
    )
    buyers: dict[str, Tally] = {}
    total = Decimal(0)
    for contract in contracts:
        # The value of the awards to this supplier; the contract's value if they give none.
        own = [
            a.value
            for a in contract.awards.all()
            if a.value is not None and any(s.pk in merged_ids for s in a.suppliers.all())
        ]
        value = sum(own, Decimal(0)) if own else (contract.value or Decimal(0))
        contract.supplier_value = value
        total += value
        name = contract.buyer.name if contract.buyer else (contract.buyer_name or "Unknown buyer")
        tally = buyers.setdefault(name, Tally(label=name))
        tally.count += 1
        tally.value += value
        tally.organisation = contract.buyer
    found = assessments(contracts)
    return Dossier(
        supplier=supplier,
        contracts=contracts,
        assessments=found,
        buyers=sorted(buyers.values(), key=lambda t: (-t.value, t.label)),
        frameworks=sorted({c.framework for c in contracts if c.framework}),
        total_value=total,
        flag_count=sum(len(a.flags) for a in found.values()),
    )
