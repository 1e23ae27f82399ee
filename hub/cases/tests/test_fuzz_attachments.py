"""Fuzzing the evidence upload's content check: any bytes under any allowed name are either
accepted as that type or refused with AttachmentRefused, never another exception."""

import io
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile
from hypothesis import given, settings
from hypothesis import strategies as st

from hub.cases.attachments import ALLOWED_TYPES, AttachmentRefused, attachment_content_type
from hub.core.tests.fuzzing import FUZZ


def a_zip(parts: dict[str, bytes], method: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=method) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return buffer.getvalue()


GENUINE = {
    ".odt": a_zip({"mimetype": b"application/vnd.oasis.opendocument.text"}, zipfile.ZIP_STORED),
    ".docx": a_zip({"word/document.xml": b"<w/>"}),
    ".xlsx": a_zip({"xl/workbook.xml": b"<x/>"}),
    ".pdf": b"%PDF-1.7\n%%EOF\n",
    ".csv": "name,café\n".encode(),
}


@st.composite
def damaged_file(draw):
    extension = draw(st.sampled_from(sorted(ALLOWED_TYPES)))
    data = draw(st.sampled_from([*GENUINE.values(), b"PK\x03\x04", b"MZ\x90\x00"]))
    damage = draw(st.sampled_from(["none", "truncate", "flip", "append", "random"]))
    if damage == "truncate":
        data = data[: draw(st.integers(0, len(data)))]
    elif damage == "flip" and data:
        at = draw(st.integers(0, len(data) - 1))
        data = data[:at] + bytes([data[at] ^ draw(st.integers(1, 255))]) + data[at + 1 :]
    elif damage == "append":
        data += draw(st.binary(max_size=64))
    elif damage == "random":
        data = draw(st.binary(max_size=200))
    return extension, data


@settings(FUZZ, max_examples=300)  # no database: cheap
@given(file=damaged_file())
def test_any_upload_is_accepted_as_its_type_or_refused_in_words(file):
    extension, data = file
    upload = SimpleUploadedFile(f"evidence{extension}", data)
    try:
        content_type = attachment_content_type(upload)
    except AttachmentRefused as refused:
        message = str(refused)
    else:
        message = ""
    if message:
        assert message.startswith("The selected file")
        return
    assert content_type == ALLOWED_TYPES[extension][1]
    assert data  # an empty file is never accepted


def test_the_genuine_files_are_accepted():
    for extension, data in GENUINE.items():
        upload = SimpleUploadedFile(f"evidence{extension}", data)
        assert attachment_content_type(upload) == ALLOWED_TYPES[extension][1]
