"""Files attached to a record: checked by type, content and size; served only to those who may
see the record."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from hub.accounts.roles import Role
from hub.cases.attachments import MAX_ATTACHMENT_BYTES, AttachmentRefused
from hub.cases.models import Attachment, Status
from hub.cases.services import attachment_add, attachment_remove
from hub.cases.tests.contributing import (
    MINIMAL_PDF,
    contributor_with_organisation,
    draft_of,
    odt_file,
    office_file,
)
from hub.cases.tests.factories import AttachmentFactory, ResourceFactory

pytestmark = pytest.mark.django_db

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
ODT = "application/vnd.oasis.opendocument.text"
TYPE_MESSAGE = "The selected file must be a PDF, ODT, DOCX, XLSX or CSV"


@pytest.fixture
def contributor():
    return contributor_with_organisation()


@pytest.fixture
def draft(contributor):
    return draft_of(contributor, title="Reporting missed bins online")


def upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content)


# The service


@pytest.mark.parametrize(
    ("name", "content", "content_type"),
    [
        ("Business case.pdf", MINIMAL_PDF, "application/pdf"),
        ("plan.DOCX", office_file("word/document.xml"), DOCX),
        ("costs.xlsx", office_file("xl/workbook.xml", "xl/worksheets/sheet1.xml"), XLSX),
        ("notes.odt", odt_file(), ODT),
        ("figures.csv", "month,calls\nApril,1200\nMai,£900\n".encode(), "text/csv"),
    ],
)
def test_allowed_files_are_attached_with_their_type_and_size(draft, name, content, content_type):
    attachment = attachment_add(resource=draft, title=" The file ", file=upload(name, content))

    attachment.refresh_from_db()
    assert attachment.title == "The file"
    assert attachment.content_type == content_type
    assert attachment.size == len(content)
    assert attachment.file.name.startswith("cases/attachments/")
    with attachment.file.open("rb") as stored:
        assert stored.read() == content


def not_real(label: str) -> str:
    return f"The selected file is not a real {label} file"


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("report.pdf", b"Just some text pretending to be a PDF", not_real("PDF")),
        ("report.pdf", b"PK\x03\x04 a zip, not a PDF", not_real("PDF")),
        ("plan.docx", office_file("xl/workbook.xml"), not_real("DOCX")),
        ("plan.docx", b"PK\x03\x04 broken zip", not_real("DOCX")),
        ("plan.docx", MINIMAL_PDF, not_real("DOCX")),
        ("costs.xlsx", office_file("word/document.xml"), not_real("XLSX")),
        ("notes.odt", odt_file("application/vnd.oasis.opendocument.spreadsheet"), not_real("ODT")),
        ("notes.odt", office_file("content.xml"), not_real("ODT")),
        ("figures.csv", b"month,calls\x00\nApril,1200\n", not_real("CSV")),
        ("figures.csv", "month,calls\nMai,£900\n".encode("latin-1"), not_real("CSV")),
        ("setup.exe", b"MZ\x90\x00\x03", TYPE_MESSAGE),
        ("report.pdf.exe", MINIMAL_PDF, TYPE_MESSAGE),
        ("page.html", b"<script>alert(1)</script>", TYPE_MESSAGE),
        ("no-extension", MINIMAL_PDF, TYPE_MESSAGE),
        ("empty.pdf", b"", "The selected file is empty"),
    ],
)
def test_files_are_refused_by_extension_and_by_content(draft, name, content, message):
    with pytest.raises(AttachmentRefused, match=message):
        attachment_add(resource=draft, title="A file", file=upload(name, content))
    assert not Attachment.objects.exists()


def test_files_must_be_smaller_than_10mb(draft):
    just_too_big = MINIMAL_PDF + b"0" * (MAX_ATTACHMENT_BYTES - len(MINIMAL_PDF) + 1)
    with pytest.raises(AttachmentRefused, match="The selected file must be smaller than 10MB"):
        attachment_add(resource=draft, title="Big", file=upload("big.pdf", just_too_big))

    just_fits = just_too_big[:-1]
    assert attachment_add(resource=draft, title="Fits", file=upload("ok.pdf", just_fits)).size == (
        MAX_ATTACHMENT_BYTES
    )


def test_a_record_has_at_most_ten_files(draft):
    AttachmentFactory.create_batch(10, resource=draft)
    with pytest.raises(AttachmentRefused, match="You can add up to 10 files"):
        attachment_add(resource=draft, title="Eleventh", file=upload("x.pdf", MINIMAL_PDF))


def test_removing_a_file_deletes_it_once_committed(draft, django_capture_on_commit_callbacks):
    attachment = attachment_add(resource=draft, title="Gone", file=upload("x.pdf", MINIMAL_PDF))
    storage, name = attachment.file.storage, attachment.file.name

    with django_capture_on_commit_callbacks(execute=True):
        attachment_remove(attachment=attachment)

    assert not Attachment.objects.exists()
    assert not storage.exists(name)


# The page


def files_url(resource) -> str:
    return reverse("cases:contribute-step", args=[resource.slug, "attachments"])


def test_uploading_on_the_files_page(client, contributor, draft):
    client.force_login(contributor)

    response = client.post(
        files_url(draft),
        {"title": "Business case", "file": upload("Business case.pdf", MINIMAL_PDF)},
    )

    assert response.status_code == 302
    page = client.get(files_url(draft)).content.decode()
    attachment = draft.attachments.get()
    assert reverse("cases:attachment", args=[draft.slug, attachment.pk]) in page
    assert "PDF file, 77\xa0bytes" in page
    assert 'enctype="multipart/form-data"' in page


@pytest.mark.parametrize(
    ("data", "errors"),
    [
        ({"title": "", "file": None}, ["Enter a title for the file", "Select a file"]),
        ({"title": "Fake", "file": ("report.pdf", b"not a pdf")}, [not_real("PDF")]),
        ({"title": "Program", "file": ("setup.exe", b"MZ")}, [TYPE_MESSAGE]),
        (
            {"title": "Huge", "file": ("huge.pdf", MINIMAL_PDF + b"0" * MAX_ATTACHMENT_BYTES)},
            ["The selected file must be smaller than 10MB"],
        ),
    ],
)
def test_the_files_page_shows_what_is_wrong(client, contributor, draft, data, errors):
    client.force_login(contributor)
    posted = {"title": data["title"]}
    if data["file"]:
        posted["file"] = upload(*data["file"])

    response = client.post(files_url(draft), posted)

    assert response.status_code == 200
    html = response.content.decode()
    assert "govuk-error-summary" in html
    for error in errors:
        assert error in html
    assert "govuk-file-upload--error" in html or "Select a file" not in errors
    assert not Attachment.objects.exists()


def test_the_files_page_stops_offering_uploads_at_ten(client, contributor, draft):
    AttachmentFactory.create_batch(10, resource=draft)
    client.force_login(contributor)

    page = client.get(files_url(draft)).content.decode()
    assert "the most a record can have" in page
    assert 'type="file"' not in page

    response = client.post(files_url(draft), {"title": "x", "file": upload("x.pdf", MINIMAL_PDF)})
    assert "You can add up to 10 files" in response.content.decode()


def test_removing_a_file_on_the_page(client, contributor, draft):
    attachment = AttachmentFactory(resource=draft)
    client.force_login(contributor)
    url = reverse("cases:contribute-attachment-remove", args=[draft.slug, attachment.pk])

    client.force_login(contributor_with_organisation())
    assert client.post(url).status_code == 404  # someone else's draft is not found
    client.force_login(contributor)
    assert client.post(url)["Location"] == files_url(draft)
    assert not Attachment.objects.exists()


# Downloading


def download_url(attachment) -> str:
    return reverse("cases:attachment", args=[attachment.resource.slug, attachment.pk])


def test_anyone_may_download_a_published_records_file(client):
    attachment = AttachmentFactory(resource=ResourceFactory(status=Status.PUBLISHED))

    response = client.get(download_url(attachment))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment; filename=")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == attachment.file.open("rb").read()


@pytest.mark.parametrize(
    ("who", "status_code"),
    [("visitor", 404), ("member", 404), ("contributor", 200), ("editor", 200)],
)
def test_an_unpublished_records_files_are_never_public(client, user_with_role, who, status_code):
    contributor = contributor_with_organisation()
    attachment = AttachmentFactory(resource=draft_of(contributor))
    people = {
        "member": user_with_role(Role.MEMBER),
        "contributor": contributor,
        "editor": user_with_role(Role.EDITOR),
    }
    if who in people:
        client.force_login(people[who])

    response = client.get(download_url(attachment))

    assert response.status_code == status_code
    if status_code == 200:
        assert response["X-Content-Type-Options"] == "nosniff"
        assert "no-store" in response["Cache-Control"]


def test_a_file_is_found_only_under_its_own_record(client):
    attachment = AttachmentFactory(resource=ResourceFactory(status=Status.PUBLISHED))
    other = ResourceFactory(status=Status.PUBLISHED)

    assert (
        client.get(reverse("cases:attachment", args=[other.slug, attachment.pk])).status_code == 404
    )
