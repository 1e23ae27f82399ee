"""Every self-assessment and place page that the team journey does not already cover, checked
with axe-core at WCAG 2.2 AA, on the demo seed."""

import pytest
from playwright.sync_api import Page, expect

from hub.assessment.models import Assessment, AssessmentStatus, Framework, PlaceAssessment
from hub.core.tests.browser.axe import assert_no_axe_violations
from hub.core.tests.browser.pages import SignInPage
from hub.demo.services import DEMO_PASSWORD


def _check(page: Page, path: str, heading: str) -> None:
    response = page.goto(path)
    assert response.status == 200, path
    expect(page.locator("h1")).to_contain_text(heading, ignore_case=True)
    assert_no_axe_violations(page)


@pytest.mark.browser
def test_self_assessment_pages_pass_axe(hub_page: Page):
    plymouth = Assessment.objects.get(
        organisation__register_code="PLY", status=AssessmentStatus.OPEN
    )
    joint = PlaceAssessment.objects.get(place__slug="greater-manchester")
    version = Framework.objects.get().version

    _check(hub_page, "/self-assessment/", "self-assessment")
    _check(hub_page, "/self-assessment/framework/", "")

    # The lead of Plymouth's team: its pages, and a plan made and decided on.
    SignInPage(hub_page).goto().sign_in("officer@example.org", DEMO_PASSWORD)
    base = f"/self-assessment/{plymouth.pk}"
    _check(hub_page, f"{base}/", plymouth.title)
    _check(hub_page, f"{base}/team", "")
    _check(hub_page, f"{base}/answer/check", "")
    _check(hub_page, f"{base}/results", "results")
    _check(hub_page, f"{base}/benchmark", "")
    _check(hub_page, f"{base}/plan", "Support plan")
    hub_page.get_by_role("button", name="Make the support plan").click()
    expect(hub_page.locator("main")).to_contain_text("Buying technology well")
    assert_no_axe_violations(hub_page)
    item = plymouth.support_plan.items.first()
    _check(hub_page, f"{base}/plan/{item.pk}", "")
    _check(hub_page, "/self-assessment/places/", "")

    # Programme staff: framework versions, a new draft, the sector overview, a place's space.
    hub_page.context.clear_cookies()
    SignInPage(hub_page).goto().sign_in("admin@example.org", DEMO_PASSWORD)
    _check(hub_page, "/self-assessment/framework/versions/", "")
    _check(hub_page, f"/self-assessment/framework/versions/{version}/", "")
    _check(hub_page, "/self-assessment/sector/", "")
    place = "/self-assessment/places/greater-manchester"
    _check(hub_page, f"{place}/", "Greater Manchester")
    _check(hub_page, f"{place}/board", "")
    _check(hub_page, f"{place}/leads", "")
    _check(hub_page, f"{place}/assessments/new", "")
    _check(hub_page, f"{place}/assessments/{joint.pk}/", "")
