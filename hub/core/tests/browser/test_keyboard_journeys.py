"""Keyboard-only journeys: searching, contributing good practice, signing up for an event and
answering a self-assessment with Tab, typing, Space, arrow keys and Enter, never the mouse.
Pages are opened by address only where a person would follow a link from an email or type it.
Every control used must be reachable in the tab order and show where the focus is."""

import re

import pytest
from playwright.sync_api import Page, expect

from hub.accounts.tests.factories import TEST_PASSWORD, UserFactory
from hub.core.tests.browser.axe import assert_no_axe_violations
from hub.core.tests.browser.keyboard import Keyboard
from hub.demo.services import DEMO_PASSWORD

OPEN_SESSION = "/events/open-session-user-research-for-leaders/"


def sign_in(page: Page, keys: Keyboard, email: str, password: str) -> None:
    page.goto("/account/sign-in/")
    keys.type_into(page.get_by_label("Email address"), email)
    keys.type_into(page.get_by_label("Password", exact=True), password)
    keys.activate(page.get_by_role("main").get_by_role("button", name="Sign in"))


@pytest.mark.browser
def test_searching_good_practice_with_the_keyboard(hub_page: Page):
    keys = Keyboard(hub_page)
    hub_page.goto("/")
    keys.activate(hub_page.get_by_role("navigation", name="Menu").get_by_role("link").first)
    hub_page.goto("/cases/")
    keys.type_into(hub_page.get_by_label("Search good practice"), "missed bins")
    keys.activate(hub_page.get_by_role("button", name="Search", exact=True))
    expect(hub_page).to_have_url(re.compile(r"q=missed\+bins"))
    first_result = hub_page.locator("main .govuk-heading-s a, main h2 a, main h3 a").first
    title = first_result.inner_text()
    keys.activate(first_result)
    expect(hub_page.locator("main h1")).to_have_text(title)
    assert_no_axe_violations(hub_page)


@pytest.mark.browser
def test_contributing_good_practice_with_the_keyboard(hub_page: Page):
    keys = Keyboard(hub_page)
    sign_in(hub_page, keys, "officer@example.org", DEMO_PASSWORD)
    hub_page.goto("/cases/contribute/")
    keys.activate(hub_page.get_by_role("button", name="Start now"))

    def answer(label: str, text: str) -> None:
        keys.type_into(hub_page.get_by_label(label, exact=True), text)

    def save_and_continue(next_heading: str) -> None:
        keys.activate(hub_page.get_by_role("button", name="Save and continue", exact=True))
        expect(hub_page.locator("main h1")).to_contain_text(next_heading)

    keys.choose(
        hub_page.get_by_role("group", name="What are you sharing?"),
        hub_page.get_by_label("Case study", exact=True),
    )
    answer("Title", "Keyboard-only bin reports")
    save_and_continue("Summary")
    answer("Summarise the work", "Residents report missed bins online and crews see them.")
    save_and_continue("The problem")
    answer("What was the problem?", "Missed bins were reported by phone.")
    save_and_continue("What was done")
    answer("Describe what was done", "We built an online form with the crews.")
    for heading in ("Technology and suppliers", "Cost", "Benefits", "Lessons"):
        save_and_continue(heading)
    save_and_continue("Lead organisation and sector")
    keys.choose(
        hub_page.get_by_role("group", name=re.compile("sector", re.I)),
        hub_page.get_by_label("Local government", exact=True),
    )
    for heading in ("Partner organisations", "Service areas", "Themes"):
        save_and_continue(heading)
    keys.tick(hub_page.locator("main input[type=checkbox]").first)
    save_and_continue("Stage")
    keys.choose(
        hub_page.get_by_role("group", name=re.compile("stage", re.I)),
        hub_page.get_by_label("Live", exact=True),
    )
    for heading in ("Dates", "Evidence"):
        save_and_continue(heading)
    keys.choose(
        hub_page.get_by_role("group", name=re.compile("evidence", re.I)),
        hub_page.get_by_label("Level 1: an account of impact", exact=True),
    )
    save_and_continue("Files")
    save_and_continue("Licence")
    keys.choose(
        hub_page.get_by_role("group", name=re.compile("licence", re.I)),
        hub_page.get_by_label("Creative Commons Attribution 4.0", exact=True),
    )
    save_and_continue("Check your answers")
    expect(hub_page.locator("main")).to_contain_text("Keyboard-only bin reports")
    keys.activate(hub_page.get_by_role("button", name="Submit for review"))
    expect(hub_page.locator(".govuk-panel--confirmation")).to_contain_text("Submitted for review")
    assert_no_axe_violations(hub_page)


@pytest.mark.browser
def test_signing_up_for_an_event_and_giving_the_place_up_with_the_keyboard(hub_page: Page):
    keys = Keyboard(hub_page)
    sign_in(hub_page, keys, "councillor@example.org", DEMO_PASSWORD)
    hub_page.goto("/events/")
    keys.activate(
        hub_page.get_by_role("link", name="Open session: user research for council leaders")
    )
    expect(hub_page).to_have_url(re.compile(re.escape(OPEN_SESSION) + "$"))
    keys.activate(hub_page.get_by_role("button", name="Sign up"))
    expect(hub_page.locator("main")).to_contain_text(re.compile("You have a place|booked", re.I))
    assert_no_axe_violations(hub_page)
    keys.activate(hub_page.get_by_role("button", name="Give up my place"))
    expect(hub_page.get_by_role("button", name="Sign up")).to_be_visible()


@pytest.mark.browser
def test_starting_and_answering_a_self_assessment_with_the_keyboard(hub_page: Page):
    from hub.assessment.models import Assessment
    from hub.organisations.models import Organisation, Person, RoleType, Seniority

    council = Organisation.objects.get(name="Buckinghamshire Council")
    user = UserFactory(email="kay.keys@example.org", full_name="Kay Keys")
    Person.objects.create(
        full_name="Kay Keys",
        organisation=council,
        user=user,
        role_type=RoleType.OFFICER,
        seniority=Seniority.DIRECTOR,
        job_title="Director of digital",
    )

    keys = Keyboard(hub_page)
    sign_in(hub_page, keys, "kay.keys@example.org", TEST_PASSWORD)
    hub_page.goto("/self-assessment/new")
    keys.type_into(hub_page.get_by_label("Name this assessment"), "Keyboard assessment 2026")
    keys.activate(hub_page.get_by_role("button", name="Start the assessment"))
    assessment = Assessment.objects.get(title="Keyboard assessment 2026")
    hub_page.goto(f"/self-assessment/{assessment.pk}/answer/")
    for capability in assessment.framework.capabilities.all():
        expect(hub_page.locator("main h1")).to_contain_text(capability.title)
        for fieldset in hub_page.locator("main fieldset").all():
            keys.choose(fieldset, fieldset.locator("input[value='3']"))
        keys.activate(hub_page.get_by_role("button", name="Save and continue"))
    assert_no_axe_violations(hub_page)
    keys.activate(hub_page.get_by_role("button", name="Submit your answers"))
    member = assessment.members.get(user=user)
    assert member.submitted_at is not None
    assert member.answers.count() == sum(
        c.questions.count() for c in assessment.framework.capabilities.all()
    )
