"""Forms for editing a draft framework version (programme staff)."""

from crispy_forms_gds.layout import Field, Fieldset, Layout, Size
from django import forms

from hub.assessment.models import SCALE_TOP, Capability, Framework, Question
from hub.core.forms import GDSFormMixin


class FrameworkDetailsForm(GDSFormMixin, forms.ModelForm):
    submit_text = "Save the details"

    class Meta:
        model = Framework
        fields = ["title", "introduction", "change_note"]
        labels = {
            "title": "Title",
            "introduction": "Introduction",
            "change_note": "What changed from the last version",
        }
        help_texts = {
            "introduction": "Shown above the questions. You can use Markdown.",
            "change_note": "Programme staff see this in the list of versions.",
        }
        error_messages = {"title": {"required": "Enter a title"}}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper.layout = Layout(
            Field.text("title"),
            Field.textarea("introduction", rows=8),
            Field.textarea("change_note", rows=4),
        )


class CapabilityForm(GDSFormMixin, forms.ModelForm):
    submit_text = "Save the capability"

    class Meta:
        model = Capability
        fields = ["title", "description"]
        labels = {"title": "Title", "description": "Description"}
        error_messages = {
            "title": {"required": "Enter a title"},
            "description": {"required": "Enter a description"},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper.layout = Layout(Field.text("title"), Field.textarea("description", rows=4))


class QuestionForm(GDSFormMixin, forms.Form):
    """A question and its scale: a label and a descriptor for every level."""

    submit_text = "Save the question"

    text = forms.CharField(
        label="Question",
        max_length=400,
        error_messages={"required": "Enter the question"},
    )
    help_text = forms.CharField(
        label="Help text (optional)",
        required=False,
        widget=forms.Textarea,
        help_text="Shown under the question, for example what to think about.",
    )

    def __init__(self, *args, question: Question | None = None, **kwargs):
        initial = kwargs.pop("initial", {}) or {}
        if question is not None:
            initial.update({"text": question.text, "help_text": question.help_text})
            for level in question.levels.all():
                initial[f"label_{level.score}"] = level.label
                initial[f"descriptor_{level.score}"] = level.descriptor
        super().__init__(*args, initial=initial, **kwargs)
        fieldsets = []
        for score in range(1, SCALE_TOP + 1):
            self.fields[f"label_{score}"] = forms.CharField(
                label="Label",
                max_length=60,
                error_messages={"required": f"Enter a label for level {score}"},
            )
            self.fields[f"descriptor_{score}"] = forms.CharField(
                label="What this level looks like in a council",
                widget=forms.Textarea,
                error_messages={"required": f"Enter a descriptor for level {score}"},
            )
            fieldsets.append(
                Fieldset(
                    Field.text(f"label_{score}", field_width=20),
                    Field.textarea(f"descriptor_{score}", rows=3),
                    legend=f"Level {score}",
                    legend_size=Size.SMALL,
                )
            )
        self.helper.layout = Layout(
            Field.text("text"), Field.textarea("help_text", rows=3), *fieldsets
        )

    def values(self) -> dict:
        """The question's text, help text and levels ({score: (label, descriptor)}), as the
        framework services take them."""
        data = self.cleaned_data
        return {
            "text": data["text"],
            "help_text": data["help_text"],
            "levels": {
                score: (data[f"label_{score}"].strip(), data[f"descriptor_{score}"].strip())
                for score in range(1, SCALE_TOP + 1)
            },
        }
