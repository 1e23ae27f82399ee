"""Profile pages: a champion's page, nominating a champion, the programme admins' queue of
nominations and their decision, and a champion's own changes.

A profile that is not approved answers 404, never 403, to anyone who may not see it
(champions.view_profile), so a nomination or a decline never leaks.
"""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_GET, require_http_methods

from hub.champions import selectors, services
from hub.champions.forms_profiles import DecisionForm, NominationForm, ProfileEditForm
from hub.champions.models import ChampionProfile, ProfileStatus
from hub.core.permissions import permission_required
from hub.core.rich_text import render_markdown

NOT_FOUND = "No champion has this address"


def viewable_profile(request, slug: str) -> ChampionProfile:
    """The profile at `slug` if the user may see it (champions.view_profile), else 404."""
    try:
        profile = selectors.champion_detail(slug)
    except ChampionProfile.DoesNotExist:
        raise Http404(NOT_FOUND) from None
    if not request.user.has_perm("champions.view_profile", profile):
        raise Http404(NOT_FOUND)
    return profile


@require_GET
def champion_detail(request, slug: str):
    profile = viewable_profile(request, slug)
    user = request.user
    return render(
        request,
        "champions/detail.html",
        {
            "profile": profile,
            "person": profile.person,
            "organisation": profile.person.organisation,
            "experience_html": mark_safe(render_markdown(profile.experience)),  # noqa: S308 - sanitised by nh3
            "capacity_left": selectors.capacity_left(profile),
            "sessions": selectors.hosted_open_sessions(profile),
            "can_edit": user.has_perm("champions.change_profile", profile),
            "is_own": profile.person.user_id is not None and profile.person.user_id == user.pk,
            "can_ask": profile.status == ProfileStatus.APPROVED
            and (
                not user.is_authenticated or user.has_perm("champions.request_mentoring", profile)
            ),
        },
    )


@permission_required("champions.nominate")
@require_http_methods(["GET", "POST"])
def nominate(request):
    form = NominationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        person = form.cleaned_data["person"]
        try:
            services.champion_nominate(person=person, by=request.user, data=form.profile_data())
        except services.NominationRefused as error:
            form.add_error("person", str(error))
        else:
            messages.success(
                request,
                f"Your nomination of {person.full_name} has been sent to the programme team",
            )
            return redirect("champions:directory")
    return render(request, "champions/nominate.html", {"form": form})


@permission_required("champions.decide_nomination")
@require_GET
def nomination_list(request):
    return render(
        request, "champions/nominations.html", {"nominations": list(selectors.nominations())}
    )


@permission_required("champions.decide_nomination")
@require_http_methods(["GET", "POST"])
def decide(request, pk: int):
    profile = get_object_or_404(selectors.nominations(), pk=pk)
    form = DecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.champion_decide(
                profile=profile,
                by=request.user,
                approve=form.approves,
                note=form.cleaned_data["note"].strip(),
            )
        except services.NominationRefused as error:
            messages.error(request, str(error))
        else:
            outcome = "approved" if form.approves else "declined"
            messages.success(request, f"{profile.person.full_name}’s nomination is {outcome}")
        return redirect("champions:nominations")
    return render(
        request,
        "champions/decide.html",
        {
            "profile": profile,
            "form": form,
            "experience_html": mark_safe(render_markdown(profile.experience)),  # noqa: S308 - sanitised by nh3
        },
    )


@require_http_methods(["GET", "POST"])
def edit(request, slug: str):
    profile = viewable_profile(request, slug)
    if not request.user.has_perm("champions.change_profile", profile):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        raise PermissionDenied
    form = ProfileEditForm(request.POST or None, instance=profile)
    if request.method == "POST" and form.is_valid():
        services.champion_update_profile(profile=profile, data=form.profile_data())
        messages.success(request, "Your changes to the profile have been saved")
        return redirect(profile)
    return render(request, "champions/edit.html", {"profile": profile, "form": form})
