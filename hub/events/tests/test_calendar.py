"""`.ics` files and personal feeds, parsed back with icalendar."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import icalendar
import pytest
from django.urls import reverse

from hub.accounts.tests.factories import UserFactory
from hub.events.models import CalendarFeed, PlaceStatus
from hub.events.services import cancel_event
from hub.events.tests.factories import EventFactory, InvitationFactory, london_at
from hub.events.tests.viewers import (
    ADMIN,
    ATTENDEE,
    FACILITATOR,
    PUBLIC,
    UNINVITED,
    sign_in_as,
)
from hub.organisations.tests.factories import PersonFactory

pytestmark = pytest.mark.django_db
LONDON = ZoneInfo("Europe/London")
ONLINE = "https://meet.example.org/secret-room"


def parse(response) -> icalendar.Calendar:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    return icalendar.Calendar.from_ical(response.content)


def vevents(calendar: icalendar.Calendar) -> dict[str, icalendar.Event]:
    return {str(event["uid"]): event for event in calendar.walk("VEVENT")}


def ics(client, event):
    return client.get(reverse("events:ics", args=[event.slug]))


def test_an_open_sessions_file_carries_uid_sequence_and_london_times_in_summer(client):
    starts = datetime(2030, 7, 1, 14, 0, tzinfo=LONDON)  # BST, UTC+1
    event = EventFactory(
        open_session=True, starts_at=starts, ends_at=starts + timedelta(hours=2), sequence=3
    )
    calendar = parse(ics(client, event))
    (vevent,) = calendar.walk("VEVENT")
    assert str(vevent["uid"]) == event.uid
    assert vevent["sequence"] == 3
    assert vevent.decoded("dtstart") == starts
    assert vevent.decoded("dtstart").utcoffset() == timedelta(hours=1)
    assert vevent["dtstart"].params["TZID"] == "Europe/London"
    assert vevent.decoded("dtend") == starts + timedelta(hours=2)
    assert str(vevent["summary"]) == event.title
    assert str(vevent["status"]) == "CONFIRMED"
    assert str(vevent["url"]).endswith(event.get_absolute_url())
    assert [tz["tzid"] for tz in calendar.walk("VTIMEZONE")] == ["Europe/London"]
    assert b"DTSTART;TZID=Europe/London:20300701T140000" in ics(client, event).content


def test_a_winter_event_is_at_gmt(client):
    starts = datetime(2030, 12, 2, 9, 30, tzinfo=LONDON)  # GMT, UTC+0
    event = EventFactory(open_session=True, starts_at=starts, ends_at=starts + timedelta(hours=1))
    (vevent,) = parse(ics(client, event)).walk("VEVENT")
    assert vevent.decoded("dtstart").utcoffset() == timedelta(0)
    assert vevent.decoded("dtstart").astimezone(ZoneInfo("UTC")).hour == 9


def test_a_cancelled_event_keeps_its_uid_with_a_higher_sequence_and_cancelled_status(client):
    event = EventFactory(open_session=True)
    before = event.sequence
    cancel_event(event, reason="The speaker is unwell.")
    event.refresh_from_db()
    (vevent,) = parse(ics(client, event)).walk("VEVENT")
    assert str(vevent["uid"]) == event.uid
    assert vevent["sequence"] == before + 1
    assert str(vevent["status"]) == "CANCELLED"


@pytest.mark.parametrize(
    ("viewer", "status", "sees_link"),
    [
        (PUBLIC, 404, False),
        (UNINVITED, 404, False),
        (ATTENDEE, 200, True),
        (FACILITATOR, 200, True),
        (ADMIN, 200, True),
    ],
)
def test_a_private_events_file_is_for_people_who_may_see_it(client, viewer, status, sees_link):
    event = EventFactory(online_url=ONLINE)
    sign_in_as(client, viewer, event)
    response = ics(client, event)
    assert response.status_code == status
    if status == 200:
        assert (ONLINE.encode() in response.content.replace(b"\r\n ", b"")) is sees_link


def test_an_invitee_who_has_not_accepted_sees_the_file_without_the_online_link(client):
    event = EventFactory(online_url=ONLINE)
    user = UserFactory()
    InvitationFactory(event=event, user=user, status=PlaceStatus.INVITED)
    client.force_login(user)
    (vevent,) = parse(ics(client, event)).walk("VEVENT")
    assert ONLINE not in str(vevent["location"])
    assert str(vevent["location"]) == event.venue


def test_a_draft_is_not_found_even_by_its_invitees(client):
    event = EventFactory(draft=True)
    user = UserFactory()
    InvitationFactory(event=event, user=user)
    client.force_login(user)
    assert ics(client, event).status_code == 404


# The personal feed ---------------------------------------------------------------------


def feed_of(client, user):
    token = CalendarFeed.objects.get_or_create(user=user)[0].token
    return client.get(reverse("events:feed", args=[token]))


def test_the_feed_holds_places_waiting_running_speaking_and_cancelled_events(client):
    user = UserFactory()
    place = InvitationFactory(user=user, status=PlaceStatus.ACCEPTED).event
    waiting = InvitationFactory(user=user, status=PlaceStatus.WAITING).event
    by_email = InvitationFactory(email=user.email.upper(), status=PlaceStatus.ACCEPTED).event
    declined = InvitationFactory(user=user, status=PlaceStatus.DECLINED).event
    runs = EventFactory(facilitators=[user])
    speaks = EventFactory(speaker=PersonFactory(user=user))
    cancelled = InvitationFactory(user=user, status=PlaceStatus.ACCEPTED).event
    cancel_event(cancelled, reason="")
    lately = InvitationFactory(user=user, status=PlaceStatus.ACCEPTED, event__past=True).event
    long_ago = InvitationFactory(
        user=user,
        status=PlaceStatus.ACCEPTED,
        event__starts_at=london_at(-120),
        event__ends_at=london_at(-120, 16),
    ).event
    draft = EventFactory(draft=True, facilitators=[user])
    someone_elses = InvitationFactory(status=PlaceStatus.ACCEPTED).event

    found = vevents(parse(feed_of(client, user)))  # no session: the token is enough

    assert set(found) == {
        e.uid for e in (place, waiting, by_email, runs, speaks, cancelled, lately)
    }
    assert not {e.uid for e in (declined, long_ago, draft, someone_elses)} & set(found)
    assert str(found[waiting.uid]["status"]) == "TENTATIVE"
    assert str(found[place.uid]["status"]) == "CONFIRMED"
    assert str(found[cancelled.uid]["status"]) == "CANCELLED"


def test_the_feed_gives_the_online_link_to_places_not_to_the_waiting_list(client):
    user = UserFactory()
    place = InvitationFactory(user=user, status=PlaceStatus.ACCEPTED, event__venue="").event
    waiting = InvitationFactory(user=user, status=PlaceStatus.WAITING, event__venue="").event
    for event in (place, waiting):
        event.online_url = ONLINE
        event.save()
    found = vevents(parse(feed_of(client, user)))
    assert str(found[place.uid]["location"]) == ONLINE
    assert ONLINE not in str(found[waiting.uid]["location"])


def test_an_unknown_token_is_not_found(client):
    assert client.get(reverse("events:feed", args=["not-a-real-token"])).status_code == 404


def test_a_deactivated_accounts_feed_stops(client):
    user = UserFactory()
    token = CalendarFeed.objects.create(user=user).token
    user.is_active = False
    user.save()
    assert client.get(reverse("events:feed", args=[token])).status_code == 404


def test_the_calendar_page_needs_an_account(client):
    response = client.get(reverse("events:calendar"))
    assert response.status_code == 302
    assert "/sign-in" in response["Location"]


def test_the_calendar_page_shows_the_feed_address_and_resetting_it_stops_the_old_one(
    client, settings
):
    settings.HUB_BASE_URL = "https://hub.example.org"
    user = UserFactory()
    client.force_login(user)
    page = client.get(reverse("events:calendar"))
    old = CalendarFeed.objects.get(user=user).token
    assert f"webcal://hub.example.org/events/calendar/{old}.ics" in page.content.decode()
    assert f"https://hub.example.org/events/calendar/{old}.ics" in page.content.decode()

    response = client.post(reverse("events:calendar"))

    assert response.status_code == 302
    new = CalendarFeed.objects.get(user=user).token
    assert new != old
    client.logout()
    assert client.get(reverse("events:feed", args=[old])).status_code == 404
    assert client.get(reverse("events:feed", args=[new])).status_code == 200


def test_the_feed_is_not_cached_by_shared_caches(client):
    user = UserFactory()
    response = feed_of(client, user)
    assert "private" in response["Cache-Control"]
    # An empty feed is still a valid calendar.
    assert parse(response).walk("VEVENT") == []
