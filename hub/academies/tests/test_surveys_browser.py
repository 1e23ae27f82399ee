"""The impact survey, its results and the completion pages in Chromium, checked with axe-core
at WCAG 2.2 AA on the demo seed's academies."""

import pytest
from playwright.sync_api import Page, expect

from hub.academies.models import Cohort
from hub.academies.tests.factories import EnrolmentFactory
from hub.accounts.tests.factories import TEST_PASSWORD
from hub.core.tests.browser.axe import assert_no_axe_violations
from hub.core.tests.browser.pages import SignInPage
from hub.demo.services import DEMO_PASSWORD

GREATER_MANCHESTER = "greater-manchester-digital-academy-2026"
MEMBERS = "member-leadership-academy-digital-winter-2026"
KENT = "kent-and-medway-digital-academy-2027"


def _check(page: Page, path: str, heading: str) -> None:
    response = page.goto(path)
    assert response.status == 200, path
    expect(page.locator("h1")).to_contain_text(heading, ignore_case=True)
    assert_no_axe_violations(page)


@pytest.mark.browser
def test_survey_results_and_completion_pages_pass_axe(hub_page: Page):
    assert Cohort.objects.filter(slug__in=[GREATER_MANCHESTER, MEMBERS]).count() == 2

    SignInPage(hub_page).goto().sign_in("facilitator@example.org", DEMO_PASSWORD)
    _check(hub_page, f"/academies/cohorts/{GREATER_MANCHESTER}/impact", "Impact survey results")
    expect(hub_page.locator("svg[role=img]")).to_have_count(2)
    _check(hub_page, f"/academies/cohorts/{GREATER_MANCHESTER}/completion", "Completion")

    hub_page.context.clear_cookies()
    SignInPage(hub_page).goto().sign_in("councillor@example.org", DEMO_PASSWORD)
    _check(hub_page, f"/academies/cohorts/{MEMBERS}/my-completion", "Completing the academy")
    _check(hub_page, f"/academies/cohorts/{MEMBERS}/survey/end", "survey")

    # A participant of the Kent and Medway cohort, whose start survey is open.
    kent = Cohort.objects.get(slug=KENT)
    participant = EnrolmentFactory(cohort=kent)
    hub_page.context.clear_cookies()
    SignInPage(hub_page).goto().sign_in(participant.user.email, TEST_PASSWORD)
    _check(hub_page, f"/academies/cohorts/{KENT}/survey/start", "survey")
    send = hub_page.get_by_role("button", name="Send your answers")
    # Sent with nothing chosen: the error summary; then answered, and thanked.
    send.click()
    expect(hub_page.locator(".govuk-error-summary")).to_be_visible()
    assert_no_axe_violations(hub_page)
    for fieldset in hub_page.locator("fieldset").all():
        fieldset.get_by_label("4 – Confident").check()
    hub_page.get_by_role("button", name="Send your answers").click()
    expect(hub_page.locator(".govuk-panel__title")).to_have_text("Thank you")
    assert_no_axe_violations(hub_page)
