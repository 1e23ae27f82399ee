"""The steps that tell the story of the work: title, summary, problem, approach, technology,
cost, benefits in words and lessons."""

from crispy_forms_gds.choices import Choice
from crispy_forms_gds.layout import Field, Size
from django import forms
from django.core.exceptions import ValidationError

from hub.cases.contribute_forms.base import (
    SECTION_HINT,
    NamesField,
    PoundsField,
    StepForm,
    section_textarea,
    words,
)
from hub.cases.models import (
    SUMMARY_WORD_LIMIT,
    Resource,
    ResourceKind,
    Supplier,
    Technology,
)

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
    summary = section_textarea(
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
    problem = section_textarea("What was the problem?")

    def adjust_fields(self) -> None:
        self.require_for_case_studies("problem", "Describe the problem")

    def layout_items(self) -> list:
        return [Field.textarea("problem", rows=8)]


class ApproachForm(StepForm):
    approach = section_textarea(
        "Describe what was done",
        help_text="Who was involved, how you worked with the people who use the service, and "
        "what you built or changed. " + SECTION_HINT,
    )

    def adjust_fields(self) -> None:
        self.require_for_case_studies("approach", "Describe what was done")

    def layout_items(self) -> list:
        return [Field.textarea("approach", rows=10)]


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
    technology_notes = section_textarea("Tell us about the technology and suppliers (optional)")

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
    cost_notes = section_textarea(
        "Tell us about the cost (optional)",
        help_text="What the money paid for, and running costs each year. " + SECTION_HINT,
    )

    def layout_items(self) -> list:
        return [
            Field.text("investment_pounds", field_width=10),
            Field.textarea("cost_notes", rows=6),
        ]


class BenefitsNotesForm(StepForm):
    benefits_notes = section_textarea("Anything else about the benefits (optional)")

    def layout_items(self) -> list:
        return [Field.textarea("benefits_notes", rows=5, label_size=Size.MEDIUM)]


class LessonsForm(StepForm):
    lessons = section_textarea(
        "What did you learn? (optional)",
        help_text="What would help someone doing the same work. " + SECTION_HINT,
    )
    do_differently = section_textarea("What would you do differently? (optional)")

    def layout_items(self) -> list:
        return [
            Field.textarea("lessons", rows=8, label_size=Size.MEDIUM),
            Field.textarea("do_differently", rows=6, label_size=Size.MEDIUM),
        ]
