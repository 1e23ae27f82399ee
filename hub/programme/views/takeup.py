"""The programme dashboard and take-up pages: which councils and places use which elements."""

from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET

from hub.core import charts
from hub.core.csv_export import csv_response
from hub.core.pagination import paginate
from hub.core.permissions import permission_required
from hub.programme import takeup
from hub.programme.forms_takeup import CouncilFilterForm, TakeUpFilterForm

PERMISSION = "programme.view_dashboard"


def _csv_href(request, name: str) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return reverse(f"programme:{name}") + ("?" + query.urlencode() if query else "")


def _region_chart(summaries: list[takeup.Summary]) -> charts.BarChart:
    return charts.bar_chart(
        chart_id="take-up-by-region",
        title="Share of councils engaged, by region",
        description=(
            "For each region, the percentage of its current councils that have used at least "
            "one element of the programme."
        ),
        categories=[summary.label for summary in summaries],
        series=["Share engaged"],
        values=[[summary.share] for summary in summaries],
        max_value=100,
        tick_step=20,
        value_format=lambda value: f"{value:.0f}%",
        category_heading="Region",
        extra_columns=[
            charts.TableColumn("Engaged councils", [str(s.engaged) for s in summaries]),
            charts.TableColumn("Councils", [str(s.total) for s in summaries]),
        ],
    )


@permission_required(PERMISSION)
@require_GET
def dashboard(request):
    engaged = takeup.engaged_by_element()
    summary = takeup.summarise(takeup.council_take_up(engaged))
    places = takeup.summarise_places(takeup.place_take_up(engaged))
    return render(
        request,
        "programme/dashboard.html",
        {
            "overall": summary.overall,
            "places": places,
            "element_rows": list(
                zip(
                    takeup.ELEMENTS,
                    summary.overall.element_counts,
                    places.element_counts,
                    strict=True,
                )
            ),
        },
    )


@permission_required(PERMISSION)
@require_GET
def take_up(request):
    form = TakeUpFilterForm(request.GET or None)
    rows = takeup.council_take_up()
    summary = takeup.summarise(rows)
    return render(
        request,
        "programme/takeup/take_up.html",
        {
            "form": form,
            "elements": takeup.ELEMENTS,
            "summary": summary,
            "summary_tables": [
                ("by-region", "Take-up by region", "Region", summary.by_region),
                ("by-kind", "Take-up by kind of council", "Kind of council", summary.by_kind),
                ("by-nation", "Take-up by nation", "Nation", summary.by_nation),
            ],
            "region_chart": _region_chart(summary.by_region),
            "pagination": paginate(request, takeup.filter_rows(rows, form.filters())),
            "csv_href": _csv_href(request, "take-up-csv"),
        },
    )


def _yes_no(value: bool) -> str:
    return "yes" if value else "no"


def _council_columns() -> list:
    return [
        ("council", lambda row: row.council.name),
        ("gss_code", lambda row: row.council.gss_code),
        ("kind", lambda row: row.council.get_kind_display()),
        ("region", lambda row: row.council.region),
        ("nation", lambda row: row.council.nation),
    ]


def _element_columns() -> list:
    return [
        (element.key, lambda row, key=element.key: _yes_no(key in row.used))
        for element in takeup.ELEMENTS
    ]


@permission_required(PERMISSION)
@require_GET
def take_up_csv(request):
    form = TakeUpFilterForm(request.GET or None)
    rows = takeup.filter_rows(takeup.council_take_up(), form.filters())
    columns = [
        *_council_columns(),
        ("engaged", lambda row: _yes_no(row.engaged)),
        ("elements_used", lambda row: row.elements_used),
        *_element_columns(),
    ]
    return csv_response(filename="programme-take-up.csv", columns=columns, rows=rows)


@permission_required(PERMISSION)
@require_GET
def places_take_up(request):
    rows = takeup.place_take_up()
    return render(
        request,
        "programme/takeup/places.html",
        {
            "elements": takeup.ELEMENTS,
            "summary": takeup.summarise_places(rows),
            "rows": rows,
        },
    )


@permission_required(PERMISSION)
@require_GET
def places_take_up_csv(request):
    columns = [
        ("place", lambda row: row.place.name),
        ("region", lambda row: row.place.region),
        ("partners", lambda row: row.partners),
        ("engaged", lambda row: _yes_no(row.engaged)),
        *_element_columns(),
    ]
    return csv_response(
        filename="programme-take-up-places.csv", columns=columns, rows=takeup.place_take_up()
    )


def _not_engaged_rows(form: CouncilFilterForm) -> list[takeup.CouncilTakeUp]:
    return takeup.not_engaged(takeup.filter_rows(takeup.council_take_up(), form.filters()))


@permission_required(PERMISSION)
@require_GET
def not_engaged(request):
    form = CouncilFilterForm(request.GET or None)
    rows = _not_engaged_rows(form)
    return render(
        request,
        "programme/takeup/not_engaged.html",
        {
            "form": form,
            "pagination": paginate(request, rows),
            "csv_href": _csv_href(request, "not-engaged-csv"),
        },
    )


@permission_required(PERMISSION)
@require_GET
def not_engaged_csv(request):
    form = CouncilFilterForm(request.GET or None)
    columns = [
        *_council_columns(),
        ("page", lambda row: request.build_absolute_uri(row.council.get_absolute_url())),
    ]
    return csv_response(
        filename="programme-not-engaged.csv", columns=columns, rows=_not_engaged_rows(form)
    )
