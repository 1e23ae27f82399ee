"""Forms for cohorts: details, status, the schedule (up to 8 rows on one page), applying,
putting a participant forward, the sponsor's decision, and the list's filters."""

from crispy_forms_gds.layout import Field, Fieldset, Layout, Size
from django import forms

from hub.academies.cohorts import MAX_SESSIONS, STATUS_CHANGES, ScheduleRow, schedule_problems
from hub.academies.models import AcademyKind, Cohort, CohortStatus, Module, default_required_sectors
from hub.accounts.models import User
from hub.accounts.roles import Role
from hub.core.forms import GDSFormMixin, GovukDateField, TimeField, london_instant
from hub.organisations.forms import PersonChoiceField, people
from hub.organisations.models import PartnerKind, Person, Place, Region


class CohortFilterForm(forms.Form):
    """The cohort list's filters; invalid values are ignored."""

    academy = forms.ChoiceField(
        required=False, choices=[("", "Both academies"), *AcademyKind.choices]
    )
    region = forms.ChoiceField(required=False, choices=[("", "Any region"), *Region.choices])
    status = forms.ChoiceField(required=False, choices=[("", "Any status"), *CohortStatus.choices])

    def filters(self) -> dict:
        if not self.is_valid():
            return {}
        return {name: value for name, value in self.cleaned_data.items() if value}


class CohortForm(GDSFormMixin, forms.ModelForm):
    submit_text = "Save cohort"

    facilitators = forms.ModelMultipleChoiceField(
        queryset=User.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Facilitators",
        help_text="They run the cohort. If you choose nobody, you will be its facilitator.",
    )
    required_sectors = forms.MultipleChoiceField(
        choices=PartnerKind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Sectors the cohort needs",
        help_text="Digital Academy only: the Hub warns when nobody from one of them has applied.",
    )

    class Meta:
        model = Cohort
        fields = ["academy", "title", "place", "region", "capacity", "description"]
        labels = {
            "academy": "Academy",
            "title": "Title",
            "place": "Place",
            "region": "Region",
            "capacity": "Places",
            "description": "Description",
        }
        help_texts = {
            "title": "For example, Testshire Digital Academy 2026",
            "place": "Required for a Digital Academy: its participants come from the place's "
            "partner organisations.",
            "region": "Left blank, the place's region is used.",
            "capacity": "A Digital Academy cohort is about 30 people.",
        }
        widgets = {"academy": forms.RadioSelect}
        error_messages = {
            "academy": {"required": "Select the academy"},
            "title": {"required": "Enter the cohort's title"},
            "capacity": {"required": "Enter how many places the cohort has"},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["academy"].choices = AcademyKind.choices
        self.fields["place"].queryset = Place.objects.order_by("name")
        self.fields["place"].empty_label = "No place (Member Leadership Academy)"
        self.fields["region"].choices = [("", "No region"), *Region.choices]
        self.fields["facilitators"].queryset = (
            User.objects.filter(groups__name__in=[Role.FACILITATOR, Role.PROGRAMME_ADMIN])
            .distinct()
            .order_by("full_name", "pk")
        )
        self.fields["facilitators"].label_from_instance = lambda user: user.get_full_name()
        if self.instance.pk:
            self.fields["facilitators"].initial = list(self.instance.facilitators.all())
            self.fields["required_sectors"].initial = self.instance.required_sectors
        else:
            self.fields["required_sectors"].initial = default_required_sectors()
        self.helper.layout = Layout(
            Field.radios("academy", legend_size=Size.MEDIUM),
            Field.text("title", label_size=Size.SMALL),
            Field.select("place"),
            Field.select("region"),
            Field.text("capacity", field_width=4),
            Field.textarea("description"),
            Field.checkboxes("required_sectors", legend_size=Size.SMALL),
            Field.checkboxes("facilitators", legend_size=Size.SMALL),
        )

    def clean(self):
        data = super().clean()
        if data.get("academy") == AcademyKind.DIGITAL and not data.get("place"):
            self.add_error("place", "Select the place: a Digital Academy cohort belongs to a place")
        return data

    def values(self) -> dict:
        data = self.cleaned_data
        fields = {name: data[name] for name in self.Meta.fields}
        fields["required_sectors"] = list(data["required_sectors"])
        return fields


class CohortStatusForm(GDSFormMixin, forms.Form):
    submit_text = "Change status"

    status = forms.ChoiceField(
        widget=forms.RadioSelect,
        label="New status",
        error_messages={"required": "Select the cohort's new status"},
    )

    def __init__(self, *args, cohort: Cohort, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [
            (status.value, status.label) for status in STATUS_CHANGES[CohortStatus(cohort.status)]
        ]
        self.helper.layout = Layout(Field.radios("status", legend_size=Size.MEDIUM))


ROW_FIELDS = ("date", "starts", "ends", "module", "venue")


class ScheduleForm(GDSFormMixin, forms.Form):
    """Up to eight sessions on one page; blank rows are ignored, and the academy's rules are
    checked on the whole schedule."""

    submit_text = "Save schedule"

    def __init__(self, *args, cohort: Cohort, **kwargs):
        super().__init__(*args, **kwargs)
        self.cohort = cohort
        modules = Module.objects.filter(academy=cohort.academy).order_by("order", "title")
        fieldsets = []
        for number in range(1, MAX_SESSIONS + 1):
            noun = f"Date of session {number}"
            self.fields[f"date_{number}"] = GovukDateField(
                noun=noun, label="Date", required=False, help_text="For example, 27 3 2026"
            )
            self.fields[f"starts_{number}"] = TimeField(
                noun=f"Start time of session {number}",
                label="Start time",
                required=False,
                help_text="For example, 10:00",
            )
            self.fields[f"ends_{number}"] = TimeField(
                noun=f"End time of session {number}",
                label="End time",
                required=False,
                help_text="For example, 16:00",
            )
            self.fields[f"module_{number}"] = forms.ModelChoiceField(
                queryset=modules, required=False, label="Module", empty_label="No module yet"
            )
            self.fields[f"venue_{number}"] = forms.CharField(
                max_length=300, required=False, label="Venue"
            )
            fieldsets.append(
                Fieldset(
                    Field(f"date_{number}", context={"legend_size": "govuk-fieldset__legend--s"}),
                    Field.text(f"starts_{number}"),
                    Field.text(f"ends_{number}"),
                    Field.select(f"module_{number}"),
                    Field.text(f"venue_{number}"),
                    legend=f"Session {number}",
                    legend_size=Size.MEDIUM,
                )
            )
        self.helper.layout = Layout(*fieldsets)

    @classmethod
    def initial_for(cls, cohort: Cohort) -> dict:
        from django.utils import timezone

        initial = {}
        for session in cohort.sessions.all():
            starts = timezone.localtime(session.starts_at)
            ends = timezone.localtime(session.ends_at)
            number = session.number
            initial[f"date_{number}"] = starts.date()
            initial[f"starts_{number}"] = starts.strftime("%H:%M")
            initial[f"ends_{number}"] = ends.strftime("%H:%M")
            initial[f"module_{number}"] = session.module_id
            initial[f"venue_{number}"] = session.venue
        return initial

    def _filled(self, number: int) -> bool:
        prefix = self.add_prefix
        return any(
            str(value).strip()
            for name in ROW_FIELDS
            for key, value in self.data.items()
            if key == prefix(f"{name}_{number}") or key.startswith(prefix(f"{name}_{number}_"))
        )

    def clean(self):
        data = super().clean()
        rows = []
        for number in range(1, MAX_SESSIONS + 1):
            if not self._filled(number):
                continue
            missing = False
            for name, message in (
                ("date", f"Enter the date of session {number}"),
                ("starts", f"Enter the start time of session {number}, for example 10:00"),
                ("ends", f"Enter the end time of session {number}, for example 16:00"),
            ):
                key = f"{name}_{number}"
                if data.get(key) is None:
                    missing = True
                    if key not in self.errors:
                        self.add_error(key, message)
            if missing:
                continue
            day = data[f"date_{number}"]
            rows.append(
                ScheduleRow(
                    starts_at=london_instant(day, data[f"starts_{number}"]),
                    ends_at=london_instant(day, data[f"ends_{number}"]),
                    module=data.get(f"module_{number}"),
                    venue=data.get(f"venue_{number}", ""),
                )
            )
        if not self.errors:
            for problem in schedule_problems(self.cohort.academy, rows):
                self.add_error(None, problem)
        self.rows = rows
        return data


class SponsorFields(forms.Form):
    sponsor_name = forms.CharField(
        max_length=200,
        label="Sponsor's full name",
        error_messages={"required": "Enter your sponsor's full name"},
    )
    sponsor_job_title = forms.CharField(
        max_length=200,
        label="Sponsor's job title",
        help_text="Your chief executive or a director.",
        error_messages={"required": "Enter your sponsor's job title"},
    )
    sponsor_email = forms.EmailField(
        label="Sponsor's email address",
        help_text="We will send them a link to approve your application.",
        error_messages={
            "required": "Enter your sponsor's email address",
            "invalid": "Enter an email address in the correct format, like name@example.com",
        },
    )

    def sponsor(self) -> dict:
        return {name: self.cleaned_data[name] for name in SponsorFields.base_fields}


class ApplyForm(GDSFormMixin, SponsorFields):
    submit_text = "Send application to your sponsor"

    motivation = forms.CharField(
        widget=forms.Textarea,
        max_length=3000,
        label="What do you want to change in your place?",
        help_text="A few lines about what you want to achieve by taking part.",
        error_messages={"required": "Enter what you want to change"},
    )
    field_order = ["motivation", *SponsorFields.base_fields]


class AddParticipantForm(GDSFormMixin, SponsorFields):
    submit_text = "Add participant and email their sponsor"

    person = PersonChoiceField(
        queryset=Person.objects.none(),
        label="Person",
        empty_label="Choose a person",
        error_messages={"required": "Choose the person from the register"},
    )
    motivation = forms.CharField(
        widget=forms.Textarea, max_length=3000, required=False, label="Notes for the sponsor"
    )
    field_order = ["person", "motivation", *SponsorFields.base_fields]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = people()


class SponsorDecisionForm(GDSFormMixin, forms.Form):
    submit_text = "Send your answer"

    decision = forms.ChoiceField(
        widget=forms.RadioSelect,
        choices=[("approve", "Approve"), ("decline", "Do not approve")],
        label="Do you support this application?",
        error_messages={"required": "Select whether you support this application"},
    )
    comment = forms.CharField(
        widget=forms.Textarea, max_length=2000, required=False, label="Comment (optional)"
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper.layout = Layout(
            Field.radios("decision", legend_size=Size.MEDIUM), Field.textarea("comment")
        )


class WithdrawForm(GDSFormMixin, forms.Form):
    submit_text = "Withdraw"
