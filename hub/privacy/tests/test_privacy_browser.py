"""Privacy in Chromium: a member downloads their data and asks for it to be erased; a
programme admin carries the request out; the member's case study is still public, without
its contact, and the member can no longer sign in. axe on each privacy page."""

import json
from pathlib import Path

import pytest
from playwright.sync_api import expect

from hub.cases.models import Resource
from hub.core.tests.browser.axe import assert_no_axe_violations
from hub.core.tests.browser.pages import AccountPage, HubPage, SignInPage
from hub.demo.services import DEMO_PASSWORD

pytestmark = pytest.mark.browser

MEMBER = "officer@example.org"  # Robin Example, the contact of the demo cases
MEMBER_NAME = "Robin Example"
ADMIN = "admin@example.org"


def _go(page, button) -> None:
    HubPage(page).submit(button)


def test_a_member_is_erased_and_their_case_study_stays_public_without_contact(hub_page):
    page = hub_page
    case = Resource.objects.filter(contacts__email=MEMBER).first()

    # The member downloads their data from their account page.
    SignInPage(page).goto().sign_in(MEMBER, DEMO_PASSWORD)
    AccountPage(page).goto()
    expect(page.get_by_role("heading", name="Your data")).to_be_visible()
    assert_no_axe_violations(page)
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download your data (JSON file)").click()
    data = json.loads(Path(download_info.value.path()).read_text())
    assert data["accounts"]["account"]["email"] == MEMBER
    assert case.title in {c["title"] for c in data["cases"]["cases_you_are_a_contact_for"]}

    # ...and asks for erasure, one thing a page.
    _go(page, page.get_by_role("link", name="Ask for your data to be erased"))
    assert_no_axe_violations(page)
    page.get_by_label("Why do you want your data erased? (optional)").fill("I am retiring")
    _go(page, page.get_by_role("button", name="Continue"))
    expect(page.locator("main h1")).to_have_text("Confirm you want your data erased")
    _go(page, page.get_by_role("button", name="Ask for my data to be erased"))
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter your password")
    assert_no_axe_violations(page)
    page.get_by_label("Your password").fill(DEMO_PASSWORD)
    _go(page, page.get_by_role("button", name="Ask for my data to be erased"))
    expect(page.locator(".govuk-panel__title")).to_have_text(
        "We have your request to erase your data"
    )
    assert_no_axe_violations(page)
    AccountPage(page).goto().sign_out()

    # A programme admin finds it in the queue and carries it out.
    SignInPage(page).goto().sign_in(ADMIN, DEMO_PASSWORD)
    page.goto("/privacy/erasure-requests/")
    expect(page.get_by_role("cell", name=MEMBER_NAME)).to_be_visible()
    assert_no_axe_violations(page)
    # The demo seed has another request waiting (Sam Leaving's): open this member's.
    row = page.get_by_role("row").filter(has_text=MEMBER_NAME)
    _go(page, row.get_by_role("link", name="Erasure request"))
    expect(page.get_by_text("I am retiring")).to_be_visible()
    assert_no_axe_violations(page)
    _go(page, page.get_by_role("button", name="Carry out the erasure"))
    _go(page, page.get_by_role("button", name="Erase their data"))
    expect(page.locator(".govuk-error-summary")).to_contain_text("Confirm there is no legal")
    assert_no_axe_violations(page)
    page.get_by_label("I have checked there is no legal reason").check()
    _go(page, page.get_by_role("button", name="Erase their data"))
    expect(page.locator("main")).to_contain_text("Carried out")
    expect(page.locator("main")).not_to_contain_text(MEMBER_NAME)
    assert_no_axe_violations(page)

    # The history of the case and the change list show changes without the member's name.
    page.goto(f"/privacy/history/case/{case.pk}/")
    expect(page.locator("main h1")).to_contain_text(case.title)
    assert_no_axe_violations(page)
    page.goto("/privacy/changes/?record_type=erasure-request")
    expect(page.locator("main")).to_contain_text("Erasure request")
    expect(page.locator("main")).not_to_contain_text(MEMBER_NAME)
    assert_no_axe_violations(page)
    AccountPage(page).goto().sign_out()

    # The case study is still public, with no contact; the member cannot sign in.
    page.goto(case.get_absolute_url())
    expect(page.locator("main h1")).to_have_text(case.title)
    expect(page.get_by_text("No contact is named for this record.")).to_be_visible()
    expect(page.locator("main")).not_to_contain_text(MEMBER_NAME)
    SignInPage(page).goto().sign_in(MEMBER, DEMO_PASSWORD)
    expect(page.locator(".govuk-error-summary")).to_be_visible()
