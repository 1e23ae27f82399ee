"""What contributors may attach to a record, checked by name and by content.

A file's extension is only a claim: each allowed type is checked against what the file really
holds (a PDF's header, the parts an OpenDocument or Office Open XML zip must contain, text that
is UTF-8 without NUL bytes), so a renamed executable or script is refused.
"""

import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import IO

MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024
MAX_ATTACHMENTS = 10

ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"
ALLOWED_TYPES = {
    ".pdf": ("PDF", "application/pdf"),
    ".odt": ("ODT", ODT_MIMETYPE.decode()),
    ".docx": (
        "DOCX",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ),
    ".xlsx": ("XLSX", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    ".csv": ("CSV", "text/csv"),
}

TYPE_LABELS = {content_type: label for label, content_type in ALLOWED_TYPES.values()}

TYPE_MESSAGE = "The selected file must be a PDF, ODT, DOCX, XLSX or CSV"
SIZE_MESSAGE = "The selected file must be smaller than 10MB"
EMPTY_MESSAGE = "The selected file is empty"
COUNT_MESSAGE = f"You can add up to {MAX_ATTACHMENTS} files. Remove one to add another"


class AttachmentRefused(ValueError):
    """The file cannot be attached; the message says why, in words for the contributor."""


def _zip_names(file: IO[bytes]) -> set[str] | None:
    try:
        with zipfile.ZipFile(file) as archive:
            return set(archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return None


def _is_pdf(file: IO[bytes], head: bytes) -> bool:
    return head.startswith(b"%PDF-")


def _is_odt(file: IO[bytes], head: bytes) -> bool:
    if not head.startswith(b"PK\x03\x04"):
        return False
    try:
        with zipfile.ZipFile(file) as archive, archive.open("mimetype") as entry:
            return entry.read(len(ODT_MIMETYPE) + 2).strip() == ODT_MIMETYPE
    except (KeyError, zipfile.BadZipFile, OSError, ValueError, RuntimeError):
        return False


def _zip_with(part: str) -> Callable[[IO[bytes], bytes], bool]:
    def check(file: IO[bytes], head: bytes) -> bool:
        names = _zip_names(file) if head.startswith(b"PK\x03\x04") else None
        return names is not None and part in names

    return check


def _is_csv(file: IO[bytes], head: bytes) -> bool:
    data = file.read(MAX_ATTACHMENT_BYTES + 1)
    if b"\x00" in data:
        return False
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


CONTENT_CHECKS = {
    ".pdf": _is_pdf,
    ".odt": _is_odt,
    ".docx": _zip_with("word/document.xml"),
    ".xlsx": _zip_with("xl/workbook.xml"),
    ".csv": _is_csv,
}


def attachment_content_type(file) -> str:
    """The content type of an uploaded file if it may be attached; else AttachmentRefused."""
    extension = Path(file.name or "").suffix.lower()
    if extension not in ALLOWED_TYPES:
        raise AttachmentRefused(TYPE_MESSAGE)
    if not file.size:
        raise AttachmentRefused(EMPTY_MESSAGE)
    if file.size > MAX_ATTACHMENT_BYTES:
        raise AttachmentRefused(SIZE_MESSAGE)
    label, content_type = ALLOWED_TYPES[extension]
    file.seek(0)
    head = file.read(8)
    file.seek(0)
    try:
        genuine = CONTENT_CHECKS[extension](file, head)
    finally:
        file.seek(0)
    if not genuine:
        raise AttachmentRefused(f"The selected file is not a real {label} file")
    return content_type
