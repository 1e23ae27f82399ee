"""Every academies page that the Digital Academy journey and the survey test do not already
cover, checked with axe-core at WCAG 2.2 AA, on the demo seed's academies."""

import pytest
from playwright.sync_api import Page, expect

from hub.academies.models import Briefing, Cohort, Module
from hub.core.tests.browser.axe import assert_no_axe_violations
from hub.core.tests.browser.pages import SignInPage
from hub.demo.services import DEMO_PASSWORD

GREATER_MANCHESTER = "greater-manchester-digital-academy-2026"
MEMBERS = "member-leadership-academy-digital-winter-2026"
KENT = "kent-and-medway-digital-academy-2027"


def _check(page: Page, path: str, heading: str, *, status: int = 200) -> None:
    response = page.goto(path)
    assert response.status == status, path
    expect(page.locator("h1")).to_contain_text(heading, ignore_case=True)
    assert_no_axe_violations(page)


@pytest.mark.browser
def test_academies_pages_pass_axe(hub_page: Page):
    module = Module.objects.filter(cases__isnull=False, briefings__isnull=False).first()
    briefing = Briefing.objects.first()
    gm = Cohort.objects.get(slug=GREATER_MANCHESTER)
    priya = gm.enrolments.get(person__full_name="Priya Example")

    # The public: the academies, modules, briefings and listed cohorts.
    _check(hub_page, "/academies/", "Leadership academies")
    _check(hub_page, "/academies/modules/", "Modules")
    _check(hub_page, f"/academies/modules/{module.slug}/", module.title)
    _check(hub_page, "/academies/briefings/", "Councillor briefings")
    _check(hub_page, f"/academies/briefings/{briefing.slug}/", briefing.title)
    _check(hub_page, "/academies/cohorts/?academy=digital", "Academy cohorts")
    _check(hub_page, f"/academies/cohorts/{KENT}/", "Kent and Medway")
    _check(hub_page, f"/academies/cohorts/{GREATER_MANCHESTER}/sessions/1/", "Session 1")
    _check(hub_page, "/academies/sponsor/not-a-real-link", "This link does not work", status=404)

    # A councillor on the Member Leadership Academy.
    SignInPage(hub_page).goto().sign_in("councillor@example.org", DEMO_PASSWORD)
    _check(hub_page, "/academies/mine", "Your academies")
    _check(hub_page, f"/academies/cohorts/{MEMBERS}/", "Member Leadership Academy")
    _check(hub_page, f"/academies/cohorts/{MEMBERS}/plan", "Your 100-day plan")
    _check(hub_page, f"/academies/cohorts/{MEMBERS}/participants", "Participants")
    _check(hub_page, f"/academies/cohorts/{KENT}/apply", "")

    # The facilitator and programme staff: the cohort's people, plans and progress.
    hub_page.context.clear_cookies()
    SignInPage(hub_page).goto().sign_in("facilitator@example.org", DEMO_PASSWORD)
    base = f"/academies/cohorts/{GREATER_MANCHESTER}"
    _check(hub_page, f"{base}/participants", "Participants")
    _check(hub_page, f"{base}/participants/add", "")
    _check(hub_page, f"{base}/edit", "")
    _check(hub_page, f"{base}/sessions/1/", "Session 1")
    expect(hub_page.get_by_role("button", name="Take attendance")).to_be_visible()
    _check(hub_page, f"{base}/sessions/1/attendance", "Take attendance")
    _check(hub_page, f"{base}/participants/{priya.pk}/attendance", "Attendance of Priya Example")
    _check(hub_page, f"{base}/participants/{priya.pk}/plan", "100-day plan of Priya Example")
    _check(hub_page, "/academies/progress/", "Progress of 100-day plans")
