"""Every events page that the round-table journey does not already cover, checked with
axe-core at WCAG 2.2 AA, on the demo seed's events."""

import pytest
from playwright.sync_api import expect

from hub.core.tests.browser.axe import assert_no_axe_violations
from hub.core.tests.browser.pages import SignInPage
from hub.demo.services import DEMO_PASSWORD

COMING = "/events/north-west-round-table-health-and-care"
HAPPENED = "/events/north-west-round-table-devolution"
OPEN = "/events/open-session-user-research-for-leaders"

PUBLIC_PAGES = [
    ("/events/", "Events"),
    ("/events/?when=past", "Events"),
    (f"{OPEN}/", "Open session: user research for council leaders"),
]
ATTENDEE_PAGES = [
    (f"{COMING}/", "Digital and the integration of health and social care"),
    (f"{COMING}/attendees/", "Who is coming"),
    (f"{HAPPENED}/record/", "Record"),
    (f"{HAPPENED}/feedback/", "Tell us what you thought"),
    ("/events/calendar/", "calendar"),
    ("/events/series/north-west-chief-executive-round-tables/", "North West"),
]
FACILITATOR_PAGES = [
    ("/events/manage/", "Your events"),
    ("/events/series/new/", "series"),
    (f"{COMING}/edit/", "Change"),
    (f"{COMING}/cancel/", "Cancel"),
    (f"{COMING}/invitations/upload/", "Invite people from a list"),
    (f"{HAPPENED}/attendance/", "Take attendance"),
    (f"{HAPPENED}/feedback/summary/", "Feedback"),
    ("/events/series/north-west-chief-executive-round-tables/feedback/", "Feedback"),
]


def _check(page, pages):
    for path, heading in pages:
        response = page.goto(path)
        assert response.status == 200, path
        expect(page.locator("h1")).to_contain_text(heading, ignore_case=True)
        assert_no_axe_violations(page)


@pytest.mark.browser
def test_events_pages_pass_axe(hub_page):
    _check(hub_page, PUBLIC_PAGES)
    SignInPage(hub_page).goto().sign_in("councillor@example.org", DEMO_PASSWORD)
    _check(hub_page, ATTENDEE_PAGES)
    hub_page.context.clear_cookies()
    SignInPage(hub_page).goto().sign_in("facilitator@example.org", DEMO_PASSWORD)
    _check(hub_page, FACILITATOR_PAGES)
