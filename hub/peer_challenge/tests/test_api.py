"""`/api/v1/peer-challenges`: published challenges and reports only; the confidential parts of
a challenge never appear, whoever asks."""

import json

import pytest
from django.utils import timezone

from hub.accounts.roles import Role
from hub.organisations.models import OrganisationKind, Region
from hub.organisations.tests.factories import OrganisationFactory
from hub.peer_challenge.models import ChallengeStatus, Judgement, SignpostKind, SignpostStatus
from hub.peer_challenge.tests.factories import (
    ChallengeFactory,
    EvidenceFactory,
    FindingFactory,
    SignpostFactory,
)

pytestmark = pytest.mark.django_db

API = "/api/v1/peer-challenges"


def published(**fields):
    return ChallengeFactory(
        report_published_at=timezone.now(),
        status=ChallengeStatus.PUBLISHED,
        report_summary="The council has a clear ambition.",
        **fields,
    )


def slugs(response) -> list[str]:
    assert response.status_code == 200
    return [item["slug"] for item in response.json()["items"]]


def test_only_published_challenges_are_listed_and_filtered(client):
    north = published(
        organisation=OrganisationFactory(region=Region.NORTH_EAST, kind=OrganisationKind.COUNTY)
    )
    west = published(
        organisation=OrganisationFactory(region=Region.NORTH_WEST, kind=OrganisationKind.UNITARY)
    )
    hidden = ChallengeFactory(status=ChallengeStatus.REPORTING)
    assert sorted(slugs(client.get(API))) == sorted([north.slug, west.slug])
    assert slugs(client.get(API, {"region": Region.NORTH_EAST})) == [north.slug]
    assert slugs(client.get(API, {"kind": "unitary"})) == [west.slug]
    assert slugs(client.get(API, {"kind": "county", "region": Region.NORTH_WEST})) == []
    assert client.get(API, {"kind": "nonsense"}).status_code == 422
    body = client.get(API, {"region": Region.NORTH_EAST}).json()
    item = body["items"][0]
    assert item["council"] == {
        "name": north.organisation.name,
        "gss_code": north.organisation.gss_code,
        "kind": "county",
        "region": Region.NORTH_EAST.value,
    }
    assert item["on_site_ends_on"] == north.on_site_ends_on.isoformat()
    assert item["status"] == "published"
    assert item["report_url"].endswith(f"/peer-challenge/{north.slug}/report")
    assert hidden.slug not in json.dumps(client.get(API).json())


def test_the_list_is_paged(client, django_assert_max_num_queries):
    for _ in range(5):
        published()
    with django_assert_max_num_queries(3):
        body = client.get(API, {"page_size": 2, "page": 3}).json()
    assert (body["count"], body["pages"], len(body["items"])) == (5, 3, 1)


@pytest.mark.parametrize("role", [None, Role.PROGRAMME_ADMIN])
def test_an_unpublished_challenge_is_not_found_whoever_asks(client_as, role):
    challenge = ChallengeFactory(status=ChallengeStatus.REPORTING)
    FindingFactory(challenge=challenge, title="A confidential finding")
    response = client_as(role).get(f"{API}/{challenge.slug}")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"
    assert "A confidential finding" not in response.content.decode()
    assert client_as(role).get(f"{API}/no-such-challenge").status_code == 404


def test_a_report_has_findings_and_kept_signposts_but_nothing_confidential(
    client, django_assert_max_num_queries
):
    challenge = published(
        scoping_notes="SCOPING-SECRET",
        position_statement="POSITION-SECRET",
    )
    EvidenceFactory(challenge=challenge, summary="EVIDENCE-SECRET", source="SOURCE-SECRET")
    area = FindingFactory(
        challenge=challenge,
        title="Residents repeat themselves",
        recommendations="- Join up the systems",
        order=1,
    )
    strength = FindingFactory(
        challenge=challenge, judgement=Judgement.STRENGTH, title="Clear ambition", order=0
    )
    kept = SignpostFactory(
        finding=area,
        status=SignpostStatus.KEPT,
        title="Missed bins online",
        url="/cases/bins/",
        position=1,
    )
    SignpostFactory(
        finding=area,
        status=SignpostStatus.KEPT,
        kind=SignpostKind.CHAMPION,
        title="A champion",
        url="/champions/a/",
        position=0,
    )
    SignpostFactory(finding=area, status=SignpostStatus.PROPOSED, title="PROPOSED-SECRET")
    SignpostFactory(finding=strength, status=SignpostStatus.DROPPED, title="DROPPED-SECRET")

    with django_assert_max_num_queries(4):
        response = client.get(f"{API}/{challenge.slug}")
    assert response.status_code == 200
    text = response.content.decode()
    assert "SECRET" not in text
    body = response.json()
    assert body["summary"] == "The council has a clear ambition."
    assert [f["title"] for f in body["findings"]] == [
        "Clear ambition",
        "Residents repeat themselves",
    ]
    finding = body["findings"][1]
    assert finding["judgement"] == "area_for_development"
    assert finding["element"]["code"] == area.line.element.code
    assert finding["line"] == {"code": area.line.code, "title": area.line.title}
    assert finding["recommendations"] == "- Join up the systems"
    assert [s["title"] for s in finding["signposts"]] == ["A champion", kept.title]
    assert finding["signposts"][1]["url"].endswith("/cases/bins/")
    assert finding["signposts"][1]["kind"] == "case"
    assert body["findings"][0]["signposts"] == []
    for name in ("evidence", "scoping_notes", "position_statement", "team", "peers"):
        assert name not in body
