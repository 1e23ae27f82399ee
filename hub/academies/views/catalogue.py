"""The academies' public pages: the home page, modules and councillor briefings (on screen,
printed on one A4 page, or as a PDF)."""

from pathlib import Path

from django.contrib.staticfiles import finders
from django.shortcuts import render
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_GET

from hub.academies import catalogue
from hub.academies.cohorts import places_left, visible_cohorts, with_places_taken
from hub.academies.models import AcademyKind, CohortStatus, LearningOutcome
from hub.core.pdf import pdf_download
from hub.core.rich_text import render_markdown

BRIEFING_PRINT_CSS = "academies/briefing-print.css"


def _markdown(text: str) -> str:
    return mark_safe(render_markdown(text))  # noqa: S308 - sanitised by nh3


@require_GET
def home(request):
    modules = list(catalogue.visible_modules(request.user))
    recruiting = with_places_taken(
        visible_cohorts(request.user).filter(status=CohortStatus.RECRUITING)
    ).order_by("created_at", "pk")
    return render(
        request,
        "academies/catalogue/home.html",
        {
            "outcomes": LearningOutcome.objects.all(),
            "member_modules": [m for m in modules if m.academy == AcademyKind.MEMBER],
            "digital_modules": [m for m in modules if m.academy == AcademyKind.DIGITAL],
            "recruiting": [(cohort, places_left(cohort)) for cohort in recruiting],
        },
    )


@require_GET
def module_list(request):
    academy = request.GET.get("academy", "")
    if academy not in AcademyKind.values:
        academy = ""
    return render(
        request,
        "academies/catalogue/module_list.html",
        {
            "modules": catalogue.visible_modules(request.user, academy=academy),
            "academy": academy,
            "academies": AcademyKind.choices,
        },
    )


@require_GET
def module_detail(request, slug: str):
    module = catalogue.module_detail(request.user, slug)
    return render(
        request,
        "academies/catalogue/module_detail.html",
        {
            "module": module,
            "content_html": _markdown(module.content),
            "further_reading_html": _markdown(module.further_reading),
            "sessions": catalogue.module_sessions(module, visible_cohorts(request.user)),
        },
    )


@require_GET
def briefing_list(request):
    return render(
        request,
        "academies/catalogue/briefing_list.html",
        {"briefings": catalogue.visible_briefings(request.user)},
    )


def _briefing_context(request, slug: str) -> dict:
    briefing = catalogue.briefing_detail(request.user, slug)
    return {
        "briefing": briefing,
        "questions_html": _markdown(briefing.questions),
        "good_html": _markdown(briefing.what_good_looks_like),
    }


@require_GET
def briefing_detail(request, slug: str):
    return render(
        request, "academies/catalogue/briefing_detail.html", _briefing_context(request, slug)
    )


@require_GET
def briefing_pdf(request, slug: str):
    context = _briefing_context(request, slug)
    # The PDF is standalone: the briefing's print stylesheet goes inline.
    path = finders.find(BRIEFING_PRINT_CSS)
    context["print_css"] = Path(path).read_text() if path else ""
    briefing = context["briefing"]
    return pdf_download(
        request,
        "academies/catalogue/briefing_pdf.html",
        context,
        filename=f"{briefing.slug}.pdf",
        back_url=briefing.get_absolute_url(),
        back_text="Print the briefing from its page instead",
    )
