"""Follow-up pages: the council's action plan (with its actions), the progress review, the
deadlines of every challenge for programme staff (with CSV), and learning across the sector
for programme staff (aggregates only, with CSV).

The action plan is as confidential as the challenge until the report is published; after that
whoever may see the challenge sees the plan once the council publishes it (404 before)."""

from urllib.parse import urlencode

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from hub.core import charts
from hub.core.csv_export import csv_response
from hub.core.permissions import permission_required
from hub.core.rich_text import render_markdown
from hub.peer_challenge import followup, learning
from hub.peer_challenge.forms_followup import ActionForm, DeadlineFilterForm, ProgressReviewForm
from hub.peer_challenge.models import Challenge
from hub.peer_challenge.views.access import challenge_permission_required

# The action plan ---------------------------------------------------------------------------


def _plan_url(challenge: Challenge) -> str:
    return reverse("peer_challenge:action-plan", args=[challenge.slug])


@challenge_permission_required("peer_challenge.view")
@require_GET
def action_plan(request, challenge: Challenge):
    if not followup.can_view_action_plan(request.user, challenge):
        raise Http404("No published action plan has this address")
    actions = followup.actions_of(challenge)
    today = timezone.localdate()
    return render(
        request,
        "peer_challenge/followup/action_plan.html",
        {
            "challenge": challenge,
            "rows": [(action, followup.is_overdue(action, today)) for action in actions],
            "progress": followup.plan_progress(actions, today),
            "can_manage": request.user.has_perm("peer_challenge.manage_action_plan", challenge),
            "deadline": _deadline(challenge, "action_plan"),
        },
    )


def _deadline(challenge: Challenge, deadline: str) -> followup.DeadlineStatus:
    return next(s for s in followup.deadline_statuses(challenge) if s.deadline == deadline)


@challenge_permission_required("peer_challenge.manage_action_plan")
@require_http_methods(["GET", "POST"])
def action_edit(request, challenge: Challenge, pk: int | None = None):
    action = get_object_or_404(challenge.actions, pk=pk) if pk else None
    initial = (
        {f: getattr(action, f) for f in ("description", "owner", "due_on", "status", "finding")}
        if action
        else None
    )
    form = ActionForm(
        request.POST or None, initial=initial, findings=followup.areas_for_development(challenge)
    )
    if request.method == "POST" and form.is_valid():
        try:
            followup.action_save(challenge=challenge, action=action, **form.cleaned_data)
        except followup.FollowUpError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, "The action has been saved")
            return redirect(_plan_url(challenge) + "#actions")
    return render(
        request,
        "peer_challenge/followup/action.html",
        {"form": form, "challenge": challenge, "action": action, "back_url": _plan_url(challenge)},
    )


@challenge_permission_required("peer_challenge.manage_action_plan")
@require_http_methods(["GET", "POST"])
def action_remove(request, challenge: Challenge, pk: int):
    action = get_object_or_404(challenge.actions, pk=pk)
    if request.method == "POST":
        followup.action_remove(challenge=challenge, action=action)
        messages.success(request, "The action has been removed")
        return redirect(_plan_url(challenge) + "#actions")
    return render(
        request,
        "peer_challenge/followup/action_remove.html",
        {"challenge": challenge, "action": action, "back_url": _plan_url(challenge)},
    )


@challenge_permission_required("peer_challenge.manage_action_plan")
@require_POST
def action_plan_publish(request, challenge: Challenge):
    try:
        followup.action_plan_publish(challenge=challenge)
    except followup.FollowUpError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, "The action plan has been published")
    return redirect(_plan_url(challenge))


# The progress review -----------------------------------------------------------------------


@challenge_permission_required("peer_challenge.view_confidential")
@require_GET
def progress_review(request, challenge: Challenge):
    actions = followup.actions_of(challenge)
    held_on = challenge.progress_review_held_on
    return render(
        request,
        "peer_challenge/followup/progress_review.html",
        {
            "challenge": challenge,
            "summary": mark_safe(render_markdown(challenge.progress_review_summary)),  # noqa: S308 - sanitised by nh3
            "actions": actions,
            "progress": followup.plan_progress(actions),
            "done_at_review": followup.done_by(actions, held_on) if held_on else None,
            "can_record": request.user.has_perm("peer_challenge.record_progress_review", challenge),
            "deadline": _deadline(challenge, "progress_review"),
        },
    )


@challenge_permission_required("peer_challenge.record_progress_review")
@require_http_methods(["GET", "POST"])
def progress_review_record(request, challenge: Challenge):
    back_url = reverse("peer_challenge:progress-review", args=[challenge.slug])
    initial = (
        {"held_on": challenge.progress_review_held_on, "summary": challenge.progress_review_summary}
        if challenge.progress_review_held_on
        else None
    )
    form = ProgressReviewForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            followup.progress_review_record(challenge=challenge, **form.cleaned_data)
        except followup.FollowUpError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request, "The progress review has been recorded. The challenge is closed."
            )
            return redirect(back_url)
    return render(
        request,
        "peer_challenge/followup/progress_review_record.html",
        {"form": form, "challenge": challenge, "back_url": back_url},
    )


# Deadlines ---------------------------------------------------------------------------------


def _deadline_filters(request) -> tuple[DeadlineFilterForm, dict[str, str]]:
    form = DeadlineFilterForm(request.GET or None)
    return form, form.filters()


@permission_required("peer_challenge.view_deadlines")
@require_GET
def deadlines(request):
    form, filters = _deadline_filters(request)
    rows, overdue = followup.deadlines_overview(**filters)
    query = urlencode({name: value for name, value in filters.items() if value})
    return render(
        request,
        "peer_challenge/followup/deadlines.html",
        {
            "filters": form,
            "rows": rows,
            "overdue": overdue,
            "query": query,
            "due_soon_days": followup.DUE_SOON_DAYS,
        },
    )


@permission_required("peer_challenge.view_deadlines")
@require_GET
def deadlines_csv(request):
    _, filters = _deadline_filters(request)
    rows, _ = followup.deadlines_overview(**filters)
    statuses = [s for row in rows for s in row.deadlines]
    return csv_response(
        filename="peer-challenge-deadlines.csv",
        columns=[
            ("Challenge", lambda s: s.challenge.title),
            ("Council", lambda s: s.challenge.organisation.name),
            ("Challenge status", lambda s: s.challenge.get_status_display()),
            ("On site ended", lambda s: s.challenge.on_site_ends_on.isoformat()),
            ("Deadline", lambda s: s.label),
            ("Due on", lambda s: s.due_on.isoformat()),
            ("State", lambda s: s.state_label),
            ("Met on", lambda s: s.met_on.isoformat() if s.met_on else ""),
            ("Days overdue", lambda s: s.days_overdue),
        ],
        rows=statuses,
    )


# Learning across the sector ----------------------------------------------------------------


def _tick_step(max_value: int) -> int:
    for step in (1, 2, 5, 10, 20, 50, 100, 200, 500):
        if max_value / step <= 10:
            return step
    return 1000


def _learning_chart(result: learning.Learning) -> charts.BarChart:
    step = _tick_step(max(result.max_count, 1))
    top = max(step, -(-max(result.max_count, 1) // step) * step)
    return charts.bar_chart(
        chart_id="learning-by-element",
        title="Findings by core element",
        description=(
            "For each core element, the number of findings judged a strength and an area for "
            "development across all peer challenges."
        ),
        categories=[row.title for row in result.by_element],
        series=["Strengths", "Areas for development"],
        values=[[row.strengths.value, row.areas.value] for row in result.by_element],
        max_value=top,
        tick_step=step,
        value_format=lambda value: f"{value:.0f}",
        missing_text=learning.FEWER_THAN.capitalize() + " challenges",
        category_heading="Core element",
    )


@permission_required("peer_challenge.view_sector_learning")
@require_GET
def sector_learning(request):
    result = learning.sector_learning()
    return render(
        request,
        "peer_challenge/followup/learning.html",
        {
            "learning": result,
            "chart": _learning_chart(result),
            "min_challenges": learning.MIN_CHALLENGES,
        },
    )


def _learning_rows(result: learning.Learning):
    yield ("Challenges", "All", "Challenges", result.challenges)
    for row in result.by_element:
        for name, cell in (("Strengths", row.strengths), ("Areas for development", row.areas)):
            yield ("Findings by core element", row.title, name, _cell(cell))
    for table in result.by_kind:
        yield ("Challenges by kind of council", table.label, "Challenges", table.challenges)
        for row in table.rows:
            for name, cell in (("Strengths", row.strengths), ("Areas for development", row.areas)):
                yield (
                    "Findings by core element and kind of council",
                    f"{table.label}: {row.title}",
                    name,
                    _cell(cell),
                )
    for area in result.service_areas:
        yield ("Service areas of areas for development", area.label, "Findings", area.findings)
        yield ("Service areas of areas for development", area.label, "Challenges", area.challenges)


def _cell(cell: learning.Cell) -> int | str:
    return learning.FEWER_THAN if cell.hidden else cell.findings


@permission_required("peer_challenge.view_sector_learning")
@require_GET
def sector_learning_csv(request):
    """The page's aggregates; a figure from fewer than 3 challenges says so instead."""
    return csv_response(
        filename="peer-challenge-sector-learning.csv",
        columns=[
            ("Table", lambda row: row[0]),
            ("Group", lambda row: row[1]),
            ("Figure", lambda row: row[2]),
            ("Value", lambda row: row[3]),
        ],
        rows=_learning_rows(learning.sector_learning()),
    )
