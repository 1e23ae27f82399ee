"""100-day plan pages: the participant's own plan (write, add actions, submit, update at 6 and
12 months), a participant's plan for their facilitators and programme staff, and the
programme unit's progress across cohorts."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from hub.academies import plans
from hub.academies.forms_plans import ActionForm, PlanForm, PlanUpdateForm, ProgressFilterForm
from hub.academies.models import Milestone
from hub.academies.views.access import cohort_enrolment, get_cohort, own_enrolment, refusal
from hub.core.csv_export import csv_response
from hub.core.permissions import permission_required


def _own(request, slug: str):
    """The cohort and the user's own enrolment on it, if they may change their plan; else the
    refusal to return."""
    cohort = get_cohort(slug)
    enrolment = own_enrolment(request, cohort)
    if not request.user.has_perm("academies.change_plan", enrolment):
        return cohort, None, refusal(request, cohort)
    enrolment.cohort = cohort
    return cohort, enrolment, None


def _plan_url(cohort) -> str:
    return reverse("academies:plan", args=[cohort.slug])


def _plan_page(request, cohort, enrolment, *, can_change: bool):
    plan = plans.plan_of(enrolment)
    return render(
        request,
        "academies/plans/plan.html",
        {
            "cohort": cohort,
            "enrolment": enrolment,
            "plan": plan,
            "actions": list(plan.actions.all()) if plan else [],
            "milestones": plans.milestones(plan),
            "can_change": can_change,
        },
    )


@require_GET
def my_plan(request, slug: str):
    cohort, enrolment, refused = _own(request, slug)
    if refused:
        return refused
    return _plan_page(request, cohort, enrolment, can_change=True)


@require_GET
def participant_plan(request, slug: str, enrolment_id: int):
    cohort = get_cohort(slug)
    enrolment = cohort_enrolment(cohort, enrolment_id)
    if not request.user.has_perm("academies.view_enrolment", enrolment):
        return refusal(request, cohort)
    return _plan_page(request, cohort, enrolment, can_change=False)


@require_http_methods(["GET", "POST"])
def edit_plan(request, slug: str):
    cohort, enrolment, refused = _own(request, slug)
    if refused:
        return refused
    plan = plans.plan_of(enrolment)
    initial = (
        {name: getattr(plan, name) for name in ("ambition", "partners", "expected_benefits")}
        if plan
        else None
    )
    form = PlanForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            plans.plan_save(enrolment=enrolment, **form.cleaned_data)
        except plans.PlanError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, "Your plan has been saved")
            return redirect(_plan_url(cohort))
    return render(
        request,
        "academies/plans/edit.html",
        {"form": form, "cohort": cohort, "plan": plan, "back_url": _plan_url(cohort)},
    )


@require_POST
def submit_plan(request, slug: str):
    cohort, enrolment, refused = _own(request, slug)
    if refused:
        return refused
    plan = plans.plan_of(enrolment)
    if plan is None:
        return redirect("academies:plan-edit", cohort.slug)
    try:
        plans.plan_submit(plan=plan)
    except plans.PlanError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, "Your plan has been submitted. You can still change it.")
    return redirect(_plan_url(cohort))


def _own_plan(request, slug: str):
    cohort, enrolment, refused = _own(request, slug)
    if refused:
        return cohort, None, refused
    plan = plans.plan_of(enrolment)
    if plan is None:
        return cohort, None, redirect("academies:plan-edit", cohort.slug)
    return cohort, plan, None


@require_http_methods(["GET", "POST"])
def action_edit(request, slug: str, action_id: int | None = None):
    cohort, plan, refused = _own_plan(request, slug)
    if refused:
        return refused
    action = get_object_or_404(plan.actions, pk=action_id) if action_id else None
    initial = (
        {f: getattr(action, f) for f in ("description", "partner", "due_on", "status")}
        if action
        else None
    )
    form = ActionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        plans.plan_action_save(plan=plan, action=action, **form.cleaned_data)
        messages.success(request, "The action has been saved")
        return redirect(_plan_url(cohort) + "#actions")
    return render(
        request,
        "academies/plans/action.html",
        {"form": form, "cohort": cohort, "action": action, "back_url": _plan_url(cohort)},
    )


@require_http_methods(["GET", "POST"])
def action_remove(request, slug: str, action_id: int):
    cohort, plan, refused = _own_plan(request, slug)
    if refused:
        return refused
    action = get_object_or_404(plan.actions, pk=action_id)
    if request.method == "POST":
        plans.plan_action_remove(plan=plan, action=action)
        messages.success(request, "The action has been removed")
        return redirect(_plan_url(cohort) + "#actions")
    return render(
        request,
        "academies/plans/action_remove.html",
        {"cohort": cohort, "action": action, "back_url": _plan_url(cohort)},
    )


@require_http_methods(["GET", "POST"])
def plan_update(request, slug: str, milestone: str):
    if milestone not in Milestone.values:
        raise Http404("No such update")
    cohort, plan, refused = _own_plan(request, slug)
    if refused:
        return refused
    state = next(s for s in plans.milestones(plan) if s.milestone == milestone)
    actions = list(plan.actions.all())
    update = state.update
    initial = (
        {f: getattr(update, f) for f in ("progress", "achieved", "benefits_seen", "next_steps")}
        if update
        else None
    )
    form = PlanUpdateForm(request.POST or None, actions=actions, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if not k.startswith("action_")}
        try:
            plans.plan_update_save(
                plan=plan,
                milestone=milestone,
                action_statuses=form.action_statuses(),
                **data,
            )
        except plans.PlanError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, f"Your {state.label} has been saved")
            return redirect(_plan_url(cohort) + "#updates")
    return render(
        request,
        "academies/plans/update.html",
        {
            "form": form,
            "cohort": cohort,
            "plan": plan,
            "state": state,
            "back_url": _plan_url(cohort),
        },
    )


# Programme progress ------------------------------------------------------------------------


def _progress(request):
    filters = ProgressFilterForm(request.GET or None)
    rows = plans.programme_progress(**filters.filters())
    return filters, rows


def _share(row) -> str:
    return "" if row.on_track_share is None else f"{row.on_track_share:.0f}"


@permission_required("academies.view_programme_progress")
@require_GET
def programme_progress(request):
    filters, rows = _progress(request)
    return render(
        request,
        "academies/plans/progress.html",
        {
            "filters": filters,
            "rows": rows,
            "totals": plans.progress_totals(rows),
            "query": request.GET.urlencode(),
        },
    )


PROGRESS_COLUMNS = [
    ("Cohort", lambda r: r.cohort.title if r.cohort else "Total"),
    ("Academy", lambda r: r.cohort.get_academy_display() if r.cohort else ""),
    ("Place", lambda r: r.cohort.place.name if r.cohort and r.cohort.place else ""),
    ("Status", lambda r: r.cohort.get_status_display() if r.cohort else ""),
    ("Participants with a place", lambda r: r.participants),
    ("Plans submitted", lambda r: r.plans_submitted),
    ("6-month updates due", lambda r: r.six_due),
    ("6-month updates written", lambda r: r.six_written),
    ("12-month updates due", lambda r: r.twelve_due),
    ("12-month updates written", lambda r: r.twelve_written),
    ("Actions done", lambda r: r.actions_done),
    ("Actions in plans", lambda r: r.actions_total),
    ("Plans with an update", lambda r: r.with_updates),
    ("On track at latest update (%)", _share),
]


@permission_required("academies.view_programme_progress")
@require_GET
def programme_progress_csv(request):
    """The progress table as CSV: one row per cohort, then a Total row."""
    _, rows = _progress(request)
    return csv_response(
        filename="academies-progress.csv",
        columns=PROGRESS_COLUMNS,
        rows=[*rows, plans.progress_totals(rows)],
    )
