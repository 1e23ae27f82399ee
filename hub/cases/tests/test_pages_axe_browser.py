"""Every good practice page that the journeys do not already cover, checked with axe-core."""

import pytest
from playwright.sync_api import expect

from hub.core.tests.browser.axe import assert_no_axe_violations
from hub.core.tests.browser.pages import SignInPage
from hub.demo.services import DEMO_PASSWORD

ANONYMOUS_PAGES = [
    ("/cases/", "Good practice"),
    ("/cases/?q=zzzzqqq", "Good practice"),
    # Highlighted snippets (<mark>) and "Matched:" hints; then "Did you mean".
    ("/cases/?q=rubbish+collection", "Good practice"),
    ("/cases/?q=mised+bins", "Good practice"),
    ("/cases/?sort=largest-saving&evidence=2", "Good practice"),
    ("/cases/telecare-analytics/", "Predicting falls with telecare data"),
    ("/cases/place-data-sharing-gm/", "Sharing data across a place"),
    (
        "/cases/compare/?case=missed-bins-self-service&case=telecare-analytics&case=cyber-incident-playbook",
        "Compare good practice",
    ),
    ("/cases/compare/", "Compare good practice"),
]
MEMBER_PAGES = [
    ("/cases/missed-bins-self-service/ask/", "Ask the team a question"),
    ("/cases/saved-searches/new/?q=bins&stage=live", "Get emails about new good practice"),
    ("/cases/saved-searches/", "Your saved searches"),
    ("/cases/contribute/", "Contribute good practice"),
]


@pytest.mark.browser
def test_good_practice_pages_pass_axe(hub_page):
    for path, heading in ANONYMOUS_PAGES:
        hub_page.goto(path)
        expect(hub_page.locator("h1")).to_contain_text(heading)
        assert_no_axe_violations(hub_page)
    SignInPage(hub_page).goto().sign_in("councillor@example.org", DEMO_PASSWORD)
    for path, heading in MEMBER_PAGES:
        hub_page.goto(path)
        expect(hub_page.locator("h1")).to_contain_text(heading)
        assert_no_axe_violations(hub_page)
    # An error state, too: an empty question.
    hub_page.goto("/cases/missed-bins-self-service/ask/")
    hub_page.get_by_role("button", name="Send question").click()
    expect(hub_page.locator(".govuk-error-summary")).to_contain_text("Enter your question")
    assert_no_axe_violations(hub_page)
