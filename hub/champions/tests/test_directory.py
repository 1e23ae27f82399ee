"""The directory: approved champions only, searched through the one search service, filtered
by expertise, region, council kind and capacity, paged."""

import pytest
from django.urls import reverse

from hub.accounts.roles import Role
from hub.cases.tests.factories import ResourceFactory
from hub.champions.search import SEARCH_KIND
from hub.champions.tests.factories import ChampionProfileFactory, MentoringFactory
from hub.organisations.models import OrganisationKind, Region
from hub.organisations.tests.factories import OrganisationFactory, PersonFactory
from hub.search.services import search_index_object
from hub.taxonomy.models import Theme
from hub.taxonomy.tests.factories import ServiceAreaFactory

pytestmark = pytest.mark.django_db

DIRECTORY = reverse("champions:directory")


def champion_in(region=Region.NORTH_WEST, kind=OrganisationKind.UNITARY, **fields):
    person = PersonFactory(organisation=OrganisationFactory(region=region, kind=kind))
    return ChampionProfileFactory(person=person, **fields)


def listed(client, query: str = "") -> list[str]:
    response = client.get(DIRECTORY + query)
    assert response.status_code == 200
    return [profile.slug for profile, _ in response.context["cards"]]


def index(*profiles) -> None:
    for profile in profiles:
        search_index_object(kind=SEARCH_KIND, object_id=profile.pk)


@pytest.mark.parametrize("role", [None, Role.MEMBER, Role.CHAMPION, Role.PROGRAMME_ADMIN])
def test_the_directory_lists_approved_champions_only(client_as, role):
    approved = ChampionProfileFactory()
    hidden = [
        ChampionProfileFactory(nominated=True),
        ChampionProfileFactory(declined=True),
        ChampionProfileFactory(paused=True),
    ]
    client = client_as(role)
    assert listed(client) == [approved.slug]
    page = client.get(DIRECTORY).content.decode()
    for profile in hidden:
        assert profile.person.full_name not in page


def test_a_card_shows_name_role_organisation_region_expertise_and_capacity(client):
    area = ServiceAreaFactory(label="Pest control")
    profile = champion_in(region=Region.SOUTH_WEST, service_areas=[area], mentee_capacity=2)
    MentoringFactory(champion=profile, accepted=True)
    page = client.get(DIRECTORY).content.decode()
    for text in (
        profile.person.full_name,
        profile.role_summary,
        profile.person.organisation.name,
        "South West",
        "Pest control",
        "Can take 1 more mentee<",
    ):
        assert text in page


def test_the_search_box_ranks_through_the_search_service_and_ignores_nominations(client):
    best = ChampionProfileFactory(
        role_summary="Led housing repairs online",
        experience="Housing repairs reporting moved online; repairs calls fell.",
    )
    weaker = ChampionProfileFactory(
        role_summary="Chief executive", experience="Some work on housing allocations."
    )
    ChampionProfileFactory(role_summary="Led waste collection rounds", experience="Bins.")
    nominated = ChampionProfileFactory(nominated=True, role_summary="Led housing repairs too")
    index(best, weaker, nominated)
    assert listed(client, "?q=housing+repairs")[0] == best.slug
    assert nominated.slug not in listed(client, "?q=housing")
    assert listed(client, "?q=housing") == [best.slug, weaker.slug]


def test_search_finds_a_champion_by_a_case_they_led(client):
    case = ResourceFactory(title="Chatbot for council tax queries")
    profile = ChampionProfileFactory(cases_led=[case])
    other = ChampionProfileFactory()
    index(profile, other)
    assert listed(client, "?q=chatbot") == [profile.slug]


def test_filters_by_service_area_theme_region_and_council_kind(client):
    area = ServiceAreaFactory()
    theme = Theme.objects.first()
    north = champion_in(region=Region.NORTH_EAST, kind=OrganisationKind.DISTRICT)
    south = champion_in(
        region=Region.SOUTH_EAST,
        kind=OrganisationKind.UNITARY,
        service_areas=[area],
        themes=[theme],
    )
    assert listed(client, f"?service_area={area.lgsl_code}") == [south.slug]
    assert listed(client, f"?theme={theme.slug}") == [south.slug]
    assert listed(client, f"?region={Region.NORTH_EAST}") == [north.slug]
    assert listed(client, f"?organisation_kind={OrganisationKind.DISTRICT}") == [north.slug]
    assert set(listed(client, "?region=not-a-region")) == {north.slug, south.slug}


def test_has_capacity_leaves_out_full_and_unavailable_champions(client):
    free = ChampionProfileFactory(mentee_capacity=2)
    MentoringFactory(champion=free)
    MentoringFactory(champion=free, closed=True)
    full = ChampionProfileFactory(mentee_capacity=1)
    MentoringFactory(champion=full, accepted=True)
    away = ChampionProfileFactory(unavailable=True)
    assert listed(client, "?has_capacity=1") == [free.slug]
    page = client.get(DIRECTORY).content.decode()
    assert page.count("Not taking mentees now") == 2
    assert {full.slug, away.slug} <= set(listed(client))


def test_the_directory_pages(client):
    profiles = ChampionProfileFactory.create_batch(21)
    first = listed(client)
    second = listed(client, "?page=2")
    assert len(first) == 20
    assert len(second) == 1
    assert set(first + second) == {profile.slug for profile in profiles}


def test_the_directory_loads_a_page_in_a_fixed_number_of_queries(
    client, django_assert_max_num_queries
):
    ChampionProfileFactory.create_batch(
        8, service_areas=[ServiceAreaFactory()], themes=[Theme.objects.first()]
    )
    with django_assert_max_num_queries(14):
        client.get(DIRECTORY)


@pytest.mark.parametrize("role", [None, Role.MEMBER])
def test_nominate_and_queue_links_show_only_to_those_who_may_use_them(client_as, role):
    page = client_as(role).get(DIRECTORY).content.decode()
    assert reverse("champions:nominate") not in page
    assert reverse("champions:nominations") not in page


def test_programme_admins_see_the_nominate_and_queue_links(client_as):
    page = client_as(Role.PROGRAMME_ADMIN).get(DIRECTORY).content.decode()
    assert reverse("champions:nominate") in page
    assert reverse("champions:nominations") in page


def test_the_navigation_has_champions(client):
    page = client.get(reverse("pages:home")).content.decode()
    assert f'href="{DIRECTORY}"' in page
