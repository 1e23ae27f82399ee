import io

import pytest
from django.test import RequestFactory
from pypdf import PdfReader

from hub.core import pdf


@pytest.fixture
def request_():
    return RequestFactory().get("/something.pdf")


def test_a_pdf_download_holds_the_rendered_text(request_):
    # The base template alone, with the service name it prints in its title block.
    response = pdf.pdf_download(
        request_,
        "core/pdf_base.html",
        {"service_name": "Jordan Sample Hub"},
        filename="doc.pdf",
        back_url="/",
        back_text="Back",
    )
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="doc.pdf"'
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert "Jordan Sample Hub" in text


def test_pdfs_are_tagged_for_screen_readers_with_their_language_and_title(request_):
    document = PdfReader(io.BytesIO(pdf.render_pdf(request_, "core/pdf_base.html", {})))
    catalogue = document.trailer["/Root"]
    assert bool(catalogue["/MarkInfo"]["/Marked"])
    assert "/StructTreeRoot" in catalogue
    assert catalogue["/Lang"] == "en-GB"
    assert bool(catalogue["/ViewerPreferences"]["/DisplayDocTitle"])


@pytest.mark.django_db
def test_without_the_pdf_library_the_page_says_so_with_a_way_back(request_, monkeypatch):
    def missing(*args, **kwargs):
        raise pdf.PdfUnavailable("no Pango")

    monkeypatch.setattr(pdf, "render_pdf", missing)
    request_.user = None
    response = pdf.pdf_download(
        request_, "unused.html", {}, filename="x.pdf", back_url="/academies/", back_text="Back"
    )
    assert response.status_code == 503
    assert b'href="/academies/"' in response.content
    assert b"cannot be made just now" in response.content
