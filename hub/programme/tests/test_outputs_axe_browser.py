"""The benefits, exemplars and outputs pages, on the demo seed, checked with axe-core at
WCAG 2.2 AA."""

import pytest
from playwright.sync_api import Page, expect

from hub.core.tests.browser.axe import assert_no_axe_violations
from hub.core.tests.browser.pages import SignInPage
from hub.demo.services import DEMO_PASSWORD


@pytest.mark.browser
def test_benefits_exemplars_and_outputs_pages_pass_axe(hub_page: Page):
    SignInPage(hub_page).goto().sign_in("admin@example.org", DEMO_PASSWORD)
    for path, heading in [
        ("/programme/benefits/", "Benefits evidenced"),
        ("/programme/exemplars/", "Scaling exemplars"),
        ("/programme/exemplars/?region=London", "Scaling exemplars"),
        ("/programme/to-promote/", "Candidates to promote"),
        ("/programme/outputs/", "Programme outputs"),
    ]:
        response = hub_page.goto(path)
        assert response.status == 200, path
        expect(hub_page.locator("h1")).to_contain_text(heading)
        assert_no_axe_violations(hub_page)
    hub_page.goto("/programme/exemplars/")
    hub_page.locator("#exemplar-table a").first.click()
    expect(hub_page.locator("h1")).to_contain_text("Reuse of")
    assert_no_axe_violations(hub_page)
