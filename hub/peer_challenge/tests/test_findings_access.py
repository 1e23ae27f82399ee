"""Who may open every evidence, findings, signposts and report page, before and after the
council publishes its report. `people()` and `sign_in()` are shared by the findings, signposting
and report tests."""

import pytest
from django.urls import reverse
from django.utils import timezone

from hub.accounts.roles import Role
from hub.accounts.tests.factories import UserFactory
from hub.organisations.tests.factories import OrganisationFactory, PersonFactory
from hub.peer_challenge.models import ChallengeStatus, PeerRole
from hub.peer_challenge.tests.factories import (
    ChallengeFactory,
    CouncilLeadFactory,
    EvidenceFactory,
    FindingFactory,
    PeerFactory,
    SignpostFactory,
    first_line,
)

pytestmark = pytest.mark.django_db

PEOPLE = [
    "anonymous",
    "member",
    "own_council",
    "other_council",
    "peer",
    "lead_peer",
    "council_lead",
    "staff",
    "admin",
]
INSIDE = {"peer", "lead_peer", "council_lead", "staff", "admin"}


def people(challenge) -> dict:
    """Everyone whose access matters, by name (None: anonymous). `own_council` works for the
    reviewed council but is not one of its nominated leads."""
    return {
        "anonymous": None,
        "member": UserFactory(roles=[Role.MEMBER]),
        "own_council": PersonFactory(organisation=challenge.organisation).user,
        "other_council": PersonFactory(organisation=OrganisationFactory()).user,
        "peer": PeerFactory(challenge=challenge).person.user,
        "lead_peer": PeerFactory(challenge=challenge, role=PeerRole.LEAD_PEER).person.user,
        "council_lead": CouncilLeadFactory(challenge=challenge).person.user,
        "staff": UserFactory(roles=[Role.FACILITATOR]),
        "admin": UserFactory(roles=[Role.PROGRAMME_ADMIN]),
    }


def sign_in(client, user):
    client.logout()
    if user is not None:
        client.force_login(user)
    return client


def publish(challenge):
    challenge.report_published_at = timezone.now()
    challenge.status = ChallengeStatus.PUBLISHED
    challenge.save()
    return challenge


@pytest.fixture
def world():
    challenge = ChallengeFactory()
    finding = FindingFactory(challenge=challenge, title="Bins reported by phone only")
    EvidenceFactory(challenge=challenge, summary="Call handlers re-key every missed bin")
    SignpostFactory(finding=finding, title="Kept case from Northtown", status="kept")
    SignpostFactory(finding=finding, title="Dropped case from Southtown", status="dropped")
    SignpostFactory(finding=finding, title="Proposed case from Westtown")
    challenge.scoping_notes = "Scoping: the chief executive worries about the contact centre"
    challenge.save()
    return challenge, finding, people(challenge)


def urls(challenge, finding) -> dict[str, str]:
    slug = challenge.slug
    return {
        "enquiry": reverse("peer_challenge:enquiry", args=[slug]),
        "line": reverse("peer_challenge:line", args=[slug, first_line(challenge).code]),
        "finding": reverse("peer_challenge:finding", args=[slug, finding.pk]),
        "signposts": reverse("peer_challenge:signposts", args=[slug, finding.pk]),
        "finding-edit": reverse("peer_challenge:finding-edit", args=[slug, finding.pk]),
        "finding-delete": reverse("peer_challenge:finding-delete", args=[slug, finding.pk]),
        "report": reverse("peer_challenge:report", args=[slug]),
        "report-pdf": reverse("peer_challenge:report-pdf", args=[slug]),
        "publish": reverse("peer_challenge:publish", args=[slug]),
    }


CONFIDENTIAL_PAGES = ["enquiry", "line", "finding", "signposts"]
RECORDERS = {"peer", "lead_peer", "admin"}
PUBLISHERS = {"council_lead", "admin"}


def expected_before(name: str, page_name: str) -> int:
    """Before publishing: visitors sign in; anyone outside gets a 404 (the challenge's
    existence is confidential); inside, only who may do what the page does gets it."""
    if name == "anonymous":
        return 302
    if name not in INSIDE:
        return 404
    if page_name in ("finding-edit", "finding-delete"):
        return 200 if name in RECORDERS else 403
    if page_name == "publish":
        return 200 if name in PUBLISHERS else 403
    return 200


def expected_after(name: str, page_name: str) -> int:
    """After publishing: the report is anyone's; the rest stays the team's (403 now that the
    challenge itself is public); changes to findings are refused (back to the finding)."""
    if page_name in ("report", "report-pdf"):
        return 200
    if name == "anonymous":
        return 302
    if name not in INSIDE:
        return 403
    if page_name in ("finding-edit", "finding-delete"):
        return 302 if name in RECORDERS else 403
    if page_name == "publish":
        return 200 if name in PUBLISHERS else 403
    return 200


ALL_PAGES = [*CONFIDENTIAL_PAGES, "finding-edit", "finding-delete", "report", "report-pdf"]


@pytest.mark.parametrize("name", PEOPLE)
def test_every_page_before_publishing(client, world, name):
    challenge, finding, everyone = world
    sign_in(client, everyone[name])
    for page_name, url in urls(challenge, finding).items():
        response = client.get(url)
        assert response.status_code == expected_before(name, page_name), (page_name, name)
        if response.status_code == 302 and name == "anonymous":
            assert response["Location"].startswith(reverse("accounts:sign-in"))


@pytest.mark.parametrize("name", PEOPLE)
def test_every_page_after_publishing(client, world, name):
    challenge, finding, everyone = world
    publish(challenge)
    sign_in(client, everyone[name])
    for page_name, url in urls(challenge, finding).items():
        response = client.get(url)
        assert response.status_code == expected_after(name, page_name), (page_name, name)
        if response.status_code == 200 and page_name == "report":
            text = response.content.decode()
            assert "Bins reported by phone only" in text
            assert "Kept case from Northtown" in text
            # Never in the report, whoever reads it.
            assert "Call handlers re-key every missed bin" not in text
            assert "Dropped case from Southtown" not in text
            assert "Proposed case from Westtown" not in text
            assert "the chief executive worries" not in text


@pytest.mark.parametrize("name", ["anonymous", "member", "own_council", "other_council"])
def test_nothing_confidential_leaks_to_outsiders_after_publishing(client, world, name):
    challenge, finding, everyone = world
    publish(challenge)
    sign_in(client, everyone[name])
    for page_name in CONFIDENTIAL_PAGES:
        response = client.get(urls(challenge, finding)[page_name])
        assert response.status_code in (302, 403)
        text = response.content.decode()
        assert "Call handlers re-key" not in text
        assert "Dropped case from Southtown" not in text


@pytest.mark.parametrize("name", PEOPLE)
def test_recording_is_for_peers_and_programme_admins(client, world, name):
    challenge, finding, everyone = world
    sign_in(client, everyone[name])
    response = client.post(
        urls(challenge, finding)["line"],
        {"evidence-summary": "A new note", "evidence-source": "A visit"},
    )
    if name in RECORDERS:
        assert response.status_code == 302
    elif name == "anonymous":
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:sign-in"))
    else:
        assert response.status_code == (403 if name in INSIDE else 404)
    assert challenge.evidence.filter(summary="A new note").exists() == (name in RECORDERS)


@pytest.mark.parametrize("name", PEOPLE)
def test_signpost_decisions_are_for_peers_and_programme_admins(client, world, name):
    challenge, finding, everyone = world
    proposed = finding.signposts.get(title="Proposed case from Westtown")
    sign_in(client, everyone[name])
    client.post(urls(challenge, finding)["signposts"], {"action": "keep", "signpost": proposed.pk})
    proposed.refresh_from_db()
    assert (proposed.status == "kept") == (name in RECORDERS)


@pytest.mark.parametrize("name", PEOPLE)
def test_publishing_is_for_council_leads_and_programme_admins(client, world, name):
    challenge, finding, everyone = world
    sign_in(client, everyone[name])
    client.post(urls(challenge, finding)["publish"])
    challenge.refresh_from_db()
    assert challenge.is_published == (name in PUBLISHERS)


@pytest.mark.parametrize("name", PEOPLE)
def test_the_report_summary_is_written_by_peers(client, world, name):
    challenge, finding, everyone = world
    sign_in(client, everyone[name])
    client.post(urls(challenge, finding)["report"], {"report_summary": "Strong leadership."})
    challenge.refresh_from_db()
    assert (challenge.report_summary == "Strong leadership.") == (name in RECORDERS)


def test_a_finding_of_another_challenge_is_not_found(client, world):
    challenge, _finding, everyone = world
    other = FindingFactory()
    sign_in(client, everyone["peer"])
    for name in ("peer_challenge:finding", "peer_challenge:signposts"):
        assert client.get(reverse(name, args=[challenge.slug, other.pk])).status_code == 404


def test_a_line_of_another_framework_version_is_not_found(client, world):
    challenge, _finding, everyone = world
    other = ChallengeFactory()
    sign_in(client, everyone["peer"])
    url = reverse("peer_challenge:line", args=[challenge.slug, "no-such-line"])
    assert client.get(url).status_code == 404
    # Same codes in another version: the challenge's own version is the one shown.
    url = reverse("peer_challenge:line", args=[challenge.slug, first_line(other).code])
    response = client.get(url)
    assert response.status_code == 200
    assert response.context["line"].element.framework_id == challenge.framework_id
