"""Completion: the rules each participant meets (for the cohort's facilitators, and for each
participant about themselves), awarding certificates, and the certificate as a PDF.

A certificate is personal: anyone but its holder, the cohort's facilitators and programme staff
gets a 404, as does a certificate not awarded yet."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from hub.academies import completion
from hub.academies.models import Cohort, Enrolment, EnrolmentStatus
from hub.academies.views.access import (
    cohort_enrolment,
    cohort_permission_required,
    get_cohort,
    own_enrolment,
    refusal,
)
from hub.core.pdf import pdf_download


@cohort_permission_required("academies.manage_cohort")
@require_http_methods(["GET", "POST"])
def cohort_completion(request, cohort: Cohort):
    if request.method == "POST":
        awarded = completion.award_certificates(cohort=cohort)
        if awarded:
            names = ", ".join(e.person.full_name for e in awarded)
            messages.success(
                request,
                f"Certificates awarded to {len(awarded)} "
                f"participant{'s' if len(awarded) != 1 else ''} ({names}). "
                "Each has been emailed a link to theirs.",
            )
        else:
            messages.info(request, "Nobody else meets every rule yet: no certificates awarded.")
        return redirect("academies:completion", slug=cohort.slug)
    statuses = completion.cohort_completion(cohort)
    return render(
        request,
        "academies/completion/cohort.html",
        {
            "cohort": cohort,
            "statuses": statuses,
            "ready": [s for s in statuses if s.met and s.enrolment.status in completion.AWARDABLE],
            "min_rate": completion.MIN_ATTENDANCE_RATE,
        },
    )


@require_GET
def my_completion(request, slug: str):
    cohort = get_cohort(slug)
    enrolment = own_enrolment(request, cohort)
    if enrolment is None or not request.user.has_perm("academies.view_enrolment", enrolment):
        return refusal(request, cohort)
    enrolment.cohort = cohort
    return render(
        request,
        "academies/completion/mine.html",
        {
            "cohort": cohort,
            "enrolment": enrolment,
            "status": completion.completion_status(enrolment),
            "completed": enrolment.status == EnrolmentStatus.COMPLETED,
            "min_rate": completion.MIN_ATTENDANCE_RATE,
        },
    )


def _certificate_pdf(request, enrolment: Enrolment):
    if enrolment.status != EnrolmentStatus.COMPLETED:
        raise Http404("No certificate has been awarded")
    certificate = completion.certificate(enrolment)
    return pdf_download(
        request,
        "academies/completion/certificate_pdf.html",
        {"certificate": certificate},
        filename=certificate.filename,
        back_url=enrolment.cohort.get_absolute_url(),
        back_text=f"Back to {enrolment.cohort.title}",
    )


@require_GET
def my_certificate(request, slug: str):
    cohort = get_cohort(slug)
    if not request.user.is_authenticated:
        return refusal(request, cohort)
    enrolment = own_enrolment(request, cohort)
    if enrolment is None:
        raise Http404("No certificate has been awarded")
    enrolment.cohort = cohort
    return _certificate_pdf(request, enrolment)


@require_GET
def participant_certificate(request, slug: str, enrolment_id: int):
    cohort = get_cohort(slug)
    if not request.user.is_authenticated:
        return refusal(request, cohort)
    enrolment = cohort_enrolment(cohort, enrolment_id)
    if not request.user.has_perm("academies.view_enrolment", enrolment):
        raise Http404("No certificate has been awarded")
    enrolment.cohort = cohort
    return _certificate_pdf(request, enrolment)
