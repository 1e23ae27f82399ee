"""The Digital Academy journey in Chromium, as issue 6 describes it: a facilitator creates a
place cohort and adds participants from four bodies; a schedule outside 6 to 9 months is
refused with a clear error; each sponsor approves by their link; attendance is taken over the
sessions (by the facilitator, and by a participant with the room's code); a participant writes
a 100-day plan and its 6-month update; the certificate PDF downloads with their name on it.
A participant sees their own cohort's people and not another cohort's. Every page passes axe.

The clock cannot be moved in the live server, so the test moves the cohort's dates instead:
the schedule is set in the future, as a facilitator would, then shifted into the past."""

import io
import re
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import Page, expect
from pypdf import PdfReader

from hub.academies.models import (
    AttendanceMethod,
    AttendanceStatus,
    Cohort,
    EnrolmentStatus,
    Plan,
    Session,
)
from hub.accounts.tests.factories import TEST_PASSWORD, UserFactory
from hub.core.tests.browser.axe import assert_no_axe_violations
from hub.core.tests.browser.pages import SignInPage
from hub.demo.services import DEMO_PASSWORD
from hub.organisations.models import Person

TITLE = "Greater Manchester Digital Academy 2027"
OTHER_COHORT = "greater-manchester-digital-academy-2026"
# One person from each of four bodies of the place (all in the demo seed).
PARTICIPANTS = {
    "Dan Example": "Greater Manchester Police",
    "Grace Example": "Greater Manchester Fire and Rescue Service",
    "Omar Example": "NHS Greater Manchester Integrated Care Board",
    "Priya Example": "Manchester City Council",
}
SPONSOR_LINK = re.compile(r"https?://\S+(/academies/sponsor/[\w-]+)")


@pytest.fixture
def fresh_page(hub_page: Page):
    """New browser contexts (nobody signed in), closed before the live server stops."""
    contexts = []

    def make() -> Page:
        context = hub_page.context.browser.new_context(
            base_url=hub_page.url.split("/academies")[0].split("/account")[0]
        )
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(10_000)
        return page

    yield make
    for context in contexts:
        context.close()


def _sponsor_link(sponsor_email: str) -> str:
    bodies = [email.body for email in mail.outbox if sponsor_email in email.to]
    return SPONSOR_LINK.search(bodies[-1]).group(1)


def _fill_schedule(page: Page, days_apart: int) -> None:
    """Six sessions `days_apart` days apart, the first a fortnight from today."""
    first = timezone.localdate() + timedelta(days=14)
    for number in range(1, 7):
        day = first + timedelta(days=days_apart * (number - 1))
        session = page.get_by_role("group", name=f"Session {number}", exact=True)
        session.get_by_label("Day").fill(str(day.day))
        session.get_by_label("Month").fill(str(day.month))
        session.get_by_label("Year").fill(str(day.year))
        session.get_by_label("Start time").fill("10:00")
        session.get_by_label("End time").fill("16:00")
        session.get_by_label("Venue").fill("Manchester Central Library")
    page.get_by_role("button", name="Save schedule").click()


def _shift_sessions(cohort: Cohort, *, last_starts_at) -> None:
    """Move every session by the same amount, so the last one starts at `last_starts_at`."""
    sessions = list(cohort.sessions.order_by("number"))
    delta = last_starts_at - sessions[-1].starts_at
    for session in sessions:
        Session.objects.filter(pk=session.pk).update(
            starts_at=session.starts_at + delta, ends_at=session.ends_at + delta
        )


def _sign_in(page: Page, email: str, password: str) -> Page:
    SignInPage(page).goto().sign_in(email, password)
    return page


@pytest.mark.browser
def test_a_place_cohort_from_schedule_to_certificate(
    hub_page: Page, immediate_tasks, fresh_page, tmp_path
):
    dan = Person.objects.get(full_name="Dan Example")
    dan.user = UserFactory(email="dan.example@example.org", full_name="Dan Example")
    dan.save()
    facilitator = _sign_in(hub_page, "facilitator@example.org", DEMO_PASSWORD)

    # The facilitator creates the cohort in the place.
    facilitator.goto("/academies/cohorts/new")
    assert_no_axe_violations(facilitator)
    facilitator.get_by_label("Digital Academy").check()
    facilitator.get_by_label("Title", exact=True).fill(TITLE)
    facilitator.get_by_label("Place", exact=True).select_option(label="Greater Manchester")
    facilitator.get_by_role("button", name="Save cohort").click()
    expect(facilitator.get_by_role("heading", level=1)).to_contain_text(TITLE)
    cohort = Cohort.objects.get(title=TITLE)
    assert cohort.place.slug == "greater-manchester"

    # Six sessions over four and a half months are refused, with the rule and the figures.
    facilitator.goto(f"/academies/cohorts/{cohort.slug}/schedule")
    assert_no_axe_violations(facilitator)
    _fill_schedule(facilitator, days_apart=28)
    summary = facilitator.locator(".govuk-error-summary")
    expect(summary).to_be_visible()
    expect(summary).to_contain_text("a Digital Academy runs over 6 to 9 months")
    expect(summary).to_contain_text("The sessions span 4 months")
    assert_no_axe_violations(facilitator)
    assert not cohort.sessions.exists()
    # Forty days apart: about six and a half months, accepted.
    _fill_schedule(facilitator, days_apart=40)
    expect(facilitator.locator(".govuk-notification-banner--success")).to_be_visible()
    assert cohort.sessions.count() == 6

    facilitator.goto(f"/academies/cohorts/{cohort.slug}/status")
    facilitator.get_by_label("Taking applications").check()
    facilitator.get_by_role("button", name="Change status").click()
    expect(facilitator.get_by_role("heading", level=1)).to_contain_text(TITLE)

    # Participants from four bodies, each with a sponsor who is emailed a link.
    for name, organisation in PARTICIPANTS.items():
        facilitator.goto(f"/academies/cohorts/{cohort.slug}/participants/add")
        facilitator.get_by_label("Person").select_option(label=f"{name}, {organisation}")
        facilitator.get_by_label("Sponsor's full name").fill(f"Sponsor of {name}")
        facilitator.get_by_label("Sponsor's job title").fill("Chief executive")
        sponsor_email = f"sponsor.{name.split()[0].lower()}@example.org"
        facilitator.get_by_label("Sponsor's email address").fill(sponsor_email)
        facilitator.get_by_role("button", name="Add participant and email their sponsor").click()
        expect(facilitator.locator(".govuk-notification-banner--success")).to_be_visible()
    assert_no_axe_violations(facilitator)

    # Each sponsor approves by their link, without an account; a link works once.
    for name in PARTICIPANTS:
        sponsor = fresh_page()
        link = _sponsor_link(f"sponsor.{name.split()[0].lower()}@example.org")
        sponsor.goto(link)
        expect(sponsor.get_by_role("heading", level=1)).to_contain_text(name)
        if name == "Dan Example":
            assert_no_axe_violations(sponsor)
        sponsor.get_by_label("Approve", exact=True).check()
        sponsor.get_by_role("button", name="Send your answer").click()
        expect(sponsor.locator(".govuk-panel")).to_contain_text("Thank you")
    assert_no_axe_violations(sponsor)
    assert sponsor.goto(link).status == 410
    assert_no_axe_violations(sponsor)
    enrolments = cohort.enrolments.select_related("person")
    assert {e.person.full_name: e.status for e in enrolments} == dict.fromkeys(
        PARTICIPANTS, EnrolmentStatus.ENROLLED
    )
    assert set(enrolments.values_list("partner_kind", flat=True)) == {
        "police",
        "fire_and_rescue",
        "health",
        "council",
    }

    # The facilitator sees a mix with every required sector, so no warning about a missing one.
    facilitator.goto(f"/academies/cohorts/{cohort.slug}/")
    expect(facilitator.get_by_text("Nobody from", exact=False)).to_have_count(0)
    assert_no_axe_violations(facilitator)

    # Five sessions are held; the sixth is under way now.
    _shift_sessions(cohort, last_starts_at=timezone.now() - timedelta(minutes=10))
    for number in range(1, 6):
        facilitator.goto(f"/academies/cohorts/{cohort.slug}/sessions/{number}/attendance")
        for name in PARTICIPANTS:
            status = "Absent" if (name, number) == ("Omar Example", 2) else "Present"
            facilitator.get_by_role("group", name=name).get_by_label(status, exact=True).check()
        facilitator.get_by_role("button", name="Save attendance").click()
        expect(facilitator.locator(".govuk-notification-banner--success")).to_be_visible()
    assert_no_axe_violations(facilitator)

    # Dan checks in to the sixth session with the code on the room's screen.
    participant = _sign_in(fresh_page(), "dan.example@example.org", TEST_PASSWORD)
    sixth = cohort.sessions.get(number=6)
    participant.goto(f"/academies/cohorts/{cohort.slug}/sessions/6/")
    assert_no_axe_violations(participant)
    participant.get_by_label("Attendance code").fill(sixth.attendance_code.lower())
    participant.get_by_role("button", name="Check in").click()
    record = sixth.attendance.get(enrolment__person=dan)
    assert (record.status, record.method) == (AttendanceStatus.PRESENT, AttendanceMethod.CODE)

    # The facilitator's report: attendance per person and session. Six sessions have started;
    # Omar missed one and is not yet recorded at the sixth: 4 of 6.
    facilitator.goto(f"/academies/cohorts/{cohort.slug}/attendance")
    table = facilitator.locator("#attendance")
    expect(table.get_by_role("row", name=re.compile("Omar Example"))).to_contain_text("67%")
    expect(table.get_by_role("row", name=re.compile("Dan Example"))).to_contain_text("100%")
    assert_no_axe_violations(facilitator)

    # Participants see their own cohort's people, never another cohort's.
    participant.goto(f"/academies/cohorts/{cohort.slug}/participants")
    expect(participant.get_by_role("cell", name="Grace Example")).to_be_visible()
    assert_no_axe_violations(participant)
    response = participant.goto(f"/academies/cohorts/{OTHER_COHORT}/participants")
    assert response.status == 403
    expect(participant.get_by_text("Priya Example")).to_have_count(0)

    # Dan's 100-day plan, with an action, submitted.
    participant.goto(f"/academies/cohorts/{cohort.slug}/plan")
    participant.get_by_role("button", name="Start your plan").click()
    participant.get_by_label("Your ambition").fill(
        "Police, fire and NHS share one record of people at risk of falls."
    )
    participant.get_by_label("Expected benefits").fill("Fewer emergency call-outs for falls.")
    participant.get_by_role("button", name="Save your plan").click()
    participant.get_by_role("button", name="Add an action").click()
    participant.get_by_label("What will you do?").fill("Agree a data sharing agreement")
    participant.get_by_role("button", name="Save the action").click()
    participant.get_by_role("button", name="Submit your plan").click()
    expect(participant.get_by_text("Submitted", exact=True)).to_be_visible()
    assert_no_axe_violations(participant)
    plan = Plan.objects.get(enrolment__person=dan, enrolment__cohort=cohort)
    assert plan.is_submitted
    assert plan.actions.count() == 1

    # Six months on, the 6-month update.
    Plan.objects.filter(pk=plan.pk).update(submitted_at=timezone.now() - timedelta(days=183))
    participant.goto(f"/academies/cohorts/{cohort.slug}/plan/updates/six_months")
    assert_no_axe_violations(participant)
    participant.get_by_label("On track").check()
    participant.get_by_label("What has been achieved").fill(
        "The agreement is signed and the shared record is live in two districts."
    )
    participant.get_by_label("Agree a data sharing agreement").select_option(label="Done")
    participant.get_by_role("button", name="Save the update").click()
    expect(participant.locator(".govuk-notification-banner--success")).to_be_visible()
    assert plan.updates.get().milestone == "six_months"
    assert plan.actions.get().status == "done"

    # The last session has ended: the facilitator awards certificates to whoever meets the
    # rules (only Dan has submitted a plan), and Dan downloads his.
    _shift_sessions(cohort, last_starts_at=timezone.now() - timedelta(days=1))
    facilitator.goto(f"/academies/cohorts/{cohort.slug}/completion")
    assert_no_axe_violations(facilitator)
    facilitator.get_by_role(
        "button", name="Award certificates to everyone who meets the rules"
    ).click()
    expect(facilitator.locator(".govuk-notification-banner--success")).to_be_visible()
    completed = cohort.enrolments.filter(status=EnrolmentStatus.COMPLETED)
    assert [e.person.full_name for e in completed] == ["Dan Example"]

    participant.goto(f"/academies/cohorts/{cohort.slug}/my-completion")
    assert_no_axe_violations(participant)
    with participant.expect_download() as download_info:
        participant.get_by_role("link", name="Download your certificate (PDF)").click()
    path = tmp_path / "certificate.pdf"
    download_info.value.save_as(path)
    text = "".join(page_.extract_text() for page_ in PdfReader(io.BytesIO(path.read_bytes())).pages)
    assert "Dan Example" in text
    assert completed.get().certificate_number in text
