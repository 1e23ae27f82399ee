"""The contribution journey in a browser, from the start page to submitted, each page checked
with axe-core at WCAG 2.2 AA."""

import re

import pytest
from playwright.sync_api import expect

from hub.cases.tests.factories import MINIMAL_PDF
from hub.cases.tests.pages import ContributionJourney
from hub.core.tests.browser.axe import assert_no_axe_violations
from hub.core.tests.browser.pages import SignInPage
from hub.demo.services import DEMO_PASSWORD

OFFICER_EMAIL = "officer@example.org"  # A demo member who works for Plymouth City Council.


@pytest.mark.browser
def test_contributing_a_case_study_from_start_to_submitted(hub_page):
    SignInPage(hub_page).goto().sign_in(OFFICER_EMAIL, DEMO_PASSWORD)
    journey = ContributionJourney(hub_page).goto()
    expect(journey.heading).to_have_text("Contribute good practice")
    assert_no_axe_violations(hub_page)

    journey.submit(hub_page.get_by_role("button", name="Start now"))
    expect(journey.heading).to_contain_text("What are you sharing?")
    assert_no_axe_violations(hub_page)
    journey.field("Case study").check()
    journey.field("Title").fill("Reporting missed bins online")
    journey.save_and_continue("Summary")

    # The word count is shown as the contributor types; too many words are refused.
    summary = journey.field("Summarise the work")
    summary.fill(" ".join(["word"] * 121))
    expect(hub_page.locator(".govuk-character-count__status")).to_have_text(
        "You have 1 word too many"
    )
    journey.press("Save and continue")
    expect(journey.error_summary).to_contain_text("Summary must be 120 words or fewer")
    expect(hub_page).to_have_title(re.compile(r"^Error: "))
    assert_no_axe_violations(hub_page)
    journey.field("Summarise the work").fill(
        "Residents report missed bin collections online, and crews see the reports on tablets."
    )
    journey.save_and_continue("The problem")

    journey.field("What was the problem?").fill("Missed bins were reported by phone.")
    journey.save_and_continue("What was done")
    journey.field("Describe what was done").fill("We built an online form with the crews.")
    journey.save_and_continue("Technology and suppliers")
    journey.field("Technologies (optional)").fill("Power BI, Firmstep")
    journey.save_and_continue("Cost")
    journey.field("How much was invested, in pounds? (optional)").fill("£25,000")
    journey.save_and_continue("Benefits")

    journey.field("Staff time saved").check()
    journey.field("Describe the benefit").fill("Fewer calls about missed bins")
    journey.field("Amount (optional)").fill("300")
    journey.field("Hours").check()
    journey.field("Each month").check()
    journey.press("Add benefit")
    expect(hub_page.locator(".govuk-summary-list")).to_contain_text("300 hours a month")
    assert_no_axe_violations(hub_page)
    journey.save_and_continue("Lessons")

    journey.field("What did you learn? (optional)").fill("Work with the crews from day one.")
    journey.save_and_continue("Lead organisation and sector")
    expect(journey.field("Which organisation led the work?")).to_have_value(re.compile(r"^\d+$"))
    journey.field("Local government").check()
    journey.save_and_continue("Partner organisations")
    journey.save_and_continue("Service areas")

    journey.field("Search for a service area").fill("waste collection")
    journey.press("Search")
    expect(hub_page.get_by_role("status")).to_contain_text("for ‘waste collection’")
    assert_no_axe_violations(hub_page)
    journey.field("Household waste collection (LGSL 524)").check()
    journey.save_and_continue("Themes")
    journey.save_and_continue("Stage")

    journey.field("Stopped").check()
    journey.save_and_continue("Dates")
    journey.date("When did the work start? (optional)", "1", "4", "2024")
    journey.date("When did it end? (optional)", "1", "3", "2024")
    journey.press("Save and continue")
    expect(journey.error_summary).to_contain_text(
        "End date must be the same as or after the start date"
    )
    assert_no_axe_violations(hub_page)
    journey.date("When did it end? (optional)", "31", "3", "2025")
    journey.save_and_continue("Evidence")

    journey.field("Level 2: data shows a change (correlation)").check()
    journey.save_and_continue("Files")
    journey.field("Title of the file").fill("Business case")
    journey.field("Upload a file").set_input_files(
        files=[{"name": "business-case.pdf", "mimeType": "application/pdf", "buffer": MINIMAL_PDF}]
    )
    journey.press("Upload file")
    expect(hub_page.get_by_role("link", name="Business case")).to_be_visible()
    assert_no_axe_violations(hub_page)
    journey.save_and_continue("Licence")

    journey.field("Creative Commons Attribution 4.0").check()
    journey.save_and_continue("Check your answers")
    answers = hub_page.locator("main")
    for answer in (
        "Reporting missed bins online",
        "Household waste collection (LGSL 524)",
        "Stopped",
        "31 March 2025",
        "Check that your work is not already here",
    ):
        expect(answers).to_contain_text(answer)

    journey.submit(hub_page.get_by_role("link", name="Change stage"))
    expect(journey.field("Stopped")).to_be_checked()
    journey.field("Live").check()
    journey.save_and_continue("Check your answers")
    expect(answers).to_contain_text("Live")

    journey.press("Submit for review")
    expect(hub_page.locator(".govuk-panel--confirmation")).to_contain_text("Submitted for review")
    assert_no_axe_violations(hub_page)

    journey.goto()
    row = hub_page.get_by_role("row", name=re.compile("Reporting missed bins online"))
    expect(row).to_contain_text("Submitted for review")
