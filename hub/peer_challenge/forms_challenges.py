"""Forms for setting up a challenge, its team and leads, scoping and the position statement."""

from crispy_forms_gds.layout import Field, Layout, Size
from django import forms

from hub.core.forms import GDSFormMixin, GovukDateField
from hub.organisations.forms import PersonChoiceField, people
from hub.organisations.models import COUNCIL_KINDS, Region
from hub.peer_challenge.challenges import councils
from hub.peer_challenge.models import Challenge, ChallengeStatus, PeerRole

DATE_HINT = "For example, 27 3 2026"


def _date(noun: str, label: str, *, required: bool = True) -> GovukDateField:
    field = GovukDateField(noun=noun, label=label, help_text=DATE_HINT, required=required)
    field.error_messages["required"] = f"Enter the {noun.lower()}"
    return field


def _date_layout(name: str) -> Field:
    return Field(name, context={"legend_size": "govuk-fieldset__legend--s"})


class ChallengeFilterForm(forms.Form):
    """The list's filters; invalid values are ignored."""

    status = forms.ChoiceField(
        required=False, choices=[("", "Any status"), *ChallengeStatus.choices]
    )
    region = forms.ChoiceField(required=False, choices=[("", "Any region"), *Region.choices])
    kind = forms.ChoiceField(
        required=False, choices=[("", "Any kind"), *[(k.value, k.label) for k in COUNCIL_KINDS]]
    )

    def filters(self) -> dict:
        if not self.is_valid():
            return {}
        return {name: value for name, value in self.cleaned_data.items() if value}


class ChallengeForm(GDSFormMixin, forms.Form):
    """A challenge's title and dates."""

    submit_text = "Save the challenge"

    title = forms.CharField(
        label="Title (optional)",
        max_length=200,
        required=False,
        help_text="Leave it blank for “Corporate peer challenge of” and the council's name.",
    )
    on_site_starts_on = _date("Start date", "When does the on-site visit start?")
    on_site_ends_on = _date("End date", "When does the on-site visit end?")
    scoping_meeting_on = _date(
        "Scoping meeting date", "When is the scoping meeting? (optional)", required=False
    )
    first_fields: list = []

    def __init__(self, *args, challenge: Challenge | None = None, **kwargs):
        if challenge is not None:
            kwargs.setdefault(
                "initial",
                {
                    "title": challenge.title,
                    "on_site_starts_on": challenge.on_site_starts_on,
                    "on_site_ends_on": challenge.on_site_ends_on,
                    "scoping_meeting_on": challenge.scoping_meeting_on,
                },
            )
        super().__init__(*args, **kwargs)
        self.helper.layout = Layout(
            *self.first_fields,
            Field.text("title"),
            _date_layout("on_site_starts_on"),
            _date_layout("on_site_ends_on"),
            _date_layout("scoping_meeting_on"),
        )

    def clean(self):
        data = super().clean()
        starts, ends = data.get("on_site_starts_on"), data.get("on_site_ends_on")
        if starts and ends and ends < starts:
            self.add_error(
                "on_site_ends_on", "The on-site visit must end on or after the day it starts"
            )
        return data


class ChallengeCreateForm(ChallengeForm):
    """A new challenge: its council, from the register's current councils, first."""

    submit_text = "Set up the challenge"

    organisation = forms.ModelChoiceField(
        label="Which council is being challenged?",
        queryset=councils(),
        empty_label="Choose a council",
        error_messages={
            "required": "Choose the council",
            "invalid_choice": "Choose a current council from the list",
        },
    )
    first_fields = [Field.select("organisation")]
    field_order = ["organisation"]


class PeerForm(GDSFormMixin, forms.Form):
    submit_text = "Add to the peer team"
    prefix = "peer"

    person = PersonChoiceField(
        label="Who do you want to add?",
        queryset=people(),
        empty_label="Choose someone",
        help_text="Councillors and officers from the register; not from the council under review.",
        error_messages={
            "required": "Choose who to add to the peer team",
            "invalid_choice": "Choose someone from the register",
        },
    )
    role = forms.ChoiceField(
        label="Their role on the team",
        choices=PeerRole.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose their role on the team"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper.layout = Layout(
            Field.select("person"), Field.radios("role", legend_size=Size.SMALL, small=True)
        )


class CouncilLeadForm(GDSFormMixin, forms.Form):
    submit_text = "Add as a council lead"
    prefix = "lead"

    def __init__(self, *args, challenge: Challenge, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"] = PersonChoiceField(
            label="Who at the council leads its side of the challenge?",
            queryset=people().filter(organisation=challenge.organisation),
            empty_label="Choose someone",
            help_text=f"Councillors and officers of {challenge.organisation.name}.",
            error_messages={
                "required": "Choose who to add as a council lead",
                "invalid_choice": f"Choose someone of {challenge.organisation.name}",
            },
        )
        self.helper.layout = Layout(Field.select("person"))


class ScopingForm(GDSFormMixin, forms.Form):
    submit_text = "Save the scoping record"

    scoping_meeting_on = _date("Meeting date", "When was the scoping meeting?", required=False)
    notes = forms.CharField(
        label="What was agreed",
        required=False,
        widget=forms.Textarea,
        help_text="The scope, the council's questions for the team, who the team will meet. "
        "You can use Markdown.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper.layout = Layout(
            _date_layout("scoping_meeting_on"), Field.textarea("notes", rows=12)
        )


class PositionForm(GDSFormMixin, forms.Form):
    submit_text = "Save the position statement"

    statement = forms.CharField(
        label="The council's position statement",
        required=False,
        widget=forms.Textarea,
        help_text="How the council sees itself against the five core elements, and where "
        "digital helps or holds it back. You can use Markdown.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper.layout = Layout(Field.textarea("statement", rows=16))
