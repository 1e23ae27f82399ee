"""What every step of the contribution journey shares: the step form with its two buttons,
section text areas, and fields for lists of names and sums in pounds."""

from crispy_forms_gds.layout import Button, Div, Field, Layout
from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import EMPTY_VALUES

from hub.cases.models import (
    Resource,
    ResourceKind,
)
from hub.core.forms import GDSFormMixin

SECTION_HINT = "Write in plain English. Leave a blank line between paragraphs."


# crispy-forms-gds numbers radios and checkboxes id_<name>_1, id_<name>_2... but its error
# summary links to #<auto_id>. With this auto_id the link reaches the first radio or checkbox,
# and every other field's id (and its label's `for`) carries the same suffix. (So a field whose
# choices have hints has no hint of its own: the first choice's hint would share its id.)
AUTO_ID = "id_%s_1"


def words(text: str) -> int:
    """Words as the GOV.UK character count component counts them: runs of non-spaces."""
    return len(text.split())


def section_textarea(
    label: str, *, help_text: str = SECTION_HINT, required: bool = False, **kwargs
):
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


class PoundsField(forms.IntegerField):
    """A whole number of pounds; a pound sign, commas and spaces are allowed."""

    def to_python(self, value):
        if isinstance(value, str):
            value = value.strip().removeprefix("£").replace(",", "").replace(" ", "")
        return super().to_python(value)
