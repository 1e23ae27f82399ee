"""Benchmarks, the support plan (with its PDF) and the programme unit's sector overview.

Benchmarks and the plan are the team's (assessment.view); only the lead decides on the plan
(assessment.manage). The sector overview is for programme staff and holds aggregates only."""

from decimal import Decimal

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from hub.assessment import benchmarks, recommendations, sector
from hub.assessment.forms_plans import DecisionForm
from hub.assessment.models import Assessment, Recommendation, SupportPlan
from hub.assessment.views.access import assessment_permission_required
from hub.core import charts
from hub.core.csv_export import csv_response
from hub.core.pdf import pdf_download
from hub.core.permissions import permission_required


def _whole(value: float) -> str:
    return f"{value:.0f}"


# Benchmarks ------------------------------------------------------------------------------------


def _benchmark_chart(result: benchmarks.Benchmark, group: benchmarks.Group) -> charts.BarChart:
    figures = [group.figures.get(c.code) for c in result.capabilities]
    return charts.bar_chart(
        chart_id=f"benchmark-{group.key}",
        title=f"Your team and {group.label[:1].lower()}{group.label[1:]}",
        description=(
            "Your team's score from 0 to 100 for each capability, beside the median score of "
            f"the {group.councils} other councils in this group."
        ),
        categories=[c.title for c in result.capabilities],
        series=["Your team", "Median"],
        values=[
            [c.score, None if f is None else f.median]
            for c, f in zip(result.capabilities, figures, strict=True)
        ],
        max_value=100,
        tick_step=20,
        value_format=_whole,
        missing_text="Not shown",
        category_heading="Capability",
        extra_columns=[
            charts.TableColumn(
                "Middle half of councils (25th to 75th percentile)",
                [
                    "Not shown"
                    if f is None
                    else f"{_whole(f.lower_quartile)} to {_whole(f.upper_quartile)}"
                    for f in figures
                ],
            ),
        ],
    )


@assessment_permission_required("assessment.view")
@require_GET
def benchmark(request, assessment: Assessment):
    result = benchmarks.benchmark(assessment)
    return render(
        request,
        "assessment/plans/benchmark.html",
        {
            "assessment": assessment,
            "result": result,
            "groups": [
                (group, _benchmark_chart(result, group) if group.shown else None)
                for group in result.groups
            ],
            "min_councils": benchmarks.MIN_COUNCILS,
        },
    )


# Support plan ----------------------------------------------------------------------------------


def _plan_context(request, assessment: Assessment) -> dict:
    plan = SupportPlan.objects.filter(assessment=assessment).first()
    items = list(plan.items.all()) if plan else []
    return {
        "assessment": assessment,
        "plan": plan,
        "items": items,
        "progress": recommendations.plan_progress(items),
        "can_manage": request.user.has_perm("assessment.manage", assessment),
    }


@assessment_permission_required("assessment.view")
@require_http_methods(["GET", "POST"])
def plan(request, assessment: Assessment):
    if request.method == "POST":
        if not request.user.has_perm("assessment.manage", assessment):
            raise PermissionDenied
        try:
            recommendations.support_plan_generate(assessment=assessment, by=request.user)
        except recommendations.PlanError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, "The support plan is up to date. Decisions made are kept.")
        return redirect("assessment:plan", pk=assessment.pk)
    return render(request, "assessment/plans/plan.html", _plan_context(request, assessment))


@assessment_permission_required("assessment.manage")
@require_http_methods(["GET", "POST"])
def plan_item(request, assessment: Assessment, item: int):
    recommendation = get_object_or_404(
        Recommendation.objects.filter(plan__assessment=assessment), pk=item
    )
    form = DecisionForm(request.POST or None, item=recommendation)
    if request.method == "POST" and form.is_valid():
        try:
            recommendations.recommendation_decide(
                item=recommendation,
                by=request.user,
                decision=form.cleaned_data["decision"],
                note=form.cleaned_data["note"],
                scheduled_for=form.cleaned_data["scheduled_for"],
            )
        except recommendations.PlanError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, f"Decision saved: {recommendation.title}")
            return redirect("assessment:plan", pk=assessment.pk)
    return render(
        request,
        "assessment/plans/item.html",
        {"assessment": assessment, "item": recommendation, "form": form},
    )


@assessment_permission_required("assessment.view")
@require_GET
def plan_pdf(request, assessment: Assessment):
    context = _plan_context(request, assessment)
    return pdf_download(
        request,
        "assessment/plans/plan_pdf.html",
        context,
        filename=f"support-plan-{assessment.pk}.pdf",
        back_url=reverse("assessment:plan", args=[assessment.pk]),
        back_text="Back to the support plan",
    )


# Sector overview -------------------------------------------------------------------------------


def _movement_chart(rows: list[sector.Movement]) -> charts.BarChart:
    return charts.bar_chart(
        chart_id="sector-movement",
        title="Mean scores of councils that assessed again",
        description=(
            "For each capability, the mean score from 0 to 100 of councils with two or more "
            "closed assessments, at the earlier and at the latest of their last two."
        ),
        categories=[row.title for row in rows],
        series=["Earlier", "Latest"],
        values=[[row.earlier, row.latest] for row in rows],
        max_value=100,
        tick_step=20,
        value_format=_whole,
        missing_text=sector.FEWER_THAN.capitalize() + " councils",
        category_heading="Capability",
        extra_columns=[
            charts.TableColumn(
                "Mean movement",
                ["Not shown" if row.change is None else f"{row.change:+.0f}" for row in rows],
            ),
            charts.TableColumn(
                "Councils",
                [str(row.councils) if row.shown else sector.FEWER_THAN for row in rows],
            ),
        ],
    )


@permission_required("assessment.view_sector")
@require_GET
def sector_overview(request):
    result = sector.overview()
    return render(
        request,
        "assessment/plans/sector.html",
        {
            "overview": result,
            "movement_chart": _movement_chart(result.movement),
            "min_councils": benchmarks.MIN_COUNCILS,
        },
    )


def _number(value: float | None) -> Decimal | str:
    # A Decimal keeps a fall a number in a spreadsheet (-3.5), not text.
    return "" if value is None else Decimal(f"{value:.1f}")


def _csv_rows(result: sector.Overview):
    yield ("Councils that have assessed", "All councils", "Councils", result.councils.text)
    for cell in result.by_region:
        yield ("Councils that have assessed", "By region", cell.label, cell.text)
    for cell in result.by_kind:
        yield ("Councils that have assessed", "By kind of council", cell.label, cell.text)
    for label, count in result.by_quarter:
        yield ("Assessments closed", "By quarter", label, count)
    yield (
        "Councils that assessed again",
        "All councils",
        "Councils",
        result.councils_reassessed.text,
    )
    for row in result.movement:
        councils = row.councils if row.shown else sector.FEWER_THAN
        yield ("Movement", row.title, "Councils", councils)
        yield ("Movement", row.title, "Mean earlier score", _number(row.earlier))
        yield ("Movement", row.title, "Mean latest score", _number(row.latest))
        yield ("Movement", row.title, "Mean movement", _number(row.change))


@permission_required("assessment.view_sector")
@require_GET
def sector_csv(request):
    """The same aggregates as the page: a figure left blank had too few councils to show."""
    return csv_response(
        filename="self-assessment-sector.csv",
        columns=[
            ("Table", lambda row: row[0]),
            ("Group", lambda row: row[1]),
            ("Figure", lambda row: row[2]),
            ("Value", lambda row: row[3]),
        ],
        rows=_csv_rows(sector.overview()),
    )
