"""A council team's assessment: the self-assessment's home, starting one, the team, answering
one capability a page, checking and submitting, the assessment's page, closing it, and the
team's results.

Only the team sees an assessment: to anyone else signed in its addresses give a 404,
programme staff included, since individual answers are the team's alone."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from hub.assessment import answering as services
from hub.assessment import framework as frameworks
from hub.assessment.forms_assessments import AddMemberForm, CapabilityAnswersForm, StartForm
from hub.assessment.models import SCALE_TOP, Assessment, Capability
from hub.assessment.views.access import assessment_permission_required, own_membership
from hub.core import charts


def _posted(request):
    return request.POST if request.method == "POST" else None


def _context(request, assessment: Assessment, **extra) -> dict:
    user = request.user
    return {
        "assessment": assessment,
        "membership": own_membership(request, assessment),
        "can_manage": user.has_perm("assessment.manage", assessment),
        "can_answer": user.has_perm("assessment.answer", assessment),
        **extra,
    }


# Home and starting ---------------------------------------------------------------------------


@require_GET
def home(request):
    return render(
        request,
        "assessment/assessments/home.html",
        {
            "framework": frameworks.current_framework(),
            "assessments": services.assessments_of(request.user),
            "can_start": request.user.has_perm("assessment.start"),
        },
    )


@require_http_methods(["GET", "POST"])
def start(request):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not request.user.has_perm("assessment.start"):
        return render(request, "assessment/assessments/no_person.html")
    organisation = request.user.person.organisation
    form = StartForm(
        _posted(request), initial={"title": f"{organisation.short_name} leadership team"}
    )
    if request.method == "POST" and form.is_valid():
        try:
            assessment = services.assessment_start(
                user=request.user, title=form.cleaned_data["title"]
            )
        except services.AssessmentError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, "Assessment started: add your team, then answer")
            return redirect("assessment:team", pk=assessment.pk)
    return render(
        request,
        "assessment/assessments/start.html",
        {"form": form, "organisation": organisation},
    )


# The assessment and its team -----------------------------------------------------------------


@assessment_permission_required("assessment.view")
@require_GET
def detail(request, assessment: Assessment):
    members = list(services.team(assessment))
    return render(
        request,
        "assessment/assessments/detail.html",
        _context(
            request,
            assessment,
            members=members,
            submitted=sum(1 for m in members if m.has_submitted),
        ),
    )


@assessment_permission_required("assessment.view")
@require_http_methods(["GET", "POST"])
def team(request, assessment: Assessment):
    can_manage = request.user.has_perm("assessment.manage", assessment)
    if request.method == "POST" and not can_manage:
        raise PermissionDenied
    form = None
    if can_manage and assessment.is_open:
        form = AddMemberForm(_posted(request), people=services.eligible_people(assessment))
    elif request.method == "POST":
        messages.error(request, "This assessment is closed, so its team cannot change")
        return redirect("assessment:team", pk=assessment.pk)
    if form is not None and request.method == "POST" and form.is_valid():
        try:
            member = services.team_member_add(
                assessment=assessment, person=form.cleaned_data["person"], by=request.user
            )
        except services.AssessmentError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, f"{member.person.full_name} added: we have emailed them")
            return redirect("assessment:team", pk=assessment.pk)
    return render(
        request,
        "assessment/assessments/team.html",
        _context(request, assessment, members=services.team(assessment), form=form),
    )


@assessment_permission_required("assessment.manage")
@require_POST
def team_remove(request, assessment: Assessment, member: int):
    item = get_object_or_404(assessment.members.select_related("person", "user"), pk=member)
    try:
        services.team_member_remove(member=item)
    except services.AssessmentError as error:
        messages.error(request, str(error))
    else:
        name = item.person.full_name if item.person else item.user.get_full_name()
        messages.success(request, f"{name} removed from the team")
    return redirect("assessment:team", pk=assessment.pk)


@assessment_permission_required("assessment.manage")
@require_http_methods(["GET", "POST"])
def close(request, assessment: Assessment):
    error = None
    if request.method == "POST":
        try:
            services.assessment_close(assessment=assessment)
        except services.AssessmentError as refused:
            error = str(refused)
        else:
            messages.success(request, "Assessment closed: the results are final")
            return redirect("assessment:results", pk=assessment.pk)
    members = list(services.team(assessment))
    return render(
        request,
        "assessment/assessments/close.html",
        _context(
            request,
            assessment,
            error=error,
            members=members,
            submitted=sum(1 for m in members if m.has_submitted),
        ),
    )


# Answering -----------------------------------------------------------------------------------


@assessment_permission_required("assessment.answer")
@require_GET
def answer_start(request, assessment: Assessment):
    member = own_membership(request, assessment)
    member.assessment = assessment
    capability = None if member.has_submitted else services.first_unanswered(member)
    if capability is None:
        return redirect("assessment:answer-check", pk=assessment.pk)
    return redirect("assessment:answer", pk=assessment.pk, code=capability.code)


@assessment_permission_required("assessment.answer")
@require_http_methods(["GET", "POST"])
def answer(request, assessment: Assessment, code: str):
    member = own_membership(request, assessment)
    member.assessment = assessment
    capabilities = services.capabilities_of(assessment)
    position = next((i for i, c in enumerate(capabilities) if c.code == code), None)
    if position is None:
        raise Http404("No capability has this address")
    if member.has_submitted:
        messages.info(request, "You have submitted your answers, so they can no longer change")
        return redirect("assessment:answer-check", pk=assessment.pk)
    capability: Capability = capabilities[position]
    form = CapabilityAnswersForm(
        _posted(request), capability=capability, answers=services.own_answers(member)
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.answers_save(member=member, capability=capability, scores=form.scores())
        except services.AssessmentError as error:
            form.add_error(None, str(error))
        else:
            if position + 1 < len(capabilities):
                following = capabilities[position + 1]
                return redirect("assessment:answer", pk=assessment.pk, code=following.code)
            return redirect("assessment:answer-check", pk=assessment.pk)
    return render(
        request,
        "assessment/assessments/answer.html",
        _context(
            request,
            assessment,
            capability=capability,
            form=form,
            number=position + 1,
            total=len(capabilities),
            previous=capabilities[position - 1] if position else None,
        ),
    )


@assessment_permission_required("assessment.answer")
@require_http_methods(["GET", "POST"])
def answer_check(request, assessment: Assessment):
    member = own_membership(request, assessment)
    member.assessment = assessment
    error = None
    if request.method == "POST":
        try:
            services.answers_submit(member=member)
        except services.AssessmentError as refused:
            error = str(refused)
        else:
            messages.success(request, "Your answers are submitted. Thank you")
            return redirect("assessment:detail", pk=assessment.pk)
    answers = services.own_answers(member)
    sections = []
    for capability in services.capabilities_of(assessment):
        rows = []
        for question in capability.questions.all():
            levels = {level.score: level for level in question.levels.all()}
            rows.append((question, levels.get(answers.get(question.pk))))
        sections.append((capability, rows))
    return render(
        request,
        "assessment/assessments/check.html",
        _context(
            request,
            assessment,
            member=member,
            sections=sections,
            missing=sum(1 for _c, rows in sections for _q, level in rows if level is None),
            error=error,
        ),
    )


# Results -------------------------------------------------------------------------------------


def _score_text(value: float | None) -> str:
    return "No answers" if value is None else f"{value:.0f}"


def _change_text(value: float | None) -> str:
    if value is None:
        return "–"
    rounded = round(value)
    return f"+{rounded}" if rounded > 0 else f"{rounded}" if rounded < 0 else "No change"


def _results_chart(results: services.TeamResults) -> charts.BarChart:
    previous = results.previous
    series = ["This assessment"]
    values = [[score.score] for score in results.scores]
    extra = [charts.TableColumn("Answers", [str(score.answers) for score in results.scores])]
    if previous is not None:
        by_code = {m.code: m for m in results.movements}
        series.append("Last time")
        for row, score in zip(values, results.scores, strict=True):
            row.append(by_code[score.code].previous)
        extra.append(
            charts.TableColumn(
                "Change since last time",
                [_change_text(by_code[score.code].change) for score in results.scores],
            )
        )
    return charts.bar_chart(
        chart_id="capability-scores",
        title="Score for each capability, out of 100",
        description=(
            "Each capability's score from 0 to 100: the mean of the team's submitted answers, "
            "where level 1 is 0 and level 5 is 100."
            + (" Last time is the previous assessment." if previous is not None else "")
        ),
        categories=[score.title for score in results.scores],
        series=series,
        values=values,
        max_value=100,
        tick_step=20,
        value_format=lambda value: f"{value:.0f}",
        missing_text="No answers",
        category_heading="Capability",
        extra_columns=extra,
    )


@assessment_permission_required("assessment.view")
@require_GET
def results(request, assessment: Assessment):
    team_results = services.team_results(assessment)
    return render(
        request,
        "assessment/assessments/results.html",
        _context(
            request,
            assessment,
            results=team_results,
            chart=_results_chart(team_results) if team_results.submitted else None,
            agreement=[(score, team_results.spreads[score.code]) for score in team_results.scores],
            levels=range(1, SCALE_TOP + 1),
            movements=[
                (m, _score_text(m.previous), _score_text(m.current), _change_text(m.change))
                for m in team_results.movements
            ],
        ),
    )
