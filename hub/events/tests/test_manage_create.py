"""Creating, changing, publishing and cancelling events and series."""

from datetime import UTC, date, datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from hub.accounts.roles import Role
from hub.cases.models import Status
from hub.cases.tests.factories import ResourceFactory
from hub.core.forms import london_instant, parse_time
from hub.events import services
from hub.events.models import Event, EventStatus, PlaceStatus, Series
from hub.events.tests.factories import EventFactory, InvitationFactory
from hub.organisations.tests.factories import PersonFactory
from hub.taxonomy.models import Theme

pytestmark = pytest.mark.django_db


@pytest.fixture
def facilitator(client, user_with_role):
    user = user_with_role(Role.FACILITATOR)
    client.force_login(user)
    return user


def form_data(day: date, **changes) -> dict:
    data = {
        "title": "Digital and health integration",
        "kind": "round_table",
        "access": "invitation",
        "region": "North West",
        "summary": "A frank conversation.",
        "agenda": "- Welcome\n- Discussion",
        "date_0": str(day.day),
        "date_1": str(day.month),
        "date_2": str(day.year),
        "start_time": "14:00",
        "end_time": "4pm",
        "venue": "Testshire Town Hall",
        "online_url": "",
        "capacity": "15",
        "speaker_briefing": "",
        "attendee_list_visibility": "facilitators",
        "case_links": "",
    }
    data.update(changes)
    return data


def next_year(month: int, day: int) -> date:
    return date(timezone.localdate().year + 1, month, day)


@pytest.mark.parametrize(
    ("day", "utc_hour"),
    [(next_year(7, 15), 13), (next_year(1, 15), 14)],
    ids=["summer-BST", "winter-GMT"],
)
def test_times_are_london_time_stored_as_utc(client, facilitator, day, utc_hour):
    response = client.post(reverse("events:create"), form_data(day))
    assert response.status_code == 302
    event = Event.objects.get()
    assert event.starts_at == datetime(day.year, day.month, day.day, utc_hour, 0, tzinfo=UTC)
    assert event.ends_at == datetime(day.year, day.month, day.day, utc_hour + 2, 0, tzinfo=UTC)


def test_london_instant_either_side_of_the_clocks_going_forward():
    # The last Sunday of March 2027 is the 28th: 1am GMT becomes 2am BST.
    assert london_instant(date(2027, 3, 27), parse_time("09:00")).hour == 9
    assert london_instant(date(2027, 3, 29), parse_time("09:00")).hour == 8


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("14:00", (14, 0)),
        ("9.30am", (9, 30)),
        ("2pm", (14, 0)),
        ("12 midday", (12, 0)),
        ("12am", (0, 0)),
        ("25:00", None),
        ("14", None),
        ("13pm", None),
        ("soon", None),
    ],
)
def test_times_are_read_as_people_type_them(text, expected):
    parsed = parse_time(text)
    assert (parsed.hour, parsed.minute) == expected if expected else parsed is None


def test_a_new_event_is_a_draft_run_by_its_creator(client, facilitator):
    speaker = PersonFactory()
    theme = Theme.objects.first()
    case = ResourceFactory()
    day = next_year(5, 4)
    response = client.post(
        reverse("events:create"),
        form_data(
            day,
            speaker=str(speaker.pk),
            theme=str(theme.pk),
            allow_deputies="on",
            case_links=f"https://hub.example.org/cases/{case.slug}/\n",
        ),
    )
    event = Event.objects.get()
    assert response["Location"] == reverse("events:invitations", args=[event.slug])
    assert event.status == EventStatus.DRAFT
    assert list(event.facilitators.all()) == [facilitator]
    assert event.speaker == speaker
    assert event.theme == theme
    assert event.allow_deputies
    assert list(event.cases.all()) == [case]
    assert event.slug == f"digital-and-health-integration-{day:%Y-%m-%d}"


def test_slugs_stay_unique_for_the_same_title_and_day(client, facilitator):
    day = next_year(5, 4)
    client.post(reverse("events:create"), form_data(day))
    client.post(reverse("events:create"), form_data(day))
    slugs = sorted(Event.objects.values_list("slug", flat=True))
    assert slugs == [f"digital-and-health-integration-{day:%Y-%m-%d}" + s for s in ("", "-2")]


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"venue": "", "online_url": ""}, "Enter a venue, an online link, or both"),
        ({"end_time": "13:00"}, "End time must be after the start time"),
        ({"start_time": "teatime"}, "Enter the start time as a time, for example 14:00"),
        ({"date_1": "13"}, "Date must be a real date"),
        ({"capacity": "0"}, "at least 1"),
        ({"title": ""}, "Enter a title"),
        ({"case_links": "/cases/not-a-case/"}, "not addresses of published good practice cases"),
    ],
)
def test_mistakes_are_shown_in_the_error_summary(client, facilitator, changes, message):
    response = client.post(reverse("events:create"), form_data(next_year(5, 4), **changes))
    assert response.status_code == 200
    html = response.content.decode()
    assert "govuk-error-summary" in html
    assert message in html
    assert html.count(message) >= 2  # in the summary and by the field
    assert not Event.objects.exists()


def test_an_unpublished_case_cannot_be_linked(client, facilitator):
    draft_case = ResourceFactory(status=Status.DRAFT)
    response = client.post(
        reverse("events:create"), form_data(next_year(5, 4), case_links=draft_case.slug)
    )
    assert response.status_code == 200
    assert not Event.objects.exists()


def test_the_create_page_is_accessible_markup(client, facilitator):
    html = client.get(reverse("events:create")).content.decode()
    assert 'class="govuk-date-input"' in html
    assert "<legend" in html
    assert "When is it? (UK time)" in html
    assert 'for="id_title_1"' in html
    assert 'id="id_title_1"' in html


def test_a_series_is_created_and_offered_for_its_first_event(client, facilitator):
    response = client.post(
        reverse("events:series_create"),
        {"title": "North West round tables", "kind": "round_table", "region": "North West"},
    )
    series = Series.objects.get()
    assert series.slug == "north-west-round-tables"
    assert response["Location"] == f"{reverse('events:create')}?series={series.pk}"
    page = client.get(response["Location"]).content.decode()
    assert f'<option value="{series.pk}" selected>' in page


def test_publishing_schedules_the_event_and_its_reminders(
    client, facilitator, django_capture_on_commit_callbacks
):
    event = EventFactory(draft=True, facilitators=[facilitator])
    with django_capture_on_commit_callbacks() as callbacks:
        response = client.post(reverse("events:publish", args=[event.slug]))
    assert response.status_code == 302
    event.refresh_from_db()
    assert event.status == EventStatus.SCHEDULED
    assert len(callbacks) == 2  # the week-before and day-before reminders


def test_publishing_twice_is_refused(client, facilitator):
    event = EventFactory(facilitators=[facilitator])
    client.post(reverse("events:publish", args=[event.slug]))
    event.refresh_from_db()
    assert event.status == EventStatus.SCHEDULED
    assert event.sequence == 0


def _edit(client, event, **changes):
    start = timezone.localtime(event.starts_at)
    data = form_data(start.date(), title=event.title, venue=event.venue, **changes)
    return client.post(reverse("events:edit", args=[event.slug]), data)


@pytest.fixture
def emails(monkeypatch):
    """The emails the events services queue (reminders need a backend that can wait)."""
    sent = []
    monkeypatch.setattr(services, "email_on_commit", lambda **mail: sent.append(mail))
    return sent


def test_a_new_time_tells_everyone_with_a_place(client, facilitator, emails):
    event = EventFactory(facilitators=[facilitator])
    InvitationFactory(event=event, status=PlaceStatus.ACCEPTED, email="placed@example.org")
    InvitationFactory(event=event, status=PlaceStatus.DECLINED)
    response = _edit(client, event, start_time="10:00", end_time="12:00")
    assert response.status_code == 302
    event.refresh_from_db()
    assert timezone.localtime(event.starts_at).hour == 10
    assert event.sequence == 1
    changed = [mail["to"] for mail in emails if mail["subject"].startswith("Changed:")]
    assert changed == [["placed@example.org"]]


def test_a_new_summary_does_not_bump_the_calendar(client, facilitator, emails):
    event = EventFactory(facilitators=[facilitator], summary="Old")
    InvitationFactory(event=event, status=PlaceStatus.ACCEPTED)
    _edit(client, event, start_time="14:00", end_time="16:00", summary="New")
    event.refresh_from_db()
    assert event.summary == "New"
    assert event.sequence == 0
    assert not [mail for mail in emails if mail["subject"].startswith("Changed:")]


def test_the_edit_form_starts_from_the_event_in_london_time(client, facilitator):
    event = EventFactory(facilitators=[facilitator])
    html = client.get(reverse("events:edit", args=[event.slug])).content.decode()
    assert 'value="14:00"' in html
    assert 'value="16:00"' in html


def test_a_cancelled_event_cannot_be_changed(client, facilitator):
    event = EventFactory(cancelled=True, facilitators=[facilitator])
    response = _edit(client, event, summary="Changed")
    event.refresh_from_db()
    assert response.status_code == 302
    assert event.summary != "Changed"


def test_cancelling_needs_a_reason(client, facilitator):
    event = EventFactory(facilitators=[facilitator])
    response = client.post(reverse("events:cancel", args=[event.slug]), {"reason": ""})
    assert "Enter why the event is cancelled" in response.content.decode()
    event.refresh_from_db()
    assert event.status == EventStatus.SCHEDULED


def test_cancelling_tells_everyone_invited(
    client, facilitator, mailoutbox, django_capture_on_commit_callbacks, immediate_tasks
):
    event = EventFactory(
        facilitators=[facilitator],
        starts_at=timezone.now() + timedelta(days=3),
        ends_at=timezone.now() + timedelta(days=3, hours=2),
    )
    InvitationFactory(event=event, status=PlaceStatus.ACCEPTED, email="a@example.org")
    InvitationFactory(event=event, status=PlaceStatus.DECLINED, email="b@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("events:cancel", args=[event.slug]), {"reason": "The speaker is unwell."}
        )
    assert response.status_code == 302
    event.refresh_from_db()
    assert event.status == EventStatus.CANCELLED
    assert [mail.to for mail in mailoutbox] == [["a@example.org"]]
    assert "The speaker is unwell." in mailoutbox[0].body


def test_an_open_session_is_hosted_by_a_champion_and_only_a_champion(
    client, facilitator, user_with_role
):
    champion = user_with_role(Role.CHAMPION)
    member = user_with_role(Role.MEMBER)
    day = next_year(3, 10)
    refused = client.post(
        reverse("events:create"),
        form_data(day, kind="open_session", access="open", host=str(member.pk)),
    )
    assert refused.status_code == 200
    assert "govuk-error-summary" in refused.text
    assert not Event.objects.exists()

    client.post(
        reverse("events:create"),
        form_data(day, kind="open_session", access="open", host=str(champion.pk)),
    )
    event = Event.objects.get()
    assert event.host == champion
    event.status = EventStatus.SCHEDULED
    event.save()
    page = client.get(event.get_absolute_url())
    assert f"Hosted by {champion.full_name}, a digital champion." in page.text


def test_a_champion_creates_and_runs_an_open_session_they_host(client, user_with_role):
    champion = user_with_role(Role.CHAMPION)
    client.force_login(champion)
    page = client.get(reverse("events:create"))
    assert page.status_code == 200
    # Kind, access and host are not theirs to choose.
    assert 'name="kind"' not in page.text
    assert 'name="host"' not in page.text
    response = client.post(
        reverse("events:create"),
        form_data(next_year(5, 12), kind="round_table", access="invitation"),
    )
    assert response.status_code == 302
    event = Event.objects.get()
    assert (event.kind, event.access, event.host) == ("open_session", "open", champion)
    assert list(event.facilitators.all()) == [champion]
    assert client.get(reverse("events:invitations", args=[event.slug])).status_code == 200
    assert client.get(reverse("events:edit", args=[event.slug])).status_code == 200


def test_a_champion_cannot_run_a_round_table_even_when_named_on_it(client, user_with_role):
    champion = user_with_role(Role.CHAMPION)
    round_table = EventFactory()
    round_table.facilitators.add(champion)
    InvitationFactory(event=round_table, user=champion, email=champion.email)
    client.force_login(champion)
    assert client.get(reverse("events:invitations", args=[round_table.slug])).status_code == 403
    assert client.get(reverse("events:edit", args=[round_table.slug])).status_code == 403


def test_a_member_cannot_create_events(client, user_with_role):
    client.force_login(user_with_role(Role.MEMBER))
    assert client.get(reverse("events:create")).status_code == 403
