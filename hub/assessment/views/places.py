"""Place spaces: the places someone may open, each place's space (partners and leads, joint
assessments, joint projects, academy cohorts, the board), the leads page, the board, and
starting and reading a joint assessment.

A space is for people of the place's partner organisations and programme staff; to anyone
else signed in its address gives a 404. Scores appear per body, never an individual answer."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_http_methods

from hub.assessment import places as services
from hub.assessment.forms_places import (
    BoardEntryForm,
    PlaceAssessmentStartForm,
    PlaceFilterForm,
    PlaceLeadForm,
)
from hub.assessment.models import BoardEntry, PlaceAssessment, TeamMember
from hub.assessment.views.access import place_permission_required
from hub.core import charts
from hub.core.pagination import paginate
from hub.core.rich_text import render_markdown
from hub.organisations.models import Place, Region

BOARD_PER_PAGE = 10
# Board entries the space itself shows; the board page has the rest.
BOARD_ON_SPACE = 3
NOT_ANSWERED = "Not answered yet"


def _submit(request, form, act):
    """The result of `act()` once the posted form is valid, or None: a service's refusal is
    shown in the form's error summary."""
    if request.method != "POST" or not form.is_valid():
        return None
    try:
        return act()
    except services.PlaceError as error:
        form.add_error(None, str(error))
    return None


def _rendered(entries) -> list[tuple[BoardEntry, str]]:
    # render_markdown sanitises with nh3, so the stored text cannot bring script.
    return [(entry, mark_safe(render_markdown(entry.body))) for entry in entries]  # noqa: S308


def _joint_assessments(place: Place):
    return place.assessments.select_related("framework").order_by("-created_at", "-pk")


def _latest_side_by_side(place: Place):
    latest = _joint_assessments(place).first()
    return latest and services.side_by_side(latest)


# The list and the space ----------------------------------------------------------------------


@require_http_methods(["GET"])
def place_list(request):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    filter_form = PlaceFilterForm(request.GET or None)
    filters = filter_form.filters()
    found = services.places_for(request.user)
    if filters.get("q"):
        found = found.filter(name__icontains=filters["q"])
    if filters.get("region"):
        found = found.filter(region=filters["region"])
    pagination = paginate(request, found, per_page=20)
    return render(
        request,
        "assessment/places/list.html",
        {
            "filter_form": filter_form,
            "filters": filters,
            "pagination": pagination,
            "places": pagination.object_list,
            "regions": Region.choices,
            "has_person": getattr(request.user, "person", None) is not None,
        },
    )


@place_permission_required("assessment.view_place_space")
@require_http_methods(["GET"])
def place_space(request, place: Place):
    user = request.user
    return render(
        request,
        "assessment/places/space.html",
        {
            "place": place,
            "sectors": services.partners_by_sector(place),
            "place_assessments": list(_joint_assessments(place)),
            "latest": _latest_side_by_side(place),
            "projects": services.joint_projects(place, user),
            "cohorts": list(services.place_cohorts(place)),
            "entries": _rendered(services.board_entries(place)[:BOARD_ON_SPACE]),
            "board_count": place.board_entries.count(),
            "can_manage_leads": user.has_perm("assessment.manage_place_leads", place),
            "can_start": user.has_perm("assessment.start_place_assessment", place),
            "can_post": user.has_perm("assessment.post_to_board", place),
        },
    )


# Leads and the board -------------------------------------------------------------------------


@place_permission_required("assessment.manage_place_leads")
@require_http_methods(["GET", "POST"])
def leads(request, place: Place):
    if request.method == "POST" and "remove" in request.POST:
        lead_id = request.POST["remove"]
        lead = get_object_or_404(
            place.leads.select_related("person"), pk=int(lead_id) if lead_id.isdigit() else 0
        )
        services.place_lead_remove(lead=lead, by=request.user)
        messages.success(request, f"{lead.person.full_name} is no longer a lead")
        return redirect("assessment:place-leads", place.slug)
    form = PlaceLeadForm(request.POST if request.method == "POST" else None, place=place)
    lead = _submit(
        request,
        form,
        lambda: services.place_lead_add(
            place=place, person=form.cleaned_data["person"], by=request.user
        ),
    )
    if lead is not None:
        messages.success(request, f"{lead.person.full_name} is now a lead")
        return redirect("assessment:place-leads", place.slug)
    return render(
        request,
        "assessment/places/leads.html",
        {"place": place, "sectors": services.partners_by_sector(place), "form": form},
    )


@place_permission_required("assessment.view_place_space")
@require_http_methods(["GET", "POST"])
def board(request, place: Place):
    can_post = request.user.has_perm("assessment.post_to_board", place)
    form = BoardEntryForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and not can_post:
        raise PermissionDenied
    entry = _submit(
        request,
        form,
        lambda: services.board_entry_post(
            place=place,
            kind=form.cleaned_data["kind"],
            title=form.cleaned_data["title"],
            body=form.cleaned_data["body"],
            author=request.user,
        ),
    )
    if entry is not None:
        messages.success(request, f"Posted “{entry.title}” to the board")
        return redirect("assessment:board", place.slug)
    pagination = paginate(request, services.board_entries(place), per_page=BOARD_PER_PAGE)
    return render(
        request,
        "assessment/places/board.html",
        {
            "place": place,
            "pagination": pagination,
            "entries": _rendered(pagination.object_list),
            "form": form if can_post else None,
        },
    )


# Joint assessments ---------------------------------------------------------------------------


@place_permission_required("assessment.start_place_assessment")
@require_http_methods(["GET", "POST"])
def place_assessment_start(request, place: Place):
    form = PlaceAssessmentStartForm(request.POST if request.method == "POST" else None, place=place)
    framework = services.current_framework()
    started = _submit(
        request,
        form,
        lambda: services.place_assessment_start(
            place=place,
            organisations=list(form.cleaned_data["organisations"]),
            title=form.cleaned_data["title"],
            by=request.user,
        ),
    )
    if started is not None:
        messages.success(request, "Joint assessment started: each partner's lead has an email")
        return redirect(started.get_absolute_url())
    return render(
        request,
        "assessment/places/assessment_start.html",
        {
            "place": place,
            "form": form,
            "framework": framework,
            "sectors": services.partners_by_sector(place),
        },
    )


def partner_charts(result: services.SideBySide) -> list[tuple[services.PartnerResult, object]]:
    """A grouped bar chart for each partner that has answered: its scores beside the place's
    mean, capability by capability. (A chart holds at most three series with short names, so
    one chart of every partner would not fit a place of four or more.)"""
    place_means = result.place_means()
    titles = [capability.title for capability in result.capabilities]
    drawn = []
    for partner in result.partners:
        if partner.scores is None:
            continue
        chart = charts.bar_chart(
            chart_id=f"scores-{partner.organisation.slug}",
            title=f"{partner.organisation.name}: capability scores",
            description=(
                f"Scores from 0 to 100 for each capability: {partner.organisation.name} "
                "beside the mean of the partners that have answered."
            ),
            categories=titles,
            series=["Partner", "Place"],
            values=[list(pair) for pair in zip(partner.cells, place_means, strict=True)],
            max_value=100,
            tick_step=20,
            value_format=lambda value: f"{value:.0f}",
            missing_text=NOT_ANSWERED,
            category_heading="Capability",
        )
        drawn.append((partner, chart))
    return drawn


@place_permission_required("assessment.view_place_space")
@require_http_methods(["GET"])
def place_assessment(request, place: Place, pk: int):
    joint = get_object_or_404(
        PlaceAssessment.objects.select_related("framework", "place"), pk=pk, place=place
    )
    result = services.side_by_side(joint)
    return render(
        request,
        "assessment/places/assessment.html",
        {
            "place": place,
            "joint": joint,
            "result": result,
            "charts": partner_charts(result),
            # The viewer's own teams get a link: their answers are theirs to see there.
            "own_team_ids": set(
                TeamMember.objects.filter(
                    user_id=request.user.pk, assessment__place_assessment=joint
                ).values_list("assessment_id", flat=True)
            ),
        },
    )
