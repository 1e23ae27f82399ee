"""Form helpers for GOV.UK forms rendered by crispy-forms-gds."""

import re
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from crispy_forms_gds.fields import DateInputField
from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Submit
from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator


def gds_helper(submit_text: str = "Continue", *, method: str = "post") -> FormHelper:
    """A FormHelper with one submit button; the error summary needs `form.helper` set."""
    helper = FormHelper()
    helper.form_method = method
    # GOV.UK forms turn off the browser's own validation so the error summary is shown instead.
    helper.attrs = {"novalidate": True}
    helper.add_input(Submit("submit", submit_text))
    return helper


# crispy-forms-gds marks only text inputs, selects and textareas in error; these need it too.
_ERROR_CLASSES = {
    "EmailInput": "govuk-input--error",
    "PasswordInput": "govuk-input--error",
    "NumberInput": "govuk-input--error",
    "URLInput": "govuk-input--error",
    "DateInput": "govuk-input--error",
    "Select": "govuk-select--error",
}


_NUMBERED_WIDGETS = (forms.RadioSelect, forms.CheckboxSelectMultiple)


class GDSFormMixin:
    """Gives a form a GOV.UK FormHelper (and so an error summary) with its submit text."""

    submit_text = "Continue"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = gds_helper(self.submit_text)
        if any(isinstance(f.widget, _NUMBERED_WIDGETS) for f in self.fields.values()):
            # crispy-forms-gds numbers radios and checkboxes id_<name>_1, _2... but its error
            # summary links to the field's id: this makes that link reach the first option.
            self.auto_id = "id_%s_1"

    def full_clean(self):
        super().full_clean()
        for name in self.errors:
            field = self.fields.get(name)
            error_class = field and _ERROR_CLASSES.get(field.widget.__class__.__name__)
            if error_class:
                classes = field.widget.attrs.get("class", "")
                field.widget.attrs["class"] = f"{classes} {error_class}".strip()


class GovukDateField(DateInputField):
    """A GOV.UK date input (day, month, year) whose errors name the date they are about."""

    def __init__(self, *, noun: str, **kwargs):
        super().__init__(require_all_fields=False, **kwargs)
        self.noun = noun
        for subfield, part in zip(self.fields, ("day", "month", "year"), strict=True):
            subfield.error_messages["incomplete"] = f"{noun} must include a {part}"
            subfield.validators = [RegexValidator(r"^[0-9]+$", f"{noun} must be a real date")]

    def compress(self, data_list) -> date | None:
        day, month, year = data_list
        if not (day and month and year):
            return None
        if len(year) != 4:
            raise ValidationError(f"The year of the {self.noun.lower()} must include 4 numbers")
        try:
            return date(day=int(day), month=int(month), year=int(year))
        except ValueError as error:
            raise ValidationError(f"{self.noun} must be a real date") from error


# Dates and times are typed in Europe/London and stored as UTC instants.
LONDON = ZoneInfo("Europe/London")

# "14:00", "9:30", "2pm", "9.30am", "12 midday", "12 noon"
_TIME = re.compile(r"^(\d{1,2})(?:[:.](\d{2}))?\s*(am|pm)?$")


def parse_time(text: str) -> time | None:
    """A time as people type it, 24-hour or with am/pm; None if it is not one."""
    text = text.strip().lower().replace(" ", "")
    if text in {"12midday", "midday", "12noon", "noon"}:
        return time(12, 0)
    if text in {"12midnight", "midnight"}:
        return time(0, 0)
    match = _TIME.match(text)
    if not match:
        return None
    hour, minute, suffix = int(match[1]), int(match[2] or 0), match[3]
    if suffix:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if suffix == "pm" else 0)
    elif match[2] is None:
        return None  # "14" alone is too easy to misread
    if hour > 23 or minute > 59:
        return None
    return time(hour, minute)


def london_instant(day: date, moment: time) -> datetime:
    """The UTC instant of a wall-clock time in London on that day (BST or GMT)."""
    return datetime.combine(day, moment, tzinfo=LONDON).astimezone(ZoneInfo("UTC"))


class TimeField(forms.CharField):
    def __init__(self, *, noun: str, **kwargs):
        self.noun = noun
        kwargs.setdefault(
            "error_messages", {"required": f"Enter the {noun.lower()}, for example 14:00"}
        )
        super().__init__(**kwargs)
        self.widget.attrs.update({"class": "govuk-input--width-5", "maxlength": "12"})
        self.widget.attrs["autocomplete"] = "off"

    def to_python(self, value):
        text = super().to_python(value)
        if not text:
            return None
        parsed = parse_time(text)
        if parsed is None:
            raise ValidationError(f"Enter the {self.noun.lower()} as a time, for example 14:00")
        return parsed
