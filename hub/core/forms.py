"""Form helpers for GOV.UK forms rendered by crispy-forms-gds."""

from datetime import date

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
