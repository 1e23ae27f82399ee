"""The server-drawn bar chart: its scale, its layout, and that labels are escaped."""

import re

import pytest
from django.template.loader import render_to_string

from hub.core import charts


def _chart(**overrides):
    arguments = {
        "chart_id": "Impact all",
        "title": "Mean confidence",
        "description": "Mean confidence from 1 to 5.",
        "categories": ["Spotting opportunities", "Value for money"],
        "series": ["Start", "End"],
        "values": [[2.5, 4.0], [None, 5.0]],
        "max_value": 5,
        "missing_text": "Too few answers",
        "category_heading": "Learning outcome",
    }
    return charts.bar_chart(**{**arguments, **overrides})


@pytest.mark.parametrize(
    ("value", "expected"),
    [(0, 0), (2.5, charts.PLOT_WIDTH / 2), (5, charts.PLOT_WIDTH), (7, charts.PLOT_WIDTH), (-1, 0)],
)
def test_scale_is_proportional_and_kept_on_the_axis(value, expected):
    assert charts.scale(value, 5) == pytest.approx(expected)


def test_scale_refuses_an_empty_axis():
    with pytest.raises(ValueError, match="above 0"):
        charts.scale(1, 0)


def test_bars_are_as_long_as_their_value_and_labelled_with_it():
    chart = _chart()
    start, end = chart.groups[0].bars
    assert start.width == pytest.approx(charts.PLOT_WIDTH * 2.5 / 5)
    assert end.width == pytest.approx(charts.PLOT_WIDTH * 4 / 5)
    assert (start.text, end.text) == ("2.5", "4.0")
    assert end.text_x == pytest.approx(charts.PLOT_LEFT + end.width + 6)
    assert (start.series.name, end.series.name) == ("Start", "End")


def test_a_missing_value_has_no_bar_and_says_why():
    hidden = _chart().groups[1].bars[0]
    assert hidden.width == 0
    assert hidden.text == "Too few answers"


def test_bars_do_not_overlap_and_the_chart_is_tall_enough():
    chart = _chart()
    bars = [bar for group in chart.groups for bar in group.bars]
    for upper, lower in zip(bars, bars[1:], strict=False):
        assert lower.y >= upper.y + charts.BAR_HEIGHT
    assert chart.axis_y >= bars[-1].y + charts.BAR_HEIGHT
    assert chart.height > chart.axis_y


def test_ticks_run_from_zero_to_the_maximum():
    chart = _chart()
    assert [tick.text for tick in chart.ticks] == ["0", "1", "2", "3", "4", "5"]
    assert chart.ticks[0].x == charts.PLOT_LEFT
    assert chart.ticks[-1].x == pytest.approx(charts.PLOT_LEFT + charts.PLOT_WIDTH)


def test_long_category_names_wrap_onto_more_lines():
    long_name = "A realistic understanding of what digital can do " * 3
    chart = _chart(categories=[long_name, "Short"])
    assert len(chart.groups[0].label_lines) > 1
    assert len(chart.groups[1].label_lines) == 1
    assert " ".join(line for _, line in chart.groups[0].label_lines) == long_name.strip()


def test_series_differ_by_pattern_not_only_colour():
    first, second = _chart().series
    assert first.pattern != second.pattern
    assert first.fill == first.colour
    assert second.fill == f"url(#{second.pattern_id})"
    assert second.pattern_id.startswith("impact-all-")


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        ({"values": [[1, 2]]}, "one list for each category"),
        ({"values": [[1], [2]]}, "one value for each series"),
        ({"series": ["A", "B", "C", "D"], "values": [[1] * 4, [1] * 4]}, "at most"),
    ],
)
def test_inconsistent_data_is_refused(arguments, message):
    with pytest.raises(ValueError, match=message):
        _chart(**arguments)


def test_the_include_draws_an_accessible_image_and_a_table_with_the_same_figures():
    chart = _chart(
        extra_columns=[charts.TableColumn(heading="Answers", cells=["4", "2"])],
    )
    html = render_to_string("core/includes/bar_chart.html", {"chart": chart})
    assert 'role="img"' in html
    assert 'aria-labelledby="impact-all-title impact-all-desc"' in html
    assert '<title id="impact-all-title">Mean confidence</title>' in html
    assert "style=" not in html
    assert "<script" not in html
    table = html[html.index("<table") :]
    assert '<th scope="row" class="govuk-table__header">Value for money</th>' in table
    cells = re.findall(r'<td class="govuk-table__cell[^"]*">([^<]*)</td>', table)
    assert cells == ["2.5", "4.0", "4", "Too few answers", "5.0", "2"]
    # Two bars drawn (the third value is hidden), plus two legend swatches.
    svg = html[: html.index("</svg>")]
    assert len(re.findall(r'<rect x="70" y="', svg)) == 3


def test_labels_are_escaped_in_the_chart_and_the_table():
    chart = _chart(
        title='Confidence <script>alert("t")</script>',
        categories=["<b>Bold</b> & co", "Plain"],
        series=["Start <i>", "End"],
    )
    html = render_to_string("core/includes/bar_chart.html", {"chart": chart})
    assert "<script>" not in html
    assert "<b>Bold</b>" not in html
    assert "&lt;b&gt;Bold&lt;/b&gt; &amp; co" in html
    assert "Start &lt;i&gt;" in html


def test_a_long_series_name_widens_the_margin_so_it_is_not_cut_off():
    short = charts.bar_chart(
        chart_id="a",
        title="t",
        description="d",
        categories=["x"],
        series=["Start"],
        values=[[1]],
        max_value=2,
    )
    long = charts.bar_chart(
        chart_id="b",
        title="t",
        description="d",
        categories=["x"],
        series=["This assessment", "Last time"],
        values=[[1, 2]],
        max_value=2,
    )
    assert short.plot_left == charts.SERIES_LABEL_WIDTH
    # 15 characters at 8 units each, and a gap, fit left of the bars.
    assert long.plot_left >= 15 * 8
    # The axis still spans the plot: the last tick at its right edge.
    assert long.ticks[-1].x == long.plot_right
    assert long.groups[0].bars[1].width == long.plot_right - long.plot_left
    # Legend entries do not overlap.
    assert long.series[1].legend_x >= 26 + 15 * 8
