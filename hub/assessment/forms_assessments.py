"""Forms for starting an assessment, its team, and answering one capability."""

from django import forms

from hub.assessment.models import Capability
from hub.core.forms import GDSFormMixin
from hub.organisations.forms import PersonChoiceField


class StartForm(GDSFormMixin, forms.Form):
    submit_text = "Start the assessment"

    title = forms.CharField(
        label="Name this assessment",
        max_length=200,
        help_text="Your team sees this name, for example “Leadership team, spring 2027”.",
        error_messages={"required": "Enter a name for the assessment"},
    )


class AddMemberForm(GDSFormMixin, forms.Form):
    submit_text = "Add to the team"

    def __init__(self, *args, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"] = PersonChoiceField(
            label="Who do you want to add?",
            queryset=people,
            empty_label="Choose someone",
            help_text=(
                "Councillors and officers of your council who have an account on the Hub. "
                "We email them a link to answer."
            ),
            error_messages={
                "required": "Choose who to add to the team",
                "invalid_choice": "Choose someone from your council who has an account",
            },
        )


def field_name(question) -> str:
    return f"question_{question.pk}"


class CapabilityAnswersForm(GDSFormMixin, forms.Form):
    """One radio question for each of the capability's questions. The template draws the
    radios itself so each level's descriptor is its option's hint (see answer.html)."""

    submit_text = "Save and continue"

    def __init__(self, *args, capability: Capability, answers: dict[int, int], **kwargs):
        self.capability = capability
        self.questions = list(capability.questions.all())
        initial = {field_name(q): answers[q.pk] for q in self.questions if q.pk in answers}
        super().__init__(*args, initial=initial, **kwargs)
        for question in self.questions:
            self.fields[field_name(question)] = forms.TypedChoiceField(
                label=question.text,
                choices=[(level.score, level.label) for level in question.levels.all()],
                coerce=int,
                widget=forms.RadioSelect,
                error_messages={"required": f"Select an answer to “{question.text}”"},
            )
        # Numbered radios: the error summary links to the first option of each question.
        self.auto_id = "id_%s_1"

    def rows(self):
        """(question, bound field, levels) for the template."""
        return [
            (question, self[field_name(question)], list(question.levels.all()))
            for question in self.questions
        ]

    def scores(self) -> dict[int, int]:
        return {q.pk: self.cleaned_data[field_name(q)] for q in self.questions}
