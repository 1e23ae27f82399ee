"""An editor works the moderation queue in Chromium: every page passes axe at WCAG 2.2 AA."""

import re

import pytest
from playwright.sync_api import Page, expect

from hub.accounts.models import User
from hub.cases.models import Status
from hub.cases.services import benefit_add, resource_create_draft, resource_transition
from hub.cases.tests.pages import ModerationQueuePage, ReviewPage
from hub.core.tests.browser.axe import assert_no_axe_violations
from hub.core.tests.browser.pages import SignInPage
from hub.demo.services import DEMO_PASSWORD


def _submitted_record(title: str):
    officer = User.objects.get(email="officer@example.org")
    resource = resource_create_draft(by=officer, kind="case_study", title=title)
    benefit_add(resource=resource, kind="staff_time", description="Fewer phone calls")
    return resource_transition(resource=resource, to_status=Status.SUBMITTED, by=officer)


@pytest.mark.browser
def test_an_editor_reviews_verifies_and_publishes_a_submitted_record(hub_page: Page):
    resource = _submitted_record("Online skip permits")
    SignInPage(hub_page).goto()
    SignInPage(hub_page).sign_in("editor@example.org", DEMO_PASSWORD)

    queue = ModerationQueuePage(hub_page).goto()
    expect(queue.heading).to_have_text("Moderation")
    expect(queue.tabs.locator("[aria-current=page]")).to_have_text("Submitted for review (1)")
    assert_no_axe_violations(hub_page)

    queue.open_review("Online skip permits")
    review = ReviewPage(hub_page)
    expect(review.heading).to_have_text("Online skip permits")
    assert_no_axe_violations(hub_page)

    review.decide("Request changes")
    expect(review.error_summary).to_contain_text(
        "Give a reason, so the contributor knows what to change"
    )
    expect(hub_page).to_have_title(re.compile(r"^Error: Review"))
    assert_no_axe_violations(hub_page)

    review.check_evidence("Fewer phone calls")
    hub_page.get_by_label("Verified").check()
    review.submit(hub_page.get_by_role("button", name="Save evidence status"))
    expect(hub_page.locator(".govuk-notification-banner")).to_contain_text("as verified")
    assert_no_axe_violations(hub_page)

    review.decide("Publish it")
    expect(hub_page).to_have_url(re.compile(r"/cases/moderation/$"))
    expect(hub_page.locator(".govuk-notification-banner")).to_contain_text(
        "Published “Online skip permits”"
    )
    resource.refresh_from_db()
    assert resource.status == Status.PUBLISHED
