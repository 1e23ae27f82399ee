"""Every peer-challenge page that the journey does not already cover, checked with axe-core at
WCAG 2.2 AA, on the demo seed's challenges."""

import pytest
from playwright.sync_api import Page, expect

from hub.core.tests.browser.axe import assert_no_axe_violations
from hub.core.tests.browser.pages import SignInPage
from hub.demo.services import DEMO_PASSWORD
from hub.peer_challenge.models import Challenge, EnquiryFramework


def _check(page: Page, path: str, heading: str = "") -> None:
    response = page.goto(path)
    assert response.status == 200, path
    expect(page.locator("h1")).to_contain_text(heading, ignore_case=True)
    assert_no_axe_violations(page)


@pytest.mark.browser
def test_peer_challenge_pages_pass_axe(hub_page: Page):
    cambridge = Challenge.objects.get(slug="cambridge-city-council-2026")
    bristol = Challenge.objects.get(slug="bristol-city-council-2025")
    finding = cambridge.findings.order_by("pk").first()
    version = EnquiryFramework.objects.get().version

    # The public: the list, the lines of enquiry and a published report with its action plan.
    _check(hub_page, "/peer-challenge/", "Corporate peer challenges")
    _check(hub_page, "/peer-challenge/framework/")
    _check(hub_page, f"/peer-challenge/{bristol.slug}/", bristol.title)
    _check(hub_page, f"/peer-challenge/{bristol.slug}/report")
    _check(hub_page, f"/peer-challenge/{bristol.slug}/action-plan")

    # The council's lead: the challenge being written up.
    SignInPage(hub_page).goto().sign_in("councillor@example.org", DEMO_PASSWORD)
    base = f"/peer-challenge/{cambridge.slug}"
    _check(hub_page, f"{base}/", cambridge.title)
    _check(hub_page, f"{base}/position-statement")
    _check(hub_page, f"{base}/scoping")

    # The lead peer: lines of enquiry, a finding and its signposts.
    hub_page.context.clear_cookies()
    SignInPage(hub_page).goto().sign_in("champion@example.org", DEMO_PASSWORD)
    _check(hub_page, f"{base}/enquiry/")
    _check(hub_page, f"{base}/enquiry/{finding.line.code}/", finding.line.title)
    _check(hub_page, f"{base}/findings/{finding.pk}/", finding.title)
    _check(hub_page, f"{base}/findings/{finding.pk}/signposts")

    # Programme staff: setting up, the team, versions, deadlines and learning.
    hub_page.context.clear_cookies()
    SignInPage(hub_page).goto().sign_in("admin@example.org", DEMO_PASSWORD)
    _check(hub_page, f"{base}/team")
    _check(hub_page, f"{base}/edit")
    _check(hub_page, "/peer-challenge/framework/versions/")
    _check(hub_page, f"/peer-challenge/framework/versions/{version}/")
    _check(hub_page, "/peer-challenge/deadlines/")
    _check(hub_page, "/peer-challenge/learning/")
    _check(hub_page, f"/peer-challenge/{bristol.slug}/progress-review")
