"""Printable documents as PDF with WeasyPrint: certificates, briefings and reports.

The HTML is the same template people read on screen (a print stylesheet lays it out), so the
PDF never says something the page does not. WeasyPrint needs Pango from the system, so it is
imported only when a PDF is asked for: the rest of the Hub runs without it.
"""

from django.contrib.staticfiles import finders
from django.http import HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string

PRINT_STYLESHEET = "hub/print.css"


class PdfUnavailable(RuntimeError):
    """WeasyPrint or the Pango library under it is not installed."""


def render_pdf(request, template_name: str, context: dict) -> bytes:
    """The PDF of `template_name` rendered with `context`, styled by the print stylesheet."""
    try:
        from weasyprint import CSS, HTML
    except (ImportError, OSError) as error:  # OSError: Pango's shared libraries are missing
        raise PdfUnavailable(str(error)) from error
    html = render_to_string(template_name, context, request=request)
    stylesheets = []
    path = finders.find(PRINT_STYLESHEET)
    if path:
        stylesheets.append(CSS(filename=path))
    # No base URL: a PDF template holds no relative links or images, so WeasyPrint never
    # fetches anything over the network while rendering.
    # PDF/UA-1: tagged (headings, paragraphs, tables as structure), with the language and the
    # <title> as the document's title, so screen readers read it in order.
    return HTML(string=html).write_pdf(stylesheets=stylesheets, pdf_variant="pdf/ua-1")


def pdf_response(request, template_name: str, context: dict, *, filename: str) -> HttpResponse:
    """A download of the PDF; `filename` should end in .pdf."""
    pdf = render_pdf(request, template_name, context)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def pdf_download(
    request, template_name: str, context: dict, *, filename: str, back_url: str, back_text: str
) -> HttpResponse:
    """The PDF as a download or, when the PDF library is missing, a page that says so (503)
    with a way back: never a server error."""
    try:
        return pdf_response(request, template_name, context, filename=filename)
    except PdfUnavailable:
        return render(
            request,
            "core/pdf_unavailable.html",
            {"back_url": back_url, "back_text": back_text},
            status=503,
        )
