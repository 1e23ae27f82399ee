"""Signposts: good-practice cases from the search service re-ranked by service area and by
councils like the reviewed one, champions who led similar work, kept decisions when suggesting
again, keeping, dropping and ordering, frozen once the report is published."""

import pytest
from django.urls import reverse

from hub.cases.models import Status
from hub.cases.tests.factories import ResourceFactory
from hub.champions.tests.factories import ChampionProfileFactory
from hub.organisations.models import OrganisationKind, Region
from hub.organisations.tests.factories import OrganisationFactory, PersonFactory
from hub.peer_challenge import signposting
from hub.peer_challenge.models import Signpost, SignpostKind, SignpostStatus
from hub.peer_challenge.tests.factories import ChallengeFactory, FindingFactory, PeerFactory
from hub.peer_challenge.tests.test_findings_access import publish, sign_in
from hub.search.services import search_rebuild
from hub.taxonomy.tests.factories import ServiceAreaFactory

pytestmark = pytest.mark.django_db

BINS = "Missed bin collections reported online"


def council(kind=OrganisationKind.UNITARY, region=Region.NORTH_WEST, **fields):
    return OrganisationFactory(kind=kind, region=region, **fields)


@pytest.fixture
def waste():
    return ServiceAreaFactory(label="Household waste collection")


@pytest.fixture
def challenge():
    return ChallengeFactory(organisation=council(name="Reviewed Council"))


@pytest.fixture
def finding(challenge, waste):
    made = FindingFactory(
        challenge=challenge,
        title="Residents report missed bin collections by phone",
        detail="Calls are re-keyed into the crews' system.",
        recommendations="- Let residents report missed bin collections online",
    )
    made.service_areas.set([waste])
    return made


def case(title=BINS, *, lead=None, areas=(), **fields):
    made = ResourceFactory(
        title=title,
        summary=fields.pop("summary", "Residents report missed bin collections online."),
        lead_organisation=lead or council(kind=OrganisationKind.DISTRICT, region=Region.LONDON),
        **fields,
    )
    made.service_areas.set(areas)
    return made


def fillers(count=12):
    """Records on other subjects, so the search's word statistics are like a real index's
    (in a handful of records, words in most of them count for nothing)."""
    topics = ["Parking", "Libraries", "Planning", "Council tax", "Housing", "Licensing"]
    for n in range(count):
        topic = topics[n % len(topics)]
        case(f"{topic} improvements {n}", summary=f"{topic} service redesign number {n}.")


def titles(proposals):
    return [proposal.title for proposal in proposals]


# Cases ------------------------------------------------------------------------------------


def test_cases_are_found_by_the_findings_words_and_re_ranked(challenge, finding, waste):
    elsewhere = case(f"{BINS} in Farshire", lead=council(kind=OrganisationKind.DISTRICT))
    alike = case(f"{BINS} in Nearby", lead=council(), areas=[waste])
    same_kind = case(
        f"{BINS} in Kindred", lead=council(region=Region.SOUTH_EAST), summary="Bins online."
    )
    only_area = case("Library opening hours", summary="Longer hours for readers.", areas=[waste])
    case(f"{BINS} at home", lead=challenge.organisation)  # its own: not "elsewhere"
    case(f"{BINS} draft", status=Status.DRAFT)
    unrelated = case("Parking permits", summary="Permits for parking, bought on the web.")
    fillers()
    search_rebuild(embed=False)

    proposals = signposting.case_proposals(finding, signposting.finding_text(finding))
    found = titles(proposals)
    assert found[0] == alike.title
    assert unrelated.title not in found
    assert set(found) == {elsewhere.title, alike.title, same_kind.title, only_area.title}
    reasons = {proposal.title: proposal.reason for proposal in proposals}
    assert reasons[alike.title] == (
        "Same service area: Household waste collection; a unitary authority in the North West"
    )
    assert reasons[same_kind.title] == "Also a unitary authority"
    assert reasons[only_area.title] == "Same service area: Household waste collection"
    assert reasons[elsewhere.title] == "Also in the North West"
    by_title = {proposal.title: proposal for proposal in proposals}
    assert by_title[alike.title].url == alike.get_absolute_url()
    assert by_title[alike.title].target_id == alike.pk


def test_the_boosts_add_to_the_search_score(challenge, finding, waste):
    plain = case(f"{BINS} plain", lead=council(kind=OrganisationKind.DISTRICT, region="London"))
    boosted = case(f"{BINS} boosted", lead=council(), areas=[waste])
    fillers()
    search_rebuild(embed=False)
    scores = {
        p.target_id: p.score
        for p in signposting.case_proposals(finding, signposting.finding_text(finding))
    }
    extra = signposting.SERVICE_AREA_BOOST + signposting.SAME_KIND_BOOST
    extra += signposting.SAME_REGION_BOOST
    assert scores[boosted.pk] - scores[plain.pk] == pytest.approx(extra, abs=0.2)
    assert scores[boosted.pk] > scores[plain.pk]


def test_at_most_five_cases(challenge, finding):
    for n in range(7):
        case(f"{BINS} {n}")
    fillers()
    search_rebuild(embed=False)
    assert len(signposting.case_proposals(finding, signposting.finding_text(finding))) == 5


def test_list_marks_do_not_leave_words_out_of_the_search(finding):
    finding.recommendations = "- bins online\n-bins today\n1. phones"
    text = signposting.finding_text(finding)
    assert "-" not in text.replace("re-keyed", "")
    assert "bins today" in text


# Champions --------------------------------------------------------------------------------


def test_champions_who_led_similar_work_with_their_reasons(challenge, finding):
    led = case(f"{BINS} in Leadshire", lead=council(region=Region.SOUTH_WEST))
    leader = ChampionProfileFactory(person__organisation=council(region=Region.SOUTH_WEST))
    leader.cases_led.set([led])
    own = ChampionProfileFactory(person__organisation=challenge.organisation)
    own.cases_led.set([led])
    on_team = ChampionProfileFactory(person=PersonFactory(organisation=council()))
    on_team.cases_led.set([led])
    PeerFactory(challenge=challenge, person=on_team.person)
    fillers()
    search_rebuild(embed=False)

    proposals = signposting.champion_proposals(finding, signposting.finding_text(finding))
    assert [p.target_id for p in proposals][:1] == [leader.pk]
    assert own.pk not in [p.target_id for p in proposals]
    assert on_team.pk not in [p.target_id for p in proposals]
    first = proposals[0]
    assert first.kind == SignpostKind.CHAMPION
    assert first.title == leader.person.full_name
    assert f"Led: {led.title}" in first.reason
    assert first.url == reverse("champions:detail", args=[leader.slug])
    assert len(proposals) <= signposting.CHAMPIONS


# Suggesting, keeping, dropping, ordering ----------------------------------------------------


def test_suggesting_again_keeps_decisions_and_places_and_adds_only_new(challenge, finding):
    first, second = case(f"{BINS} one"), case(f"{BINS} two")
    fillers()
    search_rebuild(embed=False)
    made = signposting.suggest(finding)
    assert {s.target_id for s in made} == {first.pk, second.pk}
    kept = Signpost.objects.get(finding=finding, target_id=first.pk)
    dropped = Signpost.objects.get(finding=finding, target_id=second.pk)
    signposting.signpost_decide(signpost=kept, status=SignpostStatus.KEPT)
    signposting.signpost_decide(signpost=dropped, status=SignpostStatus.DROPPED)
    before = dict(Signpost.objects.filter(finding=finding).values_list("pk", "position"))

    third = case(f"{BINS} three")
    search_rebuild(embed=False)
    added = signposting.suggest(finding)
    assert [s.target_id for s in added] == [third.pk]
    assert added[0].position > max(before.values())
    assert added[0].status == SignpostStatus.PROPOSED
    kept.refresh_from_db()
    dropped.refresh_from_db()
    assert (kept.status, dropped.status) == (SignpostStatus.KEPT, SignpostStatus.DROPPED)
    assert {kept.pk: kept.position, dropped.pk: dropped.position} == before
    assert signposting.suggest(finding) == []


def kept_order(finding):
    return list(
        finding.signposts.filter(status=SignpostStatus.KEPT)
        .order_by("position", "pk")
        .values_list("title", flat=True)
    )


def test_kept_signposts_move_up_and_down_past_the_others(finding):
    a = Signpost.objects.create(finding=finding, kind="case", target_id=1, title="A", url="/a")
    Signpost.objects.create(finding=finding, kind="case", target_id=2, title="B", url="/b")
    c = Signpost.objects.create(finding=finding, kind="case", target_id=3, title="C", url="/c")
    for item in (a, c):
        signposting.signpost_decide(signpost=item, status=SignpostStatus.KEPT)
    assert kept_order(finding) == ["A", "C"]
    signposting.signpost_move(signpost=c, direction=signposting.UP)
    assert kept_order(finding) == ["C", "A"]
    with pytest.raises(signposting.SignpostError, match="already the first"):
        signposting.signpost_move(signpost=c, direction=signposting.UP)
    signposting.signpost_move(signpost=c, direction=signposting.DOWN)
    assert kept_order(finding) == ["A", "C"]
    with pytest.raises(signposting.SignpostError, match="Keep a signpost"):
        signposting.signpost_move(
            signpost=finding.signposts.get(title="B"), direction=signposting.UP
        )


def test_a_peer_keeps_drops_and_orders_on_the_page(client, challenge, finding):
    peer = PeerFactory(challenge=challenge).person.user
    first, second = case(f"{BINS} one"), case(f"{BINS} two")
    fillers()
    search_rebuild(embed=False)
    url = reverse("peer_challenge:signposts", args=[challenge.slug, finding.pk])
    sign_in(client, peer)
    response = client.post(url, {"action": "suggest"}, follow=True)
    text = response.content.decode()
    assert "2 new signposts suggested" in text
    assert first.title in text
    assert second.title in text
    assert "Suggest again" in text
    one = finding.signposts.get(target_id=first.pk)
    two = finding.signposts.get(target_id=second.pk)
    client.post(url, {"action": "keep", "signpost": one.pk})
    client.post(url, {"action": "keep", "signpost": two.pk})
    assert kept_order(finding) == [one.title, two.title]
    client.post(url, {"action": "up", "signpost": two.pk})
    assert kept_order(finding) == [two.title, one.title]
    client.post(url, {"action": "drop", "signpost": one.pk})
    assert kept_order(finding) == [two.title]
    one.refresh_from_db()
    assert one.status == SignpostStatus.DROPPED
    page = client.get(url).content.decode()
    assert 'Keep<span class="govuk-visually-hidden"> ' + one.title in page
    assert "<script" not in page.split('id="main-content"')[1].split("</main>")[0]
    detail = client.get(reverse("peer_challenge:finding", args=[challenge.slug, finding.pk]))
    assert one.title in detail.content.decode()


def test_saving_a_finding_on_the_page_suggests_signposts(client, challenge, waste):
    peer = PeerFactory(challenge=challenge).person.user
    found = case(f"{BINS} in Nearby", lead=council(), areas=[waste])
    fillers()
    search_rebuild(embed=False)
    line = challenge.framework.elements.first().lines.first()
    response = sign_in(client, peer).post(
        reverse("peer_challenge:line", args=[challenge.slug, line.code]),
        {
            "finding-judgement": "area_for_development",
            "finding-title": "Missed bin collections are reported by phone",
            "finding-detail": "Re-keyed.",
            "finding-service_areas": [waste.pk],
        },
        follow=True,
    )
    signpost = Signpost.objects.get(finding__challenge=challenge)
    assert signpost.target_id == found.pk
    assert signpost.reason.startswith("Same service area: Household waste collection")
    assert found.title in response.content.decode()


def test_signposts_are_frozen_once_published(client, challenge, finding):
    peer = PeerFactory(challenge=challenge).person.user
    proposed = Signpost.objects.create(
        finding=finding, kind="case", target_id=9, title="P", url="/"
    )
    publish(challenge)
    with pytest.raises(signposting.SignpostError, match="published"):
        signposting.suggest(finding)
    with pytest.raises(signposting.SignpostError, match="published"):
        signposting.signpost_decide(signpost=proposed, status=SignpostStatus.KEPT)
    url = reverse("peer_challenge:signposts", args=[challenge.slug, finding.pk])
    response = sign_in(client, peer).post(
        url, {"action": "keep", "signpost": proposed.pk}, follow=True
    )
    assert "can no longer change" in response.content.decode()
    proposed.refresh_from_db()
    assert proposed.status == SignpostStatus.PROPOSED
    assert "Suggest again" not in client.get(url).content.decode()


def test_a_malformed_or_foreign_signpost_is_not_found(client, challenge, finding):
    peer = PeerFactory(challenge=challenge).person.user
    foreign = Signpost.objects.create(
        finding=FindingFactory(), kind="case", target_id=1, title="Elsewhere", url="/"
    )
    url = reverse("peer_challenge:signposts", args=[challenge.slug, finding.pk])
    sign_in(client, peer)
    assert client.post(url, {"action": "keep", "signpost": "abc"}).status_code == 404
    assert client.post(url, {"action": "keep", "signpost": foreign.pk}).status_code == 404
    foreign.refresh_from_db()
    assert foreign.status == SignpostStatus.PROPOSED
