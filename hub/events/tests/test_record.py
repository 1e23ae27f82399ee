"""The Chatham House record: who reads it at each step, the unattributed form, the names check,
and sharing then publishing."""

import pytest
from django.urls import reverse

from hub.accounts.tests.factories import UserFactory
from hub.events.models import ChathamHouseRecord, PlaceStatus, RecordStatus
from hub.events.record_forms import RecordForm
from hub.events.records import attendee_names_in, publish_record, share_with_attendees
from hub.events.services import EventsError
from hub.events.tests.factories import ChathamHouseRecordFactory, EventFactory, InvitationFactory
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


@pytest.fixture
def event():
    return EventFactory(past=True)


def record_url(event, name="events:record"):
    return reverse(name, args=[event.slug])


# Names in the text ------------------------------------------------------------------------


def test_names_are_found_whole_word_and_whatever_their_case(event):
    InvitationFactory(event=event, full_name="Priya Okonkwo")
    InvitationFactory(event=event, full_name="Tom Hall", status=PlaceStatus.DECLINED)
    event.speaker = PersonFactory(full_name="Aled Rees")
    event.save()
    assert attendee_names_in("PRIYA OKONKWO said data sharing was slow.", event) == [
        "Priya Okonkwo"
    ]
    assert attendee_names_in("As okonkwo put it, start early.", event) == ["Priya Okonkwo"]
    assert attendee_names_in("The speaker (Rees) began in 2019.", event) == ["Aled Rees"]
    assert attendee_names_in("We met in the hall; Hallam council joined.", event) == ["Tom Hall"]
    assert attendee_names_in("Halls and Hallam, Reese and Okonkwos.", event) == []


def test_a_one_letter_surname_is_not_checked_alone(event):
    InvitationFactory(event=event, full_name="Jo X")
    assert attendee_names_in("Option X was chosen.", event) == []
    assert attendee_names_in("Jo X said so.", event) == ["Jo X"]


# Who may read the record ------------------------------------------------------------------


def read(client, viewer, event):
    sign_in_as(client, viewer, event)
    return client.get(record_url(event))


@pytest.mark.parametrize(
    ("viewer", "status"),
    [(PUBLIC, 404), (UNINVITED, 404), (ATTENDEE, 403), (FACILITATOR, 200), (ADMIN, 200)],
)
def test_a_draft_record_is_only_for_those_running_the_event(client, event, viewer, status):
    ChathamHouseRecordFactory(event=event, key_points="Draft point")
    response = read(client, viewer, event)
    assert response.status_code == status


@pytest.mark.parametrize(
    ("viewer", "status"),
    [(PUBLIC, 404), (UNINVITED, 404), (ATTENDEE, 200), (FACILITATOR, 200), (ADMIN, 200)],
)
def test_a_shared_record_is_for_people_who_had_a_place(client, event, viewer, status):
    ChathamHouseRecordFactory(event=event, status=RecordStatus.ATTENDEES, key_points="Shared")
    response = read(client, viewer, event)
    assert response.status_code == status
    if status == 200:
        assert "Shared" in response.content.decode()


@pytest.mark.parametrize(
    ("viewer", "status"),
    [(PUBLIC, 404), (UNINVITED, 200), (ATTENDEE, 200), (FACILITATOR, 200), (ADMIN, 200)],
)
def test_a_published_record_is_for_everyone_signed_in(client, event, viewer, status):
    ChathamHouseRecordFactory(event=event, status=RecordStatus.PUBLISHED)
    assert read(client, viewer, event).status_code == status


def test_an_invitee_without_a_place_cannot_read_the_shared_record(client, event):
    ChathamHouseRecordFactory(event=event, status=RecordStatus.ATTENDEES)
    user = UserFactory()
    InvitationFactory(event=event, user=user, status=PlaceStatus.DECLINED)
    client.force_login(user)
    assert client.get(record_url(event)).status_code == 403


def test_the_record_page_is_unattributed_sanitised_and_lists_nobody(client, event):
    InvitationFactory(event=event, full_name="Priya Okonkwo", status=PlaceStatus.ACCEPTED)
    ChathamHouseRecordFactory(
        event=event,
        status=RecordStatus.ATTENDEES,
        key_points="- Start **early**\n\n<script>alert(1)</script>",
        actions="Write a *template*.",
    )
    sign_in_as(client, ATTENDEE, event)
    page = client.get(record_url(event)).content.decode()
    assert "Chatham House rule" in page
    assert "unattributed" in page
    assert "<strong>early</strong>" in page
    assert "<em>template</em>" in page
    assert "<script>alert(1)" not in page
    assert "Priya Okonkwo" not in page


def test_an_event_without_a_record_has_no_record_page_except_for_its_facilitators(client, event):
    sign_in_as(client, FACILITATOR, event)
    page = client.get(record_url(event))
    assert page.status_code == 200
    assert "Write the record" in page.content.decode()


# Writing the record -----------------------------------------------------------------------


def test_the_form_has_no_field_for_who_said_what():
    assert list(RecordForm().fields) == ["key_points", "actions"]


@pytest.mark.parametrize(
    ("viewer", "status"),
    [(PUBLIC, 404), (UNINVITED, 404), (ATTENDEE, 403), (FACILITATOR, 200), (ADMIN, 200)],
)
def test_only_those_running_the_event_may_write_the_record(client, event, viewer, status):
    sign_in_as(client, viewer, event)
    assert client.get(record_url(event, "events:record_edit")).status_code == status
    response = client.post(record_url(event, "events:record_edit"), {"key_points": "Points"})
    assert ChathamHouseRecord.objects.filter(event=event).exists() is (status == 200)
    assert response.status_code == (302 if status == 200 else status)


def test_saving_without_names_goes_to_the_record(client, event):
    user = sign_in_as(client, FACILITATOR, event)
    response = client.post(
        record_url(event, "events:record_edit"),
        {"key_points": "Start data sharing early.", "actions": "Share a template."},
    )
    assert response["Location"] == record_url(event)
    record = ChathamHouseRecord.objects.get(event=event)
    assert (record.key_points, record.status, record.written_by) == (
        "Start data sharing early.",
        RecordStatus.DRAFT,
        user,
    )


def test_saving_with_a_name_saves_and_warns_without_an_error(client, event):
    InvitationFactory(event=event, full_name="Priya Okonkwo", status=PlaceStatus.ACCEPTED)
    sign_in_as(client, FACILITATOR, event)
    response = client.post(
        record_url(event, "events:record_edit"),
        {"key_points": "Okonkwo said start early.", "actions": ""},
        follow=True,
    )
    page = response.content.decode()
    assert response.redirect_chain[-1][0] == record_url(event, "events:record_edit")
    assert "govuk-warning-text" in page
    assert "Priya Okonkwo" in page
    assert "govuk-error-summary" not in page
    assert ChathamHouseRecord.objects.get(event=event).key_points == "Okonkwo said start early."


def test_key_points_are_required_and_the_error_summary_says_so(client, event):
    sign_in_as(client, FACILITATOR, event)
    response = client.post(record_url(event, "events:record_edit"), {"key_points": " "})
    assert response.status_code == 200
    assert "govuk-error-summary" in response.content.decode()
    assert "Enter the key points of the discussion" in response.content.decode()
    assert not ChathamHouseRecord.objects.filter(event=event).exists()


# Sharing and publishing -------------------------------------------------------------------


def share(client, event, to_status):
    return client.post(record_url(event, "events:record_share"), {"to_status": to_status})


@pytest.mark.parametrize(
    ("viewer", "status"),
    [(PUBLIC, 404), (UNINVITED, 404), (ATTENDEE, 403), (FACILITATOR, 302), (ADMIN, 302)],
)
def test_only_those_running_the_event_may_share_the_record(client, event, viewer, status):
    record = ChathamHouseRecordFactory(event=event)
    sign_in_as(client, viewer, event)
    assert share(client, event, RecordStatus.ATTENDEES).status_code == status
    record.refresh_from_db()
    shared = viewer in (FACILITATOR, ADMIN)
    assert record.status == (RecordStatus.ATTENDEES if shared else RecordStatus.DRAFT)


def test_sharing_emails_the_people_with_a_place_then_publishing_opens_it_to_the_network(
    client, event, immediate_tasks, mailoutbox, django_capture_on_commit_callbacks
):
    came = InvitationFactory(event=event, status=PlaceStatus.ACCEPTED)
    InvitationFactory(event=event, status=PlaceStatus.DECLINED)
    speaker = PersonFactory()
    event.speaker = speaker
    event.save()
    record = ChathamHouseRecordFactory(event=event)
    sign_in_as(client, FACILITATOR, event)

    with django_capture_on_commit_callbacks(execute=True):
        share(client, event, RecordStatus.ATTENDEES)

    record.refresh_from_db()
    assert record.status == RecordStatus.ATTENDEES
    assert record.shared_at is not None
    assert sorted(m.to[0] for m in mailoutbox) == sorted([came.email, speaker.user.email])
    assert record_url(event) in mailoutbox[0].body
    assert "Chatham House rule" in mailoutbox[0].body

    share(client, event, RecordStatus.PUBLISHED)
    record.refresh_from_db()
    assert record.status == RecordStatus.PUBLISHED
    assert record.published_at is not None


def test_a_draft_cannot_jump_to_published(event):
    record = ChathamHouseRecordFactory(event=event)
    with pytest.raises(EventsError, match="Share the record"):
        publish_record(record=record, by=None)


def test_a_record_is_shared_once(event):
    record = ChathamHouseRecordFactory(event=event, status=RecordStatus.ATTENDEES)
    with pytest.raises(EventsError, match="already been shared"):
        share_with_attendees(record=record, by=None)


def test_a_record_cannot_be_shared_before_the_event(client):
    event = EventFactory()
    record = ChathamHouseRecordFactory(event=event)
    sign_in_as(client, FACILITATOR, event)
    response = share(client, event, RecordStatus.ATTENDEES)
    record.refresh_from_db()
    assert response.status_code == 302
    assert record.status == RecordStatus.DRAFT
    assert "once the event has taken place" in client.get(response["Location"]).content.decode()
