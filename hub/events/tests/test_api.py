"""`/api/v1/events`: public events only, whoever asks."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from hub.accounts.roles import Role
from hub.accounts.tests.factories import UserFactory
from hub.events.models import EventKind, PlaceStatus
from hub.events.tests.factories import EventFactory, InvitationFactory, SeriesFactory
from hub.organisations.models import Region
from hub.organisations.tests.factories import PersonFactory
from hub.taxonomy.models import Theme

pytestmark = pytest.mark.django_db
LONDON = ZoneInfo("Europe/London")


def slugs(response) -> list[str]:
    assert response.status_code == 200
    return [item["slug"] for item in response.json()["items"]]


@pytest.fixture
def events():
    return {
        "open": EventFactory(open_session=True),
        "cancelled": EventFactory(open_session=True, cancelled=True),
        "open_draft": EventFactory(open_session=True, draft=True),
        "private": EventFactory(),
        "private_past": EventFactory(past=True),
        "past": EventFactory(open_session=True, past=True),
    }


def test_the_list_has_public_events_only_even_for_programme_admins(client, events):
    client.force_login(UserFactory(roles=[Role.PROGRAMME_ADMIN]))
    listed = slugs(client.get("/api/v1/events?when=all"))
    assert sorted(listed) == sorted(events[k].slug for k in ("open", "cancelled", "past"))


@pytest.mark.parametrize("key", ["private", "private_past", "open_draft"])
def test_a_private_or_draft_event_is_not_found(client, events, key):
    response = client.get(f"/api/v1/events/{events[key].slug}")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


def test_upcoming_is_the_default_and_past_is_latest_first(client, events):
    older = EventFactory(
        open_session=True,
        starts_at=datetime(2020, 1, 1, 10, tzinfo=LONDON),
        ends_at=datetime(2020, 1, 1, 11, tzinfo=LONDON),
    )
    assert sorted(slugs(client.get("/api/v1/events"))) == sorted(
        [events["open"].slug, events["cancelled"].slug]
    )
    assert slugs(client.get("/api/v1/events?when=past")) == [events["past"].slug, older.slug]


def test_filters_by_region_kind_and_theme(client):
    theme = Theme.objects.first()
    london = EventFactory(open_session=True, region=Region.LONDON, theme=theme)
    EventFactory(open_session=True, region=Region.NORTH_WEST)
    assert slugs(client.get("/api/v1/events", {"region": "London"})) == [london.slug]
    assert slugs(client.get("/api/v1/events", {"theme": theme.slug})) == [london.slug]
    assert slugs(client.get("/api/v1/events", {"kind": EventKind.ROUND_TABLE})) == []
    assert len(slugs(client.get("/api/v1/events", {"kind": EventKind.OPEN_SESSION}))) == 2
    assert client.get("/api/v1/events", {"region": "Atlantis"}).status_code == 422


def test_one_event_has_its_fields_with_london_offsets(client, settings):
    settings.HUB_BASE_URL = "https://hub.example.org"
    starts = datetime(2030, 7, 1, 14, 0, tzinfo=LONDON)
    speaker = PersonFactory(full_name="Aled Rees")
    event = EventFactory(
        open_session=True,
        starts_at=starts,
        ends_at=starts + timedelta(hours=1),
        capacity=3,
        series=SeriesFactory(),
        speaker=speaker,
        theme=Theme.objects.first(),
    )
    InvitationFactory(event=event, status=PlaceStatus.ACCEPTED)
    InvitationFactory(event=event, status=PlaceStatus.WAITING)
    body = client.get(f"/api/v1/events/{event.slug}").json()
    assert body["starts_at"] == "2030-07-01T14:00:00+01:00"
    assert body["ends_at"] == "2030-07-01T15:00:00+01:00"
    assert body["places_left"] == 2
    assert body["status"] == "scheduled"
    assert body["speaker"] == {"name": "Aled Rees", "organisation": speaker.organisation.name}
    assert body["series"] == {"slug": event.series.slug, "title": event.series.title}
    assert body["theme"]["slug"] == event.theme.slug
    assert body["url"] == f"https://hub.example.org/events/{event.slug}/"
    assert body["ics_url"] == f"https://hub.example.org/events/{event.slug}/event.ics"
    assert "online_url" not in body


def test_a_winter_event_is_at_gmt(client):
    starts = datetime(2030, 12, 2, 9, 30, tzinfo=LONDON)
    event = EventFactory(open_session=True, starts_at=starts, ends_at=starts + timedelta(hours=1))
    assert client.get(f"/api/v1/events/{event.slug}").json()["starts_at"] == (
        "2030-12-02T09:30:00Z"
    )


def test_the_list_is_paginated_in_a_fixed_number_of_queries(client, django_assert_max_num_queries):
    for _ in range(5):
        InvitationFactory(event=EventFactory(open_session=True), status=PlaceStatus.ACCEPTED)
    with django_assert_max_num_queries(3):
        body = client.get("/api/v1/events", {"page_size": 2, "page": 2}).json()
    assert (body["count"], body["pages"], body["page"], len(body["items"])) == (5, 3, 2, 2)


def test_the_openapi_document_has_the_routes(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    assert "/api/v1/events" in paths
    assert "/api/v1/events/{slug}" in paths


def test_a_theme_that_cannot_be_a_slug_matches_nothing_and_never_errs(client):
    theme = Theme.objects.first()
    EventFactory(open_session=True, theme=theme)
    # A NUL byte would make PostgreSQL refuse the query; such values are dropped.
    response = client.get("/api/v1/events", {"theme": ["bad\x00slug", "two words"]})
    assert response.status_code == 200
    assert slugs(response) == []
