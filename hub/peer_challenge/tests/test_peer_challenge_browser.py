"""The peer challenge journey in Chromium, as issue 7 describes it: programme staff set up a
challenge and its team; a peer records a finding; the Hub signposts good practice and the
peer keeps one and drops another; the report renders as HTML and PDF; the council publishes
it; the council's action plan and the progress review are tracked. Someone outside the
challenge is refused every confidential page, and every page passes axe."""

import io
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect
from pypdf import PdfReader

from hub.accounts.tests.factories import TEST_PASSWORD, UserFactory
from hub.core.tests.browser.axe import assert_no_axe_violations
from hub.core.tests.browser.pages import SignInPage
from hub.demo.services import DEMO_PASSWORD
from hub.organisations.models import Organisation, Person, RoleType, Seniority
from hub.peer_challenge.models import Challenge, ChallengeStatus, Signpost, SignpostStatus

MISSED_BINS = "Residents report missed bins online and see when crews will return"


@pytest.fixture
def fresh_page(hub_page: Page, live_server):
    """New browser contexts (nobody signed in), closed before the live server stops."""
    contexts = []

    def make(email: str | None = None, password: str = DEMO_PASSWORD) -> Page:
        context = hub_page.context.browser.new_context(base_url=live_server.url)
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(10_000)
        if email:
            SignInPage(page).goto().sign_in(email, password)
        return page

    yield make
    for context in contexts:
        context.close()


def _fill_date(page: Page, legend: str, day) -> None:
    group = page.get_by_role("group", name=legend)
    group.get_by_label("Day").fill(str(day.day))
    group.get_by_label("Month").fill(str(day.month))
    group.get_by_label("Year").fill(str(day.year))


def _confidential_paths(challenge: Challenge) -> list[str]:
    base = f"/peer-challenge/{challenge.slug}"
    finding = challenge.findings.get()
    line = finding.line.code
    return [
        f"{base}/",
        f"{base}/scoping",
        f"{base}/position-statement",
        f"{base}/enquiry/",
        f"{base}/enquiry/{line}/",
        f"{base}/findings/{finding.pk}/",
        f"{base}/findings/{finding.pk}/signposts",
        f"{base}/report",
        f"{base}/report.pdf",
        f"{base}/action-plan",
        f"{base}/progress-review",
    ]


@pytest.mark.browser
def test_a_challenge_from_set_up_to_progress_review(
    hub_page: Page, fresh_page, immediate_tasks, tmp_path
):
    salford = Organisation.objects.get(register_code="SLF")
    council_lead = Person.objects.create(
        full_name="Sam Sample",
        organisation=salford,
        role_type=RoleType.OFFICER,
        seniority=Seniority.CHIEF_EXECUTIVE,
        job_title="Chief executive",
        user=UserFactory(email="sam.sample@example.org", full_name="Sam Sample"),
    )

    # Programme staff set up the challenge and its team.
    staff = fresh_page("facilitator@example.org")
    staff.goto("/peer-challenge/new")
    assert_no_axe_violations(staff)
    staff.get_by_label("Which council is being challenged?").select_option(label=salford.name)
    today = timezone.localdate()
    _fill_date(staff, "When does the on-site visit start?", today - timedelta(days=20))
    _fill_date(staff, "When does the on-site visit end?", today - timedelta(days=17))
    staff.get_by_role("button", name="Set up the challenge").click()
    # Next comes the team.
    challenge = Challenge.objects.get(organisation=salford)
    expect(staff.get_by_role("heading", level=1)).to_have_text(
        "The peer team and the council's leads"
    )
    assert_no_axe_violations(staff)
    staff.get_by_label("Who do you want to add?").select_option(
        label="Charlie Example, Kent County Council"
    )
    staff.get_by_label("Lead peer").check()
    staff.get_by_role("button", name="Add to the peer team").click()
    # Nobody from the council under review can be a peer.
    staff.get_by_label("Who do you want to add?").select_option(
        label=f"Tom Example, {salford.name}"
    )
    staff.get_by_label("Officer peer").check()
    staff.get_by_role("button", name="Add to the peer team").click()
    expect(staff.locator(".govuk-error-summary")).to_contain_text("the council under review")
    assert_no_axe_violations(staff)
    staff.get_by_label("Who at the council leads its side of the challenge?").select_option(
        label=f"Sam Sample, {salford.name}"
    )
    staff.get_by_role("button", name="Add as a council lead").click()
    assert challenge.peers.get().person.full_name == "Charlie Example"
    assert challenge.council_leads.get().person == council_lead

    # The lead peer records an area for development on a line of enquiry.
    peer = fresh_page("champion@example.org")
    peer.goto(f"/peer-challenge/{challenge.slug}/enquiry/")
    assert_no_axe_violations(peer)
    peer.locator("main a[href*='/enquiry/']").first.click()
    peer.get_by_label("Area for development").check()
    peer.get_by_label("Title", exact=True).fill("Residents chase missed bins by phone")
    peer.get_by_label("What the peers found").fill(
        "Residents report missed bin collections by phone; the reports are typed again into "
        "the crews' system, so residents cannot see what happened and chase the council."
    )
    peer.get_by_label("Recommendations (optional)").fill(
        "- Let residents report missed bins online, linked to the crews' in-cab devices."
    )
    peer.get_by_role("button", name="Save the finding").click()

    # Signposts: proven practice appears; the peer keeps it and drops another.
    finding = challenge.findings.get()
    expect(peer.get_by_text(MISSED_BINS).first).to_be_visible()
    assert_no_axe_violations(peer)
    proposed = list(finding.signposts.filter(kind="case").order_by("position"))
    assert proposed[0].title == MISSED_BINS
    other = proposed[1]
    peer.get_by_role("button", name=f"Keep {MISSED_BINS}").click()
    peer.get_by_role("button", name=f"Drop {other.title}").click()
    statuses = dict(Signpost.objects.filter(finding=finding).values_list("title", "status"))
    assert statuses[MISSED_BINS] == SignpostStatus.KEPT
    assert statuses[other.title] == SignpostStatus.DROPPED

    # The report: the kept signpost, never the dropped one, as HTML and as PDF.
    peer.goto(f"/peer-challenge/{challenge.slug}/report")
    report = peer.locator("main")
    expect(report).to_contain_text("Residents chase missed bins by phone")
    expect(report).to_contain_text(MISSED_BINS)
    expect(report).not_to_contain_text(other.title)
    assert_no_axe_violations(peer)
    with peer.expect_download() as download_info:
        peer.locator("main a[href$='report.pdf']").first.click()
    path = tmp_path / "report.pdf"
    download_info.value.save_as(path)
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(path.read_bytes())).pages)
    assert "Residents chase missed bins by phone" in text
    assert "Residents report missed bins online" in text
    assert other.title not in text

    # Someone outside the challenge, and the public, are refused every confidential page.
    outsider = fresh_page("officer@example.org")
    anonymous = fresh_page()
    for path in _confidential_paths(challenge):
        assert outsider.goto(path).status == 404, path
        anonymous.goto(path)
        assert "/account/sign-in/" in anonymous.url, path

    # The council publishes the report: now anyone can read it, and the evidence stays private.
    council = fresh_page("sam.sample@example.org", TEST_PASSWORD)
    council.goto(f"/peer-challenge/{challenge.slug}/publish")
    assert_no_axe_violations(council)
    council.get_by_role("button", name="Publish the report").click()
    challenge.refresh_from_db()
    assert challenge.status == ChallengeStatus.PUBLISHED
    anonymous.goto(f"/peer-challenge/{challenge.slug}/report")
    expect(anonymous.locator("main")).to_contain_text(MISSED_BINS)
    # The challenge is public now, so its confidential pages refuse outright (403).
    assert outsider.goto(f"/peer-challenge/{challenge.slug}/enquiry/").status == 403

    # The council's action plan, tracked to done and published.
    council.goto(f"/peer-challenge/{challenge.slug}/action-plan")
    council.get_by_role("button", name="Add an action").click()
    council.get_by_label("What will the council do?").fill("Put missed bin reporting online")
    council.get_by_label("Who owns it").fill("Director of environment")
    _fill_date(council, "When will it be done by?", today + timedelta(days=60))
    council.get_by_label("The area for development it answers (optional)").select_option(
        label=f"{finding.line.element.title}: Residents chase missed bins by phone"
    )
    council.get_by_label("Done", exact=True).check()
    council.get_by_role("button", name="Save the action").click()
    expect(council.locator("#plan-status")).to_be_visible()
    expect(council.locator("main")).to_contain_text("1 of 1")
    council.get_by_role("button", name="Publish the action plan").click()
    assert_no_axe_violations(council)
    action = challenge.actions.get()
    assert action.status == "done"
    assert action.done_on == today

    # The progress review, recorded by the lead peer, closes the cycle.
    peer.goto(f"/peer-challenge/{challenge.slug}/progress-review")
    peer.locator("main").get_by_role("button", name="Record the progress review").click()
    _fill_date(peer, "When was the review held?", today)
    peer.get_by_label("Summary").fill("The council put missed bin reporting online.")
    peer.get_by_role("button", name="Record the progress review").click()
    challenge.refresh_from_db()
    assert challenge.progress_review_held_on == today
    assert challenge.status == ChallengeStatus.CLOSED
    assert_no_axe_violations(peer)

    # Programme staff see each deadline met.
    staff.goto("/peer-challenge/deadlines/")
    row = staff.get_by_role("row").filter(has_text=challenge.title)
    expect(row.first).to_contain_text("Met")
    assert_no_axe_violations(staff)
