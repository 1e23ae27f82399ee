from django import forms
from django.contrib.auth import authenticate

from hub.core.forms import GDSFormMixin
from hub.privacy.audit import RECORD_TYPES

DATE_FORMATS = ["%d/%m/%Y", "%d/%m/%y", "%Y-%m-%d"]


class ErasureReasonForm(GDSFormMixin, forms.Form):
    submit_text = "Continue"
    reason = forms.CharField(
        label="Why do you want your data erased? (optional)",
        help_text="This helps the programme improve. You do not have to say.",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class ErasureConfirmForm(GDSFormMixin, forms.Form):
    submit_text = "Ask for my data to be erased"
    password = forms.CharField(
        label="Your password",
        help_text="So we know it is you asking.",
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        error_messages={"required": "Enter your password"},
    )

    def __init__(self, *args, request, **kwargs):
        self.request = request
        super().__init__(*args, **kwargs)

    def clean_password(self):
        password = self.cleaned_data["password"]
        user = self.request.user
        # Through authenticate, so django-axes counts wrong passwords here as at sign-in.
        if authenticate(self.request, username=user.email, password=password) != user:
            raise forms.ValidationError("The password is not right")
        return password


class RefuseForm(GDSFormMixin, forms.Form):
    submit_text = "Refuse the request"
    reason = forms.CharField(
        label="Why is the request refused?",
        help_text="The person is told this reason. Name the legal ground, for example a legal "
        "obligation to keep the data.",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Enter why the request is refused"},
    )


class CarryOutForm(GDSFormMixin, forms.Form):
    submit_text = "Erase their data"
    confirm = forms.BooleanField(
        label="I have checked there is no legal reason to keep this person's data",
        error_messages={"required": "Confirm there is no legal reason to keep the data"},
    )


class ChangeFilterForm(forms.Form):
    record_type = forms.ChoiceField(
        label="Kind of record",
        required=False,
        choices=[("", "Any kind")] + [(r.key, r.label) for r in RECORD_TYPES.values()],
    )
    person = forms.CharField(label="Changed by", required=False, max_length=200)
    from_date = forms.DateField(
        label="From",
        required=False,
        input_formats=DATE_FORMATS,
        error_messages={"invalid": "Enter the from date as a date, for example 27/3/2026"},
    )
    to_date = forms.DateField(
        label="To",
        required=False,
        input_formats=DATE_FORMATS,
        error_messages={"invalid": "Enter the to date as a date, for example 27/3/2026"},
    )

    def clean(self):
        data = super().clean()
        if data.get("from_date") and data.get("to_date") and data["from_date"] > data["to_date"]:
            self.add_error("to_date", "The to date must be the same as or after the from date")
        return data
