"""The impact survey's form: a question on confidence for each learning outcome."""

from crispy_forms_gds.layout import Field, Layout, Size
from django import forms

from hub.academies.surveys import CONFIDENCE_LEVELS
from hub.core.forms import GDSFormMixin

CONFIDENCE_CHOICES = [(value, f"{value} – {text}") for value, text in CONFIDENCE_LEVELS]


def _about(title: str) -> str:
    """'Spotting opportunities' -> 'spotting opportunities' (leaving an acronym as it is)."""
    if len(title) > 1 and title[1].isupper():
        return title
    return title[:1].lower() + title[1:]


def field_name(outcome) -> str:
    return f"outcome_{outcome.pk}"


class SurveyForm(GDSFormMixin, forms.Form):
    submit_text = "Send your answers"

    def __init__(self, *args, outcomes, **kwargs):
        self.outcomes = list(outcomes)
        super().__init__(*args, **kwargs)
        for outcome in self.outcomes:
            self.fields[field_name(outcome)] = forms.TypedChoiceField(
                label=f"How confident are you about {_about(outcome.title)}?",
                help_text=outcome.description,
                choices=CONFIDENCE_CHOICES,
                coerce=int,
                widget=forms.RadioSelect,
                error_messages={
                    "required": f"Select how confident you are about {_about(outcome.title)}"
                },
            )
        self.helper.layout = Layout(
            *(Field.radios(field_name(o), legend_size=Size.SMALL) for o in self.outcomes)
        )
        # The GDS mixin numbered the radios before these fields existed.
        self.auto_id = "id_%s_1"

    def confidence(self) -> dict[int, int]:
        """Outcome id to the confidence chosen, once the form is valid."""
        return {o.pk: self.cleaned_data[field_name(o)] for o in self.outcomes}

    @classmethod
    def initial_from(cls, answers: dict[int, int] | None) -> dict[str, int]:
        return {f"outcome_{pk}": value for pk, value in (answers or {}).items()}
