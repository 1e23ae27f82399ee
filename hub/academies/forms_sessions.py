"""Forms of the session pages: checking in with the room's code, and taking attendance."""

from crispy_forms.layout import HTML
from crispy_forms_gds.layout import Field, Layout, Size
from django import forms
from django.utils.html import format_html

from hub.academies.attendance import MARKABLE
from hub.academies.models import Attendance, AttendanceStatus, Enrolment
from hub.core.forms import GDSFormMixin


class CheckInForm(GDSFormMixin, forms.Form):
    submit_text = "Check in"

    code = forms.CharField(
        label="Attendance code",
        help_text="The 6 letters and numbers shown on the screen in the room.",
        max_length=20,
        error_messages={"required": "Enter the attendance code shown in the room"},
    )

    def __init__(self, *args, action: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.helper.form_action = action
        self.fields["code"].widget.attrs.update(
            {"autocomplete": "off", "spellcheck": "false", "autocapitalize": "characters"}
        )
        self.helper.layout = Layout(Field.text("code", label_size=Size.MEDIUM, field_width=10))


ATTENDANCE_CHOICES = [(status.value, status.label) for status in MARKABLE]


class AttendanceForm(GDSFormMixin, forms.Form):
    """A fieldset of radios per participant, legend their name. Participants who enrolled after
    the session are listed, not editable; anyone left blank stays as they were."""

    submit_text = "Save attendance"

    def __init__(self, *args, places: list[Enrolment], records: dict[int, Attendance], **kwargs):
        super().__init__(*args, **kwargs)
        self.editable = []
        layout = []
        for enrolment in places:
            record = records.get(enrolment.pk)
            if record is not None and record.status == AttendanceStatus.NOT_YET_ENROLLED:
                layout.append(
                    HTML(
                        format_html(
                            '<div class="govuk-form-group"><h2 class="govuk-heading-s '
                            'govuk-!-margin-bottom-1">{}</h2><strong class="govuk-tag '
                            'govuk-tag--grey">Enrolled after this session</strong></div>',
                            enrolment.person.full_name,
                        )
                    )
                )
                continue
            name = self.field_name(enrolment)
            self.editable.append(enrolment)
            self.fields[name] = forms.ChoiceField(
                label=enrolment.person.full_name,
                help_text=self._recorded_hint(record),
                choices=ATTENDANCE_CHOICES,
                required=False,
                widget=forms.RadioSelect,
                initial=record.status if record else None,
            )
            layout.append(Field.radios(name, legend_size=Size.SMALL, inline=True, small=True))
        self.helper.layout = Layout(*layout)
        # The fields are radios added after GDSFormMixin looked: link errors to the first option.
        self.auto_id = "id_%s_1"

    @staticmethod
    def _recorded_hint(record: Attendance | None) -> str:
        if record is None:
            return "Not recorded yet"
        return record.get_method_display()

    @staticmethod
    def field_name(enrolment: Enrolment) -> str:
        return f"enrolment_{enrolment.pk}"

    def marks(self) -> dict[int, str]:
        return {e.pk: self.cleaned_data.get(self.field_name(e)) or None for e in self.editable}
