"""The impact survey (a participant's confidence at the start and end of their cohort) and its
results for the cohort's facilitators and programme staff: aggregates only, and none for a
stage with too few answers to keep people anonymous."""

from decimal import Decimal

from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from hub.academies import surveys
from hub.academies.forms_surveys import SurveyForm
from hub.academies.models import Cohort, LearningOutcome, SurveyStage
from hub.academies.views.access import (
    cohort_permission_required,
    get_cohort,
    own_enrolment,
    refusal,
)
from hub.core import charts
from hub.core.csv_export import csv_response

STAGE_NAMES = {SurveyStage.START: "start", SurveyStage.END: "end"}


def _participant_survey(request, slug: str, stage: str):
    """The cohort and the user's own enrolment, or the response refusing them."""
    if stage not in SurveyStage.values:
        raise Http404("No such survey")
    cohort = get_cohort(slug)
    enrolment = own_enrolment(request, cohort)
    if not request.user.has_perm("academies.answer_survey", enrolment):
        return cohort, None, refusal(request, cohort)
    enrolment.cohort = cohort
    return cohort, enrolment, None


@require_http_methods(["GET", "POST"])
def answer_survey(request, slug: str, stage: str):
    cohort, enrolment, refused = _participant_survey(request, slug, stage)
    if refused:
        return refused
    window = surveys.survey_window(enrolment, stage)
    context = {
        "cohort": cohort,
        "stage": stage,
        "stage_name": STAGE_NAMES[stage],
        "window": window,
        "explanation": window.explanation(),
    }
    if not window.is_open():
        return render(request, "academies/surveys/closed.html", context)
    answers = surveys.existing_answers(enrolment, stage)
    form = SurveyForm(
        request.POST if request.method == "POST" else None,
        outcomes=LearningOutcome.objects.all(),
        initial=SurveyForm.initial_from(answers),
    )
    if request.method == "POST" and form.is_valid():
        try:
            surveys.survey_answer(enrolment=enrolment, stage=stage, confidence=form.confidence())
        except surveys.SurveyError as error:
            form.add_error(None, str(error))
        else:
            return redirect("academies:survey-done", slug=cohort.slug, stage=stage)
    context.update({"form": form, "answered_before": answers is not None})
    return render(request, "academies/surveys/answer.html", context)


@require_GET
def survey_done(request, slug: str, stage: str):
    cohort, enrolment, refused = _participant_survey(request, slug, stage)
    if refused:
        return refused
    if surveys.existing_answers(enrolment, stage) is None:
        return redirect("academies:survey", slug=cohort.slug, stage=stage)
    window = surveys.survey_window(enrolment, stage)
    return render(
        request,
        "academies/surveys/done.html",
        {
            "cohort": cohort,
            "stage": stage,
            "stage_name": STAGE_NAMES[stage],
            "window": window,
            "explanation": window.explanation(),
        },
    )


# Results --------------------------------------------------------------------------------------


def _chart(chart_id: str, title: str, rows, extra_columns) -> charts.BarChart:
    return charts.bar_chart(
        chart_id=chart_id,
        title=title,
        description=(
            "Mean confidence from 1 (not at all confident) to 5 (very confident) for each "
            "learning outcome, at the start and at the end of the cohort."
        ),
        categories=[row.outcome.title for row in rows],
        series=["Start", "End"],
        values=[[row.start.mean, row.end.mean] for row in rows],
        max_value=5,
        missing_text=surveys.TOO_FEW_ANSWERS,
        category_heading="Learning outcome",
        extra_columns=extra_columns,
    )


def _impact_charts(results: surveys.ImpactResults) -> tuple[charts.BarChart, charts.BarChart]:
    everyone = results.everyone
    matched = results.matched
    return (
        _chart(
            "impact-everyone",
            "Mean confidence, all answers",
            everyone,
            [
                charts.TableColumn("Answers at start", [str(r.start.answers) for r in everyone]),
                charts.TableColumn("Answers at end", [str(r.end.answers) for r in everyone]),
                charts.TableColumn("Change", [surveys.format_change(r.change) for r in everyone]),
            ],
        ),
        _chart(
            "impact-matched",
            "Mean confidence, participants who answered both",
            matched,
            [
                charts.TableColumn("Participants", [str(r.start.answers) for r in matched]),
                charts.TableColumn("Change", [surveys.format_change(r.change) for r in matched]),
            ],
        ),
    )


@cohort_permission_required("academies.view_cohort_reports")
@require_GET
def impact(request, cohort: Cohort):
    results = surveys.impact_results(cohort)
    everyone_chart, matched_chart = _impact_charts(results)
    return render(
        request,
        "academies/surveys/impact.html",
        {
            "cohort": cohort,
            "results": results,
            "everyone_chart": everyone_chart,
            "matched_chart": matched_chart,
            "min_answers": surveys.MIN_ANSWERS,
        },
    )


def _two_places(value: float | None) -> Decimal | None:
    # A Decimal, not text, so the CSV keeps a negative change a number ("-0.50").
    return None if value is None else Decimal(f"{value:.2f}")


def _mean(result: surveys.StageResult) -> Decimal | None:
    return _two_places(result.mean)


def _change(row: surveys.OutcomeResult) -> Decimal | None:
    return _two_places(row.change)


CSV_COLUMNS = [
    ("Learning outcome", lambda pair: pair[0].outcome.title),
    ("Answers at start", lambda pair: pair[0].start.answers),
    ("Mean confidence at start", lambda pair: _mean(pair[0].start)),
    ("Answers at end", lambda pair: pair[0].end.answers),
    ("Mean confidence at end", lambda pair: _mean(pair[0].end)),
    ("Change", lambda pair: _change(pair[0])),
    ("Participants who answered both", lambda pair: pair[1].start.answers),
    ("Their mean at start", lambda pair: _mean(pair[1].start)),
    ("Their mean at end", lambda pair: _mean(pair[1].end)),
    ("Their change", lambda pair: _change(pair[1])),
]


@cohort_permission_required("academies.view_cohort_reports")
@require_GET
def impact_csv(request, cohort: Cohort):
    """The same aggregates as the page; a mean left blank had too few answers to show."""
    results = surveys.impact_results(cohort)
    return csv_response(
        filename=f"{cohort.slug}-impact.csv",
        columns=CSV_COLUMNS,
        rows=zip(results.everyone, results.matched, strict=True),
    )
