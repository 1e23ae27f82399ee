"""Matching pages: a leader describes a problem and sees champions ranked by fit, with the
reasons, and can dismiss a suggestion; programme staff match a whole cohort at once.

The problem is kept in the session (post, redirect, get), so dismissing a suggestion shows the
same list again without it. Permissions are checked on the server for every request.
"""

from dataclasses import asdict
from functools import wraps

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from hub.champions import matching
from hub.champions.forms_matching import CohortForm, ProblemForm
from hub.champions.models import ChampionProfile, ProfileStatus
from hub.core.csv_export import csv_response
from hub.core.permissions import permission_required

PROBLEM_SESSION_KEY = "champions-match-problem"
BATCH_SESSION_KEY = "champions-batch-result"


def _signed_in(view):
    """Any signed-in person may look for a champion; visitors are sent to sign in."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        return view(request, *args, **kwargs)

    return wrapped


@_signed_in
@require_http_methods(["GET", "POST"])
def match(request):
    if request.method == "POST":
        form = ProblemForm(request.POST)
        if form.is_valid():
            request.session[PROBLEM_SESSION_KEY] = form.cleaned_data["problem"]
            return redirect("champions:match")
    else:
        problem = "" if "new" in request.GET else request.session.get(PROBLEM_SESSION_KEY, "")
        form = ProblemForm(initial={"problem": problem})
        if problem:
            suggestions = matching.suggest_champions(problem, request.user)
            return render(
                request,
                "champions/matching/suggestions.html",
                {"problem": problem, "suggestions": suggestions, "form": form},
            )
    return render(request, "champions/matching/match.html", {"form": form})


@_signed_in
@require_POST
def dismiss(request, pk: int):
    champion = get_object_or_404(
        ChampionProfile.objects.select_related("person"), pk=pk, status=ProfileStatus.APPROVED
    )
    matching.suggestion_dismiss(user=request.user, champion=champion)
    messages.success(request, f"{champion.person.full_name} will not be suggested to you again.")
    return redirect("champions:match")


@permission_required("champions.run_batch_match")
@require_http_methods(["GET", "POST"])
def batch(request):
    result, context = None, {}
    if request.method == "POST":
        form = CohortForm(request.POST, request.FILES)
        if form.is_valid():
            result = matching.batch_match(form.cleaned_data["mentees"])
            request.session[BATCH_SESSION_KEY] = _rows(result)
            context = {
                "cohort_size": len(form.cleaned_data["mentees"]),
                "pairs": [(pair, result.reasons[pair.mentee.key]) for pair in result.pairs],
            }
    else:
        form = CohortForm()
    context.update(form=form, result=result)
    return render(request, "champions/matching/batch.html", context)


def _rows(result: matching.BatchResult) -> list[dict]:
    rows = [
        {
            **asdict(pair.mentee),
            "champion": pair.champion.name,
            "champion_id": pair.champion.champion_id,
            "score": round(pair.score, 3),
            "reasons": "; ".join(result.reasons.get(pair.mentee.key, ())),
        }
        for pair in result.pairs
    ]
    rows += [
        {**asdict(mentee), "champion": "", "champion_id": "", "score": "", "reasons": ""}
        for mentee in result.unassigned
    ]
    return rows


@permission_required("champions.run_batch_match")
@require_GET
def batch_export(request):
    rows = request.session.get(BATCH_SESSION_KEY)
    if not rows:
        messages.info(request, "Match a cohort first, then export the pairs.")
        return redirect("champions:batch")
    columns = [
        ("Mentee", lambda row: row["name"]),
        ("Email", lambda row: row["email"]),
        ("Organisation", lambda row: row["organisation"]),
        ("Problem", lambda row: row["problem"]),
        ("Champion", lambda row: row["champion"] or "Not assigned"),
        ("Fit", lambda row: row["score"]),
        ("Reasons", lambda row: row["reasons"]),
    ]
    return csv_response(filename="batch-match.csv", columns=columns, rows=rows)
