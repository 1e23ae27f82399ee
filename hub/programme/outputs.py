"""The programme's outputs: sessions held, participants, completions, mentoring, peer
challenges and self-assessments, each with its count in each of the last eight quarters.

Quarters are calendar quarters in UK time (Q1 is January to March), as in the quarterly report.
Each figure is one aggregate query, however much data there is.
"""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from hub.academies import selectors as academies
from hub.assessment import selectors as assessment
from hub.champions import selectors as champions
from hub.core import charts
from hub.events import selectors as events
from hub.events.models import EventKind
from hub.peer_challenge import selectors as peer_challenge

TREND_QUARTERS = 8


@dataclass(frozen=True, order=True)
class Quarter:
    year: int
    number: int

    @classmethod
    def of(cls, moment: dt.date | dt.datetime) -> "Quarter":
        """The quarter of a date, or of an aware datetime in UK time."""
        if isinstance(moment, dt.datetime):
            moment = timezone.localtime(moment).date()
        return cls(moment.year, (moment.month - 1) // 3 + 1)

    @property
    def label(self) -> str:
        return f"{self.year} Q{self.number}"

    @property
    def first_day(self) -> dt.date:
        return dt.date(self.year, 3 * self.number - 2, 1)

    def shifted(self, quarters: int) -> "Quarter":
        year, index = divmod(self.year * 4 + self.number - 1 + quarters, 4)
        return Quarter(year, index + 1)

    def following(self) -> "Quarter":
        return self.shifted(1)

    def preceding(self) -> "Quarter":
        return self.shifted(-1)

    def starts_at(self) -> dt.datetime:
        """Midnight UK time on the quarter's first day."""
        return timezone.make_aware(dt.datetime.combine(self.first_day, dt.time()))


def last_quarters(count: int = TREND_QUARTERS, *, today: dt.date | None = None) -> list[Quarter]:
    """The last `count` quarters, oldest first, ending with the current one (so far)."""
    quarter = Quarter.of(today or timezone.localdate())
    quarters = [quarter]
    for _ in range(count - 1):
        quarter = quarter.preceding()
        quarters.append(quarter)
    return quarters[::-1]


def _within(field: str, quarter: Quarter, *, dates: bool) -> Q:
    following = quarter.following()
    if dates:
        start, end = quarter.first_day, following.first_day
    else:
        start, end = quarter.starts_at(), following.starts_at()
    return Q(**{f"{field}__gte": start, f"{field}__lt": end})


def _active_at_end(quarter: Quarter) -> Q:
    end = quarter.following().starts_at()
    return Q(started_at__lt=end) & (Q(closed_at__isnull=True) | Q(closed_at__gte=end))


@dataclass(frozen=True)
class Measure:
    key: str
    label: str
    group: str
    rows: Callable[[], QuerySet]
    # The date that places a row in a quarter (a path from the row).
    field: str
    dates: bool = False
    # A stock (held at the end of each quarter) rather than a flow (happened in it).
    stock: bool = False
    note: str = ""


MEASURES = [
    Measure(
        "round_tables",
        "Round tables held",
        "Round tables and open sessions",
        lambda: events.events_held(kind=EventKind.ROUND_TABLE),
        "starts_at",
    ),
    Measure(
        "round_table_participants",
        "Round table participants",
        "Round tables and open sessions",
        lambda: events.attendances_present(kind=EventKind.ROUND_TABLE),
        "event__starts_at",
        note="Attendance taken as present.",
    ),
    Measure(
        "open_sessions",
        "Open sessions held",
        "Round tables and open sessions",
        lambda: events.events_held(kind=EventKind.OPEN_SESSION),
        "starts_at",
    ),
    Measure(
        "open_session_participants",
        "Open session participants",
        "Round tables and open sessions",
        lambda: events.attendances_present(kind=EventKind.OPEN_SESSION),
        "event__starts_at",
        note="Attendance taken as present.",
    ),
    Measure(
        "academy_sessions",
        "Academy sessions held",
        "Academies",
        academies.sessions_held,
        "starts_at",
    ),
    Measure(
        "academy_participants",
        "Academy participants",
        "Academies",
        academies.places_held,
        "enrolled_at",
        note="People holding a place on a cohort; each quarter counts those enrolled in it.",
    ),
    Measure(
        "completions",
        "Academy completions (certificates)",
        "Academies",
        academies.certificates_awarded,
        "completed_at",
    ),
    Measure(
        "mentoring_started",
        "Mentoring relationships started",
        "Mentoring",
        champions.mentorings_started,
        "started_at",
    ),
    Measure(
        "mentoring_active",
        "Mentoring relationships active",
        "Mentoring",
        champions.mentorings_started,
        "started_at",
        stock=True,
        note="The total is those under way now; each quarter counts those under way at its end.",
    ),
    Measure(
        "mentoring_closed",
        "Mentoring relationships closed",
        "Mentoring",
        lambda: champions.mentorings_started().filter(closed_at__isnull=False),
        "closed_at",
        note="Ended after starting, whether closed or withdrawn.",
    ),
    Measure(
        "challenges_started",
        "Peer challenges started",
        "Peer challenges",
        peer_challenge.challenges_started,
        "on_site_starts_on",
        dates=True,
        note="Time on site has begun.",
    ),
    Measure(
        "challenges_published",
        "Peer challenges published",
        "Peer challenges",
        peer_challenge.challenges_published,
        "report_published_at",
        note="Report published.",
    ),
    Measure(
        "assessments_closed",
        "Self-assessments closed",
        "Self-assessment",
        assessment.assessments_closed,
        "closed_at",
    ),
]
MEASURES_BY_KEY = {measure.key: measure for measure in MEASURES}


@dataclass(frozen=True)
class Output:
    measure: Measure
    total: int
    by_quarter: list[int]

    @property
    def label(self) -> str:
        return self.measure.label


@dataclass(frozen=True)
class Outputs:
    quarters: list[Quarter]
    rows: list[Output]

    def __getitem__(self, key: str) -> Output:
        for row in self.rows:
            if row.measure.key == key:
                return row
        raise KeyError(key)

    @property
    def groups(self) -> list[tuple[str, list[Output]]]:
        grouped: dict[str, list[Output]] = {}
        for row in self.rows:
            grouped.setdefault(row.measure.group, []).append(row)
        return list(grouped.items())


def _output(measure: Measure, quarters: list[Quarter]) -> Output:
    if measure.stock:
        total = Count("pk", filter=Q(closed_at__isnull=True))
        per_quarter = [_active_at_end(quarter) for quarter in quarters]
    else:
        total = Count("pk")
        per_quarter = [_within(measure.field, q, dates=measure.dates) for q in quarters]
    figures = {"total": total}
    figures.update(
        {f"q{index}": Count("pk", filter=condition) for index, condition in enumerate(per_quarter)}
    )
    row = measure.rows().order_by().aggregate(**figures)
    return Output(
        measure=measure,
        total=row["total"],
        by_quarter=[row[f"q{index}"] for index in range(len(quarters))],
    )


def programme_outputs(*, today: dt.date | None = None) -> Outputs:
    """Every output's total and its count in each of the last eight quarters: one query each."""
    quarters = last_quarters(today=today)
    return Outputs(quarters=quarters, rows=[_output(measure, quarters) for measure in MEASURES])


# Charts ----------------------------------------------------------------------------------------


def nice_axis(largest: float) -> tuple[float, float]:
    """An axis end and tick step for values up to `largest`: 1, 2 or 5 times a power of ten,
    with 4 to 10 ticks (an empty chart gets an axis from 0 to 1)."""
    if largest <= 0:
        return 1, 1
    step = 1.0
    while largest / step > 10:
        step *= 10
    while largest / step < 4 and step > 1:
        step /= 10
    for factor in (1, 2, 5):
        if largest / (step * factor) <= 10:
            step *= factor
            break
    ticks = -(-largest // step)
    return ticks * step, step


def _quarter_chart(outputs: Outputs, *, chart_id: str, title: str, description: str, series):
    values = [
        [sum(outputs[key].by_quarter[index] for key in keys) for _, keys in series]
        for index in range(len(outputs.quarters))
    ]
    max_value, step = nice_axis(max((v for row in values for v in row), default=0))
    return charts.bar_chart(
        chart_id=chart_id,
        title=title,
        description=description,
        categories=[quarter.label for quarter in outputs.quarters],
        series=[name for name, _ in series],
        values=values,
        max_value=max_value,
        tick_step=step,
        value_format=lambda value: f"{value:,.0f}",
        category_heading="Quarter",
    )


def sessions_chart(outputs: Outputs) -> charts.BarChart:
    return _quarter_chart(
        outputs,
        chart_id="sessions-by-quarter",
        title="Sessions held each quarter",
        description="Round tables, open sessions and academy sessions held in each quarter.",
        series=[
            ("Round tables", ["round_tables"]),
            ("Open sessions", ["open_sessions"]),
            ("Academy sessions", ["academy_sessions"]),
        ],
    )


def participants_chart(outputs: Outputs) -> charts.BarChart:
    return _quarter_chart(
        outputs,
        chart_id="participants-by-quarter",
        title="Participants each quarter",
        description=(
            "People present at round tables and open sessions, people enrolled on an academy, "
            "and academy certificates awarded, in each quarter."
        ),
        series=[
            ("Event participants", ["round_table_participants", "open_session_participants"]),
            ("Academy participants", ["academy_participants"]),
            ("Certificates", ["completions"]),
        ],
    )
