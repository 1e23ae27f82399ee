"""Red flags on a contract: each rule is data (its name, the rule in words and its threshold),
used both by the check and by the text on the page, so what we say is what we test.

A flag is a prompt to ask a question before meeting a supplier, never a finding of wrongdoing:
a single bid may be a niche market, a short tender a call-off from a framework.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from statistics import quantiles


@dataclass(frozen=True)
class FlagRule:
    code: str
    name: str
    rule: str
    threshold: str
    why: str


SINGLE_BIDDER_TENDERERS = 1
SHORT_TENDER_DAYS = 30
IQR_MULTIPLIER = Decimal("1.5")
MIN_COMPARABLE = 5

SINGLE_BIDDER = FlagRule(
    code="single_bidder",
    name="Single bidder",
    rule="The notice records the number of tenderers as exactly one.",
    threshold=f"number of tenderers = {SINGLE_BIDDER_TENDERERS}",
    why="With one bid there was no competition on price or quality.",
)
SHORT_TENDER = FlagRule(
    code="short_tender",
    name="Short tender period",
    rule=(
        "The tender period (from its start to its end date) was shorter than "
        f"{SHORT_TENDER_DAYS} days."
    ),
    threshold=f"tender end − tender start < {SHORT_TENDER_DAYS} days",
    why=(
        f"{SHORT_TENDER_DAYS} days is the usual minimum time limit for tenders in an open "
        "procedure (Public Contracts Regulations 2015, regulation 27, shortened from 35 days "
        "when tenders are submitted electronically); less leaves suppliers little time to bid."
    ),
)
HIGH_VALUE = FlagRule(
    code="high_value",
    name="Value far above the category's range",
    rule=(
        "The contract's value is above the upper quartile plus 1.5 times the interquartile "
        "range of the values of contracts in the same CPV division (the first two digits of "
        "the main CPV code), in pounds. Assessed only when there are at least "
        f"{MIN_COMPARABLE} comparable contracts with a value."
    ),
    threshold=f"value > Q3 + {IQR_MULTIPLIER} × (Q3 − Q1), at least {MIN_COMPARABLE} comparable",
    why="Tukey's rule for outliers: far above what comparable contracts cost.",
)

RULES = (SINGLE_BIDDER, SHORT_TENDER, HIGH_VALUE)


@dataclass(frozen=True)
class Range:
    """The spread of comparable values: quartiles and the outlier fence."""

    count: int
    lower_quartile: Decimal
    upper_quartile: Decimal

    @property
    def fence(self) -> Decimal:
        iqr = self.upper_quartile - self.lower_quartile
        return self.upper_quartile + IQR_MULTIPLIER * iqr


@dataclass(frozen=True)
class Flag:
    rule: FlagRule
    detail: str


@dataclass(frozen=True)
class Assessment:
    flags: list[Flag]
    not_assessed: list[tuple[FlagRule, str]]


def cpv_division(cpv_codes) -> str:
    """The CPV division (first two digits) of the main CPV code, or "" if there is none."""
    if not cpv_codes:
        return ""
    code = str(cpv_codes[0]).strip()
    return code[:2] if len(code) >= 2 and code[:2].isdigit() else ""


def value_range(values) -> Range | None:
    """Quartiles by `statistics.quantiles(method="inclusive")`; None below MIN_COMPARABLE."""
    values = [Decimal(v) for v in values if v is not None]
    if len(values) < MIN_COMPARABLE:
        return None
    q1, _median, q3 = quantiles(values, n=4, method="inclusive")
    return Range(count=len(values), lower_quartile=q1, upper_quartile=q3)


def assess(contract, ranges: dict[str, Range | None]) -> Assessment:
    """The flags of `contract`; `ranges` maps a CPV division to its Range (or None)."""
    flags: list[Flag] = []
    not_assessed: list[tuple[FlagRule, str]] = []

    tenderers = contract.number_of_tenderers
    if tenderers is None:
        not_assessed.append((SINGLE_BIDDER, "The notice does not give the number of tenderers."))
    elif tenderers == SINGLE_BIDDER_TENDERERS:
        flags.append(Flag(SINGLE_BIDDER, "1 tenderer recorded."))

    start, end = contract.tender_start, contract.tender_end
    if isinstance(start, date) and isinstance(end, date):
        days = (end - start).days
        if days < SHORT_TENDER_DAYS:
            flags.append(Flag(SHORT_TENDER, f"Tender period of {days} days."))
    else:
        not_assessed.append((SHORT_TENDER, "The notice does not give both tender dates."))

    division = cpv_division(contract.cpv_codes)
    comparable = ranges.get(division) if division else None
    if contract.value is None or not is_pounds(contract.currency):
        not_assessed.append((HIGH_VALUE, "No value in pounds."))
    elif not division:
        not_assessed.append((HIGH_VALUE, "No CPV code to compare with."))
    elif comparable is None:
        not_assessed.append(
            (
                HIGH_VALUE,
                f"Fewer than {MIN_COMPARABLE} comparable contracts with a value in CPV "
                f"division {division}.",
            )
        )
    elif contract.value > comparable.fence:
        flags.append(
            Flag(
                HIGH_VALUE,
                f"£{contract.value:,.0f} is above £{comparable.fence:,.0f} "
                f"(CPV division {division}, {comparable.count} comparable contracts).",
            )
        )
    return Assessment(flags=flags, not_assessed=not_assessed)


def is_pounds(currency: str) -> bool:
    """UK notices without a currency are taken to be in pounds."""
    return currency in ("GBP", "")
