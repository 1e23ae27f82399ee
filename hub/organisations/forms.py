from django import forms

from hub.core.forms import GDSFormMixin
from hub.organisations.models import (
    COUNCIL_KINDS,
    Nation,
    Organisation,
    OrganisationKind,
    Person,
    Region,
)


class CouncilFilterForm(forms.Form):
    """Filters for the council list; every field is optional and invalid values are ignored."""

    q = forms.CharField(label="Name or GSS code", required=False, max_length=100)
    region = forms.ChoiceField(
        label="Region", required=False, choices=[("", "Any region"), *Region.choices]
    )
    kind = forms.ChoiceField(
        label="Kind of council",
        required=False,
        choices=[("", "Any kind"), *[(kind.value, kind.label) for kind in COUNCIL_KINDS]],
    )
    nation = forms.ChoiceField(
        label="Nation", required=False, choices=[("", "Any nation"), *Nation.choices]
    )
    former = forms.BooleanField(label="Include former councils", required=False)

    def filters(self) -> dict:
        if not self.is_valid():
            return {}
        data = self.cleaned_data
        return {
            "query": data["q"].strip(),
            "region": data["region"],
            "kind": data["kind"],
            "nation": data["nation"],
            "include_former": data["former"],
        }


class PersonProfileForm(GDSFormMixin, forms.ModelForm):
    submit_text = "Save your details"

    organisation = forms.ModelChoiceField(
        label="Organisation",
        queryset=Organisation.objects.filter(is_current=True).order_by("name"),
        help_text="The council or public body you work for or represent.",
        error_messages={"required": "Select your organisation"},
    )

    class Meta:
        model = Person
        fields = ["organisation", "job_title", "role_type", "seniority"]
        labels = {
            "job_title": "Job title",
            "role_type": "Are you a councillor or an officer?",
            "seniority": "Seniority",
        }
        widgets = {"role_type": forms.RadioSelect, "seniority": forms.RadioSelect}
        error_messages = {
            "job_title": {"required": "Enter your job title"},
            "role_type": {"required": "Select whether you are a councillor or an officer"},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["job_title"].required = True
        self.fields["role_type"].choices = self.fields["role_type"].choices[1:]
        self.fields["seniority"].choices = self.fields["seniority"].choices[1:]


ORGANISATION_KIND_LABELS = dict(OrganisationKind.choices)


class PersonChoiceField(forms.ModelChoiceField):
    """People from the register, named with their organisation."""

    def label_from_instance(self, obj: Person) -> str:
        return f"{obj.full_name}, {obj.organisation.name}"


def people():
    """Register people to choose from, with what their choice labels need."""
    return Person.objects.select_related("organisation", "user").order_by("full_name", "pk")
