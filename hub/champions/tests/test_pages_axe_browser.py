"""Every champions page that the mentoring journey does not already cover, checked with
axe-core at WCAG 2.2 AA, on the demo seed's champions."""

import pytest
from playwright.sync_api import Page, expect

from hub.champions.models import ChampionProfile, Mentoring
from hub.core.tests.browser.axe import assert_no_axe_violations
from hub.core.tests.browser.pages import SignInPage
from hub.demo.services import DEMO_PASSWORD


def _check(page: Page, path: str, heading: str) -> None:
    response = page.goto(path)
    assert response.status == 200, path
    expect(page.locator("h1")).to_contain_text(heading, ignore_case=True)
    assert_no_axe_violations(page)


@pytest.mark.browser
def test_champions_pages_pass_axe(hub_page: Page):
    charlie = ChampionProfile.objects.get(person__user__email="champion@example.org")
    nomination = ChampionProfile.objects.get(person__user__email="editor@example.org")
    _check(hub_page, "/champions/", "champions")
    _check(hub_page, "/champions/?region=South+East", "champions")
    _check(hub_page, f"/champions/{charlie.slug}/", "Charlie Example")

    # A mentee and their mentoring under way.
    SignInPage(hub_page).goto().sign_in("councillor@example.org", DEMO_PASSWORD)
    _check(hub_page, "/champions/mentoring/", "mentoring")
    _check(hub_page, f"/champions/mentoring/{Mentoring.objects.get().pk}/", "Charlie Example")

    # A leader with no mentor yet: matching, with ranked suggestions and their reasons.
    hub_page.context.clear_cookies()
    SignInPage(hub_page).goto().sign_in("facilitator@example.org", DEMO_PASSWORD)
    _check(hub_page, "/champions/match/", "help")
    hub_page.get_by_label("What do you want help with?").fill(
        "Use telecare data to predict falls among older residents"
    )
    hub_page.locator("form").get_by_role("button").last.click()
    suggestions = hub_page.locator("main h2")
    expect(suggestions.first).to_have_text("Charlie Example")
    assert_no_axe_violations(hub_page)

    # The champion edits their own profile.
    hub_page.context.clear_cookies()
    SignInPage(hub_page).goto().sign_in("champion@example.org", DEMO_PASSWORD)
    _check(hub_page, f"/champions/{charlie.slug}/edit/", "")

    # A programme admin: nominations, a decision, batch matching and the network's activity.
    hub_page.context.clear_cookies()
    SignInPage(hub_page).goto().sign_in("admin@example.org", DEMO_PASSWORD)
    _check(hub_page, "/champions/nominate/", "Nominate")
    _check(hub_page, "/champions/nominations/", "Nominations")
    _check(hub_page, f"/champions/nominations/{nomination.pk}/decide/", "")
    _check(hub_page, "/champions/match/batch/", "")
    _check(hub_page, "/champions/activity/", "")
