"""Mentoring pages: asking a champion (one question a page, then check and send), your
mentoring as mentee and as mentor, a relationship's page, answering a request, withdrawing it,
logging meetings, closing with feedback.

A relationship is private to its two people: anyone else, programme staff included, gets a
404, so its existence does not leak. Every page checks its permission on the server.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from hub.champions import mentoring as services
from hub.champions.forms_mentoring import (
    ANSWER_ACCEPT,
    ANSWER_DECLINE,
    AcceptForm,
    DeclineForm,
    FeedbackForm,
    MeetingForm,
    PreferencesForm,
    ProblemForm,
    SendRequestForm,
)
from hub.champions.models import ChampionProfile, Frequency, Mentoring, MentoringStatus
from hub.core.permissions import permission_required

REQUEST_SESSION_KEY = "champions-request-{pk}"


def _posted(request):
    """The form data when the form was sent, even empty (an empty form is still sent)."""
    return request.POST if request.method == "POST" else None


# Asking a champion -------------------------------------------------------------------------


def _requested_champion(request, slug: str) -> ChampionProfile:
    """The champion, or 404 for a profile the user may not even see."""
    profile = get_object_or_404(
        ChampionProfile.objects.select_related("person__organisation", "person__user"), slug=slug
    )
    if not request.user.has_perm("champions.view_profile", profile):
        raise Http404("No such champion")
    request.champion = profile
    return profile


def _draft(request, profile: ChampionProfile) -> dict:
    return request.session.get(REQUEST_SESSION_KEY.format(pk=profile.pk), {})


def _save_draft(request, profile: ChampionProfile, **values) -> None:
    request.session[REQUEST_SESSION_KEY.format(pk=profile.pk)] = {
        **_draft(request, profile),
        **values,
    }


def _request_step(request, slug: str, *, needs_preferences: bool = False):
    """The champion and the answers so far, or the page to show instead of this step: why
    the champion cannot be asked, or the first step still to answer."""
    profile = request.champion
    if refusal := _cannot_request(request, profile):
        return profile, {}, refusal
    draft = _draft(request, profile)
    if not draft.get("problem"):
        return profile, draft, redirect("champions:request", slug=slug)
    if needs_preferences and not (draft.get("length_months") and draft.get("meeting_frequency")):
        return profile, draft, redirect("champions:request_preferences", slug=slug)
    return profile, draft, None


def _cannot_request(request, profile: ChampionProfile):
    reason = services.why_cannot_request(profile, request.user)
    if reason is None:
        return None
    return render(
        request,
        "champions/mentoring/cannot_request.html",
        {"champion": profile, "reason": reason},
    )


@permission_required("champions.request_mentoring", fn=_requested_champion)
@require_http_methods(["GET", "POST"])
def request_problem(request, slug: str):
    profile = request.champion
    if refusal := _cannot_request(request, profile):
        return refusal
    draft = _draft(request, profile)
    initial = {"problem": request.GET.get("problem", "")[:3000] or draft.get("problem", "")}
    form = ProblemForm(_posted(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        _save_draft(request, profile, problem=form.cleaned_data["problem"])
        return redirect("champions:request_preferences", slug=slug)
    return render(
        request,
        "champions/mentoring/request_problem.html",
        {"form": form, "champion": profile, "back_url": profile.get_absolute_url()},
    )


@permission_required("champions.request_mentoring", fn=_requested_champion)
@require_http_methods(["GET", "POST"])
def request_preferences(request, slug: str):
    profile, draft, elsewhere = _request_step(request, slug)
    if elsewhere:
        return elsewhere
    initial = {
        "length_months": draft.get("length_months", 6),
        "meeting_frequency": draft.get("meeting_frequency", profile.meeting_frequency),
    }
    form = PreferencesForm(_posted(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        _save_draft(request, profile, **form.cleaned_data)
        return redirect("champions:request_check", slug=slug)
    return render(
        request,
        "champions/mentoring/request_preferences.html",
        {"form": form, "champion": profile, "back_url": reverse("champions:request", args=[slug])},
    )


@permission_required("champions.request_mentoring", fn=_requested_champion)
@require_http_methods(["GET", "POST"])
def request_check(request, slug: str):
    profile, draft, elsewhere = _request_step(request, slug, needs_preferences=True)
    if elsewhere:
        return elsewhere
    form = SendRequestForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            mentoring = services.request_mentoring(
                champion=profile,
                mentee=request.user,
                problem=draft["problem"],
                length_months=int(draft["length_months"]),
                meeting_frequency=draft["meeting_frequency"],
            )
        except services.MentoringError as error:
            form.add_error(None, str(error))
        else:
            request.session.pop(REQUEST_SESSION_KEY.format(pk=profile.pk), None)
            messages.success(
                request,
                f"Your request has been sent to {profile.person.full_name}. We will email you "
                "when they answer.",
            )
            return redirect(mentoring.get_absolute_url())
    return render(
        request,
        "champions/mentoring/request_check.html",
        {
            "form": form,
            "champion": profile,
            "draft": draft,
            "frequency_label": Frequency(draft["meeting_frequency"]).label,
            "back_url": reverse("champions:request_preferences", args=[slug]),
        },
    )


# Your mentoring ----------------------------------------------------------------------------


@permission_required("accounts.view_own_account")
@require_GET
def mentoring_list(request):
    mentorings = Mentoring.objects.select_related(
        "champion__person__organisation", "mentee"
    ).order_by("-created_at", "-pk")
    as_mentor = list(mentorings.filter(champion__person__user=request.user))
    return render(
        request,
        "champions/mentoring/list.html",
        {
            "waiting": [m for m in as_mentor if m.status == MentoringStatus.REQUESTED],
            "as_mentor": [m for m in as_mentor if m.status != MentoringStatus.REQUESTED],
            "as_mentee": list(mentorings.filter(mentee=request.user)),
        },
    )


def _mentoring(request, pk: int) -> Mentoring:
    """The relationship, or 404 for anyone but its two people (see the module's docstring)."""
    mentoring = get_object_or_404(
        Mentoring.objects.select_related("champion__person__user", "mentee"), pk=pk
    )
    if not request.user.has_perm("champions.view_mentoring", mentoring):
        if not request.user.is_authenticated:
            return None
        raise Http404("No such mentoring")
    request.mentoring = mentoring
    return mentoring


def _back(mentoring: Mentoring) -> str:
    return mentoring.get_absolute_url()


@permission_required("champions.view_mentoring", fn=_mentoring)
@require_GET
def mentoring_detail(request, pk: int):
    mentoring = request.mentoring
    side = services.side_of(mentoring, request.user)
    return render(
        request,
        "champions/mentoring/detail.html",
        {
            "mentoring": mentoring,
            "side": side,
            "meetings": list(mentoring.meetings.select_related("logged_by")),
            "my_feedback_given": services.feedback_given(mentoring, side),
        },
    )


@permission_required("champions.answer_request", fn=_mentoring)
@require_http_methods(["GET", "POST"])
def answer(request, pk: int):
    mentoring = request.mentoring
    if mentoring.status != MentoringStatus.REQUESTED:
        messages.error(request, "This request has already been answered")
        return redirect(_back(mentoring))
    submitted = None
    if request.method == "POST":
        submitted = next((a for a in (ANSWER_ACCEPT, ANSWER_DECLINE) if a in request.POST), None)
    accept_form = AcceptForm(
        request.POST if submitted == ANSWER_ACCEPT else None,
        initial={
            "length_months": mentoring.length_months,
            "meeting_frequency": mentoring.meeting_frequency,
        },
    )
    decline_form = DeclineForm(request.POST if submitted == ANSWER_DECLINE else None)
    form = accept_form if submitted == ANSWER_ACCEPT else decline_form
    if submitted is not None and form.is_valid():
        try:
            if submitted == ANSWER_ACCEPT:
                services.accept(mentoring=mentoring, by=request.user, **form.cleaned_data)
                messages.success(request, f"You are now mentoring {mentoring.mentee}")
            else:
                services.decline(mentoring=mentoring, by=request.user, **form.cleaned_data)
                messages.success(request, f"You have declined. We have told {mentoring.mentee}")
        except services.MentoringError as error:
            messages.error(request, str(error))
        return redirect(_back(mentoring))
    return render(
        request,
        "champions/mentoring/answer.html",
        {
            "mentoring": mentoring,
            "accept_form": accept_form,
            "decline_form": decline_form,
            "back_url": _back(mentoring),
        },
    )


@permission_required("champions.view_mentoring", fn=_mentoring)
@require_POST
def withdraw(request, pk: int):
    mentoring = request.mentoring
    if services.side_of(mentoring, request.user) != services.MENTEE:
        raise PermissionDenied
    try:
        services.withdraw(mentoring=mentoring, by=request.user)
    except services.MentoringError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, "Your request has been withdrawn")
    return redirect(_back(mentoring))


@permission_required("champions.log_meeting", fn=_mentoring)
@require_http_methods(["GET", "POST"])
def log_meeting(request, pk: int):
    mentoring = request.mentoring
    if mentoring.status != MentoringStatus.ACCEPTED:
        messages.error(request, "Meetings can only be logged while the mentoring is under way")
        return redirect(_back(mentoring))
    form = MeetingForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.log_meeting(mentoring=mentoring, by=request.user, **form.cleaned_data)
        except services.MentoringError as error:
            form.add_error("held_on", str(error))
        else:
            messages.success(request, "The meeting has been logged")
            return redirect(_back(mentoring))
    return render(
        request,
        "champions/mentoring/log_meeting.html",
        {"form": form, "mentoring": mentoring, "back_url": _back(mentoring)},
    )


@permission_required("champions.close_mentoring", fn=_mentoring)
@require_http_methods(["GET", "POST"])
def close(request, pk: int):
    mentoring = request.mentoring
    side = services.side_of(mentoring, request.user)
    closing = mentoring.status == MentoringStatus.ACCEPTED
    if not closing and (
        mentoring.status != MentoringStatus.CLOSED or services.feedback_given(mentoring, side)
    ):
        messages.error(
            request,
            "You have already given your feedback"
            if mentoring.status == MentoringStatus.CLOSED
            else "Only a mentoring that is under way can be closed",
        )
        return redirect(_back(mentoring))
    form = FeedbackForm(
        _posted(request), submit_text="Close the mentoring" if closing else "Send feedback"
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.close(mentoring=mentoring, by=request.user, **form.cleaned_data)
        except services.MentoringError as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request,
                "The mentoring is closed. Thank you for your feedback"
                if closing
                else "Thank you for your feedback",
            )
        return redirect(_back(mentoring))
    return render(
        request,
        "champions/mentoring/close.html",
        {"form": form, "mentoring": mentoring, "closing": closing, "back_url": _back(mentoring)},
    )
