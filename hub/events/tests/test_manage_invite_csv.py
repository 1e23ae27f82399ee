"""Bulk invitations from a CSV list: every row checked first, then a check page, then all
invited at once, or nobody."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from hub.accounts.roles import Role
from hub.accounts.tests.factories import UserFactory
from hub.events import invite_csv, services
from hub.events.models import Invitation
from hub.events.tests.factories import EventFactory, InvitationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def event(client, user_with_role):
    runner = user_with_role(Role.FACILITATOR)
    client.force_login(runner)
    return EventFactory(facilitators=[runner])


@pytest.fixture
def emails(monkeypatch):
    sent = []
    monkeypatch.setattr(services, "email_on_commit", lambda **mail: sent.append(mail))
    return sent


def upload(client, event, text: str, *, encoding="utf-8", name="list.csv"):
    file = SimpleUploadedFile(name, text.encode(encoding), content_type="text/csv")
    return client.post(reverse("events:invite_csv", args=[event.slug]), {"file": file})


def confirm(client, event):
    return client.post(reverse("events:invite_csv", args=[event.slug]), {"confirm": "1"})


GOOD = (
    "name,email,organisation\r\n"
    "Sam Jones,sam@example.org,Testshire Council\r\n"
    "Priya Shah,PRIYA@example.org,\r\n"
)


def test_a_good_list_is_checked_then_invited(client, event, emails):
    response = upload(client, event, GOOD)
    html = response.content.decode()
    assert "Check who you are inviting" in html
    assert "Sam Jones" in html
    assert "priya@example.org" in html
    assert not Invitation.objects.exists()
    response = confirm(client, event)
    assert response.status_code == 302
    assert sorted(Invitation.objects.values_list("email", flat=True)) == [
        "priya@example.org",
        "sam@example.org",
    ]
    assert len(emails) == 2


def test_a_byte_order_mark_and_heading_case_do_not_matter(client, event, emails):
    response = upload(client, event, "\ufeffName,Email,Organisation\nSam,sam@example.org,X\n")
    assert response.context["invitees"][0].full_name == "Sam"


def test_an_account_holder_in_the_list_is_linked_to_their_account(client, event, emails):
    user = UserFactory(email="Sam@Example.org")
    upload(client, event, "name,email,organisation\nSam,sam@example.org,\n")
    confirm(client, event)
    assert Invitation.objects.get().user == user


def test_any_bad_row_invites_nobody_and_names_the_row_and_field(client, event, emails):
    InvitationFactory(event=event, email="already@example.org")
    text = (
        "name,email,organisation\n"
        "Sam Jones,sam@example.org,\n"
        "Bad Email,not-an-email,\n"
        ",noname@example.org,\n"
        "Sam Again,SAM@example.org,\n"
        "Already,already@example.org,\n"
    )
    response = upload(client, event, text)
    html = response.content.decode()
    assert "govuk-error-summary" in html
    for problem in (
        "Row 3: enter an email address in the correct format",
        "Row 4: enter a name",
        "Row 5: sam@example.org is also in row 2",
        "Row 6: already@example.org is already invited to this event",
    ):
        assert problem in html
    assert 'href="#id_file"' in html
    assert Invitation.objects.count() == 1
    assert confirm(client, event).status_code == 302  # nothing kept to confirm
    assert Invitation.objects.count() == 1
    assert emails == []


@pytest.mark.parametrize(
    ("text", "encoding", "message"),
    [
        ("email,organisation\nsam@example.org,X\n", "utf-8", "missing: name"),
        ("name,email,organisation\n", "utf-8", "only the heading row"),
        ("name,email,organisation\nJosé,jose@example.org,\n", "latin-1", "saved as UTF-8"),
    ],
)
def test_unreadable_files_are_explained(client, event, text, encoding, message):
    html = upload(client, event, text, encoding=encoding).content.decode()
    assert message in html
    assert "govuk-error-summary" in html
    assert not Invitation.objects.exists()


def test_too_many_rows_are_refused(client, event, monkeypatch):
    monkeypatch.setattr(invite_csv, "MAX_ROWS", 2)
    rows = "".join(f"P{n},p{n}@example.org,\n" for n in range(3))
    html = upload(client, event, "name,email,organisation\n" + rows).content.decode()
    assert "The file can have up to 2 people in it" in html


def test_too_large_a_file_is_refused(client, event, monkeypatch):
    monkeypatch.setattr(invite_csv, "MAX_BYTES", 10)
    html = upload(client, event, GOOD).content.decode()
    assert "The file must be smaller than" in html
    assert not Invitation.objects.exists()


def test_someone_invited_between_checking_and_confirming_stops_the_whole_list(
    client, event, emails
):
    upload(client, event, GOOD)
    InvitationFactory(event=event, email="priya@example.org")
    response = confirm(client, event)
    assert response.status_code == 200
    assert "priya@example.org is already invited" in response.content.decode()
    assert list(Invitation.objects.values_list("email", flat=True)) == ["priya@example.org"]


def test_the_upload_is_refused_for_a_draft(client, user_with_role):
    runner = user_with_role(Role.FACILITATOR)
    client.force_login(runner)
    event = EventFactory(draft=True, facilitators=[runner])
    response = upload(client, event, GOOD)
    assert "Publish the event before you invite anyone" in response.content.decode()
    assert not Invitation.objects.exists()
