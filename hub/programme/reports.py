"""The quarterly programme report: one quarter's headline figures, from the same selectors as
the programme pages (take-up, outputs, benefits and exemplars), so the PDF never says
something the pages do not.

Take-up and the most reused cases are to date (the day the report is made); outputs and the
benefits of cases published are those of the quarter, beside the quarter before. Claimed,
verified and disputed benefits stay in separate columns, never added together.
"""

import datetime as dt
from dataclasses import dataclass

from django.http import Http404
from django.utils import timezone

from hub.programme import benefits, exemplars, outputs, takeup
from hub.programme.outputs import Quarter

REPORT_QUARTERS = 8
TOP_EXEMPLARS = 5


def report_quarters(*, today: dt.date | None = None) -> list[Quarter]:
    """The quarters a report can be made for: the last eight, newest (the current one, so far)
    first."""
    return outputs.last_quarters(REPORT_QUARTERS, today=today)[::-1]


def quarter_or_404(year: int, number: int, *, today: dt.date | None = None) -> Quarter:
    """The quarter of an address, if it has begun: a quarter to come, or no quarter, is 404."""
    if not 1 <= number <= 4 or year < 2000:
        raise Http404("There is no such quarter.")
    quarter = Quarter(year, number)
    if quarter > Quarter.of(today or timezone.localdate()):
        raise Http404("That quarter has not begun.")
    return quarter


def months_of(quarter: Quarter) -> str:
    """`January to March 2026`."""
    first = quarter.first_day
    last = quarter.following().first_day - dt.timedelta(days=1)
    return f"{first:%B} to {last:%B} {quarter.year}"


@dataclass(frozen=True)
class OutputLine:
    label: str
    group: str
    in_quarter: int
    before: int
    total: int
    note: str


@dataclass(frozen=True)
class BenefitLine:
    """A row of benefits as the report prints it: each status's amount and count apart."""

    label: str
    measure: str
    cells: list[tuple[str, str, int]]  # (status, amount as text, benefits)


def benefit_lines(rows: list[benefits.Row]) -> list[BenefitLine]:
    return [
        BenefitLine(
            label=row.label,
            measure=row.measure.label,
            cells=[
                (figure.label, row.measure.amount_text(figure.amount), figure.count)
                for figure in row.figures
            ],
        )
        for row in rows
    ]


@dataclass(frozen=True)
class QuarterlyReport:
    quarter: Quarter
    previous: Quarter
    made_on: dt.date
    is_complete: bool
    take_up: takeup.TakeUpSummary
    places: takeup.Summary
    element_rows: list[tuple[takeup.Element, int, int]]
    outputs: list[OutputLine]
    benefits_in_quarter: list[BenefitLine]
    benefits_to_date: list[BenefitLine]
    top_exemplars: list[exemplars.ExemplarRow]

    @property
    def statuses(self) -> list[str]:
        return [status.label for status in benefits.STATUSES]

    @property
    def title(self) -> str:
        return f"Programme report, {self.quarter.label}"

    @property
    def period(self) -> str:
        text = months_of(self.quarter)
        return text if self.is_complete else f"{text} (so far)"

    @property
    def filename(self) -> str:
        return f"programme-report-{self.quarter.year}-q{self.quarter.number}.pdf"


def _output_lines(quarter: Quarter) -> list[OutputLine]:
    """Each output in the quarter and the quarter before (the last two of eight quarters
    ending with the one asked for)."""
    figures = outputs.programme_outputs(today=quarter.first_day)
    return [
        OutputLine(
            label=row.label,
            group=row.measure.group,
            in_quarter=row.by_quarter[-1],
            before=row.by_quarter[-2],
            total=row.total,
            note=row.measure.note,
        )
        for row in figures.rows
    ]


def quarterly_report(quarter: Quarter, *, today: dt.date | None = None) -> QuarterlyReport:
    """Everything the quarterly report shows, in a fixed number of queries."""
    today = today or timezone.localdate()
    engaged = takeup.engaged_by_element()
    summary = takeup.summarise(takeup.council_take_up(engaged))
    places = takeup.summarise_places(takeup.place_take_up(engaged))
    top = exemplars.most_reused(exemplars.ExemplarQuery())[:TOP_EXEMPLARS]
    return QuarterlyReport(
        quarter=quarter,
        previous=quarter.preceding(),
        made_on=today,
        is_complete=quarter < Quarter.of(today),
        take_up=summary,
        places=places,
        element_rows=list(
            zip(takeup.ELEMENTS, summary.overall.element_counts, places.element_counts, strict=True)
        ),
        outputs=_output_lines(quarter),
        benefits_in_quarter=benefit_lines(
            [row for row in benefits.by_quarter() if row.label == quarter.label]
        ),
        benefits_to_date=benefit_lines(benefits.by_kind()),
        top_exemplars=exemplars.with_figures(top),
    )
