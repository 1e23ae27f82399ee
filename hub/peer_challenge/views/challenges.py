"""Challenges: the list (each person sees only what they may), setting one up, its page, the
peer team and the council's leads, the scoping record and the council's position statement.

Pages of one challenge load it through views.access: anyone who may not see it gets a 404."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from hub.core.pagination import paginate
from hub.core.permissions import permission_required
from hub.core.rich_text import render_markdown
from hub.organisations.models import COUNCIL_KINDS, Region
from hub.peer_challenge import challenges as services
from hub.peer_challenge.followup import can_view_action_plan
from hub.peer_challenge.forms_challenges import (
    ChallengeCreateForm,
    ChallengeFilterForm,
    ChallengeForm,
    CouncilLeadForm,
    PeerForm,
    PositionForm,
    ScopingForm,
)
from hub.peer_challenge.models import Challenge, ChallengeStatus, PeerRole
from hub.peer_challenge.views.access import challenge_permission_required


def _posted(request):
    return request.POST if request.method == "POST" else None


def _markdown(text: str) -> str:
    return mark_safe(render_markdown(text))  # noqa: S308 - sanitised by nh3


def _may(request, perm: str, challenge: Challenge) -> bool:
    return request.user.has_perm(perm, challenge)


@require_GET
def challenge_list(request):
    form = ChallengeFilterForm(request.GET)
    filters = form.filters()
    challenges = services.filtered(services.visible_challenges(request.user), **filters)
    pagination = paginate(request, services.with_people(challenges))
    return render(
        request,
        "peer_challenge/challenges/list.html",
        {
            "pagination": pagination,
            "filters": filters,
            "statuses": ChallengeStatus.choices,
            "regions": Region.choices,
            "kinds": [(kind.value, kind.label) for kind in COUNCIL_KINDS],
            "can_create": request.user.has_perm("peer_challenge.set_up"),
            "can_see_deadlines": request.user.has_perm("peer_challenge.view_deadlines"),
            "can_see_learning": request.user.has_perm("peer_challenge.view_sector_learning"),
        },
    )


@permission_required("peer_challenge.set_up")
@require_http_methods(["GET", "POST"])
def challenge_create(request):
    form = ChallengeCreateForm(_posted(request))
    if form.is_bound and form.is_valid():
        try:
            challenge = services.challenge_create(**form.cleaned_data, by=request.user)
        except services.ChallengeError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, f"{challenge.title} set up: now add the peer team")
            return redirect("peer_challenge:team", slug=challenge.slug)
    return render(request, "peer_challenge/challenges/form.html", {"form": form})


@challenge_permission_required("peer_challenge.change_challenge")
@require_http_methods(["GET", "POST"])
def challenge_edit(request, challenge: Challenge):
    form = ChallengeForm(_posted(request), challenge=challenge)
    if form.is_bound and form.is_valid():
        try:
            services.challenge_update(challenge=challenge, **form.cleaned_data)
        except services.ChallengeError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, "Challenge saved")
            return redirect(challenge)
    return render(
        request, "peer_challenge/challenges/form.html", {"form": form, "challenge": challenge}
    )


@challenge_permission_required("peer_challenge.view")
@require_GET
def challenge_detail(request, challenge: Challenge):
    confidential = _may(request, "peer_challenge.view_confidential", challenge)
    can_change = _may(request, "peer_challenge.change_challenge", challenge)
    team = services.team(challenge)
    return render(
        request,
        "peer_challenge/challenges/detail.html",
        {
            "challenge": challenge,
            "team": team,
            "has_lead_peer": any(m.role == PeerRole.LEAD_PEER for m in team),
            "leads": services.council_leads(challenge) if confidential else None,
            "deadlines": services.deadline_dates(challenge),
            "can_see_confidential": confidential,
            "can_see_action_plan": can_view_action_plan(request.user, challenge),
            "can_change": can_change,
            "next_status": services.NEXT_STATUS.get(challenge.status) if can_change else None,
        },
    )


@challenge_permission_required("peer_challenge.change_challenge")
@require_POST
def status_advance(request, challenge: Challenge):
    try:
        challenge = services.challenge_status_advance(challenge=challenge)
    except services.ChallengeError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, f"The challenge is now at “{challenge.get_status_display()}”")
    return redirect(challenge)


@challenge_permission_required("peer_challenge.change_challenge")
@require_http_methods(["GET", "POST"])
def team(request, challenge: Challenge):
    data = _posted(request)
    peer_form = PeerForm(data if data and "peer-person" in data else None)
    lead_form = CouncilLeadForm(
        data if data and "lead-person" in data else None, challenge=challenge
    )
    for form, add in (
        (peer_form, lambda d: services.peer_add(challenge=challenge, by=request.user, **d)),
        (lead_form, lambda d: services.council_lead_add(challenge=challenge, by=request.user, **d)),
    ):
        if form.is_bound and form.is_valid():
            try:
                added = add(form.cleaned_data)
            except services.ChallengeError as error:
                form.add_error(None, str(error))
            else:
                emailed = " We have emailed them a link." if added.person.user_id else ""
                messages.success(request, f"{added.person.full_name} added.{emailed}")
                return redirect("peer_challenge:team", slug=challenge.slug)
    return render(
        request,
        "peer_challenge/challenges/team.html",
        {
            "challenge": challenge,
            "team": services.team(challenge),
            "leads": services.council_leads(challenge),
            "peer_form": peer_form,
            "lead_form": lead_form,
            "form": peer_form if peer_form.is_bound else lead_form,
        },
    )


@challenge_permission_required("peer_challenge.change_challenge")
@require_POST
def peer_remove(request, challenge: Challenge, pk: int):
    member = get_object_or_404(challenge.peers.select_related("person"), pk=pk)
    services.peer_remove(member=member)
    messages.success(request, f"{member.person.full_name} removed from the peer team")
    return redirect("peer_challenge:team", slug=challenge.slug)


@challenge_permission_required("peer_challenge.change_challenge")
@require_POST
def lead_remove(request, challenge: Challenge, pk: int):
    lead = get_object_or_404(challenge.council_leads.select_related("person"), pk=pk)
    services.council_lead_remove(lead=lead)
    messages.success(request, f"{lead.person.full_name} is no longer a council lead")
    return redirect("peer_challenge:team", slug=challenge.slug)


@challenge_permission_required("peer_challenge.view_confidential")
@require_http_methods(["GET", "POST"])
def scoping(request, challenge: Challenge):
    can_edit = _may(request, "peer_challenge.change_challenge", challenge)
    if request.method == "POST" and not can_edit:
        raise PermissionDenied
    form = None
    if can_edit:
        form = ScopingForm(
            _posted(request),
            initial={
                "scoping_meeting_on": challenge.scoping_meeting_on,
                "notes": challenge.scoping_notes,
            },
        )
        if form.is_bound and form.is_valid():
            services.scoping_update(
                challenge=challenge,
                scoping_meeting_on=form.cleaned_data["scoping_meeting_on"],
                notes=form.cleaned_data["notes"],
            )
            messages.success(request, "Scoping record saved")
            return redirect("peer_challenge:scoping", slug=challenge.slug)
    return render(
        request,
        "peer_challenge/challenges/scoping.html",
        {"challenge": challenge, "form": form, "notes": _markdown(challenge.scoping_notes)},
    )


@challenge_permission_required("peer_challenge.view_confidential")
@require_http_methods(["GET", "POST"])
def position_statement(request, challenge: Challenge):
    can_edit = services.may_edit_position(request.user, challenge)
    if request.method == "POST" and not can_edit:
        raise PermissionDenied
    if request.method == "POST" and "from_assessment" in request.POST:
        try:
            assessment = services.position_from_assessment(challenge=challenge)
        except services.ChallengeError as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request,
                f"The statement now starts from “{assessment.title}”: check it and add to it",
            )
        return redirect("peer_challenge:position", slug=challenge.slug)
    form = None
    if can_edit:
        form = PositionForm(_posted(request), initial={"statement": challenge.position_statement})
        if form.is_bound and form.is_valid():
            services.position_update(challenge=challenge, statement=form.cleaned_data["statement"])
            messages.success(request, "Position statement saved")
            return redirect("peer_challenge:position", slug=challenge.slug)
    return render(
        request,
        "peer_challenge/challenges/position.html",
        {
            "challenge": challenge,
            "form": form,
            "statement": _markdown(challenge.position_statement),
            "assessment": services.latest_closed_assessment(challenge.organisation)
            if can_edit
            else None,
        },
    )
