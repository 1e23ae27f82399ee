"""Forms of the follow-up pages: an action of the plan, the progress review, and the
deadlines page's filters."""

from crispy_forms_gds.layout import Field, Layout, Size
from django import forms

from hub.core.forms import GDSFormMixin, GovukDateField
from hub.peer_challenge.followup import DeadlineState
from hub.peer_challenge.models import ActionStatus, ChallengeStatus, Deadline, Finding


class FindingChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Finding) -> str:
        return f"{obj.line.element.title}: {obj.title}"


class ActionForm(GDSFormMixin, forms.Form):
    submit_text = "Save the action"

    description = forms.CharField(
        label="What will the council do?",
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "required": "Enter what the council will do",
            "max_length": "The action must be 500 characters or fewer",
        },
    )
    owner = forms.CharField(
        label="Who owns it",
        help_text="A role, not a name: for example, Director of resources.",
        max_length=200,
        error_messages={
            "required": "Enter the role that owns the action",
            "max_length": "The owner must be 200 characters or fewer",
        },
    )
    due_on = GovukDateField(
        noun="Due date",
        label="When will it be done by?",
        help_text="For example, 27 3 2026",
    )
    finding = FindingChoiceField(
        label="The area for development it answers (optional)",
        queryset=Finding.objects.none(),
        required=False,
        empty_label="None: it answers the report as a whole",
        error_messages={"invalid_choice": "Select an area for development of this challenge"},
    )
    status = forms.ChoiceField(
        label="Status",
        choices=ActionStatus.choices,
        initial=ActionStatus.NOT_STARTED,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the status of the action"},
    )

    def __init__(self, *args, findings=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["due_on"].error_messages["required"] = "Enter the date it will be done by"
        self.fields["finding"].queryset = (
            findings if findings is not None else Finding.objects.none()
        )
        self.helper.layout = Layout(
            Field.textarea("description", label_size=Size.SMALL, rows=3),
            Field.text("owner", label_size=Size.SMALL),
            Field("due_on", context={"legend_size": "govuk-fieldset__legend--s"}),
            Field.select("finding"),
            Field.radios("status", legend_size=Size.SMALL, small=True),
        )


class ProgressReviewForm(GDSFormMixin, forms.Form):
    submit_text = "Record the progress review"

    held_on = GovukDateField(
        noun="Date held",
        label="When was the review held?",
        help_text="For example, 27 3 2026",
    )
    summary = forms.CharField(
        label="Summary",
        help_text="What the peers found on returning: progress against the recommendations "
        "and the action plan. You can use Markdown.",
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 10}),
        error_messages={
            "required": "Enter a summary of the review",
            "max_length": "The summary must be 20,000 characters or fewer",
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["held_on"].error_messages["required"] = "Enter the date the review was held"
        self.helper.layout = Layout(
            Field("held_on", context={"legend_size": "govuk-fieldset__legend--s"}),
            Field.textarea("summary", label_size=Size.SMALL, rows=10),
        )


class DeadlineFilterForm(forms.Form):
    deadline = forms.ChoiceField(
        label="Deadline", choices=[("", "All deadlines"), *Deadline.choices], required=False
    )
    state = forms.ChoiceField(
        label="State", choices=[("", "Any state"), *DeadlineState.CHOICES], required=False
    )
    status = forms.ChoiceField(
        label="Challenge status",
        choices=[("", "All statuses"), *ChallengeStatus.choices],
        required=False,
    )

    def filters(self) -> dict[str, str]:
        names = ("deadline", "state", "status")
        if not self.is_valid():
            return dict.fromkeys(names, "")
        return {name: self.cleaned_data[name] for name in names}
