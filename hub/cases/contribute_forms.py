"""Forms of the contribution journey: each step asks one thing, or a few close things.

Step forms start from the record's answers and have two buttons: "Save and continue" and
"Save and come back later". Saving for later lets required answers stay blank (they are
enforced again on the check answers page), but never blanks an answer already saved.
"""

from crispy_forms_gds.choices import Choice
from crispy_forms_gds.layout import Button, Div, Field, Layout, Size
from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import EMPTY_VALUES

from hub.cases.attachments import (
    COUNT_MESSAGE,
    MAX_ATTACHMENTS,
    AttachmentRefused,
    attachment_content_type,
)
from hub.cases.models import (
    CONTRIBUTOR_LICENCES,
    SUMMARY_WORD_LIMIT,
    Benefit,
    BenefitKind,
    BenefitPeriod,
    BenefitUnit,
    Licence,
    Resource,
    ResourceKind,
    Sector,
    Stage,
    Supplier,
    Technology,
)
from hub.core.forms import GDSFormMixin, GovukDateField
from hub.organisations.models import Organisation, Place
from hub.taxonomy.models import EvidenceLevel, ServiceArea, ThemeKind
from hub.taxonomy.selectors import themes_of_kind

SECTION_HINT = "Write in plain English. Leave a blank line between paragraphs."


# crispy-forms-gds numbers radios and checkboxes id_<name>_1, id_<name>_2... but its error
# summary links to #<auto_id>. With this auto_id the link reaches the first radio or checkbox,
# and every other field's id (and its label's `for`) carries the same suffix. (So a field whose
# choices have hints has no hint of its own: the first choice's hint would share its id.)
AUTO_ID = "id_%s_1"


def words(text: str) -> int:
    """Words as the GOV.UK character count component counts them: runs of non-spaces."""
    return len(text.split())


def _textarea(label: str, *, help_text: str = SECTION_HINT, required: bool = False, **kwargs):
    return forms.CharField(
        label=label,
        help_text=help_text,
        required=required,
        widget=forms.Textarea,
        strip=True,
        **kwargs,
    )


class StepForm(GDSFormMixin, forms.Form):
    """One step of the journey, bound to the record it changes (see the module's docstring)."""

    submit_text = "Save and continue"
    later_text = "Save and come back later"

    def __init__(self, data=None, files=None, *, resource=None, user=None, partial=False, **kw):
        self.resource = resource
        self.user = user
        if resource is not None and "initial" not in kw:
            kw["initial"] = self.initial_for(resource)
        kw.setdefault("auto_id", AUTO_ID)
        super().__init__(data, files, **kw)
        self.adjust_fields()
        self.required_answers = {name for name, field in self.fields.items() if field.required}
        if partial:
            for field in self.fields.values():
                field.required = False
        self.helper.inputs = []
        self.helper.layout = Layout(*self.layout_items(), self.buttons())

    def initial_for(self, resource: Resource) -> dict:
        return {name: getattr(resource, name) for name in self.base_fields}

    def adjust_fields(self) -> None:
        """Change fields for this record (say, required only for case studies)."""

    def layout_items(self) -> list:
        return [Field(name) for name in self.fields]

    def buttons(self) -> Div:
        return Div(
            Button("continue", self.submit_text),
            Button.secondary("later", self.later_text),
            css_class="govuk-button-group",
        )

    def answers(self) -> dict:
        """What to save: the cleaned answers, leaving out required ones left blank."""
        return {
            name: value
            for name, value in self.cleaned_data.items()
            if not (name in self.required_answers and value in EMPTY_VALUES)
        }

    @property
    def is_case_study(self) -> bool:
        return self.resource is None or self.resource.kind == ResourceKind.CASE_STUDY

    def require_for_case_studies(self, name: str, message: str) -> None:
        field = self.fields[name]
        field.required = self.is_case_study
        field.error_messages["required"] = message
        if not field.required:
            field.label = f"{field.label} (optional)"


KIND_HINTS = {
    ResourceKind.CASE_STUDY: "The story of a piece of work: the problem, what was done, "
    "what it cost and what changed.",
    ResourceKind.REPORT: "Findings from research, an evaluation or a review.",
    ResourceKind.TOOLKIT: "Templates, tools or code that others can reuse.",
    ResourceKind.GUIDANCE: "Advice on how to do something well.",
}


class TitleForm(StepForm):
    kind = forms.ChoiceField(
        label="What are you sharing?",
        choices=[Choice(kind.value, kind.label, hint=KIND_HINTS[kind]) for kind in ResourceKind],
        widget=forms.RadioSelect,
        error_messages={"required": "Select what you are sharing"},
    )
    title = forms.CharField(
        label="Title",
        max_length=200,
        help_text="Say what was done, like ‘Online school admissions that halved phone calls’.",
        error_messages={
            "required": "Enter a title",
            "max_length": "Title must be 200 characters or fewer",
        },
    )

    def layout_items(self) -> list:
        return [
            Field.radios("kind", legend_size=Size.MEDIUM),
            Field.text("title", label_size=Size.MEDIUM),
        ]


class SummaryForm(StepForm):
    summary = _textarea(
        "Summarise the work",
        required=True,
        help_text=f"In plain English, what was done, for whom and what changed. "
        f"Use {SUMMARY_WORD_LIMIT} words or fewer.",
        error_messages={"required": "Enter a summary"},
    )

    def layout_items(self) -> list:
        return [Field.textarea("summary", rows=6, max_words=SUMMARY_WORD_LIMIT)]

    def clean_summary(self) -> str:
        summary = self.cleaned_data["summary"]
        if words(summary) > SUMMARY_WORD_LIMIT:
            raise ValidationError(f"Summary must be {SUMMARY_WORD_LIMIT} words or fewer")
        return summary


class ProblemForm(StepForm):
    problem = _textarea("What was the problem?")

    def adjust_fields(self) -> None:
        self.require_for_case_studies("problem", "Describe the problem")

    def layout_items(self) -> list:
        return [Field.textarea("problem", rows=8)]


class ApproachForm(StepForm):
    approach = _textarea(
        "Describe what was done",
        help_text="Who was involved, how you worked with the people who use the service, and "
        "what you built or changed. " + SECTION_HINT,
    )

    def adjust_fields(self) -> None:
        self.require_for_case_studies("approach", "Describe what was done")

    def layout_items(self) -> list:
        return [Field.textarea("approach", rows=10)]


class NamesField(forms.CharField):
    """A comma-separated list of names, trimmed, each once whatever its case."""

    def __init__(self, *, noun: str, max_name_length: int, **kwargs):
        self.noun = noun
        self.max_name_length = max_name_length
        super().__init__(required=False, **kwargs)

    def to_python(self, value) -> list[str]:
        text = super().to_python(value)
        names: dict[str, str] = {}
        for part in text.split(","):
            name = " ".join(part.split())
            if name:
                names.setdefault(name.casefold(), name)
        return list(names.values())

    def validate(self, value) -> None:
        for name in value:
            if len(name) > self.max_name_length:
                raise ValidationError(
                    f"Each {self.noun} must be {self.max_name_length} characters or fewer"
                )

    def prepare_value(self, value):
        if isinstance(value, list | tuple):
            return ", ".join(value)
        return value


class TechnologyForm(StepForm):
    technologies = NamesField(
        label="Technologies (optional)",
        noun="technology",
        max_name_length=Technology._meta.get_field("name").max_length,
        help_text="Products, platforms or languages. Separate them with commas, like "
        "‘Power BI, Microsoft Dynamics 365’.",
    )
    suppliers = NamesField(
        label="Suppliers (optional)",
        noun="supplier",
        max_name_length=Supplier._meta.get_field("name").max_length,
        help_text="Companies or partners you worked with. Separate them with commas.",
    )
    technology_notes = _textarea("Tell us about the technology and suppliers (optional)")

    def initial_for(self, resource: Resource) -> dict:
        return {
            "technologies": [technology.name for technology in resource.technologies.all()],
            "suppliers": [supplier.name for supplier in resource.suppliers.all()],
            "technology_notes": resource.technology_notes,
        }

    def layout_items(self) -> list:
        return [
            Field.text("technologies"),
            Field.text("suppliers"),
            Field.textarea("technology_notes", rows=6),
        ]


class PoundsField(forms.IntegerField):
    """A whole number of pounds; a pound sign, commas and spaces are allowed."""

    def to_python(self, value):
        if isinstance(value, str):
            value = value.strip().removeprefix("£").replace(",", "").replace(" ", "")
        return super().to_python(value)


class CostForm(StepForm):
    investment_pounds = PoundsField(
        label="How much was invested, in pounds? (optional)",
        required=False,
        min_value=0,
        max_value=10**12,
        help_text="A whole number, like 25000. Include staff time if you know its cost.",
        widget=forms.TextInput(attrs={"inputmode": "numeric", "spellcheck": "false"}),
        error_messages={
            "invalid": "Enter the amount in pounds as a whole number, like 25000",
            "min_value": "The amount must be 0 or more",
            "max_value": "The amount must be less than £1,000,000,000,000",
        },
    )
    cost_notes = _textarea(
        "Tell us about the cost (optional)",
        help_text="What the money paid for, and running costs each year. " + SECTION_HINT,
    )

    def layout_items(self) -> list:
        return [
            Field.text("investment_pounds", field_width=10),
            Field.textarea("cost_notes", rows=6),
        ]


class BenefitsNotesForm(StepForm):
    benefits_notes = _textarea("Anything else about the benefits (optional)")

    def layout_items(self) -> list:
        return [Field.textarea("benefits_notes", rows=5, label_size=Size.MEDIUM)]


class LessonsForm(StepForm):
    lessons = _textarea(
        "What did you learn? (optional)",
        help_text="What would help someone doing the same work. " + SECTION_HINT,
    )
    do_differently = _textarea("What would you do differently? (optional)")

    def layout_items(self) -> list:
        return [
            Field.textarea("lessons", rows=8, label_size=Size.MEDIUM),
            Field.textarea("do_differently", rows=6, label_size=Size.MEDIUM),
        ]


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


class PickerForm(StepForm):
    """Checkboxes for what is chosen already and what matches the search on the page.

    Only the matches are listed, never the whole vocabulary; what is chosen stays ticked
    whatever the search, so unticking it is the way to remove it.
    """

    field_name = ""
    queryset = None

    def __init__(self, data=None, files=None, *, matches=(), **kwargs):
        self.matches = list(matches)
        super().__init__(data, files, **kwargs)
        # The page's own <form> holds the search box as well as these checkboxes.
        self.helper.form_tag = False
        self.helper.disable_csrf = True

    def initial_for(self, resource: Resource) -> dict:
        return {self.field_name: list(getattr(resource, self.field_name).all())}

    def label_for(self, record) -> str:
        return str(record)

    def adjust_fields(self) -> None:
        field = self.fields[self.field_name]
        values = self[self.field_name].value() or []
        ids = [int(value) for value in map(str, values) if value.isdigit()]
        chosen = list(field.queryset.filter(pk__in=ids))
        chosen_ids = {record.pk for record in chosen}
        shown = chosen + [record for record in self.matches if record.pk not in chosen_ids]
        field.choices = [(record.pk, self.label_for(record)) for record in shown]
        self.has_choices = bool(shown)

    def layout_items(self) -> list:
        if not self.fields[self.field_name].choices:
            return []
        return [Field.checkboxes(self.field_name, legend_size=Size.MEDIUM, small=True)]


class PartnersForm(PickerForm):
    field_name = "partner_organisations"

    partner_organisations = forms.ModelMultipleChoiceField(
        label="Partner organisations",
        queryset=Organisation.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Tick each organisation that worked with you. Untick one to remove it.",
        error_messages={"invalid_choice": "Select an organisation from the list"},
    )


class ServiceAreasForm(PickerForm):
    field_name = "service_areas"

    service_areas = forms.ModelMultipleChoiceField(
        label="Service areas",
        queryset=ServiceArea.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Tick each service the work was for. Untick one to remove it.",
        error_messages={"invalid_choice": "Select a service area from the list"},
    )

    def label_for(self, record) -> str:
        return f"{record.label} (LGSL {record.lgsl_code})"


class OrganisationForm(StepForm):
    lead_organisation = forms.ModelChoiceField(
        label="Which organisation led the work?",
        queryset=Organisation.objects.filter(is_current=True).order_by("name"),
        empty_label="Select an organisation",
        error_messages={"required": "Select the organisation that led the work"},
    )
    sector = forms.ChoiceField(
        label="Which sector is the lead organisation in?",
        choices=Sector.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the sector"},
    )
    place = forms.ModelChoiceField(
        label="Was it part of a place partnership? (optional)",
        queryset=Place.objects.order_by("name"),
        required=False,
        empty_label="No place partnership",
        help_text="Public bodies in one area working together.",
    )

    def initial_for(self, resource: Resource) -> dict:
        lead = resource.lead_organisation
        if lead is None:
            person = getattr(self.user, "person", None) if self.user else None
            lead = person.organisation if person else None
        return {"lead_organisation": lead, "sector": resource.sector, "place": resource.place}

    def layout_items(self) -> list:
        return [
            Field.select("lead_organisation"),
            Field.radios("sector", legend_size=Size.SMALL, small=True),
            Field.select("place"),
        ]


class ThemesForm(StepForm):
    declaration_themes = forms.ModelMultipleChoiceField(
        label="Local Digital Declaration principles",
        queryset=themes_of_kind(ThemeKind.DECLARATION_PRINCIPLE),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    digital_themes = forms.ModelMultipleChoiceField(
        label="Digital themes",
        queryset=themes_of_kind(ThemeKind.DIGITAL_THEME),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def initial_for(self, resource: Resource) -> dict:
        themes = list(resource.themes.all())
        return {
            "declaration_themes": [t for t in themes if t.kind == ThemeKind.DECLARATION_PRINCIPLE],
            "digital_themes": [t for t in themes if t.kind == ThemeKind.DIGITAL_THEME],
        }

    def adjust_fields(self) -> None:
        for name in ("declaration_themes", "digital_themes"):
            field = self.fields[name]
            field.choices = [
                Choice(
                    theme.pk,
                    theme.name,
                    **({"hint": theme.description[:200]} if theme.description else {}),
                )
                for theme in field.queryset
            ]

    def layout_items(self) -> list:
        return [
            Field.checkboxes("declaration_themes", legend_size=Size.MEDIUM, small=True),
            Field.checkboxes("digital_themes", legend_size=Size.MEDIUM, small=True),
        ]

    def answers(self) -> dict:
        data = self.cleaned_data
        return {"themes": [*data["declaration_themes"], *data["digital_themes"]]}


STAGE_HINTS = {
    Stage.DISCOVERY: "Finding out what users need and what the problem really is.",
    Stage.ALPHA: "Trying out ideas and prototypes.",
    Stage.BETA: "A working service that people use while it is improved.",
    Stage.LIVE: "A service that people rely on.",
    Stage.RETIRED: "It did its job and has been switched off or replaced.",
    Stage.STOPPED: "The work stopped before it was finished. What you learned is just as "
    "valuable to others.",
}


class StageForm(StepForm):
    stage = forms.ChoiceField(
        label="What stage has the work reached?",
        choices=[Choice(stage.value, stage.label, hint=STAGE_HINTS[stage]) for stage in Stage],
        widget=forms.RadioSelect,
        error_messages={"required": "Select the stage the work has reached"},
    )

    def layout_items(self) -> list:
        return [Field.radios("stage", legend_size=Size.MEDIUM)]


class DatesForm(StepForm):
    start_date = GovukDateField(
        noun="Start date",
        label="When did the work start? (optional)",
        required=False,
        help_text="For example, 27 3 2023",
    )
    end_date = GovukDateField(
        noun="End date",
        label="When did it end? (optional)",
        required=False,
        help_text="Leave this blank if the work is still going on.",
    )

    def layout_items(self) -> list:
        return [
            Field("start_date", context={"legend_size": "govuk-fieldset__legend--m"}),
            Field("end_date", context={"legend_size": "govuk-fieldset__legend--m"}),
        ]

    def clean(self):
        data = super().clean()
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", "End date must be the same as or after the start date")
        return data


EVIDENCE_HINTS = {
    EvidenceLevel.ACCOUNT_OF_IMPACT: "You can describe what you did and why it matters.",
    EvidenceLevel.CORRELATION: "You have data that shows things changed after the work.",
    EvidenceLevel.CAUSATION: "You can show the work caused the change, for example with a "
    "comparison group.",
    EvidenceLevel.INDEPENDENT_REPLICATION: "Someone else evaluated it, or got the same results "
    "elsewhere.",
    EvidenceLevel.SCALED: "It has worked in several places with the same results.",
}
NOT_ASSESSED = "unknown"


class EvidenceForm(StepForm):
    evidence_level = forms.TypedChoiceField(
        label="How strong is the evidence that it worked? (optional)",
        choices=[
            *(
                Choice(
                    level.value,
                    level.label,
                    hint=EVIDENCE_HINTS[level],
                    **({"divider": "or"} if level == EvidenceLevel.SCALED else {}),
                )
                for level in EvidenceLevel
            ),
            Choice(NOT_ASSESSED, "We have not assessed it yet"),
        ],
        coerce=lambda value: None if value == NOT_ASSESSED else int(value),
        empty_value=None,
        required=False,
        widget=forms.RadioSelect,
    )

    def layout_items(self) -> list:
        return [Field.radios("evidence_level", legend_size=Size.MEDIUM)]

    def answers(self) -> dict:
        answer = self.cleaned_data["evidence_level"]
        if answer is None and not self.data.get("evidence_level"):
            return {}  # Nothing chosen: keep what was saved.
        return {"evidence_level": answer}


LICENCE_HINTS = {
    Licence.OGL_3: "The usual licence for public sector information. Anyone may reuse it if "
    "they say where it came from.",
    Licence.CC_BY_4: "Anyone may reuse and adapt it if they credit you. Common for research "
    "and work shared beyond government.",
}


class LicenceForm(StepForm):
    licence = forms.ChoiceField(
        label="Which licence can others reuse it under?",
        choices=[
            Choice(lic.value, lic.label, hint=LICENCE_HINTS[lic]) for lic in CONTRIBUTOR_LICENCES
        ],
        widget=forms.RadioSelect,
        error_messages={"required": "Select a licence", "invalid_choice": "Select a licence"},
    )

    def layout_items(self) -> list:
        return [Field.radios("licence", legend_size=Size.MEDIUM)]


class ContinueForm(StepForm):
    """A step whose answers are saved on the page already (files): just the two buttons."""


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
