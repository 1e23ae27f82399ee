"""The dashboard and take-up pages, on the demo seed, checked with axe-core at WCAG 2.2 AA."""

import pytest
from playwright.sync_api import Page, expect

from hub.core.tests.browser.axe import assert_no_axe_violations
from hub.core.tests.browser.pages import SignInPage
from hub.demo.services import DEMO_PASSWORD


@pytest.mark.browser
def test_take_up_pages_pass_axe(hub_page: Page):
    SignInPage(hub_page).goto().sign_in("admin@example.org", DEMO_PASSWORD)
    for path, heading in [
        ("/programme/", "Programme dashboard"),
        ("/programme/take-up/", "Take-up of the programme"),
        ("/programme/take-up/?element=academies&use=not_used", "Take-up of the programme"),
        ("/programme/take-up/places/", "Take-up by place"),
        ("/programme/take-up/not-engaged/", "Councils not engaged yet"),
    ]:
        response = hub_page.goto(path)
        assert response.status == 200, path
        expect(hub_page.locator("h1")).to_contain_text(heading)
        assert_no_axe_violations(hub_page)
