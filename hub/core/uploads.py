"""Checking an uploaded text file by its content, not its name: a spreadsheet, document or
program renamed to .csv is refused before any row is read."""

# The first bytes of formats people save by mistake, or that should never be uploaded.
BINARY_SIGNATURES = {
    b"PK\x03\x04": "a ZIP file (such as an Excel workbook)",
    b"\xd0\xcf\x11\xe0": "an old Office file (such as an .xls workbook)",
    b"%PDF": "a PDF",
    b"\x89PNG": "an image",
    b"\xff\xd8\xff": "an image",
    b"GIF8": "an image",
    b"MZ": "a program",
    b"\x7fELF": "a program",
}


class UploadRefused(ValueError):
    """The upload is not a text file the Hub can read; the message says what to do."""


def csv_upload_text(upload, *, max_bytes: int) -> str:
    """The text of an uploaded CSV file (UTF-8, with or without a byte order mark)."""
    if upload.size > max_bytes:
        raise UploadRefused(f"The file must be smaller than {max_bytes // 1024} KB")
    data = upload.read(max_bytes + 1)
    if not data.strip():
        raise UploadRefused("The selected file is empty")
    for signature, what in BINARY_SIGNATURES.items():
        if data.startswith(signature):
            raise UploadRefused(
                f"The file is {what}, not a CSV file: save it as CSV UTF-8 and upload that"
            )
    if b"\x00" in data:
        raise UploadRefused("The file is not a text file: save it as CSV UTF-8 and upload that")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise UploadRefused(
            "The file must be a CSV file saved as UTF-8 (in Excel: CSV UTF-8)"
        ) from error
