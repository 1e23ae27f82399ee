"""Lines of enquiry, evidence and findings: the overview's counts, recording evidence and
findings, changing and deleting them until the report is published, frozen afterwards."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from hub.peer_challenge import findings as services
from hub.peer_challenge.models import Evidence, Finding, Judgement, LineOfEnquiry
from hub.peer_challenge.tests.factories import (
    CORE_ELEMENTS,
    ChallengeFactory,
    EnquiryFrameworkFactory,
    EvidenceFactory,
    FindingFactory,
    PeerFactory,
    first_line,
)
from hub.peer_challenge.tests.test_findings_access import people, publish, sign_in
from hub.taxonomy.tests.factories import ServiceAreaFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def challenge():
    return ChallengeFactory()


@pytest.fixture
def peer(challenge):
    return PeerFactory(challenge=challenge).person.user


def line_url(challenge, line=None):
    line = line or first_line(challenge)
    return reverse("peer_challenge:line", args=[challenge.slug, line.code])


def finding_data(**fields):
    data = {
        "finding-judgement": Judgement.AREA_FOR_DEVELOPMENT,
        "finding-title": "Residents report missed bins by phone",
        "finding-detail": "Reports are re-keyed into the crews' system.",
        "finding-recommendations": "- Put missed bin reports online",
    }
    data.update(fields)
    return data


# The overview ------------------------------------------------------------------------------


def test_the_overview_counts_evidence_and_findings_per_line(client, challenge, peer):
    line = first_line(challenge)
    other = LineOfEnquiry.objects.filter(element__framework=challenge.framework).last()
    EvidenceFactory.create_batch(3, challenge=challenge, line=line)
    FindingFactory(challenge=challenge, line=line, judgement=Judgement.STRENGTH)
    FindingFactory.create_batch(2, challenge=challenge, line=line)
    FindingFactory(challenge=challenge, line=other, judgement=Judgement.STRENGTH)
    EvidenceFactory(line=first_line(ChallengeFactory()))  # another challenge's

    overview = services.enquiry_overview(challenge)
    assert [item.element.code for item in overview] == [code for code, _ in CORE_ELEMENTS]
    counts = {
        row.line.pk: (row.evidence, row.strengths, row.areas_for_development)
        for item in overview
        for row in item.lines
    }
    assert counts[line.pk] == (3, 1, 2)
    assert counts[other.pk] == (0, 1, 0)
    assert len(counts) == 10

    response = sign_in(client, peer).get(reverse("peer_challenge:enquiry", args=[challenge.slug]))
    text = response.content.decode()
    assert response.status_code == 200
    for _code, title in CORE_ELEMENTS:
        assert title in text
    assert f'href="{line_url(challenge, line)}"' in text


def _overview_queries(client, user, challenge) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("peer_challenge:enquiry", args=[challenge.slug]))
    assert response.status_code == 200
    return len(queries)


def test_the_overview_takes_the_same_queries_however_many_lines_and_findings(client):
    small = ChallengeFactory(framework=EnquiryFrameworkFactory(lines=1))
    large = ChallengeFactory(framework=EnquiryFrameworkFactory(lines=4))
    for line in LineOfEnquiry.objects.filter(element__framework=large.framework):
        FindingFactory(challenge=large, line=line)
        EvidenceFactory(challenge=large, line=line)
    user = PeerFactory(challenge=small).person.user
    PeerFactory(challenge=large, person=user.person)
    sign_in(client, user)
    assert _overview_queries(client, user, small) == _overview_queries(client, user, large)


# Evidence ----------------------------------------------------------------------------------


def test_a_peer_adds_an_evidence_note(client, challenge, peer):
    response = sign_in(client, peer).post(
        line_url(challenge),
        {"evidence-summary": "Three systems hold the same address", "evidence-source": "Visit"},
    )
    assert response.status_code == 302
    note = Evidence.objects.get(challenge=challenge)
    assert (note.summary, note.source, note.recorded_by) == (
        "Three systems hold the same address",
        "Visit",
        peer,
    )
    assert note.line == first_line(challenge)
    page = client.get(line_url(challenge)).content.decode()
    assert "Three systems hold the same address" in page


def test_an_empty_evidence_note_is_refused_with_an_error_summary(client, challenge, peer):
    response = sign_in(client, peer).post(line_url(challenge), {"evidence-summary": " "})
    assert response.status_code == 400
    text = response.content.decode()
    assert "There is a problem" in text
    assert "Enter what the evidence shows" in text
    assert not Evidence.objects.exists()


def test_the_line_shows_its_prompts_and_the_forms_only_to_who_records(client, challenge, peer):
    everyone = people(challenge)
    text = sign_in(client, peer).get(line_url(challenge)).content.decode()
    assert "How do leaders use data?" in text
    assert "Add an evidence note" in text
    assert "Add a finding" in text
    text = sign_in(client, everyone["council_lead"]).get(line_url(challenge)).content.decode()
    assert "How do leaders use data?" in text
    assert "Add an evidence note" not in text
    assert "Add a finding" not in text


# Findings ----------------------------------------------------------------------------------


def test_a_peer_adds_a_finding_with_service_areas(client, challenge, peer):
    waste = ServiceAreaFactory(label="Household waste collection")
    response = sign_in(client, peer).post(
        line_url(challenge), finding_data(**{"finding-service_areas": [waste.pk]})
    )
    finding = Finding.objects.get(challenge=challenge)
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "peer_challenge:signposts", args=[challenge.slug, finding.pk]
    )
    assert finding.title == "Residents report missed bins by phone"
    assert finding.judgement == Judgement.AREA_FOR_DEVELOPMENT
    assert finding.recommendations == "- Put missed bin reports online"
    assert list(finding.service_areas.all()) == [waste]
    assert finding.recorded_by == peer
    page = client.get(reverse("peer_challenge:finding", args=[challenge.slug, finding.pk]))
    assert "Household waste collection" in page.content.decode()


def test_findings_of_a_line_keep_the_order_they_were_added_in(challenge, peer):
    line = first_line(challenge)
    made = [
        services.finding_save(
            challenge=challenge,
            line=line,
            by=peer,
            judgement=Judgement.STRENGTH,
            title=f"Finding {n}",
            detail="Found.",
        )
        for n in range(3)
    ]
    assert [f.order for f in made] == [0, 1, 2]
    assert list(services.findings_of_line(challenge, line)) == made


def test_a_finding_needs_a_judgement_a_title_and_what_was_found(client, challenge, peer):
    response = sign_in(client, peer).post(
        line_url(challenge),
        finding_data(**{"finding-judgement": "", "finding-title": "", "finding-detail": ""}),
    )
    assert response.status_code == 400
    text = response.content.decode()
    assert "Select whether it is a strength or an area for development" in text
    assert "Enter the finding&#x27;s title" in text
    assert "Enter what the peers found" in text
    assert not Finding.objects.exists()


def test_a_line_of_another_framework_is_refused(challenge, peer):
    other_line = first_line(ChallengeFactory())
    with pytest.raises(services.FindingError, match="not in this challenge"):
        services.finding_save(
            challenge=challenge,
            line=other_line,
            by=peer,
            judgement=Judgement.STRENGTH,
            title="T",
            detail="D",
        )


def test_a_peer_changes_a_finding(client, challenge, peer):
    finding = FindingFactory(challenge=challenge)
    url = reverse("peer_challenge:finding-edit", args=[challenge.slug, finding.pk])
    form = sign_in(client, peer).get(url)
    assert "Residents tell the council the same thing many times" in form.content.decode()
    response = client.post(
        url,
        {
            "finding-judgement": Judgement.STRENGTH,
            "finding-title": "A single view of the resident",
            "finding-detail": "Changed.",
            "finding-recommendations": "",
        },
    )
    assert response.status_code == 302
    finding.refresh_from_db()
    assert (finding.title, finding.judgement, finding.detail) == (
        "A single view of the resident",
        Judgement.STRENGTH,
        "Changed.",
    )


def test_a_peer_deletes_a_finding_after_confirming(client, challenge, peer):
    finding = FindingFactory(challenge=challenge)
    url = reverse("peer_challenge:finding-delete", args=[challenge.slug, finding.pk])
    page = sign_in(client, peer).get(url)
    assert "Delete the finding" in page.content.decode()
    assert Finding.objects.filter(pk=finding.pk).exists()
    response = client.post(url)
    assert response["Location"] == line_url(challenge)
    assert not Finding.objects.filter(pk=finding.pk).exists()


# Frozen once published ---------------------------------------------------------------------


def test_findings_and_evidence_are_frozen_once_the_report_is_published(client, challenge, peer):
    finding = FindingFactory(challenge=challenge, title="As published")
    publish(challenge)
    line = first_line(challenge)
    with pytest.raises(services.FindingError, match="published"):
        services.evidence_add(challenge=challenge, line=line, by=peer, summary="Late")
    with pytest.raises(services.FindingError, match="published"):
        services.finding_save(
            challenge=challenge,
            line=line,
            by=peer,
            judgement=Judgement.STRENGTH,
            title="Late",
            detail="Late",
        )
    with pytest.raises(services.FindingError, match="published"):
        services.finding_delete(finding=finding)

    sign_in(client, peer)
    response = client.post(line_url(challenge), finding_data())
    assert response.status_code == 400
    assert "can no longer change" in response.content.decode()
    edit = reverse("peer_challenge:finding-edit", args=[challenge.slug, finding.pk])
    response = client.post(edit, finding_data(**{"finding-title": "Changed"}), follow=True)
    assert "can no longer change" in response.content.decode()
    client.post(reverse("peer_challenge:finding-delete", args=[challenge.slug, finding.pk]))
    finding.refresh_from_db()
    assert finding.title == "As published"
    assert Finding.objects.filter(challenge=challenge).count() == 1
    assert not Evidence.objects.filter(challenge=challenge).exists()
    # No forms or change links are offered any more.
    text = client.get(line_url(challenge)).content.decode()
    assert "Add a finding" not in text
    assert edit not in text
