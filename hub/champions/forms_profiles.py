"""Forms of the profile pages: nominating a champion, deciding on a nomination, and a
champion's own changes to their profile. Cases led are pasted as addresses of published
good practice, one a line."""

from crispy_forms_gds.layout import Field, Fieldset, Layout, Size
from django import forms

from hub.cases.forms import CaseLinksField, cases_as_links
from hub.cases.models import Supplier, Technology
from hub.cases.selectors import published_resources
from hub.champions.models import ChampionProfile
from hub.core.forms import GDSFormMixin
from hub.organisations.forms import PersonChoiceField
from hub.organisations.models import Person
from hub.taxonomy.models import ServiceArea, Theme


class ServiceAreaChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: ServiceArea) -> str:
        return f"{obj.label} (LGSL {obj.lgsl_code})"


class ExpertiseFormMixin:
    """The expertise fields a nomination and an edit share, and their choices."""

    def setup_expertise(self) -> None:
        self.fields["service_areas"] = ServiceAreaChoiceField(
            queryset=ServiceArea.objects.order_by("label"),
            required=False,
            label="Service areas they know (optional)",
            help_text=(
                "From the Local Government Service List. Hold Ctrl (or Cmd) to choose several."
            ),
            widget=forms.SelectMultiple(attrs={"size": 8}),
        )
        self.fields["themes"] = forms.ModelMultipleChoiceField(
            queryset=Theme.objects.order_by("kind", "order", "name"),
            required=False,
            label="Themes (optional)",
            widget=forms.CheckboxSelectMultiple,
        )
        self.fields["technologies"] = forms.ModelMultipleChoiceField(
            queryset=Technology.objects.order_by("name"),
            required=False,
            label="Systems and technologies they know (optional)",
            help_text="Hold Ctrl (or Cmd) to choose several.",
            widget=forms.SelectMultiple(attrs={"size": 6}),
        )
        self.fields["suppliers"] = forms.ModelMultipleChoiceField(
            queryset=Supplier.objects.order_by("name"),
            required=False,
            label="Suppliers they have worked with (optional)",
            help_text="Hold Ctrl (or Cmd) to choose several.",
            widget=forms.SelectMultiple(attrs={"size": 6}),
        )
        self.fields["cases_led"] = CaseLinksField(
            required=False,
            label="Cases they led (optional)",
            help_text="Paste the address of each published good practice case, one a line.",
        )

    def expertise_layout(self, legend: str) -> Fieldset:
        return Fieldset(
            Field.select("service_areas"),
            Field.checkboxes("themes", legend_size=Size.SMALL, small=True),
            Field.textarea("cases_led"),
            Field.select("technologies"),
            Field.select("suppliers"),
            legend=legend,
            legend_size=Size.MEDIUM,
        )


PROFILE_LABELS = {
    "role_summary": "Role in a line",
    "experience": "Experience",
    "mentee_capacity": "How many mentees at once?",
    "meeting_frequency": "How often would they meet a mentee?",
    "nomination_reason": "Why are you nominating them?",
    "available": "Taking new mentees now",
}
PROFILE_HELP = {
    "role_summary": "For example, chief executive who led the council's move to cloud services.",
    "experience": "The digital programmes they led and what they learned. You can use Markdown.",
    "mentee_capacity": "0 to 20. Set 0 if they will host sessions but not mentor.",
}
PROFILE_ERRORS = {
    "role_summary": {"required": "Enter their role in a line"},
    "experience": {"required": "Enter the digital programmes they led"},
    "mentee_capacity": {
        "required": "Enter how many mentees they can take at once",
        "invalid": "Enter the number of mentees as a whole number, like 2",
        "max_value": "Enter 20 mentees or fewer",
        "min_value": "Enter 0 or more mentees",
    },
}
PROFILE_WIDGETS = {
    "experience": forms.Textarea(attrs={"rows": 8}),
    "nomination_reason": forms.Textarea(attrs={"rows": 4}),
    "mentee_capacity": forms.NumberInput(attrs={"class": "govuk-input--width-3"}),
    "meeting_frequency": forms.RadioSelect,
}


class NominationForm(ExpertiseFormMixin, GDSFormMixin, forms.ModelForm):
    submit_text = "Send nomination"

    person = PersonChoiceField(
        queryset=Person.objects.none(),
        label="Who are you nominating?",
        help_text="A person from the register who led digital in their organisation.",
        empty_label="Choose a person",
        error_messages={"required": "Choose the person you are nominating"},
    )

    class Meta:
        model = ChampionProfile
        fields = [
            "role_summary",
            "experience",
            "mentee_capacity",
            "meeting_frequency",
            "nomination_reason",
        ]
        labels = PROFILE_LABELS
        help_texts = PROFILE_HELP
        error_messages = PROFILE_ERRORS
        widgets = PROFILE_WIDGETS

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = (
            Person.objects.filter(champion__isnull=True)
            .select_related("organisation")
            .order_by("full_name", "pk")
        )
        self.fields["nomination_reason"].required = True
        self.fields["nomination_reason"].error_messages["required"] = (
            "Enter why you are nominating them"
        )
        self.fields["meeting_frequency"].choices = [
            c for c in self.fields["meeting_frequency"].choices if c[0]
        ]
        self.setup_expertise()
        self.helper.layout = Layout(
            Field.select("person"),
            Field.text("role_summary"),
            Field.textarea("experience"),
            self.expertise_layout("Their expertise"),
            Fieldset(
                Field.text("mentee_capacity"),
                Field.radios("meeting_frequency", legend_size=Size.SMALL),
                legend="Mentoring",
                legend_size=Size.MEDIUM,
            ),
            Field.textarea("nomination_reason"),
        )

    def profile_data(self) -> dict:
        return {name: value for name, value in self.cleaned_data.items() if name != "person"}


class ProfileEditForm(ExpertiseFormMixin, GDSFormMixin, forms.ModelForm):
    submit_text = "Save profile"

    class Meta:
        model = ChampionProfile
        fields = ["available", "mentee_capacity", "meeting_frequency", "role_summary", "experience"]
        labels = PROFILE_LABELS
        help_texts = {**PROFILE_HELP, "available": "Untick while you cannot take anyone new."}
        error_messages = PROFILE_ERRORS
        widgets = PROFILE_WIDGETS

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.setup_expertise()
        if self.instance.pk:
            self.initial.update(
                {
                    "service_areas": list(self.instance.service_areas.all()),
                    "themes": list(self.instance.themes.all()),
                    "technologies": list(self.instance.technologies.all()),
                    "suppliers": list(self.instance.suppliers.all()),
                    "cases_led": cases_as_links(
                        published_resources().filter(champions=self.instance)
                    ),
                }
            )
        self.fields["meeting_frequency"].choices = [
            c for c in self.fields["meeting_frequency"].choices if c[0]
        ]
        self.helper.layout = Layout(
            Fieldset(
                Field.checkbox("available"),
                Field.text("mentee_capacity"),
                Field.radios("meeting_frequency", legend_size=Size.SMALL),
                legend="Mentoring",
                legend_size=Size.MEDIUM,
            ),
            Field.text("role_summary"),
            Field.textarea("experience"),
            self.expertise_layout("Expertise"),
        )

    def profile_data(self) -> dict:
        return dict(self.cleaned_data)


class Decision:
    APPROVE = "approve"
    DECLINE = "decline"
    CHOICES = [(APPROVE, "Approve: make them a champion"), (DECLINE, "Decline")]


class DecisionForm(GDSFormMixin, forms.Form):
    submit_text = "Save decision"

    decision = forms.ChoiceField(
        choices=Decision.CHOICES,
        widget=forms.RadioSelect,
        label="Your decision",
        error_messages={"required": "Choose approve or decline"},
    )
    note = forms.CharField(
        required=False,
        label="Note",
        help_text="Required if you decline: it is sent to the person who nominated them.",
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper.layout = Layout(
            Field.radios("decision", legend_size=Size.MEDIUM), Field.textarea("note")
        )

    def clean(self):
        data = super().clean()
        if data.get("decision") == Decision.DECLINE and not data.get("note", "").strip():
            self.add_error("note", "Enter why the nomination is declined")
        return data

    @property
    def approves(self) -> bool:
        return self.cleaned_data["decision"] == Decision.APPROVE
