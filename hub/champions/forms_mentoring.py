"""Forms of the mentoring pages: one question a page where it can be, GOV.UK components."""

from crispy_forms_gds.layout import Field, Layout, Size
from django import forms

from hub.champions.models import Frequency
from hub.core.forms import GDSFormMixin, GovukDateField

RATINGS = [
    (5, "5 – Very useful"),
    (4, "4 – Useful"),
    (3, "3 – Somewhat useful"),
    (2, "2 – Not very useful"),
    (1, "1 – Not useful at all"),
]
# The answer page has two forms; the name of the button pressed says which was sent.
ANSWER_ACCEPT = "accept"
ANSWER_DECLINE = "decline"
LENGTH_HELP = "Most mentoring lasts 3 to 12 months. Up to 24."


def _whole_number() -> forms.TextInput:
    """GOV.UK asks for whole numbers in a text input with a numeric keyboard, not type=number."""
    return forms.TextInput(attrs={"inputmode": "numeric", "spellcheck": "false"})


def _length_field(label: str) -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        help_text=LENGTH_HELP,
        min_value=1,
        max_value=24,
        initial=6,
        widget=_whole_number(),
        error_messages={
            "required": "Enter the length in months",
            "invalid": "The length must be a whole number of months, like 6",
            "min_value": "The length must be at least 1 month",
            "max_value": "The length must be 24 months or fewer",
        },
    )


def _frequency_field(label: str) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label,
        choices=Frequency.choices,
        initial=Frequency.MONTHLY,
        widget=forms.RadioSelect,
        error_messages={"required": "Select how often you would meet"},
    )


class ProblemForm(GDSFormMixin, forms.Form):
    problem = forms.CharField(
        label="What do you want help with?",
        help_text=(
            "Describe the problem in your own words: what you are trying to do, what is in "
            "the way, and what you have tried. The champion reads this before answering."
        ),
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={
            "required": "Enter what you want help with",
            "max_length": "What you want help with must be 3,000 characters or fewer",
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper.layout = Layout(
            Field.textarea("problem", label_tag="h1", label_size=Size.LARGE, rows=6)
        )


class PreferencesForm(GDSFormMixin, forms.Form):
    length_months = _length_field("How many months would you like the mentoring to last?")
    meeting_frequency = _frequency_field("How often would you like to meet?")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper.layout = Layout(
            Field.text("length_months", label_size=Size.SMALL, field_width=3),
            Field.radios("meeting_frequency", legend_size=Size.SMALL),
        )


class SendRequestForm(GDSFormMixin, forms.Form):
    """The check-your-answers page: only a button."""

    submit_text = "Send request"


class AcceptForm(GDSFormMixin, forms.Form):
    submit_text = "Accept"
    prefix = "accept"

    length_months = _length_field("How many months will the mentoring last?")
    meeting_frequency = _frequency_field("How often will you meet?")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper.inputs[0].name = ANSWER_ACCEPT
        self.helper.inputs[0].id = "accept-button"
        self.helper.layout = Layout(
            Field.text("length_months", label_size=Size.SMALL, field_width=3),
            Field.radios("meeting_frequency", legend_size=Size.SMALL),
        )


class DeclineForm(GDSFormMixin, forms.Form):
    submit_text = "Decline"
    prefix = "decline"

    reason = forms.CharField(
        label="Why can you not take this on? (optional)",
        help_text="We pass this on kindly. Saying you have no time at the moment is fine.",
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper.inputs[0].name = ANSWER_DECLINE
        self.helper.inputs[0].id = "decline-button"
        self.helper.inputs[0].field_classes += " govuk-button--secondary"
        self.helper.layout = Layout(Field.textarea("reason", label_size=Size.SMALL, rows=3))


class MeetingForm(GDSFormMixin, forms.Form):
    submit_text = "Save meeting"

    held_on = GovukDateField(
        noun="Date of the meeting",
        label="When did you meet?",
        help_text="For example, 27 3 2026",
    )
    minutes = forms.IntegerField(
        label="How long was it, in minutes?",
        min_value=5,
        max_value=480,
        initial=60,
        widget=_whole_number(),
        error_messages={
            "required": "Enter how long the meeting was, in minutes",
            "invalid": "The length must be a whole number of minutes, like 60",
            "min_value": "The meeting must be at least 5 minutes long",
            "max_value": "The meeting must be 480 minutes (8 hours) or shorter",
        },
    )
    notes = forms.CharField(
        label="Notes (optional)",
        help_text="What you discussed and agreed. Only you and the other person can see these.",
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper.layout = Layout(
            Field("held_on", context={"legend_size": "govuk-fieldset__legend--s"}),
            Field.text("minutes", label_size=Size.SMALL, field_width=3),
            Field.textarea("notes", label_size=Size.SMALL, rows=5),
        )
        self.fields["held_on"].error_messages["required"] = "Enter the date of the meeting"


class FeedbackForm(GDSFormMixin, forms.Form):
    rating = forms.TypedChoiceField(
        label="How useful was the mentoring?",
        choices=RATINGS,
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": "Select how useful the mentoring was"},
    )
    feedback = forms.CharField(
        label="What worked, and what would you change?",
        help_text="The other person can read this. Programme staff cannot.",
        required=False,
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 5}),
    )

    def __init__(self, *args, submit_text: str = "Send feedback", **kwargs):
        self.submit_text = submit_text
        super().__init__(*args, **kwargs)
        self.helper.layout = Layout(
            Field.radios("rating", legend_size=Size.MEDIUM),
            Field.textarea("feedback", label_size=Size.MEDIUM, rows=5),
        )
