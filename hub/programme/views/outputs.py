"""The programme's benefits, scaling exemplars and outputs (programme staff only): each page in
a fixed number of queries, each with a CSV of the same figures."""

from django.shortcuts import render

from hub.core.csv_export import csv_response
from hub.core.pagination import paginate
from hub.core.permissions import permission_required
from hub.programme import benefits as benefit_figures
from hub.programme import exemplars as exemplar_figures
from hub.programme import outputs as output_figures

VIEW = "programme.view_dashboard"
EXEMPLARS_PER_PAGE = 25
CANDIDATES_SHOWN = 5


def _amount(value) -> str:
    return "" if value is None else f"{value:.2f}"


def _number(value) -> str:
    # A median of whole numbers is whole or ends in .5; never in exponent form.
    if value is None:
        return ""
    return str(int(value)) if value == int(value) else f"{value:.1f}"


# Benefits -------------------------------------------------------------------------------------


@permission_required(VIEW)
def benefits(request):
    summary = benefit_figures.benefit_summary()
    return render(
        request,
        "programme/outputs/benefits.html",
        {
            "summary": summary,
            "chart": benefit_figures.region_chart(summary["region"].rows),
            "statuses": benefit_figures.STATUSES,
        },
    )


@permission_required(VIEW)
def benefits_csv(request):
    summary = benefit_figures.benefit_summary()
    rows = [(b, row) for b in summary.breakdowns for row in b.rows]
    columns = [
        ("Breakdown", lambda r: r[0].key),
        ("Group", lambda r: r[1].label),
        ("Unit", lambda r: r[1].measure.unit),
        ("Period", lambda r: r[1].measure.period),
    ]
    for status in benefit_figures.STATUSES:
        columns += [
            (
                f"{status.label} amount",
                lambda r, s=status: _amount(r[1].figure(s).amount) if r[1].measure.adds_up else "",
            ),
            (f"{status.label} benefits", lambda r, s=status: r[1].figure(s).count),
        ]
    return csv_response(filename="programme-benefits.csv", columns=columns, rows=rows)


# Scaling exemplars ---------------------------------------------------------------------------


def _exemplar_query(request):
    options = exemplar_figures.filter_options()
    return exemplar_figures.parse_query(request.GET, options), options


@permission_required(VIEW)
def exemplars(request):
    query, options = _exemplar_query(request)
    pagination = paginate(request, exemplar_figures.most_reused(query), per_page=EXEMPLARS_PER_PAGE)
    to_promote = list(exemplar_figures.candidates(query)[:CANDIDATES_SHOWN])
    return render(
        request,
        "programme/outputs/exemplars.html",
        {
            "filters": query,
            "options": options,
            "pagination": pagination,
            "rows": exemplar_figures.with_figures(pagination.object_list),
            "candidates": to_promote,
            "query_string": request.GET.urlencode(),
        },
    )


def _exemplar_columns():
    return [
        ("Case", lambda r: r.resource.title),
        ("Address", lambda r: r.resource.get_absolute_url()),
        ("Lead organisation", lambda r: getattr(r.resource.lead_organisation, "name", "")),
        ("Region", lambda r: getattr(r.resource.lead_organisation, "region", "")),
        ("Adoptions", lambda r: r.resource.adoption_count),
        ("Adopters giving a cost", lambda r: r.figures.cost.count),
        ("Median cost to reuse (£)", lambda r: _number(r.figures.cost.median)),
        ("Lowest cost (£)", lambda r: _number(r.figures.cost.lowest)),
        ("Highest cost (£)", lambda r: _number(r.figures.cost.highest)),
        ("Adopters giving months to go live", lambda r: r.figures.months.count),
        ("Median months to go live", lambda r: _number(r.figures.months.median)),
        ("Fewest months", lambda r: _number(r.figures.months.lowest)),
        ("Most months", lambda r: _number(r.figures.months.highest)),
    ]


@permission_required(VIEW)
def exemplars_csv(request):
    query, _ = _exemplar_query(request)
    rows = exemplar_figures.with_figures(exemplar_figures.most_reused(query))
    return csv_response(filename="programme-exemplars.csv", columns=_exemplar_columns(), rows=rows)


@permission_required(VIEW)
def candidates(request):
    query, options = _exemplar_query(request)
    pagination = paginate(request, exemplar_figures.candidates(query), per_page=EXEMPLARS_PER_PAGE)
    return render(
        request,
        "programme/outputs/candidates.html",
        {
            "filters": query,
            "options": options,
            "pagination": pagination,
            "query_string": request.GET.urlencode(),
        },
    )


@permission_required(VIEW)
def candidates_csv(request):
    query, _ = _exemplar_query(request)
    return csv_response(
        filename="programme-cases-to-promote.csv",
        columns=[
            ("Case", lambda r: r.title),
            ("Address", lambda r: r.get_absolute_url()),
            ("Lead organisation", lambda r: getattr(r.lead_organisation, "name", "")),
            ("Region", lambda r: getattr(r.lead_organisation, "region", "")),
            ("Verified benefit", lambda r: "yes" if r.has_verified_benefit else "no"),
            ("Evidence level", lambda r: r.evidence_level or ""),
            ("Published", lambda r: r.published_at.date().isoformat() if r.published_at else ""),
        ],
        rows=exemplar_figures.candidates(query),
    )


@permission_required(VIEW)
def exemplar(request, slug):
    item = exemplar_figures.exemplar(slug=slug)
    return render(
        request,
        "programme/outputs/exemplar.html",
        {"exemplar": item, "chart": exemplar_figures.adoptions_chart(item)},
    )


# Programme outputs ----------------------------------------------------------------------------


@permission_required(VIEW)
def programme_outputs(request):
    figures = output_figures.programme_outputs()
    return render(
        request,
        "programme/outputs/outputs.html",
        {
            "outputs": figures,
            "sessions_chart": output_figures.sessions_chart(figures),
            "participants_chart": output_figures.participants_chart(figures),
        },
    )


@permission_required(VIEW)
def programme_outputs_csv(request):
    figures = output_figures.programme_outputs()
    columns = [
        ("Output", lambda row: row.label),
        ("Group", lambda row: row.measure.group),
        ("Total", lambda row: row.total),
    ]
    for index, quarter in enumerate(figures.quarters):
        columns.append((quarter.label, lambda row, i=index: row.by_quarter[i]))
    return csv_response(filename="programme-outputs.csv", columns=columns, rows=figures.rows)
