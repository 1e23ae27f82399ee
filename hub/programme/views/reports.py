"""Reports: the last eight quarters, and the quarterly programme report as a PDF."""

from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET

from hub.core.pdf import pdf_download
from hub.core.permissions import permission_required
from hub.programme import reports

PERMISSION = "programme.view_dashboard"


@permission_required(PERMISSION)
@require_GET
def report_list(request):
    return render(
        request,
        "programme/reports/list.html",
        {
            "quarters": [
                (quarter, reports.months_of(quarter)) for quarter in reports.report_quarters()
            ]
        },
    )


@permission_required(PERMISSION)
@require_GET
def quarterly_pdf(request, year: int, quarter: int):
    report = reports.quarterly_report(reports.quarter_or_404(year, quarter))
    return pdf_download(
        request,
        "programme/reports/quarterly_pdf.html",
        {"report": report},
        filename=report.filename,
        back_url=reverse("programme:reports"),
        back_text="Back to reports",
    )
