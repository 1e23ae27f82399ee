"""Forms of the record and feedback pages. The record form has no field for who said what:
that is the Chatham House rule, kept by design."""

from crispy_forms_gds.choices import Choice
from django import forms

from hub.core.forms import GDSFormMixin
from hub.events.models import RecordStatus
from hub.events.records import USEFULNESS_LABELS

TEXT_LIMIT = 20_000


class RecordForm(GDSFormMixin, forms.Form):
    submit_text = "Save record"

    key_points = forms.CharField(
        label="Key points",
        max_length=TEXT_LIMIT,
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text=(
            "What was said, not who said it: leave out names, councils and job titles that "
            "would identify a speaker. You can use Markdown: a blank line between paragraphs, "
            "and - at the start of a line for a list."
        ),
        error_messages={
            "required": "Enter the key points of the discussion",
            "max_length": "The key points must be 20,000 characters or fewer",
        },
    )
    actions = forms.CharField(
        label="Actions",
        required=False,
        max_length=TEXT_LIMIT,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="What the group agreed to do next, and by when. Markdown, as above.",
        error_messages={"max_length": "The actions must be 20,000 characters or fewer"},
    )


class ShareRecordForm(forms.Form):
    """The record's next step; the page shows the one button that fits its status."""

    to_status = forms.ChoiceField(
        choices=[(RecordStatus.ATTENDEES, "attendees"), (RecordStatus.PUBLISHED, "published")],
        error_messages={"required": "Choose who to share the record with"},
    )


class FeedbackForm(GDSFormMixin, forms.Form):
    submit_text = "Send feedback"

    usefulness = forms.TypedChoiceField(
        label="How useful was the event to you?",
        coerce=int,
        widget=forms.RadioSelect,
        choices=[Choice(score, f"{score}: {label}") for score, label in USEFULNESS_LABELS.items()],
        error_messages={"required": "Select how useful the event was to you"},
    )
    will_do_differently = forms.CharField(
        label="What will you do differently as a result?",
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=(
            "Facilitators see your answer without your name, beside everyone else's answers."
        ),
        error_messages={"max_length": "Your answer must be 4,000 characters or fewer"},
    )
