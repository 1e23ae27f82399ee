"""Forms of the facilitator's pages: an event and its series, inviting one person or a CSV
list, and attendance.

Dates and times are typed in Europe/London (a GOV.UK date input and two times) and stored as
UTC instants, so an event on a summer day is an hour earlier in UTC than one on a winter day.
"""

from crispy_forms_gds.layout import Field, Fieldset, Layout, Size
from django import forms
from django.utils import timezone

from hub.accounts.models import User
from hub.accounts.roles import Role
from hub.cases.forms import CaseLinksField, cases_as_links
from hub.core.forms import LONDON, GDSFormMixin, GovukDateField, TimeField, london_instant
from hub.events.invite_csv import MAX_BYTES, MAX_ROWS
from hub.events.models import (
    Access,
    Attendance,
    AttendeeListVisibility,
    Event,
    EventKind,
    Invitation,
    Series,
)
from hub.organisations.forms import PersonChoiceField, people
from hub.organisations.models import Person, Region
from hub.taxonomy.models import Theme


class EventForm(GDSFormMixin, forms.ModelForm):
    """An event's details. Dates and times are London's; cases are pasted as addresses."""

    submit_text = "Save event"

    date = GovukDateField(noun="Date", label="Date", help_text="For example, 27 3 2026")
    start_time = TimeField(noun="Start time", label="Start time", help_text="For example, 14:00")
    end_time = TimeField(noun="End time", label="End time", help_text="For example, 16:30")
    speaker = PersonChoiceField(
        queryset=Person.objects.none(),
        required=False,
        label="Speaker (optional)",
        help_text="A person from the register who led digital in their council.",
        empty_label="No speaker yet",
    )
    online_url = forms.URLField(
        assume_scheme="https",
        required=False,
        max_length=200,
        label="Online link (optional if there is a venue)",
        error_messages={"invalid": "Enter the online link as a web address, like https://…"},
    )
    case_links = CaseLinksField(
        label="Cases discussed (optional)",
        help_text="Paste the address of each published good practice case, one a line.",
        required=False,
    )

    class Meta:
        model = Event
        fields = [
            "series",
            "kind",
            "access",
            "title",
            "region",
            "theme",
            "summary",
            "agenda",
            "venue",
            "online_url",
            "capacity",
            "speaker",
            "speaker_briefing",
            "host",
            "allow_deputies",
            "attendee_list_visibility",
        ]
        labels = {
            "series": "Series (optional)",
            "kind": "What kind of event is it?",
            "access": "Who can come?",
            "title": "Title",
            "region": "Region (optional)",
            "theme": "Theme (optional)",
            "summary": "Summary (optional)",
            "agenda": "Agenda (optional)",
            "venue": "Venue (optional if there is an online link)",
            "capacity": "How many places are there?",
            "speaker_briefing": "Speaker briefing note (optional)",
            "host": "Hosted by a digital champion (optional)",
            "allow_deputies": "Invitees may nominate a deputy to come in their place",
            "attendee_list_visibility": "Who can see the list of attendees?",
        }
        help_texts = {
            "agenda": "You can use Markdown: a line starting with - is a list item.",
            "speaker_briefing": "What the speaker delivered in their council, in a few lines.",
            "capacity": "The number of people, not counting facilitators and the speaker.",
        }
        widgets = {
            "kind": forms.RadioSelect,
            "access": forms.RadioSelect,
            "attendee_list_visibility": forms.RadioSelect,
            "summary": forms.Textarea(attrs={"rows": 3}),
            "agenda": forms.Textarea(attrs={"rows": 8}),
            "speaker_briefing": forms.Textarea(attrs={"rows": 3}),
            "capacity": forms.NumberInput(attrs={"class": "govuk-input--width-4"}),
        }
        error_messages = {
            "title": {"required": "Enter a title"},
            "capacity": {
                "required": "Enter how many places there are",
                "invalid": "Enter the number of places as a whole number, like 20",
                "min_value": "There must be at least 1 place",
            },
        }

    def __init__(self, *args, champion=None, **kwargs):
        # A champion (without the facilitator role) makes open sessions they host: the kind,
        # access and host are theirs to keep, not to choose.
        self.champion = champion
        instance = kwargs.get("instance")
        if instance is not None and instance.pk:
            start = timezone.localtime(instance.starts_at, LONDON)
            end = timezone.localtime(instance.ends_at, LONDON)
            kwargs.setdefault("initial", {}).update(
                {
                    "date": start.date(),
                    "start_time": f"{start:%H:%M}",
                    "end_time": f"{end:%H:%M}",
                    "case_links": cases_as_links(instance.cases.all()),
                }
            )
        super().__init__(*args, **kwargs)
        self.fields["speaker"].queryset = people()
        # Champions host the open sessions; the host's calendar feed carries the event.
        self.fields["host"].queryset = User.objects.filter(groups__name=Role.CHAMPION.value)
        self.fields["host"].empty_label = "No champion host"
        self.fields["series"].queryset = Series.objects.order_by("title")
        self.fields["theme"].queryset = Theme.objects.order_by("kind", "order", "name")
        self.fields["region"].choices = [("", "No region"), *Region.choices]
        self.fields["series"].empty_label = "Not part of a series"
        self.fields["theme"].empty_label = "No theme"
        for name in ("kind", "access", "attendee_list_visibility"):
            self.fields[name].choices = [c for c in self.fields[name].choices if c[0]]
        self.fields["kind"].initial = EventKind.ROUND_TABLE
        self.fields["access"].initial = Access.INVITATION
        self.fields["attendee_list_visibility"].initial = AttendeeListVisibility.FACILITATORS
        choices = [
            Field.radios("kind", legend_size=Size.SMALL),
            Field.radios("access", legend_size=Size.SMALL),
            Field.select("series"),
        ]
        host = [Field.select("host")]
        if champion is not None:
            for name in ("kind", "access", "series", "host"):
                del self.fields[name]
            choices, host = [], []
        self.helper.layout = Layout(
            Field.text("title", label_size=Size.MEDIUM),
            *choices,
            Field.select("region"),
            Field.select("theme"),
            Field.textarea("summary"),
            Field.textarea("agenda"),
            Fieldset(
                Field("date", context={"legend_size": "govuk-fieldset__legend--s"}),
                Field.text("start_time"),
                Field.text("end_time"),
                legend="When is it? (UK time)",
                legend_size=Size.MEDIUM,
            ),
            Fieldset(
                Field.text("venue"),
                Field.text("online_url"),
                Field.text("capacity"),
                legend="Where is it?",
                legend_size=Size.MEDIUM,
            ),
            Fieldset(
                Field.select("speaker"),
                Field.textarea("speaker_briefing"),
                *host,
                legend="Speaker and host",
                legend_size=Size.MEDIUM,
            ),
            Fieldset(
                Field.checkbox("allow_deputies"),
                Field.radios("attendee_list_visibility", legend_size=Size.SMALL),
                legend="Invitations and attendees",
                legend_size=Size.MEDIUM,
            ),
            Field.textarea("case_links"),
        )

    def save(self, commit=True):
        if self.champion is not None:
            self.instance.kind = EventKind.OPEN_SESSION
            self.instance.access = Access.OPEN
            self.instance.host = self.champion
        return super().save(commit=commit)

    def clean(self):
        data = super().clean()
        day, start, end = data.get("date"), data.get("start_time"), data.get("end_time")
        if day and start and end:
            if end <= start:
                self.add_error("end_time", "End time must be after the start time")
            else:
                self.instance.starts_at = london_instant(day, start)
                self.instance.ends_at = london_instant(day, end)
        if not data.get("venue") and not data.get("online_url") and "online_url" not in self.errors:
            self.add_error("venue", "Enter a venue, an online link, or both")
        return data


class SeriesForm(GDSFormMixin, forms.ModelForm):
    submit_text = "Save series"

    class Meta:
        model = Series
        fields = ["title", "kind", "region", "description"]
        labels = {
            "title": "Title",
            "kind": "What kind of events are in it?",
            "region": "Region (optional)",
            "description": "Description (optional)",
        }
        widgets = {"kind": forms.RadioSelect, "description": forms.Textarea(attrs={"rows": 4})}
        error_messages = {"title": {"required": "Enter a title"}}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].choices = [("", "No region"), *Region.choices]
        self.fields["kind"].choices = [c for c in self.fields["kind"].choices if c[0]]
        self.helper.layout = Layout(
            Field.text("title", label_size=Size.MEDIUM),
            Field.radios("kind", legend_size=Size.SMALL),
            Field.select("region"),
            Field.textarea("description"),
        )


class CancelForm(GDSFormMixin, forms.Form):
    submit_text = "Cancel the event"

    reason = forms.CharField(
        label="Why is it cancelled?",
        help_text="This goes in the email to everyone invited.",
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Enter why the event is cancelled"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper.inputs[0].field_classes += " govuk-button--warning"
        self.helper.layout = Layout(Field.textarea("reason", label_size=Size.MEDIUM))


class InviteForm(GDSFormMixin, forms.Form):
    """Invite someone on the register, or someone who is not, by name and email."""

    submit_text = "Send invitation"

    person = PersonChoiceField(
        queryset=Person.objects.none(),
        required=False,
        label="Person",
        empty_label="Choose a person",
    )
    full_name = forms.CharField(label="Full name", max_length=200, required=False)
    email = forms.EmailField(
        label="Email address",
        required=False,
        help_text="Needed for someone without an account on the Hub.",
        error_messages={
            "invalid": "Enter an email address in the correct format, like name@example.com"
        },
    )
    organisation_name = forms.CharField(label="Organisation", max_length=200, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = people()
        self.fields["email"].widget.attrs["autocomplete"] = "off"
        self.helper.layout = Layout(
            Fieldset(
                Field.select("person"),
                legend="Someone on the register",
                legend_size=Size.MEDIUM,
            ),
            Fieldset(
                Field.text("full_name"),
                Field.text("email"),
                Field.text("organisation_name"),
                legend="Or someone who is not on the register",
                legend_size=Size.MEDIUM,
            ),
        )

    def clean(self):
        data = super().clean()
        person: Person | None = data.get("person")
        if "email" in self.errors:
            return data
        email = data.get("email", "")
        if person is not None:
            if data.get("full_name"):
                self.add_error(
                    "full_name", "Choose a person from the register or type a name, not both"
                )
            if person.user_id is not None and not email:
                data["email"] = person.user.email
            elif not email:
                self.add_error(
                    "email",
                    f"{person.full_name} has no account on the Hub: enter their email address",
                )
            return data
        if not data.get("full_name"):
            self.add_error("full_name", "Choose a person from the register or enter a full name")
        if not email:
            self.add_error("email", "Enter an email address")
        return data


class InviteCsvForm(GDSFormMixin, forms.Form):
    submit_text = "Upload and check"

    file = forms.FileField(
        label="Upload a CSV file",
        help_text=(
            "Columns: name, email, organisation, with a header row. "
            f"Up to {MAX_ROWS} people and {MAX_BYTES // 1024} KB."
        ),
        error_messages={"required": "Select a CSV file"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper.layout = Layout(Field("file"))


ATTENDANCE_CHOICES = [(Attendance.PRESENT, "Present"), (Attendance.ABSENT, "Absent")]


class AttendanceForm(GDSFormMixin, forms.Form):
    """Present or absent for each place; a place left blank stays not taken."""

    submit_text = "Save attendance"

    def __init__(self, *args, places: list[Invitation], **kwargs):
        super().__init__(*args, **kwargs)
        self.places = places
        for invitation in places:
            label = invitation.full_name
            if invitation.organisation_name:
                label += f", {invitation.organisation_name}"
            self.fields[self.field_name(invitation)] = forms.ChoiceField(
                label=label,
                choices=ATTENDANCE_CHOICES,
                required=False,
                widget=forms.RadioSelect,
                initial=invitation.attendance
                if invitation.attendance != Attendance.UNKNOWN
                else None,
            )
        self.helper.layout = Layout(
            *(
                Field.radios(self.field_name(p), legend_size=Size.SMALL, inline=True, small=True)
                for p in places
            )
        )

    @staticmethod
    def field_name(invitation: Invitation) -> str:
        return f"place_{invitation.pk}"

    def marks(self) -> dict[int, str]:
        return {
            invitation.pk: self.cleaned_data[self.field_name(invitation)] or Attendance.UNKNOWN
            for invitation in self.places
        }
