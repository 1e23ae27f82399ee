"""Forms of the import pages: a file or an address to import, and a review decision."""

import json

from crispy_forms_gds.layout import Field, Layout, Size
from django import forms

from hub.core.forms import GDSFormMixin
from hub.market.importers.digital_marketplace import REQUIRED_COLUMNS

MAX_UPLOAD_BYTES = 20 * 1024 * 1024
KIND_OCDS, KIND_DM = "ocds", "digital_marketplace"


def sniff_upload(content: bytes) -> str | None:
    """Which importer a file is for, from its content: OCDS JSON or the DM CSV."""
    head = content[:4096].decode("utf-8-sig", errors="replace").lstrip()
    if head.startswith("{"):
        try:
            package = json.loads(content.decode("utf-8-sig"))
        except (ValueError, UnicodeDecodeError):
            return None
        if isinstance(package, dict) and (
            isinstance(package.get("releases"), list) or isinstance(package.get("records"), list)
        ):
            return KIND_OCDS
        return None
    first_line = head.splitlines()[0] if head else ""
    if REQUIRED_COLUMNS <= {column.strip() for column in first_line.split(",")}:
        return KIND_DM
    return None


class ImportForm(GDSFormMixin, forms.Form):
    submit_text = "Start the import"

    file = forms.FileField(
        required=False,
        label="Upload a file",
        help_text=(
            "An OCDS release or record package (JSON), or the Digital Marketplace opportunities "
            f"CSV. Up to {MAX_UPLOAD_BYTES // (1024 * 1024)} MB."
        ),
    )
    url = forms.URLField(
        required=False,
        label="Or give the address of an OCDS package",
        help_text="For example a Contracts Finder OCDS search address.",
        assume_scheme="https",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper.layout = Layout(Field("file"), Field("url"))

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if not upload:
            return None
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                f"The selected file must be smaller than {MAX_UPLOAD_BYTES // (1024 * 1024)} MB"
            )
        content = upload.read()
        kind = sniff_upload(content)
        if kind is None:
            raise forms.ValidationError(
                "The selected file must be an OCDS package (JSON with a releases or records "
                "list) or the Digital Marketplace opportunities CSV"
            )
        self.cleaned_data["content"], self.cleaned_data["kind"] = content, kind
        return upload

    def clean(self):
        cleaned = super().clean()
        if not self.errors and not cleaned.get("file") and not cleaned.get("url"):
            raise forms.ValidationError("Upload a file or give an address", code="required")
        if cleaned.get("file") and cleaned.get("url"):
            self.add_error("url", "Upload a file or give an address, not both")
        return cleaned


class ReviewForm(GDSFormMixin, forms.Form):
    submit_text = "Save decision"

    decision = forms.ChoiceField(
        label="Is this the same?",
        choices=[("accept", "Yes, accept the match"), ("reject", "No, reject it")],
        widget=forms.RadioSelect,
        error_messages={"required": "Select whether to accept or reject the match"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper.layout = Layout(Field.radios("decision", legend_size=Size.MEDIUM))
