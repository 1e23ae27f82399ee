"""Helpers shared by the contribution journey's tests."""

import io
import zipfile

from hub.accounts.roles import Role
from hub.accounts.tests.factories import UserFactory
from hub.cases.models import Status
from hub.cases.tests.factories import MINIMAL_PDF, ResourceFactory
from hub.organisations.tests.factories import PersonFactory

__all__ = ["MINIMAL_PDF", "contributor_with_organisation", "draft_of", "office_file", "odt_file"]


def contributor_with_organisation(role: Role = Role.MEMBER):
    """A member who works for an organisation (so the lead organisation starts as theirs)."""
    user = UserFactory(roles=[role])
    PersonFactory(user=user)
    return user


def draft_of(user, **fields):
    fields = {"status": Status.DRAFT, "summary": "", "lead_organisation": None, **fields}
    return ResourceFactory(contributor=user, contacts=[user], **fields)


def office_file(*parts: str) -> bytes:
    """A zip holding the named parts: a minimal DOCX or XLSX as far as the checks go."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        for part in parts:
            archive.writestr(part, "<document/>")
    return buffer.getvalue()


def odt_file(mimetype: str = "application/vnd.oasis.opendocument.text") -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", mimetype, compress_type=zipfile.ZIP_STORED)
        archive.writestr("content.xml", "<office:document-content/>")
    return buffer.getvalue()
