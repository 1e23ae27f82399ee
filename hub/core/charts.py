"""Horizontal bar charts drawn on the server as inline SVG, for `core/includes/bar_chart.html`.

This module works out the geometry; the include draws it and always shows the same figures in a
table too, so nobody depends on seeing the chart. Each series has its own pattern and every bar
is labelled with its series and value, so colour is never the only difference. Only SVG
presentation attributes are used (the Content Security Policy forbids inline styles) and no
JavaScript.

    chart = bar_chart(
        chart_id="impact-all",
        title="Mean confidence at the start and end",
        description="Mean confidence from 1 to 5 for each learning outcome.",
        categories=["Spotting opportunities", ...],
        series=["Start", "End"],
        values=[[2.5, 4.0], ...],  # one list per category, one value per series; None if hidden
        max_value=5,
    )
"""

import textwrap
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from django.utils.text import slugify

WIDTH = 640
# Room on the left for a bar's series name ("Start"), and on the right for its value. A longer
# name ("This assessment") widens the left margin, up to a limit, so it is never cut off.
SERIES_LABEL_WIDTH = 70
MAX_SERIES_LABEL_WIDTH = 240
# Width of a character of a series name at 14 units (Arial's widest lower case, rounded up).
SERIES_CHARACTER_WIDTH = 8
VALUE_LABEL_WIDTH = 130
PLOT_LEFT = SERIES_LABEL_WIDTH
PLOT_WIDTH = WIDTH - SERIES_LABEL_WIDTH - VALUE_LABEL_WIDTH
LEGEND_HEIGHT = 36
LEGEND_ENTRY_WIDTH = 160
LINE_HEIGHT = 20
BAR_HEIGHT = 22
BAR_GAP = 4
GROUP_GAP = 18
AXIS_HEIGHT = 28
# Characters of a category name on one line: the font is about 8 units a character at 16.
LABEL_LINE_CHARACTERS = 70

# Fills with at least 3:1 contrast against white (WCAG 1.4.11), told apart by pattern too.
SERIES_STYLES = [
    {"colour": "#1d70b8", "pattern": "solid"},
    {"colour": "#4c2c92", "pattern": "stripes"},
    {"colour": "#00703c", "pattern": "dots"},
]


@dataclass(frozen=True)
class Series:
    name: str
    colour: str
    pattern: str
    pattern_id: str
    legend_x: int

    @property
    def fill(self) -> str:
        return self.colour if self.pattern == "solid" else f"url(#{self.pattern_id})"


@dataclass(frozen=True)
class Bar:
    series: Series
    value: float | None
    text: str
    y: float
    width: float
    text_x: float

    @property
    def middle(self) -> float:
        return self.y + BAR_HEIGHT / 2


@dataclass(frozen=True)
class Group:
    label: str
    label_lines: list[tuple[float, str]]
    bars: list[Bar]


@dataclass(frozen=True)
class Tick:
    x: float
    text: str


@dataclass(frozen=True)
class TableColumn:
    """A column the table shows beside the charted values (for example how many answered)."""

    heading: str
    cells: list[str]


@dataclass(frozen=True)
class BarChart:
    id: str
    title: str
    description: str
    category_heading: str
    series: list[Series]
    groups: list[Group]
    ticks: list[Tick]
    height: float
    axis_y: float
    extra_columns: list[TableColumn] = field(default_factory=list)

    width: int = WIDTH
    plot_left: int = PLOT_LEFT
    plot_top: int = LEGEND_HEIGHT - 2
    plot_right: int = PLOT_LEFT + PLOT_WIDTH
    bar_height: int = BAR_HEIGHT

    @property
    def title_id(self) -> str:
        return f"{self.id}-title"

    @property
    def description_id(self) -> str:
        return f"{self.id}-desc"

    @property
    def table_rows(self) -> list[tuple[str, list[str]]]:
        """Each category with its cells: the charted values, then any extra columns."""
        return [
            (
                group.label,
                [bar.text for bar in group.bars]
                + [column.cells[index] for column in self.extra_columns],
            )
            for index, group in enumerate(self.groups)
        ]


def scale(value: float, max_value: float, plot_width: float = PLOT_WIDTH) -> float:
    """The length of a bar for `value` on an axis from 0 to `max_value`, kept on the axis."""
    if max_value <= 0:
        raise ValueError("max_value must be above 0")
    return round(plot_width * min(max(value, 0), max_value) / max_value, 2)


def _ticks(max_value: float, step: float, plot_left: float, plot_width: float) -> list[Tick]:
    count = int(max_value / step + 1e-9)
    return [
        Tick(x=plot_left + scale(step * i, max_value, plot_width), text=f"{step * i:g}")
        for i in range(count + 1)
    ]


def series_label_width(series: Sequence[str]) -> int:
    """The left margin that fits the longest series name beside its bar."""
    longest = max((len(name) for name in series), default=0)
    return min(
        MAX_SERIES_LABEL_WIDTH, max(SERIES_LABEL_WIDTH, longest * SERIES_CHARACTER_WIDTH + 12)
    )


def bar_chart(
    *,
    chart_id: str,
    title: str,
    description: str,
    categories: Sequence[str],
    series: Sequence[str],
    values: Sequence[Sequence[float | None]],
    max_value: float,
    tick_step: float = 1,
    value_format: Callable[[float], str] = lambda value: f"{value:.1f}",
    missing_text: str = "Not shown",
    category_heading: str = "",
    extra_columns: Sequence[TableColumn] = (),
) -> BarChart:
    """The geometry of a horizontal bar chart with one group of bars per category.

    `values[i][j]` is category i's value for series j, or None for a value not shown (its row
    says `missing_text` instead of a bar). Values beyond 0..max_value are drawn at the edge but
    labelled with their real value.
    """
    if len(values) != len(categories):
        raise ValueError("values needs one list for each category")
    if any(len(row) != len(series) for row in values):
        raise ValueError("each category needs one value for each series")
    if len(series) > len(SERIES_STYLES):
        raise ValueError(f"at most {len(SERIES_STYLES)} series")
    if any(len(column.cells) != len(categories) for column in extra_columns):
        raise ValueError("each extra column needs one cell for each category")
    chart_id = slugify(chart_id) or "chart"
    plot_left = series_label_width(series)
    plot_width = WIDTH - plot_left - VALUE_LABEL_WIDTH
    styled = []
    legend_x = 0
    for index, name in enumerate(series):
        styled.append(
            Series(
                name=name,
                pattern_id=f"{chart_id}-pattern-{index}",
                legend_x=legend_x,
                **SERIES_STYLES[index],
            )
        )
        # The swatch, the name, and a gap: at least LEGEND_ENTRY_WIDTH.
        legend_x += max(LEGEND_ENTRY_WIDTH, 26 + len(name) * SERIES_CHARACTER_WIDTH + 24)
    groups = []
    y = float(LEGEND_HEIGHT)
    for label, row in zip(categories, values, strict=True):
        lines = textwrap.wrap(label, LABEL_LINE_CHARACTERS) or [""]
        label_lines = []
        for line in lines:
            y += LINE_HEIGHT
            label_lines.append((y - 5, line))
        y += BAR_GAP
        bars = []
        for item, value in zip(styled, row, strict=True):
            width = 0.0 if value is None else scale(value, max_value, plot_width)
            bars.append(
                Bar(
                    series=item,
                    value=value,
                    text=missing_text if value is None else value_format(value),
                    y=y,
                    width=width,
                    text_x=plot_left + width + 6,
                )
            )
            y += BAR_HEIGHT + BAR_GAP
        groups.append(Group(label=label, label_lines=label_lines, bars=bars))
        y += GROUP_GAP
    return BarChart(
        id=chart_id,
        title=title,
        description=description,
        category_heading=category_heading,
        series=styled,
        groups=groups,
        ticks=_ticks(max_value, tick_step, plot_left, plot_width),
        axis_y=y,
        height=y + AXIS_HEIGHT,
        extra_columns=list(extra_columns),
        plot_left=plot_left,
        plot_right=plot_left + plot_width,
    )
