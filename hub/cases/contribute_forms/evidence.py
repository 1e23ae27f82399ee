"""Benefits with their measures, and attached documents."""

from crispy_forms_gds.layout import Field, Layout, Size
from django import forms
from django.core.exceptions import ValidationError

from hub.cases.attachments import (
    COUNT_MESSAGE,
    MAX_ATTACHMENTS,
    AttachmentRefused,
    attachment_content_type,
)
from hub.cases.contribute_forms.base import (
    AUTO_ID,
)
from hub.cases.models import (
    Benefit,
    BenefitKind,
    BenefitPeriod,
    BenefitUnit,
    Resource,
)
from hub.core.forms import GDSFormMixin

UNIT_LABELS = {
    BenefitUnit.POUNDS: "Pounds (£)",
    BenefitUnit.HOURS: "Hours",
    BenefitUnit.PERCENT: "Per cent (%)",
    BenefitUnit.TRANSACTIONS: "Transactions",
    BenefitUnit.PEOPLE: "People",
    BenefitUnit.OTHER: "Other",
}


PERIOD_LABELS = {
    BenefitPeriod.ONE_OFF: "One-off",
    BenefitPeriod.PER_YEAR: "Each year",
    BenefitPeriod.PER_MONTH: "Each month",
}


class BenefitForm(GDSFormMixin, forms.Form):
    """One benefit to add; every benefit a contributor adds is recorded as claimed."""

    submit_text = "Add benefit"

    kind = forms.ChoiceField(
        label="What kind of benefit?",
        choices=BenefitKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the kind of benefit"},
    )
    description = forms.CharField(
        label="Describe the benefit",
        max_length=Benefit._meta.get_field("description").max_length,
        help_text="Like ‘Fewer calls to the contact centre about missed bins’.",
        error_messages={
            "required": "Describe the benefit",
            "max_length": "The description must be 300 characters or fewer",
        },
    )
    amount = forms.DecimalField(
        label="Amount (optional)",
        required=False,
        min_value=0,
        max_digits=14,
        decimal_places=2,
        help_text="A number, like 12000 or 12.5.",
        widget=forms.TextInput(attrs={"inputmode": "decimal", "spellcheck": "false"}),
        error_messages={
            "invalid": "Enter the amount as a number, like 12000",
            "min_value": "The amount must be 0 or more",
            "max_digits": "The amount must be 12 digits or fewer before the decimal point",
            "max_whole_digits": "The amount must be 12 digits or fewer before the decimal point",
            "max_decimal_places": "The amount can have up to 2 decimal places",
        },
    )
    unit = forms.ChoiceField(
        label="Unit",
        choices=list(UNIT_LABELS.items()),
        initial=BenefitUnit.POUNDS,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the unit of the amount"},
    )
    period = forms.ChoiceField(
        label="How often?",
        choices=list(PERIOD_LABELS.items()),
        initial=BenefitPeriod.PER_YEAR,
        widget=forms.RadioSelect,
        error_messages={"required": "Select how often the benefit comes"},
    )
    baseline = forms.CharField(
        label="What was it before? (optional)",
        required=False,
        max_length=Benefit._meta.get_field("baseline").max_length,
        help_text="The baseline you measured against, like ‘3,000 calls a month in 2023’.",
        error_messages={"max_length": "The baseline must be 300 characters or fewer"},
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", AUTO_ID)
        super().__init__(*args, **kwargs)
        self.helper.layout = Layout(
            Field.radios("kind", legend_size=Size.SMALL, small=True),
            Field.text("description"),
            Field.text("amount", field_width=10),
            Field.radios("unit", legend_size=Size.SMALL, small=True, inline=True),
            Field.radios("period", legend_size=Size.SMALL, small=True, inline=True),
            Field.text("baseline"),
        )
        self.helper.inputs[0].field_classes = "govuk-button govuk-button--secondary"


class AttachmentForm(GDSFormMixin, forms.Form):
    submit_text = "Upload file"

    title = forms.CharField(
        label="Title of the file",
        max_length=200,
        help_text="Say what it is, like ‘Business case, March 2024’.",
        error_messages={
            "required": "Enter a title for the file",
            "max_length": "Title must be 200 characters or fewer",
        },
    )
    file = forms.FileField(
        label="Upload a file",
        help_text="A PDF, ODT, DOCX, XLSX or CSV file, smaller than 10MB.",
        error_messages={
            "required": "Select a file",
            "empty": "The selected file is empty",
            "invalid": "The selected file could not be uploaded – try again",
        },
    )

    def __init__(self, *args, resource: Resource, **kwargs):
        self.resource = resource
        kwargs.setdefault("auto_id", AUTO_ID)
        super().__init__(*args, **kwargs)
        self.helper.inputs[0].field_classes = "govuk-button govuk-button--secondary"

    def clean_file(self):
        file = self.cleaned_data["file"]
        try:
            attachment_content_type(file)
        except AttachmentRefused as refused:
            raise ValidationError(str(refused)) from refused
        return file

    def clean(self):
        data = super().clean()
        if self.resource.attachments.count() >= MAX_ATTACHMENTS:
            self.add_error("file", COUNT_MESSAGE)
        return data
