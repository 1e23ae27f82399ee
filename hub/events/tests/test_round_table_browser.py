"""The round-table journey in Chromium, as the events issue describes it: a facilitator
creates a private regional round table, invites three people (one by email, without an
account), one accepts, one declines and one waits; a place frees and the waiting person is
told; attendance is taken; an unattributed record goes to the attendees. Private details are
refused to an uninvited member and to the public. Every page passes axe at WCAG 2.2 AA."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import Page, expect

from hub.core.tests.browser.axe import assert_no_axe_violations
from hub.core.tests.browser.pages import SignInPage
from hub.demo.services import DEMO_PASSWORD
from hub.events.models import Attendance, Event, PlaceStatus, RecordStatus
from hub.organisations.models import Person

TITLE = "Digital and welfare reform"
LINK = re.compile(r"https?://\S+/events/respond/[\w-]+/")


def _link_in_last_email_to(address: str) -> str:
    """The personal link in the last email to `address` that has one."""
    links = [LINK.search(email.body) for email in mail.outbox if address in email.to]
    link = [found for found in links if found][-1].group(0)
    return "/events/" + link.split("/events/", 1)[1]


@pytest.fixture
def fresh_page(hub_page: Page):
    """New browser contexts: nobody signed in, no cookies shared with the facilitator. Each is
    closed before the live server stops, so no request of theirs outlives it."""
    contexts = []

    def make() -> Page:
        context = hub_page.context.browser.new_context(base_url=hub_page.url.split("/events")[0])
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()


def _answer(new_page, link: str, answer: str, *, reason: str = "") -> Page:
    invitee = new_page()
    invitee.goto(link)
    expect(invitee.get_by_role("heading", level=1)).to_contain_text(TITLE)
    assert_no_axe_violations(invitee)
    invitee.get_by_label(answer).check()
    if reason:
        invitee.get_by_label("If you cannot come, why not? (optional)").fill(reason)
    invitee.get_by_role("button", name="Send my answer").click()
    expect(invitee.locator(".govuk-panel")).to_be_visible()
    assert_no_axe_violations(invitee)
    return invitee


def _create_round_table(page: Page) -> Event:
    page.goto("/events/new/")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert_no_axe_violations(page)
    page.get_by_label("Chief executive round table").check()
    page.get_by_label("Invitation only").check()
    page.get_by_label("Title").fill(TITLE)
    page.get_by_label("Region (optional)").select_option(label="North West")
    when = timezone.localdate() + timedelta(days=21)
    page.get_by_label("Day").fill(str(when.day))
    page.get_by_label("Month").fill(str(when.month))
    page.get_by_label("Year").fill(str(when.year))
    page.get_by_label("Start time").fill("10:00")
    page.get_by_label("End time").fill("12:30")
    page.get_by_label("Venue (optional if there is an online link)").fill(
        "Salford Civic Centre, Chorley Road, Swinton M27 5AW"
    )
    page.get_by_label("How many places are there?").fill("1")
    page.get_by_role("button", name="Save event").click()
    page.get_by_role("button", name="Publish the event").click()
    expect(page.locator(".govuk-notification-banner--success")).to_be_visible()
    assert_no_axe_violations(page)
    return Event.objects.get(title=TITLE)


def _invite(page: Page, event: Event, *, person: str = "", name: str = "", email: str = ""):
    page.goto(f"/events/{event.slug}/invitations/new/")
    if person:
        chosen = Person.objects.select_related("organisation").get(full_name=person)
        page.get_by_label("Person").select_option(
            label=f"{chosen.full_name}, {chosen.organisation.name}"
        )
    else:
        page.get_by_label("Full name").fill(name)
        page.get_by_label("Email address").fill(email)
        page.get_by_label("Organisation").fill("Salford City Council")
    page.get_by_role("button", name="Send invitation").click()
    expect(page.locator(".govuk-notification-banner--success")).to_be_visible()


@pytest.mark.browser
def test_a_private_round_table_from_invitation_to_an_unattributed_record(
    hub_page: Page, immediate_tasks, fresh_page
):
    SignInPage(hub_page).goto()
    SignInPage(hub_page).sign_in("facilitator@example.org", DEMO_PASSWORD)
    event = _create_round_table(hub_page)
    assert event.is_private
    assert event.region == "North West"

    _invite(hub_page, event, person="Morgan Example")
    assert_no_axe_violations(hub_page)
    _invite(hub_page, event, person="Robin Example")
    _invite(hub_page, event, name="Jordan Sample", email="jordan.sample@example.org")

    # One accepts (the only place), one declines with a reason, one joins the waiting list.
    _answer(fresh_page, _link_in_last_email_to("councillor@example.org"), "Yes, I can come")
    _answer(
        fresh_page,
        _link_in_last_email_to("officer@example.org"),
        "No, I cannot come",
        reason="Budget setting meeting",
    )
    waiting = _answer(
        fresh_page, _link_in_last_email_to("jordan.sample@example.org"), "Yes, I can come"
    )
    expect(waiting.locator(".govuk-panel")).to_contain_text("waiting list")
    # The link works once.
    waiting.goto(_link_in_last_email_to("jordan.sample@example.org"))
    expect(waiting.get_by_role("button", name="Send my answer")).to_have_count(0)

    # The facilitator sees who said no, not only who said yes.
    hub_page.goto(f"/events/{event.slug}/invitations/")
    expect(hub_page.get_by_text("Budget setting meeting")).to_be_visible()
    assert_no_axe_violations(hub_page)

    # Private details are refused to an uninvited member and to the public.
    stranger = fresh_page()
    assert stranger.goto(f"/events/{event.slug}/").status == 404
    SignInPage(stranger).goto()
    SignInPage(stranger).sign_in("editor@example.org", DEMO_PASSWORD)
    assert stranger.goto(f"/events/{event.slug}/").status == 404
    assert stranger.goto(f"/events/{event.slug}/attendees/").status == 404

    # The councillor gives up the place: it goes to the waiting list, who are told.
    councillor = fresh_page()
    SignInPage(councillor).goto()
    SignInPage(councillor).sign_in("councillor@example.org", DEMO_PASSWORD)
    councillor.goto(f"/events/{event.slug}/")
    assert_no_axe_violations(councillor)
    councillor.get_by_role("button", name="Give up my place").click()
    expect(councillor.locator(".govuk-notification-banner--success")).to_be_visible()
    told = [email for email in mail.outbox if "jordan.sample@example.org" in email.to]
    assert told[-1].subject == f"A place has come up: {TITLE}"
    jordan = event.invitations.get(email="jordan.sample@example.org")
    assert jordan.status == PlaceStatus.ACCEPTED

    # The day comes: attendance is taken.
    Event.objects.filter(pk=event.pk).update(
        starts_at=timezone.now() - timedelta(hours=3), ends_at=timezone.now() - timedelta(hours=1)
    )
    hub_page.goto(f"/events/{event.slug}/attendance/")
    assert_no_axe_violations(hub_page)
    hub_page.get_by_role("group", name=re.compile("Jordan Sample")).get_by_label("Present").check()
    hub_page.get_by_role("button", name="Save attendance").click()
    expect(hub_page.locator(".govuk-notification-banner--success")).to_be_visible()
    jordan.refresh_from_db()
    assert jordan.attendance == Attendance.PRESENT

    # The record has no speaker field; naming an attendee brings a warning, not a refusal.
    hub_page.goto(f"/events/{event.slug}/record/edit/")
    expect(hub_page.get_by_label(re.compile("[Ss]peaker"))).to_have_count(0)
    hub_page.get_by_label("Key points").fill(
        "- Jordan Sample said welfare data sharing is the hardest part."
    )
    hub_page.get_by_role("button", name="Save record").click()
    expect(hub_page.locator(".govuk-warning-text")).to_contain_text("Jordan Sample")
    assert_no_axe_violations(hub_page)
    hub_page.goto(f"/events/{event.slug}/record/edit/")
    hub_page.get_by_label("Key points").fill(
        "- Sharing welfare data across partners is the hardest part."
    )
    hub_page.get_by_role("button", name="Save record").click()
    hub_page.goto(f"/events/{event.slug}/record/")
    hub_page.get_by_role("button", name="Share with attendees").click()
    expect(hub_page.locator(".govuk-notification-banner--success")).to_be_visible()
    assert_no_axe_violations(hub_page)
    event.record.refresh_from_db()
    assert event.record.status == RecordStatus.ATTENDEES
    # Shared with attendees only: the member who gave up their place cannot read it yet.
    assert councillor.goto(f"/events/{event.slug}/record/").status in (403, 404)
