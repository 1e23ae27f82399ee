"""Benefits evidenced by published cases, summed by kind, region, theme and quarter.

Two rules hold everywhere, in the pages, the charts and the CSV:

- Only amounts in the same unit and period are added: pounds a year, pounds one-off, hours a
  year and so on each have their own row. A monthly amount counts twelve times in its year.
  Percentages are counted but never added up.
- Claimed, verified and disputed amounts are separate columns and are never added together:
  there is no total across evidence statuses.

Each breakdown is one aggregate query.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import (
    Case,
    CharField,
    Count,
    DecimalField,
    F,
    IntegerField,
    Max,
    Min,
    Q,
    Sum,
    Value,
    When,
)

from hub.cases import selectors as cases
from hub.cases.models import BenefitKind, BenefitPeriod, BenefitUnit, EvidenceStatus
from hub.core import charts
from hub.programme.outputs import Quarter, nice_axis

STATUSES = (EvidenceStatus.CLAIMED, EvidenceStatus.VERIFIED, EvidenceStatus.DISPUTED)
NO_REGION = "No region recorded"
NO_THEME = "No theme"
NO_DATE = "No publication date"


@dataclass(frozen=True, order=True)
class Measure:
    """A unit and a period: the only things whose amounts may be added together."""

    unit: str
    period: str

    @property
    def is_money(self) -> bool:
        return self.unit == BenefitUnit.POUNDS

    @property
    def adds_up(self) -> bool:
        return self.unit != BenefitUnit.PERCENT

    @property
    def label(self) -> str:
        period = BenefitPeriod(self.period).label
        if self.is_money:
            return f"£ {period}"
        return f"{BenefitUnit(self.unit).label} {period}"

    def amount_text(self, amount: Decimal | None) -> str:
        if amount is None or not self.adds_up:
            return "Not added up"
        if self.is_money:
            return f"£{amount:,.0f}"
        return f"{amount:,.0f}"


MONEY_A_YEAR = Measure(BenefitUnit.POUNDS, BenefitPeriod.PER_YEAR)
MONEY_ONE_OFF = Measure(BenefitUnit.POUNDS, BenefitPeriod.ONE_OFF)


@dataclass(frozen=True)
class StatusFigure:
    status: str
    amount: Decimal | None
    count: int

    @property
    def label(self) -> str:
        return EvidenceStatus(self.status).label


@dataclass(frozen=True)
class Row:
    """One group (a kind, region, theme or quarter) in one measure, each status apart."""

    label: str
    measure: Measure
    figures: list[StatusFigure]
    sort_key: tuple = field(default=(), compare=False)

    def figure(self, status: str) -> StatusFigure:
        return next(figure for figure in self.figures if figure.status == status)

    @property
    def cells(self) -> list[tuple[StatusFigure, str]]:
        """Each status's figure with its amount as shown, in the order of STATUSES."""
        return [(figure, self.measure.amount_text(figure.amount)) for figure in self.figures]

    @property
    def claimed(self) -> StatusFigure:
        return self.figure(EvidenceStatus.CLAIMED)

    @property
    def verified(self) -> StatusFigure:
        return self.figure(EvidenceStatus.VERIFIED)

    @property
    def disputed(self) -> StatusFigure:
        return self.figure(EvidenceStatus.DISPUTED)


@dataclass(frozen=True)
class Breakdown:
    key: str
    title: str
    heading: str
    rows: list[Row]
    note: str = ""


@dataclass(frozen=True)
class BenefitSummary:
    breakdowns: list[Breakdown]

    def __getitem__(self, key: str) -> Breakdown:
        for breakdown in self.breakdowns:
            if breakdown.key == key:
                return breakdown
        raise KeyError(key)


def _measured():
    """Published benefits with their measure's period and their amount in it (a monthly
    amount is counted twelve times a year)."""
    return cases.published_benefits().annotate(
        measure_period=Case(
            When(period=BenefitPeriod.PER_MONTH, then=Value(BenefitPeriod.PER_YEAR)),
            default=F("period"),
            output_field=CharField(),
        ),
        measure_amount=Case(
            When(period=BenefitPeriod.PER_MONTH, then=F("amount") * 12),
            default=F("amount"),
            output_field=DecimalField(max_digits=16, decimal_places=2),
        ),
    )


def _status_sums() -> dict:
    figures = {}
    for status in STATUSES:
        chosen = Q(evidence_status=status)
        figures[f"{status}_amount"] = Sum("measure_amount", filter=chosen)
        figures[f"{status}_count"] = Count("pk", filter=chosen)
    return figures


def _rows(group_by: dict, label, sort_key) -> list[Row]:
    """One aggregate query: `group_by` names the grouping expressions; `label` and `sort_key`
    turn a result row into its label and its place in the list."""
    results = (
        _measured()
        .order_by()
        .values(**group_by, measure_unit=F("unit"), period_of_measure=F("measure_period"))
        .annotate(**_status_sums())
    )
    rows = []
    for result in results:
        measure = Measure(result["measure_unit"], result["period_of_measure"])
        rows.append(
            Row(
                label=label(result),
                measure=measure,
                figures=[
                    StatusFigure(
                        status=status,
                        amount=result[f"{status}_amount"] or Decimal(0),
                        count=result[f"{status}_count"],
                    )
                    for status in STATUSES
                ],
                sort_key=(sort_key(result), measure),
            )
        )
    return sorted(rows, key=lambda row: row.sort_key)


def _kind_order(value: str) -> int:
    values = list(BenefitKind.values)
    return values.index(value) if value in values else len(values)


def by_kind() -> list[Row]:
    return _rows(
        {"group": F("kind")},
        lambda r: BenefitKind(r["group"]).label if r["group"] in BenefitKind.values else r["group"],
        lambda r: (_kind_order(r["group"]), r["group"]),
    )


def by_region() -> list[Row]:
    return _rows(
        {"group": F("resource__lead_organisation__region")},
        lambda r: r["group"] or NO_REGION,
        lambda r: (not r["group"], r["group"] or ""),
    )


def by_theme() -> list[Row]:
    return _rows(
        {"group": F("resource__themes__name"), "theme_order": F("resource__themes__order")},
        lambda r: r["group"] or NO_THEME,
        lambda r: (r["group"] is None, r["theme_order"] or 0, r["group"] or ""),
    )


def _quarter_index():
    """Each benefit's quarter of publication (UK time) as year * 4 + quarter - 1, from range
    comparisons on the stored instant. Extracting the year and quarter instead costs SQLite
    two Python calls a row with a time zone conversion each: 4 times slower at 18,000
    benefits. One extra query finds the range of quarters to compare with."""
    field = "resource__published_at"
    bounds = cases.published_benefits().aggregate(first=Min(field), last=Max(field))
    if bounds["first"] is None:
        return Value(None, output_field=IntegerField())
    quarter, last = Quarter.of(bounds["first"]), Quarter.of(bounds["last"])
    whens = []
    while quarter <= last:
        following = quarter.following()
        moment = {f"{field}__gte": quarter.starts_at(), f"{field}__lt": following.starts_at()}
        whens.append(When(**moment, then=Value(quarter.year * 4 + quarter.number - 1)))
        quarter = following
    return Case(*whens, default=Value(None), output_field=IntegerField())


def by_quarter() -> list[Row]:
    def quarter(result) -> Quarter | None:
        index = result["quarter_index"]
        return None if index is None else Quarter(index // 4, index % 4 + 1)

    return _rows(
        {"quarter_index": _quarter_index()},
        lambda r: quarter(r).label if quarter(r) else NO_DATE,
        lambda r: (r["quarter_index"] is None, r["quarter_index"] or 0),
    )


def benefit_summary() -> BenefitSummary:
    """Every breakdown of the benefits of published cases: four queries."""
    return BenefitSummary(
        breakdowns=[
            Breakdown("kind", "By kind of benefit", "Kind of benefit", by_kind()),
            Breakdown(
                "region",
                "By region",
                "Region",
                by_region(),
                note="The region of the organisation that led the case.",
            ),
            Breakdown(
                "theme",
                "By theme",
                "Theme",
                by_theme(),
                note=(
                    "A case may have several themes, so its benefits appear under each of them: "
                    "these rows overlap and are not added up."
                ),
            ),
            Breakdown(
                "quarter",
                "Over time",
                "Quarter the case was published",
                by_quarter(),
            ),
        ]
    )


def _money_scale(largest: Decimal) -> tuple[Decimal, str]:
    if largest >= 1_000_000:
        return Decimal(1_000_000), "£ millions"
    if largest >= 10_000:
        return Decimal(1_000), "£ thousands"
    return Decimal(1), "£"


def region_chart(rows: list[Row]) -> charts.BarChart:
    """Verified and claimed savings a year by region, side by side (never added together)."""
    money = [row for row in rows if row.measure == MONEY_A_YEAR]
    largest = max(
        (max(row.verified.amount, row.claimed.amount) for row in money), default=Decimal(0)
    )
    divisor, scale_name = _money_scale(largest)
    max_value, step = nice_axis(float(largest / divisor))
    return charts.bar_chart(
        chart_id="benefits-by-region",
        title=f"Money a year by region, verified and claimed ({scale_name})",
        description=(
            "For each region, the yearly money benefits of published cases whose evidence is "
            "verified, and those only claimed, as separate bars; disputed amounts are in the "
            "tables."
        ),
        categories=[row.label for row in money],
        series=["Verified", "Claimed"],
        values=[
            [float(row.verified.amount / divisor), float(row.claimed.amount / divisor)]
            for row in money
        ],
        max_value=max_value,
        tick_step=step,
        value_format=lambda value: f"£{value * float(divisor):,.0f}",
        category_heading="Region",
    )
