"""The steps that code a record so it can be found: organisation, partners, service areas,
themes, stage, dates, evidence level and licence."""

from crispy_forms_gds.choices import Choice
from crispy_forms_gds.layout import Field, Size
from django import forms

from hub.cases.contribute_forms.base import (
    StepForm,
)
from hub.cases.models import (
    CONTRIBUTOR_LICENCES,
    Licence,
    Resource,
    Sector,
    Stage,
)
from hub.core.forms import GovukDateField
from hub.organisations.models import Organisation, Place
from hub.taxonomy.models import EvidenceLevel, ServiceArea, ThemeKind
from hub.taxonomy.selectors import themes_of_kind


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
