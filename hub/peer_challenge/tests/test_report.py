"""The report: what it holds (and never holds), its summary, its PDF, and publishing it."""

import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from pypdf import PdfReader

from hub.peer_challenge import report as reports
from hub.peer_challenge.models import (
    ChallengeStatus,
    Judgement,
    LineOfEnquiry,
    PeerRole,
    SignpostKind,
    SignpostStatus,
)
from hub.peer_challenge.tests.factories import (
    ChallengeFactory,
    CouncilLeadFactory,
    EvidenceFactory,
    FindingFactory,
    PeerFactory,
    SignpostFactory,
    first_line,
)
from hub.peer_challenge.tests.test_findings_access import publish, sign_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def challenge():
    made = ChallengeFactory(report_summary="The council **knows** its residents well.")
    line = first_line(made)
    strength = FindingFactory(
        challenge=made,
        line=line,
        judgement=Judgement.STRENGTH,
        title="Leaders champion data",
        detail="Dashboards are used in every cabinet meeting.",
        recommendations="",
    )
    area = FindingFactory(challenge=made, line=line, title="Bins are reported by phone only")
    SignpostFactory(
        finding=area,
        title="Kept: bins online in Northtown",
        url="/cases/bins-northtown/",
        status=SignpostStatus.KEPT,
        position=2,
    )
    SignpostFactory(
        finding=area,
        title="Kept first: bins app in Easttown",
        url="/cases/bins-easttown/",
        status=SignpostStatus.KEPT,
        position=1,
    )
    SignpostFactory(finding=area, title="Dropped: bins in Southtown", status=SignpostStatus.DROPPED)
    SignpostFactory(finding=area, title="Proposed: bins in Westtown")
    SignpostFactory(
        finding=area,
        kind=SignpostKind.CHAMPION,
        title="Ada Champion",
        url="/champions/ada-champion/",
        status=SignpostStatus.KEPT,
        position=3,
    )
    SignpostFactory(finding=strength, title="Dropped data case", status=SignpostStatus.DROPPED)
    EvidenceFactory(challenge=made, summary="Secret evidence: the call centre log")
    made.scoping_notes = "Secret scoping note"
    made.save()
    return made


@pytest.fixture
def lead_peer(challenge):
    return PeerFactory(
        challenge=challenge, role=PeerRole.LEAD_PEER, person__full_name="Lena Leadpeer"
    ).person.user


def report_url(challenge):
    return reverse("peer_challenge:report", args=[challenge.slug])


def test_the_report_holds_the_findings_and_kept_signposts_only(client, challenge, lead_peer):
    PeerFactory(challenge=challenge, role=PeerRole.MEMBER_PEER, person__full_name="Mo Member")
    response = sign_in(client, lead_peer).get(report_url(challenge))
    assert response.status_code == 200
    text = response.content.decode()
    assert challenge.organisation.name in text
    assert challenge.on_site_starts_on.strftime("%-d %B %Y") in text
    assert "Lena Leadpeer" in text
    assert "Lead peer" in text
    assert "Mo Member" in text
    assert "Member peer (councillor)" in text
    assert "<strong>knows</strong>" in text
    assert "Contents" in text
    assert 'href="#element-governance-and-culture"' in text
    assert "Strengths" in text
    assert "Areas for development" in text
    assert "Leaders champion data" in text
    assert "Bins are reported by phone only" in text
    assert "Let residents report missed bins online" in text
    assert 'Already done elsewhere: <a class="govuk-link" href="/cases/bins-easttown/">' in text
    assert 'Talk to: <a class="govuk-link" href="/champions/ada-champion/">Ada Champion' in text
    # Kept ones in the peers' order.
    assert text.index("bins app in Easttown") < text.index("bins online in Northtown")
    for hidden in (
        "Dropped:",
        "Proposed:",
        "Dropped data case",
        "Secret evidence",
        "Secret scoping",
    ):
        assert hidden not in text
    assert "A draft" in text


def test_the_report_takes_the_same_queries_however_many_findings(client, challenge, lead_peer):
    sign_in(client, lead_peer)

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(report_url(challenge)).status_code == 200
        return len(captured)

    before = queries()
    for line in LineOfEnquiry.objects.filter(element__framework=challenge.framework):
        finding = FindingFactory(challenge=challenge, line=line)
        SignpostFactory(finding=finding, status=SignpostStatus.KEPT)
    assert queries() == before


def test_peers_write_the_summary_until_it_is_published(client, challenge, lead_peer):
    sign_in(client, lead_peer)
    page = client.get(report_url(challenge)).content.decode()
    assert "Change the summary" in page
    response = client.post(report_url(challenge), {"report_summary": "  A new summary.  "})
    assert response.status_code == 302
    challenge.refresh_from_db()
    assert challenge.report_summary == "A new summary."
    publish(challenge)
    response = client.post(report_url(challenge), {"report_summary": "Later"}, follow=True)
    assert "can no longer change" in response.content.decode()
    challenge.refresh_from_db()
    assert challenge.report_summary == "A new summary."
    assert "Change the summary" not in client.get(report_url(challenge)).content.decode()
    with pytest.raises(reports.ReportError):
        reports.report_summary_save(challenge=challenge, summary="Later")


def pdf_text(response) -> str:
    assert response.status_code == 200, response.content[:300]
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(
        io.BytesIO(b"".join(response.streaming_content) if response.streaming else response.content)
    )
    return " ".join(page.extract_text() for page in reader.pages)


def test_the_pdf_holds_findings_and_kept_signposts_with_absolute_links(
    client, challenge, lead_peer, settings
):
    settings.HUB_BASE_URL = "https://hub.example"
    response = sign_in(client, lead_peer).get(
        reverse("peer_challenge:report-pdf", args=[challenge.slug])
    )
    assert response["Content-Disposition"] == (
        f'attachment; filename="{challenge.slug}-report.pdf"'
    )
    text = " ".join(pdf_text(response).split())
    assert "Bins are reported by phone only" in text
    assert "Kept: bins online in Northtown" in text
    assert "https://hub.example/cases/bins-northtown/" in text
    assert "Ada Champion" in text
    assert "Dropped: bins in Southtown" not in text
    assert "Proposed: bins in Westtown" not in text
    assert "Secret evidence" not in text


def test_publishing_after_confirming_emails_the_team_and_the_leads(
    client, challenge, lead_peer, mailoutbox, immediate_tasks, django_capture_on_commit_callbacks
):
    council_lead = CouncilLeadFactory(challenge=challenge).person.user
    url = reverse("peer_challenge:publish", args=[challenge.slug])
    page = sign_in(client, council_lead).get(url).content.decode()
    assert "Publish the report? Anyone will be able to read it" in page
    assert "2 findings" in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url)
    assert response["Location"] == report_url(challenge)
    challenge.refresh_from_db()
    assert challenge.report_published_at is not None
    assert challenge.status == ChallengeStatus.PUBLISHED
    assert len(mailoutbox) == 1
    mail = mailoutbox[0]
    assert sorted(mail.to) == sorted([lead_peer.email, council_lead.email])
    assert challenge.title in mail.subject
    assert report_url(challenge) in mail.body
    # Now anyone reads it, and the confirmation says it is done.
    client.logout()
    public = client.get(report_url(challenge)).content.decode()
    assert "Bins are reported by phone only" in public
    assert "A draft" not in public
    assert "Secret evidence" not in public
    assert "Dropped:" not in public
    assert "Publish the report" not in public
    sign_in(client, council_lead)
    assert "The report is published" in client.get(url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url)
    assert response.status_code == 400
    assert "already published" in response.content.decode()
    assert len(mailoutbox) == 1


def test_a_report_without_findings_cannot_be_published(client):
    empty = ChallengeFactory()
    lead = CouncilLeadFactory(challenge=empty).person.user
    response = sign_in(client, lead).post(reverse("peer_challenge:publish", args=[empty.slug]))
    assert response.status_code == 400
    assert "no findings yet" in response.content.decode()
    empty.refresh_from_db()
    assert not empty.is_published


def test_only_those_who_may_publish_see_the_publish_button(client, challenge, lead_peer):
    council_lead = CouncilLeadFactory(challenge=challenge).person.user
    publish_url = reverse("peer_challenge:publish", args=[challenge.slug])
    assert publish_url not in sign_in(client, lead_peer).get(report_url(challenge)).content.decode()
    assert publish_url in sign_in(client, council_lead).get(report_url(challenge)).content.decode()


def test_once_published_the_challenge_is_listed_for_everyone(client, challenge):
    lead = CouncilLeadFactory(challenge=challenge).person.user
    listing = reverse("peer_challenge:list")
    assert challenge.title not in client.get(listing).content.decode()
    sign_in(client, lead).post(reverse("peer_challenge:publish", args=[challenge.slug]))
    client.logout()
    assert challenge.title in client.get(listing).content.decode()
    assert client.get(report_url(challenge)).status_code == 200
