"""Attendance on the day, the attendee CSV and the facilitator's list of their events."""

import csv
import io

import pytest
from django.urls import reverse

from hub.accounts.roles import Role
from hub.events.models import Attendance, PlaceStatus
from hub.events.tests.factories import EventFactory, InvitationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def runner(client, user_with_role):
    user = user_with_role(Role.FACILITATOR)
    client.force_login(user)
    return user


def test_attendance_lists_every_place_with_present_and_absent(client, runner):
    event = EventFactory(past=True, facilitators=[runner])
    here = InvitationFactory(event=event, full_name="Ada Here", status=PlaceStatus.ACCEPTED)
    away = InvitationFactory(event=event, full_name="Bo Away", status=PlaceStatus.ACCEPTED)
    InvitationFactory(event=event, full_name="Cy Declined", status=PlaceStatus.DECLINED)
    url = reverse("events:attendance", args=[event.slug])
    html = client.get(url).content.decode()
    assert "Ada Here" in html
    assert "Bo Away" in html
    assert "Cy Declined" not in html
    assert html.count('value="present"') == 2
    assert "<legend" in html
    response = client.post(url, {f"place_{here.pk}": "present", f"place_{away.pk}": "absent"})
    assert response.status_code == 302
    here.refresh_from_db()
    away.refresh_from_db()
    assert (here.attendance, away.attendance) == (Attendance.PRESENT, Attendance.ABSENT)


def test_attendance_can_be_taken_on_the_day_before_it_starts(client, runner):
    from hub.events.tests.factories import london_at

    event = EventFactory(
        facilitators=[runner], starts_at=london_at(0, 23, 0), ends_at=london_at(0, 23, 30)
    )
    place = InvitationFactory(event=event, status=PlaceStatus.ACCEPTED)
    client.post(reverse("events:attendance", args=[event.slug]), {f"place_{place.pk}": "present"})
    place.refresh_from_db()
    assert place.attendance == Attendance.PRESENT


def test_attendance_is_not_taken_before_the_day(client, runner):
    event = EventFactory(facilitators=[runner])
    place = InvitationFactory(event=event, status=PlaceStatus.ACCEPTED)
    url = reverse("events:attendance", args=[event.slug])
    assert "You can take attendance from the day of the event" in client.get(url).content.decode()
    response = client.post(url, {f"place_{place.pk}": "present"})
    assert response.status_code == 400
    place.refresh_from_db()
    assert place.attendance == Attendance.UNKNOWN


def test_an_unknown_mark_is_an_error(client, runner):
    event = EventFactory(past=True, facilitators=[runner])
    place = InvitationFactory(event=event, status=PlaceStatus.ACCEPTED)
    response = client.post(
        reverse("events:attendance", args=[event.slug]), {f"place_{place.pk}": "maybe"}
    )
    assert response.status_code == 200
    assert "govuk-error-summary" in response.content.decode()


def test_the_attendee_csv_has_every_invitation_with_reasons_and_attendance(client, runner):
    event = EventFactory(past=True, facilitators=[runner])
    InvitationFactory(
        event=event,
        full_name="Ada",
        email="ada@example.org",
        status=PlaceStatus.ACCEPTED,
        attendance=Attendance.PRESENT,
    )
    InvitationFactory(
        event=event, full_name="=Dee", status=PlaceStatus.DECLINED, decline_reason="Away"
    )
    response = client.get(reverse("events:attendees_csv", args=[event.slug]))
    assert response["Content-Type"].startswith("text/csv")
    assert f'filename="{event.slug}-attendees.csv"' in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows[0] == [
        "Name",
        "Email",
        "Organisation",
        "Status",
        "Responded at (UK time)",
        "Decline reason",
        "Attendance",
    ]
    by_name = {row[0]: row for row in rows[1:]}
    assert by_name["Ada"][1] == "ada@example.org"
    assert by_name["Ada"][6] == "Present"
    assert by_name["'=Dee"][3] == "Declined"
    assert by_name["'=Dee"][5] == "Away"


@pytest.mark.parametrize("role", [None, Role.MEMBER])
def test_the_attendee_csv_is_refused_to_the_public_members_and_invitees(
    client, user_with_role, role
):
    event = EventFactory()
    InvitationFactory(event=event, status=PlaceStatus.ACCEPTED, email="secret@example.org")
    if role:
        member = user_with_role(role)
        InvitationFactory(event=event, user=member, status=PlaceStatus.ACCEPTED)
        client.force_login(member)
    response = client.get(reverse("events:attendees_csv", args=[event.slug]))
    assert response.status_code == (403 if role else 404)
    assert b"secret@example.org" not in response.content


def test_your_events_lists_only_the_facilitators_events_with_counts(client, runner):
    mine = EventFactory(facilitators=[runner], title="Mine")
    EventFactory(title="Someone else's")
    for status in (
        PlaceStatus.ACCEPTED,
        PlaceStatus.ACCEPTED,
        PlaceStatus.WAITING,
        PlaceStatus.DECLINED,
        PlaceStatus.INVITED,
    ):
        InvitationFactory(event=mine, status=status)
    response = client.get(reverse("events:manage_list"))
    html = response.content.decode()
    assert "Mine" in html
    assert "Someone else&#x27;s" not in html
    (event,) = response.context["pagination"].object_list
    counts = (event.invited_count, event.accepted_count, event.waiting_count, event.declined_count)
    assert counts == (5, 2, 1, 1)


def test_your_events_is_paginated(client, runner):
    for _ in range(26):
        EventFactory(facilitators=[runner])
    first = client.get(reverse("events:manage_list"))
    assert len(first.context["pagination"].object_list) == 25
    assert 'rel="next"' in first.content.decode()
    second = client.get(reverse("events:manage_list") + "?page=2")
    assert len(second.context["pagination"].object_list) == 1


def test_a_programme_admin_sees_every_event(client_as):
    EventFactory(title="Run by someone")
    response = client_as(Role.PROGRAMME_ADMIN).get(reverse("events:manage_list"))
    assert response.context["pagination"].total == 1
