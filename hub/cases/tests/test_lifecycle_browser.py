"""The whole life of a good practice record in Chromium, as the issue's "done when" describes:
contribute -> an editor requests changes -> resubmit -> publish -> find it by search and
facets -> another council records reuse -> the saved-search alert email lists it."""

import datetime as dt

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from hub.cases.models import Resource, Status
from hub.cases.services import saved_search_alerts_send
from hub.cases.tests.pages import ContributionJourney, ModerationQueuePage, ReviewPage
from hub.core.tests.browser.axe import assert_no_axe_violations
from hub.core.tests.browser.pages import AccountPage, HubPage, SignInPage
from hub.demo.services import DEMO_PASSWORD

TITLE = "Kerbside glass collections booked online"
OFFICER = "officer@example.org"  # Plymouth City Council
EDITOR = "editor@example.org"
COUNCILLOR = "councillor@example.org"  # Cambridge City Council


def sign_in_as(page, email: str) -> None:
    if page.get_by_role("link", name="Your account").count():
        AccountPage(page).goto().sign_out()
    SignInPage(page).goto().sign_in(email, DEMO_PASSWORD)


def contribute(page) -> None:
    journey = ContributionJourney(page).goto()
    journey.submit(page.get_by_role("button", name="Start now"))
    journey.field("Case study").check()
    journey.field("Title").fill(TITLE)
    journey.save_and_continue("Summary")
    journey.field("Summarise the work").fill(
        "Residents book glass collections from the kerb online and crews see the bookings."
    )
    journey.save_and_continue("The problem")
    journey.field("What was the problem?").fill("Bottle banks overflowed after weekends.")
    journey.save_and_continue("What was done")
    journey.field("Describe what was done").fill("An online booking linked to crews' rounds.")
    for heading in (
        "Technology and suppliers",
        "Cost",
        "Benefits",
        "Lessons",
        "Lead organisation and sector",
    ):
        journey.save_and_continue(heading)
    journey.field("Local government").check()
    journey.save_and_continue("Partner organisations")
    journey.save_and_continue("Service areas")
    journey.field("Search for a service area").fill("524")
    journey.press("Search")
    journey.field("Household waste collection (LGSL 524)").check()
    journey.save_and_continue("Themes")
    journey.field("Channel shift").check()
    journey.save_and_continue("Stage")
    journey.field("Live").check()
    for heading in ("Dates", "Evidence", "Files", "Licence"):
        journey.save_and_continue(heading)
    journey.field("Open Government Licence v3.0").check()
    journey.save_and_continue("Check your answers")
    journey.press("Submit for review")
    expect(page.locator(".govuk-panel")).to_contain_text("Submitted for review")
    assert_no_axe_violations(page)


def moderate(page, move: str, reason: str = "") -> None:
    queue = ModerationQueuePage(page).goto()
    assert_no_axe_violations(page)
    queue.open_review(TITLE)
    ReviewPage(page).decide(move, reason)
    assert_no_axe_violations(page)


@pytest.mark.browser
def test_a_record_from_contribution_to_reuse_and_alert(hub_page, settings):
    # Index and email at once, as a worker would: the live server runs in this process.
    settings.TASKS = {
        "default": {
            **settings.TASKS["default"],
            "BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
        }
    }
    page = hub_page

    # A councillor saves a search for kerbside glass in channel shift work, with daily emails.
    sign_in_as(page, COUNCILLOR)
    HubPage(page).page.goto("/cases/?q=kerbside+glass&theme=channel-shift")
    page.get_by_role("link", name="Get emails when new good practice matches this search").click()
    page.get_by_label("Name this search").fill("Kerbside glass")
    page.get_by_label("Daily").check()
    page.get_by_role("button", name="Save search").click()
    expect(page.get_by_role("link", name="Kerbside glass")).to_be_visible()
    assert_no_axe_violations(page)

    # An officer contributes; an editor asks for changes; the officer resubmits.
    sign_in_as(page, OFFICER)
    contribute(page)
    sign_in_as(page, EDITOR)
    moderate(page, "Request changes", "Please say what it cost.")
    record = Resource.objects.get(title=TITLE)
    assert record.status == Status.CHANGES_REQUESTED
    assert any("Please say what it cost." in message.body for message in mail.outbox)

    sign_in_as(page, OFFICER)
    page.goto(f"/cases/{record.slug}/edit/check/")
    page.get_by_role("link", name="Change", exact=False).first.wait_for()
    page.get_by_role("button", name="Submit for review").click()
    expect(page.locator(".govuk-panel")).to_contain_text("Submitted for review")

    sign_in_as(page, EDITOR)
    moderate(page, "Publish it")
    record.refresh_from_db()
    assert record.status == Status.PUBLISHED
    assert [t.to_status for t in record.transitions.all()] == [
        "submitted",
        "changes_requested",
        "submitted",
        "published",
    ]

    # Anyone finds it by searching in their own words and narrowing with facets.
    AccountPage(page).goto().sign_out()
    page.goto("/cases/")
    page.get_by_label("Search good practice").fill("glass kerbside")
    page.get_by_role("button", name="Search", exact=True).click()
    expect(page.get_by_role("link", name=TITLE)).to_be_visible()
    page.get_by_label("Household waste collection (1)").check()
    page.get_by_label("Live (1)").check()
    page.get_by_role("button", name="Apply filters").click()
    expect(page.locator("#result-count")).to_contain_text("1 result")
    expect(page.get_by_role("link", name=TITLE)).to_be_visible()
    assert_no_axe_violations(page)

    # Another council records that it reused the work.
    sign_in_as(page, COUNCILLOR)
    page.goto(record.get_absolute_url())
    page.get_by_role("link", name="Record that your organisation reused this").click()
    assert_no_axe_violations(page)
    page.get_by_label("What did it cost to reuse, in pounds?").fill("4000")
    page.get_by_label("How many months did it take to go live?").fill("3")
    page.get_by_role("button", name="Record reuse").click()
    expect(page.locator("#reuse + table")).to_contain_text("Cambridge City Council")
    assert_no_axe_violations(page)

    # The daily alert lists the new record for the councillor's saved search.
    mail.outbox.clear()
    sent = saved_search_alerts_send(frequency="daily", now=timezone.now() + dt.timedelta(days=1))
    assert sent == 1
    alert = next(message for message in mail.outbox if COUNCILLOR in message.to)
    assert TITLE in alert.body
