"""Cohort pages: the list, creating and changing a cohort, its schedule, its participants,
applying with a sponsor, the sponsor's decision by link, withdrawing, and "Your academies".

A draft cohort is its facilitators' and programme staff's alone: to anyone else its address
gives a 404. Every page checks its permission on the server.
"""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from hub.academies import cohorts as services
from hub.academies.forms_cohorts import (
    AddParticipantForm,
    ApplyForm,
    CohortFilterForm,
    CohortForm,
    CohortStatusForm,
    ScheduleForm,
    SponsorDecisionForm,
)
from hub.academies.models import (
    ACTIVE_ENROLMENT,
    AcademyKind,
    Cohort,
    CohortStatus,
    Enrolment,
    SurveyStage,
)
from hub.academies.views.access import cohort_permission_required, own_enrolment
from hub.core.pagination import paginate
from hub.core.permissions import permission_required
from hub.organisations.models import Person, Region


def _posted(request):
    return request.POST if request.method == "POST" else None


def _submit(request, form, act):
    """The result of `act()` (a service call) once the posted form is valid, or None: the
    service's refusal is shown in the form's error summary."""
    if request.method != "POST" or not form.is_valid():
        return None
    try:
        return act()
    except services.ScheduleError as error:
        for problem in error.problems:
            form.add_error(None, problem)
    except services.CohortError as error:
        form.add_error(None, str(error))
    return None


# The list and the cohort's page --------------------------------------------------------------


@require_http_methods(["GET"])
def cohort_list(request):
    filter_form = CohortFilterForm(request.GET or None)
    cohorts = services.with_places_taken(services.visible_cohorts(request.user))
    cohorts = cohorts.filter(**filter_form.filters()).order_by("-created_at", "pk")
    pagination = paginate(request, cohorts, per_page=20)
    return render(
        request,
        "academies/cohorts/list.html",
        {
            "filter_form": filter_form,
            "filters": filter_form.filters(),
            "pagination": pagination,
            "cohorts": [
                (cohort, services.places_left(cohort)) for cohort in pagination.object_list
            ],
            "academies": AcademyKind.choices,
            "regions": Region.choices,
            "statuses": CohortStatus.choices,
            "can_create": request.user.has_perm("academies.create_cohort"),
        },
    )


def _participants(cohort: Cohort, *, everyone: bool):
    enrolments = cohort.enrolments.select_related("person", "organisation", "user")
    if not everyone:
        enrolments = enrolments.filter(status__in=ACTIVE_ENROLMENT)
    return [(enrolment, services.enrolment_status_label(enrolment)) for enrolment in enrolments]


@cohort_permission_required("academies.view_cohort")
@require_http_methods(["GET"])
def cohort_detail(request, cohort: Cohort):
    user = request.user
    can_manage = user.has_perm("academies.manage_cohort", cohort)
    enrolment = own_enrolment(request, cohort)
    context = {
        "cohort": cohort,
        "sessions": list(cohort.sessions.select_related("module")),
        "places_left": services.places_left(cohort),
        "enrolment": enrolment,
        "enrolment_label": enrolment and services.enrolment_status_label(enrolment),
        "can_apply": user.has_perm("academies.apply", cohort)
        and (enrolment is None or enrolment.status in services.REAPPLY_STATUSES),
        "sign_in_to_apply": not user.is_authenticated
        and cohort.status in (CohortStatus.RECRUITING, CohortStatus.RUNNING),
        "can_withdraw": enrolment is not None and enrolment.status in services.WITHDRAWABLE,
        "can_manage": can_manage,
        "can_see_participants": user.has_perm("academies.view_participants", cohort),
        "survey_stages": SurveyStage.choices,
    }
    if context["can_see_participants"]:
        context["participants"] = _participants(cohort, everyone=False)
    if can_manage:
        context["warnings"] = services.mix_warnings(cohort)
    return render(request, "academies/cohorts/detail.html", context)


@cohort_permission_required("academies.view_participants")
@require_http_methods(["GET"])
def participants(request, cohort: Cohort):
    can_manage = request.user.has_perm("academies.view_cohort_reports", cohort)
    return render(
        request,
        "academies/cohorts/participants.html",
        {
            "cohort": cohort,
            "participants": _participants(cohort, everyone=can_manage),
            "can_manage": can_manage,
            "can_add": request.user.has_perm("academies.manage_cohort", cohort),
        },
    )


# Creating and changing a cohort --------------------------------------------------------------


@permission_required("academies.create_cohort")
@require_http_methods(["GET", "POST"])
def cohort_create(request):
    form = CohortForm(_posted(request))
    cohort = _submit(
        request,
        form,
        lambda: services.cohort_create(
            by=request.user, facilitators=form.cleaned_data["facilitators"], **form.values()
        ),
    )
    if cohort is not None:
        messages.success(request, f"{cohort.title} created as a draft")
        return redirect(cohort)
    return render(request, "academies/cohorts/form.html", {"form": form, "cohort": None})


@cohort_permission_required("academies.manage_cohort")
@require_http_methods(["GET", "POST"])
def cohort_edit(request, cohort: Cohort):
    form = CohortForm(_posted(request), instance=cohort)
    saved = _submit(
        request,
        form,
        lambda: services.cohort_update(
            cohort=Cohort.objects.get(pk=cohort.pk),
            by=request.user,
            facilitators=form.cleaned_data["facilitators"] or [request.user],
            **form.values(),
        ),
    )
    if saved is not None:
        messages.success(request, "Cohort saved")
        return redirect(saved)
    return render(request, "academies/cohorts/form.html", {"form": form, "cohort": cohort})


@cohort_permission_required("academies.manage_cohort")
@require_http_methods(["GET", "POST"])
def cohort_status(request, cohort: Cohort):
    form = CohortStatusForm(_posted(request), cohort=cohort)
    changed = _submit(
        request,
        form,
        lambda: services.cohort_change_status(
            cohort=cohort, status=form.cleaned_data["status"], by=request.user
        ),
    )
    if changed is not None:
        messages.success(request, f"The cohort is now {changed.get_status_display().lower()}")
        return redirect(changed)
    return render(request, "academies/cohorts/status.html", {"form": form, "cohort": cohort})


@cohort_permission_required("academies.manage_cohort")
@require_http_methods(["GET", "POST"])
def cohort_schedule(request, cohort: Cohort):
    form = ScheduleForm(_posted(request), cohort=cohort, initial=ScheduleForm.initial_for(cohort))
    sessions = _submit(
        request, form, lambda: services.set_schedule(cohort=cohort, rows=form.rows, by=request.user)
    )
    if sessions is not None:
        messages.success(request, f"Schedule saved: {len(sessions)} sessions")
        return redirect(cohort)
    return render(request, "academies/cohorts/schedule.html", {"form": form, "cohort": cohort})


# Applying, sponsors and withdrawing ----------------------------------------------------------


@cohort_permission_required("academies.apply")
@require_http_methods(["GET", "POST"])
def apply(request, cohort: Cohort):
    if not Person.objects.filter(user=request.user).exists():
        return render(request, "academies/cohorts/apply_no_person.html", {"cohort": cohort})
    form = ApplyForm(_posted(request))
    enrolment = _submit(
        request,
        form,
        lambda: services.apply(
            cohort=cohort,
            user=request.user,
            motivation=form.cleaned_data["motivation"],
            **form.sponsor(),
        ),
    )
    if enrolment is not None:
        messages.success(
            request, f"Application sent: we have emailed {enrolment.sponsor_name} to approve it"
        )
        return redirect(cohort)
    return render(request, "academies/cohorts/apply.html", {"form": form, "cohort": cohort})


@cohort_permission_required("academies.manage_cohort")
@require_http_methods(["GET", "POST"])
def add_participant(request, cohort: Cohort):
    form = AddParticipantForm(_posted(request))
    enrolment = _submit(
        request,
        form,
        lambda: services.add_participant(
            cohort=cohort,
            person=form.cleaned_data["person"],
            by=request.user,
            motivation=form.cleaned_data["motivation"],
            **form.sponsor(),
        ),
    )
    if enrolment is not None:
        messages.success(
            request,
            f"{enrolment.person.full_name} added: we have emailed "
            f"{enrolment.sponsor_name} to approve",
        )
        return redirect("academies:participants", slug=cohort.slug)
    return render(
        request, "academies/cohorts/add_participant.html", {"form": form, "cohort": cohort}
    )


@require_http_methods(["GET", "POST"])
def sponsor_decision(request, token: str):
    try:
        enrolment = services.enrolment_for_sponsor(token)
    except services.SponsorLinkProblem as problem:
        return render(
            request,
            "academies/cohorts/sponsor_link_problem.html",
            {"reason": problem.reason, "enrolment": problem.enrolment},
            status=404 if problem.reason == "unknown" else 410,
        )
    form = SponsorDecisionForm(_posted(request))
    decided = _submit(
        request,
        form,
        lambda: services.sponsor_decide(
            raw_token=token,
            approve=form.cleaned_data["decision"] == "approve",
            comment=form.cleaned_data["comment"],
        ),
    )
    if decided is not None:
        return render(
            request,
            "academies/cohorts/sponsor_done.html",
            {"enrolment": decided, "waiting": services.is_waiting_for_place(decided)},
        )
    return render(
        request,
        "academies/cohorts/sponsor.html",
        {"form": form, "enrolment": enrolment, "cohort": enrolment.cohort},
    )


@cohort_permission_required("academies.view_cohort")
@require_POST
def withdraw(request, cohort: Cohort):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    enrolment = own_enrolment(request, cohort)
    if enrolment is None:
        raise PermissionDenied
    try:
        services.withdraw(enrolment=enrolment, by=request.user)
    except services.CohortError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, f"You have withdrawn from {cohort.title}")
    return redirect(cohort)


@permission_required("accounts.view_own_account")
@require_http_methods(["GET"])
def my_academies(request):
    enrolments = (
        Enrolment.objects.filter(user=request.user)
        .select_related("cohort", "cohort__place", "organisation")
        .order_by("-created_at", "pk")
    )
    return render(
        request,
        "academies/cohorts/mine.html",
        {
            "enrolments": [
                (enrolment, services.enrolment_status_label(enrolment)) for enrolment in enrolments
            ],
            "facilitated": request.user.facilitated_cohorts.order_by("-created_at"),
        },
    )
