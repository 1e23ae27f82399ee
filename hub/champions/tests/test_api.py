"""`/api/v1/champions`: approved champions only, whoever asks, with no personal data beyond
the public profile."""

import pytest

from hub.accounts.roles import Role
from hub.accounts.tests.factories import UserFactory
from hub.cases.tests.factories import ResourceFactory
from hub.champions.search import SEARCH_KIND
from hub.champions.tests.factories import ChampionProfileFactory, MentoringFactory
from hub.organisations.models import OrganisationKind, Region
from hub.organisations.tests.factories import OrganisationFactory, PersonFactory
from hub.search.services import search_index_object
from hub.taxonomy.models import Theme
from hub.taxonomy.tests.factories import ServiceAreaFactory

pytestmark = pytest.mark.django_db

API = "/api/v1/champions"


def slugs(response) -> list[str]:
    assert response.status_code == 200
    return [item["slug"] for item in response.json()["items"]]


@pytest.fixture
def profiles():
    return {
        "approved": ChampionProfileFactory(role_summary="Led housing repairs online"),
        "nominated": ChampionProfileFactory(nominated=True, role_summary="Led housing repairs"),
        "declined": ChampionProfileFactory(declined=True, role_summary="Led housing repairs"),
        "paused": ChampionProfileFactory(paused=True, role_summary="Led housing repairs"),
    }


@pytest.mark.parametrize("role", [None, Role.CHAMPION, Role.PROGRAMME_ADMIN])
def test_nominated_and_other_unapproved_profiles_never_appear(client, profiles, role):
    for profile in profiles.values():
        search_index_object(kind=SEARCH_KIND, object_id=profile.pk)
    if role:
        client.force_login(UserFactory(roles=[role]))
    assert slugs(client.get(API)) == [profiles["approved"].slug]
    assert slugs(client.get(f"{API}?q=housing+repairs")) == [profiles["approved"].slug]
    for name in ("nominated", "declined", "paused"):
        assert client.get(f"{API}/{profiles[name].slug}").status_code == 404
    assert client.get(f"{API}/{profiles['approved'].slug}").status_code == 200


def test_a_champion_carries_public_fields_only(client):
    area = ServiceAreaFactory(lgsl_code=1051, label="Housing repairs")
    theme = Theme.objects.first()
    case = ResourceFactory(slug="repairs-online")
    organisation = OrganisationFactory(
        region=Region.YORKSHIRE_AND_THE_HUMBER, kind=OrganisationKind.DISTRICT
    )
    profile = ChampionProfileFactory(
        person=PersonFactory(organisation=organisation),
        service_areas=[area],
        themes=[theme],
        cases_led=[case],
        mentee_capacity=3,
    )
    MentoringFactory(champion=profile, accepted=True)
    body = client.get(f"{API}/{profile.slug}").json()
    assert body["name"] == profile.person.full_name
    assert body["role"] == profile.role_summary
    assert body["organisation"]["slug"] == organisation.slug
    assert body["region"] == Region.YORKSHIRE_AND_THE_HUMBER
    assert body["service_areas"] == [{"lgsl_code": 1051, "label": "Housing repairs"}]
    assert body["themes"] == [{"slug": theme.slug, "name": theme.name}]
    assert body["cases_led"][0]["slug"] == "repairs-online"
    assert body["cases_led"][0]["url"].endswith("/cases/repairs-online/")
    assert body["capacity_left"] == 2
    text = str(body)
    assert profile.person.user.email not in text
    for private in ("nomination_reason", "decision_note", "nominated_by", "email", "status"):
        assert private not in body


def test_filters_match_the_directory(client):
    area = ServiceAreaFactory()
    theme = Theme.objects.first()
    east = ChampionProfileFactory(
        person=PersonFactory(
            organisation=OrganisationFactory(region=Region.SOUTH_EAST, kind=OrganisationKind.COUNTY)
        ),
        service_areas=[area],
        themes=[theme],
    )
    full = ChampionProfileFactory(mentee_capacity=1)
    MentoringFactory(champion=full)
    assert slugs(client.get(f"{API}?service_area={area.lgsl_code}")) == [east.slug]
    assert slugs(client.get(f"{API}?theme={theme.slug}")) == [east.slug]
    assert slugs(client.get(f"{API}?region={Region.SOUTH_EAST}")) == [east.slug]
    assert slugs(client.get(f"{API}?organisation_kind={OrganisationKind.COUNTY}")) == [east.slug]
    assert slugs(client.get(f"{API}?has_capacity=true")) == [east.slug]
    assert client.get(f"{API}?region=atlantis").status_code in {400, 422}


def test_the_list_is_paged_without_a_query_per_champion(client, django_assert_max_num_queries):
    ChampionProfileFactory.create_batch(5, cases_led=[ResourceFactory()])
    with django_assert_max_num_queries(10):
        response = client.get(f"{API}?page_size=2&page=2")
    body = response.json()
    assert (body["count"], body["pages"], len(body["items"])) == (5, 3, 2)
