"""Single matching: the fit of each champion to a problem, its reasons, and who is left out."""

import pytest
from django.core import mail

from hub.cases.models import Technology
from hub.cases.tests.factories import ResourceFactory
from hub.champions.matching import (
    WEIGHTS,
    ChampionFacts,
    ProblemFacts,
    rank,
    score_champion,
    size_similarity,
    suggest_champions,
    suggestion_dismiss,
)
from hub.champions.models import DismissedSuggestion
from hub.champions.tests.factories import ChampionProfileFactory, MentoringFactory
from hub.organisations.models import OrganisationKind, Region
from hub.organisations.tests.factories import OrganisationFactory, PersonFactory
from hub.search.embeddings import reset_embedding_provider
from hub.search.registry import registered_kinds
from hub.search.semantic import reset_indexes
from hub.search.services import search_rebuild
from hub.taxonomy.tests.factories import ServiceAreaFactory


@pytest.fixture(autouse=True)
def _fresh_search():
    reset_embedding_provider()
    reset_indexes()
    yield
    reset_embedding_provider()
    reset_indexes()


def test_weights_sum_to_one():
    assert sum(WEIGHTS.values()) == pytest.approx(1.0)


def test_size_similarity():
    assert size_similarity(300_000, 300_000) == 1.0
    assert size_similarity(100_000, 400_000) == 0.0
    assert 0.4 < size_similarity(100_000, 200_000) < 0.6
    assert size_similarity(None, 200_000) == 0.0


def _champion(pk, **fields):
    return ChampionFacts(pk=pk, name=f"Champion {pk}", capacity=2, **fields)


def test_each_part_gives_its_reason():
    problem = ProblemFacts(
        text="missed bins",
        similarity={1: 1.0},
        cases={10: 0.9},
        service_areas={5: "Refuse collection"},
        technologies={7: "In-cab tablets"},
        organisation_kind="district",
        population=100_000,
        region="south_west",
    )
    champion = _champion(
        1,
        organisation_kind="district",
        organisation_kind_label="District council",
        population=110_000,
        region="south_west",
        service_areas={5: "Refuse collection"},
        technologies={7: "In-cab tablets"},
        cases_led={10: "Residents report missed bins online"},
        open_mentorings=1,
    )
    suggestion = score_champion(problem, champion)
    assert suggestion.reasons == (
        "Led: Residents report missed bins online",
        "Works on: Refuse collection",
        "Similar council: district council, similar size",
        "Same region",
        "Knows: In-cab tablets",
        "Can take 1 more mentee",
    )
    assert suggestion.components["led_case"] == 0.9
    assert suggestion.components["load"] == 0.5
    assert 0.9 < suggestion.score < 1.0


def test_a_stranger_scores_only_its_room():
    suggestion = score_champion(ProblemFacts(text="x"), _champion(2))
    assert suggestion.score == pytest.approx(WEIGHTS["load"])
    assert suggestion.reasons == ("Can take 2 more mentees",)


def test_rank_leaves_out_full_and_excluded_champions_and_breaks_ties_by_name():
    problem = ProblemFacts(text="x")
    champions = [
        ChampionFacts(pk=1, name="Zoe", capacity=2),
        ChampionFacts(pk=2, name="Amal", capacity=2),
        ChampionFacts(pk=3, name="Full", capacity=1, open_mentorings=1),
        ChampionFacts(pk=4, name="Dismissed", capacity=2),
    ]
    ranked = rank(problem, champions, exclude={4})
    assert [s.champion.name for s in ranked] == ["Amal", "Zoe"]


# --- On the database: the realistic fixture -------------------------------------------------


@pytest.fixture
def network(db):
    """Four champions: one led the missed-bins case; the others led other work, and one of
    them is from the mentee's own region and kind of council, to tempt the ranking."""
    waste = ServiceAreaFactory(lgsl_code=524, label="Refuse collection")
    housing = ServiceAreaFactory(lgsl_code=21, label="Housing repairs")
    tax = ServiceAreaFactory(lgsl_code=80, label="Council tax payments")
    tablets = Technology.objects.create(name="In-cab tablets")
    crm = Technology.objects.create(name="Customer relationship management")
    bins = ResourceFactory(
        title="Residents report missed bins online",
        summary="A district council let residents report a missed bin collection online, "
        "with crews' in-cab tablets showing which bins were missed and why.",
        problem="Missed bin collections filled the contact centre's phone lines.",
    )
    bins.service_areas.add(waste)
    bins.technologies.add(tablets)
    repairs = ResourceFactory(
        title="Tenants book housing repairs online",
        summary="Tenants choose a repair appointment online instead of phoning.",
    )
    repairs.service_areas.add(housing)
    direct_debits = ResourceFactory(
        title="Council tax direct debits set up online",
        summary="Residents set up council tax direct debits without calling.",
    )
    direct_debits.service_areas.add(tax)

    def organisation(kind, region, population):
        return OrganisationFactory(kind=kind, region=region, population=population)

    mentee_organisation = organisation(OrganisationKind.DISTRICT, Region.SOUTH_WEST, 120_000)
    mentee = PersonFactory(organisation=mentee_organisation).user
    far_district = organisation(OrganisationKind.DISTRICT, Region.NORTH_EAST, 110_000)
    champions = {
        "bins": ChampionProfileFactory(
            person=PersonFactory(full_name="Priya Waste", organisation=far_district),
            role_summary="Head of waste services who took bin reporting online",
            experience="Led the move of waste and recycling services online.",
            service_areas=[waste],
            technologies=[tablets],
            cases_led=[bins],
            mentee_capacity=3,
        ),
        "repairs": ChampionProfileFactory(
            person=PersonFactory(
                full_name="Alan Housing",
                organisation=organisation(OrganisationKind.DISTRICT, Region.SOUTH_WEST, 125_000),
            ),
            role_summary="Director of housing who took repairs online",
            experience="Led online housing repairs booking and a new tenant portal.",
            service_areas=[housing],
            technologies=[crm],
            cases_led=[repairs],
        ),
        "tax": ChampionProfileFactory(
            person=PersonFactory(
                full_name="Chris Revenues",
                organisation=organisation(OrganisationKind.UNITARY, Region.LONDON, 300_000),
            ),
            role_summary="Head of revenues who moved council tax online",
            experience="Led council tax self-service and direct debits online.",
            service_areas=[tax],
            cases_led=[direct_debits],
        ),
        "general": ChampionProfileFactory(
            person=PersonFactory(
                full_name="Dana General",
                organisation=organisation(OrganisationKind.DISTRICT, Region.SOUTH_WEST, 118_000),
            ),
            role_summary="Chief executive of a digital council",
            experience="Led a council-wide digital strategy and culture change.",
        ),
    }
    search_rebuild(kinds=[kind for kind in ("case", "champion") if kind in registered_kinds()])
    return mentee, champions


PROBLEM = (
    "Residents keep phoning us about missed bin collections. We want them to report a missed "
    "bin online and to know why it was missed."
)


def test_the_champion_who_led_the_same_problem_ranks_first(network):
    mentee, champions = network
    suggestions = suggest_champions(PROBLEM, mentee)
    names = [s.champion.name for s in suggestions]
    assert names[0] == "Priya Waste"
    assert set(names) == {"Priya Waste", "Alan Housing", "Chris Revenues", "Dana General"}
    first = suggestions[0]
    assert "Led: Residents report missed bins online" in first.reasons
    assert "Works on: Refuse collection" in first.reasons
    assert "Can take 3 more mentees" in first.reasons
    assert first.score > suggestions[1].score
    # The near, similar council's champion says so, though it ranks below.
    general = next(s for s in suggestions if s.champion.name == "Dana General")
    assert "Same region" in general.reasons


def test_systems_the_mentees_council_uses_count(network):
    mentee, champions = network
    own_case = ResourceFactory(
        title="Crews record bin issues on tablets",
        lead_organisation=mentee.person.organisation,
    )
    own_case.technologies.add(Technology.objects.get(name="In-cab tablets"))
    first = suggest_champions("Our contact centre is busy", mentee)
    waste = next(s for s in first if s.champion.name == "Priya Waste")
    assert "Knows: In-cab tablets" in waste.reasons


def test_dismissed_full_unavailable_and_own_profile_are_left_out(network):
    mentee, champions = network
    suggestion_dismiss(user=mentee, champion=champions["bins"])
    for _ in range(2):
        MentoringFactory(champion=champions["repairs"])
    ChampionProfileFactory(unavailable=True, person=PersonFactory(full_name="Una Available"))
    ChampionProfileFactory(nominated=True, person=PersonFactory(full_name="Nina Nominated"))
    ChampionProfileFactory(person=mentee.person)
    names = {s.champion.name for s in suggest_champions(PROBLEM, mentee)}
    assert names == {"Chris Revenues", "Dana General"}


def test_a_dismissal_is_recorded_once_and_tells_nobody(network):
    mentee, champions = network
    suggestion_dismiss(user=mentee, champion=champions["tax"])
    suggestion_dismiss(user=mentee, champion=champions["tax"])
    assert DismissedSuggestion.objects.filter(user=mentee).count() == 1
    assert mail.outbox == []


def test_without_a_model_matching_falls_back_to_lexical(network, settings):
    settings.HUB_EMBEDDINGS_PROVIDER = "none"
    reset_embedding_provider()
    mentee, _ = network
    suggestions = suggest_champions(PROBLEM, mentee, limit=2)
    assert len(suggestions) == 2
    assert suggestions[0].champion.name == "Priya Waste"
