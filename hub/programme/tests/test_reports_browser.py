"""The reports page in Chromium, on the demo seed: axe-core finds nothing at WCAG 2.2 AA, and
the last complete quarter's report downloads as a PDF that names the quarter."""

import io

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect
from pypdf import PdfReader

from hub.core.tests.browser.axe import assert_no_axe_violations
from hub.core.tests.browser.pages import SignInPage
from hub.demo.services import DEMO_PASSWORD
from hub.programme.outputs import Quarter


@pytest.mark.browser
def test_programme_staff_download_a_quarterly_report(hub_page: Page):
    SignInPage(hub_page).goto().sign_in("admin@example.org", DEMO_PASSWORD)
    response = hub_page.goto("/programme/reports/")
    assert response.status == 200
    expect(hub_page.locator("h1")).to_have_text("Quarterly reports")
    assert_no_axe_violations(hub_page)

    quarter = Quarter.of(timezone.localdate()).preceding()
    with hub_page.expect_download() as download_info:
        hub_page.get_by_role("link", name=f"Download the {quarter.label} report").click()
    download = download_info.value
    assert download.suggested_filename == f"programme-report-{quarter.year}-q{quarter.number}.pdf"
    with open(download.path(), "rb") as pdf:
        reader = PdfReader(io.BytesIO(pdf.read()))
    text = " ".join(page.extract_text() for page in reader.pages)
    assert f"Programme report, {quarter.label}" in " ".join(text.split())
