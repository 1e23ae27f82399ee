"""The events list, a series, an event's page, who is coming, signing up and giving up a place:
what each role sees, and that a private event is a 404 to anyone not invited to it."""

from datetime import UTC, datetime, timedelta

import pytest
from django.core import mail
from django.urls import reverse

from hub.accounts.roles import Role
from hub.cases.models import Status
from hub.cases.tests.factories import ResourceFactory
from hub.events import selectors
from hub.events.models import AttendeeListVisibility, EventKind, PlaceStatus
from hub.events.tests.factories import EventFactory, InvitationFactory, SeriesFactory
from hub.organisations.models import Region
from hub.organisations.tests.factories import PersonFactory
from hub.taxonomy.models import Theme

pytestmark = pytest.mark.django_db

ROLES = ["public", "member", "invitee", "other_facilitator", "event_facilitator", "admin"]


@pytest.fixture
def people(user_with_role):
    return {
        "public": None,
        "member": user_with_role(Role.MEMBER),
        "invitee": user_with_role(Role.MEMBER),
        "other_facilitator": user_with_role(Role.FACILITATOR),
        "event_facilitator": user_with_role(Role.FACILITATOR),
        "admin": user_with_role(Role.PROGRAMME_ADMIN),
    }


@pytest.fixture
def round_table(people):
    event = EventFactory(
        online_url="https://meet.example.org/secret-room",
        facilitators=[people["event_facilitator"]],
    )
    InvitationFactory(event=event, user=people["invitee"])
    return event


def _client(client, people, role):
    if people[role] is not None:
        client.force_login(people[role])
    return client


# Who may see a private round table ---------------------------------------------------------

SEES_PRIVATE = {"invitee", "event_facilitator", "admin"}


@pytest.mark.parametrize("role", ROLES)
def test_a_private_round_table_is_a_404_to_everyone_not_invited(client, people, round_table, role):
    response = _client(client, people, role).get(round_table.get_absolute_url())

    if role in SEES_PRIVATE:
        assert response.status_code == 200
        assert round_table.title in response.text
    else:
        assert response.status_code == 404
        assert round_table.title not in response.text


@pytest.mark.parametrize("role", ROLES)
def test_the_events_list_and_series_show_a_private_round_table_only_to_those_who_may_see_it(
    client, people, round_table, role
):
    round_table.series = SeriesFactory()
    round_table.save()
    open_session = EventFactory(open_session=True, series=round_table.series)
    client = _client(client, people, role)

    for url in (reverse("events:list"), round_table.series.get_absolute_url()):
        response = client.get(url)
        assert response.status_code == 200
        assert open_session.title in response.text
        assert (round_table.title in response.text) is (role in SEES_PRIVATE)


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("public", 404),
        ("member", 404),
        ("invitee", 403),  # may see the event, but the list is for facilitators only
        ("other_facilitator", 404),
        ("event_facilitator", 200),
        ("admin", 200),
    ],
)
def test_who_is_coming_by_role(client, people, round_table, role, status):
    InvitationFactory(event=round_table, full_name="Priya Attendee", status=PlaceStatus.ACCEPTED)

    response = _client(client, people, role).get(
        reverse("events:attendees", args=[round_table.slug])
    )

    assert response.status_code == status
    assert ("Priya Attendee" in response.text) is (status == 200)


def test_who_is_coming_is_shown_to_people_with_a_place_when_the_facilitator_allows(
    client, people, round_table
):
    round_table.attendee_list_visibility = AttendeeListVisibility.ATTENDEES
    round_table.save()
    person = PersonFactory(
        full_name="Priya Attendee", organisation__name="Testshire County Council"
    )
    InvitationFactory(
        event=round_table, person=person, full_name="Priya Attendee", status="accepted"
    )
    invitee = round_table.invitations.get(user=people["invitee"])
    client.force_login(people["invitee"])
    url = reverse("events:attendees", args=[round_table.slug])

    assert client.get(url).status_code == 403  # invited, but no place yet
    invitee.status = PlaceStatus.ACCEPTED
    invitee.save()
    response = client.get(url)

    assert response.status_code == 200
    assert "Priya Attendee" in response.text
    assert "Testshire County Council" in response.text
    assert "attendees.csv" not in response.text  # export is for facilitators only


@pytest.mark.parametrize("role", ["public", "member", "other_facilitator"])
@pytest.mark.parametrize("name", ["sign_up", "withdraw"])
def test_posting_to_a_private_round_table_is_a_404_to_everyone_not_invited(
    client, people, round_table, role, name
):
    response = _client(client, people, role).post(
        reverse(f"events:{name}", args=[round_table.slug])
    )
    assert response.status_code == 404
    assert round_table.invitations.count() == 1


@pytest.mark.parametrize("role", ROLES)
def test_a_draft_is_seen_only_by_those_running_it(client, people, role):
    draft = EventFactory(open_session=True, draft=True, facilitators=[people["event_facilitator"]])

    response = _client(client, people, role).get(draft.get_absolute_url())

    assert response.status_code == (200 if role in {"event_facilitator", "admin"} else 404)


@pytest.mark.parametrize("role", ROLES)
def test_visible_events_matches_the_view_event_rule_for_every_role(people, role):
    user = people[role]
    speaker = PersonFactory(user=people["member"])
    events = [
        EventFactory(),
        EventFactory(draft=True),
        EventFactory(cancelled=True),
        EventFactory(open_session=True),
        EventFactory(open_session=True, draft=True),
        EventFactory(open_session=True, cancelled=True),
        EventFactory(facilitators=[people["event_facilitator"]]),
        EventFactory(draft=True, facilitators=[people["event_facilitator"]]),
        EventFactory(speaker=speaker),
    ]
    InvitationFactory(event=events[0], user=people["invitee"], status=PlaceStatus.DECLINED)
    InvitationFactory(event=events[1], user=people["invitee"])  # a draft: not yet visible
    # Invited by email before they had an account.
    InvitationFactory(event=events[2], email=people["invitee"].email.upper())

    from django.contrib.auth.models import AnonymousUser

    user = user or AnonymousUser()
    expected = {e.pk for e in events if user.has_perm("events.view_event", e)}

    assert set(selectors.visible_events(user).values_list("pk", flat=True)) == expected
    assert expected  # every role sees at least the open sessions


def test_the_events_list_takes_the_same_number_of_queries_however_many_events(
    client, people, django_assert_max_num_queries
):
    client.force_login(people["invitee"])
    for _ in range(3):
        InvitationFactory(event=EventFactory(), user=people["invitee"])
    with django_assert_max_num_queries(20) as few:
        client.get(reverse("events:list"))
    for _ in range(15):
        InvitationFactory(event=EventFactory(), user=people["invitee"])
        EventFactory(open_session=True)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(reverse("events:list"))
    assert response.context["pagination"].total == 33


# The list's filters ------------------------------------------------------------------------


def test_the_list_shows_upcoming_events_by_default_and_past_ones_when_asked(client):
    upcoming = EventFactory(open_session=True, title="Coming soon")
    past = EventFactory(open_session=True, past=True, title="Happened already")

    response = client.get(reverse("events:list"))
    assert upcoming.title in response.text
    assert past.title not in response.text

    response = client.get(reverse("events:list"), {"when": "past"})
    assert past.title in response.text
    assert upcoming.title not in response.text


def test_the_list_filters_by_kind_region_and_theme_and_ignores_unknown_values(client):
    theme = Theme.objects.first()
    wanted = EventFactory(open_session=True, region=Region.LONDON, theme=theme, title="Wanted")
    EventFactory(open_session=True, region=Region.WALES, title="Elsewhere")

    def titles(**params):
        return [
            e.title
            for e in client.get(reverse("events:list"), params).context["pagination"].object_list
        ]

    assert titles(region=Region.LONDON) == ["Wanted"]
    assert titles(theme=theme.slug) == ["Wanted"]
    assert titles(kind=EventKind.ROUND_TABLE) == []
    assert sorted(titles(kind=EventKind.OPEN_SESSION)) == ["Elsewhere", "Wanted"]
    assert sorted(titles(region="Atlantis", when="someday")) == ["Elsewhere", "Wanted"]
    assert wanted.get_absolute_url() in client.get(reverse("events:list")).text


def test_the_list_is_paginated(client):
    for _ in range(25):
        EventFactory(open_session=True)

    first = client.get(reverse("events:list"))
    second = client.get(reverse("events:list"), {"page": 2})

    assert len(first.context["pagination"].object_list) == 20
    assert len(second.context["pagination"].object_list) == 5
    assert 'rel="next"' in first.text


def test_the_navigation_links_to_events(client):
    response = client.get(reverse("events:list"))
    assert 'href="/events/"' in response.text
    assert 'aria-current="true"' in response.text


# An event's page ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("starts", "ends", "expected"),
    [
        # Winter: Greenwich Mean Time is UTC.
        (
            datetime(2031, 1, 14, 14, tzinfo=UTC),
            datetime(2031, 1, 14, 16, tzinfo=UTC),
            "Tuesday 14 January 2031, 2pm to 4pm",
        ),
        # Summer: British Summer Time is an hour ahead of UTC.
        (
            datetime(2031, 7, 15, 11, 30, tzinfo=UTC),
            datetime(2031, 7, 15, 13, tzinfo=UTC),
            "Tuesday 15 July 2031, 12:30pm to 2pm",
        ),
        (
            datetime(2031, 7, 15, 11, tzinfo=UTC),
            datetime(2031, 7, 15, 12, tzinfo=UTC),
            "Tuesday 15 July 2031, 12 midday to 1pm",
        ),
    ],
)
def test_the_date_and_time_are_in_london_time_in_govuk_style(client, starts, ends, expected):
    event = EventFactory(open_session=True, starts_at=starts, ends_at=ends)
    assert expected in client.get(event.get_absolute_url()).text


def test_the_page_shows_what_the_event_is_about(client, people, round_table):
    speaker = PersonFactory(
        full_name="Jo Speaker", job_title="Chief executive", organisation__name="Testshire Council"
    )
    published = ResourceFactory(title="Online council tax")
    unpublished = ResourceFactory(title="Secret draft", status=Status.DRAFT)
    round_table.speaker = speaker
    round_table.speaker_briefing = "Moved 40 services online."
    round_table.agenda = "## Welcome\n\n* Coffee\n\n<script>alert('x')</script>"
    round_table.theme = Theme.objects.first()
    round_table.capacity = 10
    round_table.save()
    round_table.cases.add(published, unpublished)
    InvitationFactory(event=round_table, status=PlaceStatus.ACCEPTED)
    client.force_login(people["invitee"])

    response = client.get(round_table.get_absolute_url())

    text = response.text
    assert "Jo Speaker, Chief executive" in text
    assert "Testshire Council" in text
    assert "Moved 40 services online." in text
    assert '<h3 class="govuk-heading-s">Welcome</h3>' in text
    assert "<script>alert" not in text
    assert round_table.theme.name in text
    assert "10 places, 9 left" in text
    assert published.get_absolute_url() in text
    assert "Secret draft" not in text
    assert "Chatham House rule" in text
    assert 'class="govuk-inset-text" id="chatham-house"' in text


@pytest.mark.parametrize(
    ("role", "place", "sees_link"),
    [
        ("invitee", PlaceStatus.INVITED, False),
        ("invitee", PlaceStatus.WAITING, False),
        ("invitee", PlaceStatus.ACCEPTED, True),
        ("event_facilitator", None, True),
        ("admin", None, True),
    ],
)
def test_the_online_link_is_shown_only_to_people_with_a_place_and_those_running_it(
    client, people, round_table, role, place, sees_link
):
    if place:
        round_table.invitations.filter(user=people["invitee"]).update(status=place)

    response = _client(client, people, role).get(round_table.get_absolute_url())

    assert ("secret-room" in response.text) is sees_link


def test_an_open_sessions_link_is_hidden_from_people_without_a_place(client, people):
    session = EventFactory(open_session=True, online_url="https://meet.example.org/session-room")
    assert "session-room" not in client.get(session.get_absolute_url()).text
    client.force_login(people["member"])
    assert "session-room" not in client.get(session.get_absolute_url()).text


def test_the_page_shows_the_invitees_place_and_waiting_list_position(client, people, round_table):
    round_table.capacity = 1
    round_table.save()
    InvitationFactory(event=round_table, status=PlaceStatus.ACCEPTED)
    ahead = InvitationFactory(event=round_table, status=PlaceStatus.WAITING)
    mine = round_table.invitations.get(user=people["invitee"])
    mine.status = PlaceStatus.WAITING
    mine.waiting_since = ahead.waiting_since + timedelta(seconds=1)
    mine.save()
    client.force_login(people["invitee"])

    response = client.get(round_table.get_absolute_url())

    assert "On the waiting list" in response.text
    assert "number 2 on the waiting list" in response.text
    assert "Leave the waiting list" in response.text


def test_links_to_calendar_record_and_attendees_follow_the_rules(client, people, round_table):
    client.force_login(people["event_facilitator"])
    text = client.get(round_table.get_absolute_url()).text
    assert reverse("events:attendees", args=[round_table.slug]) in text
    assert reverse("events:ics", args=[round_table.slug]) in text

    client.force_login(people["invitee"])
    text = client.get(round_table.get_absolute_url()).text
    assert reverse("events:attendees", args=[round_table.slug]) not in text
    assert reverse("events:record", args=[round_table.slug]) not in text
    assert reverse("events:feedback", args=[round_table.slug]) not in text


# Signing up and giving up a place ----------------------------------------------------------


def test_a_member_signs_up_to_an_open_session_and_sees_a_banner(client, people):
    session = EventFactory(open_session=True, capacity=1)
    client.force_login(people["member"])

    page = client.get(session.get_absolute_url())
    assert reverse("events:sign_up", args=[session.slug]) in page.text
    response = client.post(reverse("events:sign_up", args=[session.slug]), follow=True)

    assert response.redirect_chain[-1][0] == session.get_absolute_url()
    assert "You have a place" in response.text
    assert "govuk-notification-banner--success" in response.text
    assert session.invitations.get(user=people["member"]).status == PlaceStatus.ACCEPTED
    assert "Give up my place" in response.text


def test_signing_up_to_a_full_session_joins_the_waiting_list(client, people):
    session = EventFactory(open_session=True, capacity=1)
    InvitationFactory(event=session, status=PlaceStatus.ACCEPTED)
    client.force_login(people["member"])

    assert "Join the waiting list" in client.get(session.get_absolute_url()).text
    response = client.post(reverse("events:sign_up", args=[session.slug]), follow=True)

    assert "you are on the waiting list: number 1 in line" in response.text
    assert session.invitations.get(user=people["member"]).status == PlaceStatus.WAITING


def test_signing_up_twice_is_refused_with_a_message(client, people):
    session = EventFactory(open_session=True)
    client.force_login(people["member"])
    url = reverse("events:sign_up", args=[session.slug])
    client.post(url)

    response = client.post(url, follow=True)

    assert "You are already signed up" in response.text
    assert session.invitations.count() == 1


def test_signing_up_needs_an_account(client):
    session = EventFactory(open_session=True)
    response = client.post(reverse("events:sign_up", args=[session.slug]))
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:sign-in"))
    assert session.invitations.count() == 0


def test_an_invitee_cannot_sign_up_to_a_round_table(client, people, round_table):
    client.force_login(people["invitee"])
    response = client.post(reverse("events:sign_up", args=[round_table.slug]))
    assert response.status_code == 403
    assert round_table.invitations.get().status == PlaceStatus.INVITED


def test_signing_up_to_a_past_session_is_refused(client, people):
    session = EventFactory(open_session=True, past=True)
    client.force_login(people["member"])

    response = client.post(reverse("events:sign_up", args=[session.slug]), follow=True)

    assert "already taken place" in response.text
    assert session.invitations.count() == 0


def test_sign_up_and_withdraw_take_only_post(client, people):
    session = EventFactory(open_session=True)
    client.force_login(people["member"])
    for name in ("sign_up", "withdraw"):
        assert client.get(reverse(f"events:{name}", args=[session.slug])).status_code == 405


@pytest.mark.usefixtures("immediate_tasks")
def test_giving_up_a_place_passes_it_to_the_next_on_the_waiting_list(
    client, people, round_table, django_capture_on_commit_callbacks
):
    round_table.capacity = 1
    round_table.save()
    round_table.invitations.filter(user=people["invitee"]).update(status=PlaceStatus.ACCEPTED)
    waiting = InvitationFactory(event=round_table, status=PlaceStatus.WAITING)
    client.force_login(people["invitee"])

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("events:withdraw", args=[round_table.slug]), follow=True)

    assert "You have given up your place" in response.text
    assert round_table.invitations.get(user=people["invitee"]).status == PlaceStatus.WITHDRAWN
    waiting.refresh_from_db()
    assert waiting.status == PlaceStatus.ACCEPTED
    assert [m.to for m in mail.outbox] == [[waiting.email]]


def test_withdrawing_without_a_place_is_refused(client, people, round_table):
    client.force_login(people["invitee"])  # invited, not yet answered
    response = client.post(reverse("events:withdraw", args=[round_table.slug]), follow=True)
    assert "There is no place to give up" in response.text
    assert round_table.invitations.get().status == PlaceStatus.INVITED

    session = EventFactory(open_session=True)
    client.force_login(people["member"])
    assert client.post(reverse("events:withdraw", args=[session.slug])).status_code == 403


def test_withdrawing_needs_an_account(client):
    session = EventFactory(open_session=True)
    response = client.post(reverse("events:withdraw", args=[session.slug]))
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:sign-in"))


def test_visible_events_matches_the_rule_for_a_champion_hosting_sessions(user_with_role):
    champion = user_with_role(Role.CHAMPION)
    events = [
        EventFactory(open_session=True, draft=True, host=champion, facilitators=[champion]),
        EventFactory(open_session=True, draft=True, host=champion),
        EventFactory(draft=True, facilitators=[champion]),
        EventFactory(facilitators=[champion]),
        EventFactory(open_session=True),
    ]
    expected = {e.pk for e in events if champion.has_perm("events.view_event", e)}

    assert set(selectors.visible_events(champion).values_list("pk", flat=True)) == expected
    assert events[0].pk in expected  # their own draft session
    assert events[3].pk not in expected  # a round table is not theirs to run
