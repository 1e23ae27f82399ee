"""The lead's decision on one recommendation of the support plan."""

from crispy_forms_gds.layout import Field, Layout, Size
from django import forms

from hub.assessment import recommendations
from hub.assessment.models import Recommendation
from hub.core.forms import GDSFormMixin, GovukDateField


class DecisionForm(GDSFormMixin, forms.Form):
    submit_text = "Save the decision"

    decision = forms.ChoiceField(
        label="What will your team do?",
        widget=forms.RadioSelect,
        error_messages={"required": "Select what your team will do with it"},
    )
    scheduled_for = GovukDateField(
        noun="The date",
        label="Date (if you schedule it)",
        help_text="For example, 27 3 2026",
        required=False,
    )
    note = forms.CharField(
        label="Reason or note (a reason is needed if you reject it)",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"max_length": "The note must be 2,000 characters or fewer"},
    )

    def __init__(self, *args, item: Recommendation, **kwargs):
        kwargs.setdefault("initial", {"note": item.note, "scheduled_for": item.scheduled_for})
        super().__init__(*args, **kwargs)
        choices = [
            (value, label)
            for value, label in recommendations.DECISIONS.items()
            if value != recommendations.DONE or item.status in recommendations.CAN_BE_DONE
        ]
        self.fields["decision"].choices = choices
        self.helper.layout = Layout(
            Field.radios("decision", legend_size=Size.SMALL, small=True),
            Field("scheduled_for", context={"legend_size": "govuk-fieldset__legend--s"}),
            Field.textarea("note", label_size=Size.SMALL, rows=4),
        )

    def clean(self):
        data = super().clean()
        decision = data.get("decision")
        if decision == recommendations.SCHEDULE and not data.get("scheduled_for"):
            if "scheduled_for" not in self.errors:
                self.add_error("scheduled_for", "Enter the date it is scheduled for")
        if decision == recommendations.REJECT and not (data.get("note") or "").strip():
            self.add_error("note", "Enter why you are rejecting it")
        return data
