"""Uploads are checked by what they contain, not by their name."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from hub.accounts.roles import Role
from hub.core.uploads import UploadRefused, csv_upload_text


def upload(content: bytes, name: str = "people.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="text/csv")


def test_a_utf8_csv_is_read_without_its_byte_order_mark():
    assert csv_upload_text(upload("\ufeffname\nJosé\n".encode()), max_bytes=1024) == "name\nJosé\n"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"PK\x03\x04\x14\x00\x06\x00", "a ZIP file (such as an Excel workbook)"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Office file"),
        (b"%PDF-1.7\n", "a PDF"),
        (b"\x89PNG\r\n\x1a\n", "an image"),
        (b"MZ\x90\x00", "a program"),
        (b"name,email\nA\x00B,a@example.org\n", "not a text file"),
        (b"name\nJos\xe9\n", "saved as UTF-8"),
        (b"  \n ", "The selected file is empty"),
        (b"x" * 2048, "smaller than 1 KB"),
    ],
)
def test_files_that_are_not_utf8_csv_are_refused_by_their_content(content, message):
    with pytest.raises(UploadRefused, match=re.escape(message)):
        csv_upload_text(upload(content), max_bytes=1024)


def test_a_workbook_renamed_to_csv_is_refused_by_the_invite_upload(client, user_with_role):
    from hub.events.tests.factories import EventFactory

    runner = user_with_role(Role.FACILITATOR)
    client.force_login(runner)
    event = EventFactory(facilitators=[runner])
    response = client.post(
        reverse("events:invite_csv", args=[event.slug]),
        {"file": upload(b"PK\x03\x04" + b"\x00" * 64, name="invitees.csv")},
    )
    assert response.status_code == 200
    assert "not a CSV file" in response.content.decode()
    assert event.invitations.count() == 0


def test_a_pdf_renamed_to_csv_is_refused_by_the_matching_upload(client_as):
    client = client_as(Role.FACILITATOR)
    response = client.post(
        reverse("champions:batch"),
        {"file": upload(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", name="cohort.csv"), "pasted": ""},
    )
    assert response.status_code == 200
    assert "The file is a PDF, not a CSV file" in response.content.decode()
