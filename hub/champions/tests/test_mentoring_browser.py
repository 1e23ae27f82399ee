"""The mentoring journey in Chromium, as the champions issue describes it: a leader finds a
champion and asks for mentoring, the champion accepts, both log meetings, and both close it
with feedback. Every page passes axe at WCAG 2.2 AA."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from hub.champions.models import Mentoring, MentoringStatus
from hub.core.tests.browser.axe import assert_no_axe_violations
from hub.core.tests.browser.pages import SignInPage
from hub.demo.services import DEMO_PASSWORD

PROBLEM = "Our libraries lend few devices and residents who most need online services miss out."


@pytest.fixture
def second_person(hub_page: Page, live_server):
    """The champion, signed in in a browser context of their own."""
    context = hub_page.context.browser.new_context(base_url=live_server.url)
    page = context.new_page()
    yield page
    context.close()


def _submit(page: Page, name: str) -> None:
    page.get_by_role("button", name=name).click()


def _log_meeting(page: Page, mentoring: Mentoring, *, days_ago: int, notes: str) -> None:
    page.goto(f"/champions/mentoring/{mentoring.pk}/")
    page.get_by_role("button", name="Log a meeting").click()
    held = timezone.localdate() - timedelta(days=days_ago)
    page.get_by_label("Day").fill(str(held.day))
    page.get_by_label("Month").fill(str(held.month))
    page.get_by_label("Year").fill(str(held.year))
    page.get_by_label("How long was it, in minutes?").fill("45")
    page.get_by_label("Notes (optional)").fill(notes)
    assert_no_axe_violations(page)
    _submit(page, "Save meeting")
    expect(page.get_by_text(notes)).to_be_visible()


@pytest.mark.browser
def test_request_accept_meet_and_close_with_feedback_from_both(hub_page: Page, second_person):
    SignInPage(hub_page).goto()
    SignInPage(hub_page).sign_in("facilitator@example.org", DEMO_PASSWORD)

    # Find a champion in the directory, through the one search service.
    hub_page.goto("/champions/?q=device+lending")
    assert_no_axe_violations(hub_page)
    hub_page.get_by_role("link", name="Robin Example").first.click()
    expect(hub_page.get_by_role("heading", level=1)).to_contain_text("Robin Example")
    assert_no_axe_violations(hub_page)

    hub_page.get_by_role("button", name="Ask for mentoring").click()
    hub_page.get_by_label("What do you want help with?").fill(PROBLEM)
    assert_no_axe_violations(hub_page)
    _submit(hub_page, "Continue")
    hub_page.get_by_label("How many months would you like the mentoring to last?").fill("4")
    hub_page.get_by_label("Every 2 weeks").check()
    assert_no_axe_violations(hub_page)
    _submit(hub_page, "Continue")
    expect(hub_page.get_by_text(PROBLEM)).to_be_visible()
    assert_no_axe_violations(hub_page)
    _submit(hub_page, "Send request")
    mentoring = Mentoring.objects.get(mentee__email="facilitator@example.org")
    assert mentoring.status == MentoringStatus.REQUESTED

    # The champion accepts.
    SignInPage(second_person).goto()
    SignInPage(second_person).sign_in("officer@example.org", DEMO_PASSWORD)
    second_person.goto("/champions/mentoring/")
    assert_no_axe_violations(second_person)
    second_person.goto(f"/champions/mentoring/{mentoring.pk}/")
    second_person.get_by_role("button", name="Answer the request").click()
    assert_no_axe_violations(second_person)
    second_person.get_by_label("How many months will the mentoring last?").fill("4")
    second_person.get_by_label("Every 2 weeks").check()
    _submit(second_person, "Accept")
    mentoring.refresh_from_db()
    assert mentoring.status == MentoringStatus.ACCEPTED
    assert mentoring.length_months == 4

    # Both log a meeting; then the mentee closes it and the champion adds their feedback.
    _log_meeting(hub_page, mentoring, days_ago=14, notes="Agreed a lending pilot in two libraries")
    _log_meeting(second_person, mentoring, days_ago=1, notes="Reviewed the pilot's first loans")
    assert mentoring.meetings.count() == 2

    hub_page.goto(f"/champions/mentoring/{mentoring.pk}/")
    hub_page.get_by_role("button", name="Close the mentoring").click()
    hub_page.get_by_label("5 – Very useful").check()
    hub_page.get_by_label("What worked, and what would you change?").fill("Practical and kind.")
    assert_no_axe_violations(hub_page)
    _submit(hub_page, "Close the mentoring")
    expect(hub_page.locator("body")).to_contain_text(re.compile("Closed", re.I))

    second_person.goto(f"/champions/mentoring/{mentoring.pk}/")
    second_person.get_by_role("button", name="Send feedback").click()
    second_person.get_by_label("4 – Useful").check()
    second_person.get_by_label("What worked, and what would you change?").fill("Clear goals.")
    _submit(second_person, "Send feedback")
    assert_no_axe_violations(second_person)

    mentoring.refresh_from_db()
    assert mentoring.status == MentoringStatus.CLOSED
    assert (mentoring.mentee_rating, mentoring.champion_rating) == (5, 4)
    assert mentoring.champion_feedback == "Clear goals."
