"""Forms of the 100-day plan pages: the plan, one action at a time, and an update."""

from crispy_forms_gds.layout import Field, Fieldset, Layout, Size
from django import forms

from hub.academies.models import (
    AcademyKind,
    ActionStatus,
    CohortStatus,
    PlanAction,
    Progress,
)
from hub.core.forms import GDSFormMixin, GovukDateField


def _text(
    label: str, *, required: bool = True, help_text: str = "", noun: str = ""
) -> forms.CharField:
    messages = {"required": f"Enter {noun or label.lower()}"}
    return forms.CharField(
        label=label,
        help_text=help_text,
        required=required,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={**messages, "max_length": f"{label} must be 5,000 characters or fewer"},
    )


class PlanForm(GDSFormMixin, forms.Form):
    submit_text = "Save your plan"

    ambition = _text(
        "Your ambition",
        help_text="What will be different in your place in 100 days?",
        noun="your ambition",
    )
    partners = _text(
        "Partners",
        required=False,
        help_text="The partner organisations and people you will work with.",
    )
    expected_benefits = _text(
        "Expected benefits",
        help_text="What residents, staff or partners will gain, and how you will know.",
        noun="the benefits you expect",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper.layout = Layout(
            *(
                Field.textarea(name, label_size=Size.SMALL, rows=5)
                for name in ("ambition", "partners", "expected_benefits")
            )
        )


class ActionForm(GDSFormMixin, forms.Form):
    submit_text = "Save the action"

    description = forms.CharField(
        label="What will you do?",
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "required": "Enter what you will do",
            "max_length": "The action must be 500 characters or fewer",
        },
    )
    partner = forms.CharField(
        label="Who with (optional)",
        help_text="The partner organisation or person you will do it with.",
        max_length=200,
        required=False,
        error_messages={"max_length": "The partner must be 200 characters or fewer"},
    )
    due_on = GovukDateField(
        noun="Due date",
        label="When will it be done by? (optional)",
        help_text="For example, 27 3 2026",
        required=False,
    )
    status = forms.ChoiceField(
        label="Status",
        choices=ActionStatus.choices,
        initial=ActionStatus.NOT_STARTED,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the status of the action"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper.layout = Layout(
            Field.textarea("description", label_size=Size.SMALL, rows=3),
            Field.text("partner", label_size=Size.SMALL),
            Field("due_on", context={"legend_size": "govuk-fieldset__legend--s"}),
            Field.radios("status", legend_size=Size.SMALL, small=True),
        )


class PlanUpdateForm(GDSFormMixin, forms.Form):
    """How the plan is going, and the status of each of its actions."""

    submit_text = "Save the update"

    progress = forms.ChoiceField(
        label="How is your plan going?",
        choices=Progress.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select how your plan is going"},
    )
    achieved = _text("What has been achieved", noun="what has been achieved")
    benefits_seen = _text("Benefits seen so far", required=False)
    next_steps = _text("Next steps", required=False)

    def __init__(self, *args, actions: list[PlanAction], **kwargs):
        super().__init__(*args, **kwargs)
        self.actions = actions
        for action in actions:
            self.fields[self.field_name(action)] = forms.ChoiceField(
                label=action.description,
                choices=ActionStatus.choices,
                initial=action.status,
                error_messages={"required": f"Select the status of “{action.description}”"},
            )
        self.helper.layout = Layout(
            Field.radios("progress", legend_size=Size.MEDIUM, inline=True),
            Field.textarea("achieved", label_size=Size.SMALL, rows=5),
            Field.textarea("benefits_seen", label_size=Size.SMALL, rows=5),
            Field.textarea("next_steps", label_size=Size.SMALL, rows=5),
            *(
                [
                    Fieldset(
                        *(Field.select(self.field_name(a)) for a in actions),
                        legend="Your actions",
                        legend_size=Size.MEDIUM,
                    )
                ]
                if actions
                else []
            ),
        )

    @staticmethod
    def field_name(action: PlanAction) -> str:
        return f"action_{action.pk}"

    def action_statuses(self) -> dict[int, str]:
        return {a.pk: self.cleaned_data[self.field_name(a)] for a in self.actions}


class ProgressFilterForm(forms.Form):
    academy = forms.ChoiceField(
        label="Academy", choices=[("", "All academies"), *AcademyKind.choices], required=False
    )
    status = forms.ChoiceField(
        label="Cohort status", choices=[("", "All statuses"), *CohortStatus.choices], required=False
    )

    def filters(self) -> dict[str, str]:
        if not self.is_valid():
            return {"academy": "", "status": ""}
        return {name: self.cleaned_data[name] for name in ("academy", "status")}
