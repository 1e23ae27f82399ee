from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.forms import (
    AuthenticationForm,
    PasswordChangeForm,
    PasswordResetForm,
    SetPasswordForm,
)

from hub.accounts.models import User
from hub.accounts.roles import ROLE_DESCRIPTIONS, Role
from hub.core.forms import GDSFormMixin


class SignInForm(GDSFormMixin, AuthenticationForm):
    submit_text = "Sign in"
    error_messages = {
        "invalid_login": "Enter a correct email address and password",
        "inactive": "This account has been closed",
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].label = "Email address"
        self.fields["username"].widget.attrs.update(autocomplete="email", spellcheck="false")
        self.fields["username"].error_messages["required"] = "Enter your email address"
        self.fields["password"].error_messages["required"] = "Enter your password"


class RegisterForm(GDSFormMixin, forms.Form):
    submit_text = "Create account"

    full_name = forms.CharField(
        label="Full name",
        max_length=200,
        error_messages={"required": "Enter your full name"},
    )
    email = forms.EmailField(
        label="Email address",
        help_text="Use your work email address. We will send a link to reset your password here.",
        error_messages={
            "required": "Enter your email address",
            "invalid": "Enter an email address in the correct format, like name@council.gov.uk",
        },
    )
    password = forms.CharField(
        label="Create a password",
        help_text="Use at least 12 characters. Avoid common words and your name.",
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        error_messages={"required": "Create a password"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["full_name"].widget.attrs.update(autocomplete="name", spellcheck="false")
        self.fields["email"].widget.attrs.update(autocomplete="email", spellcheck="false")

    def clean_email(self) -> str:
        email = self.cleaned_data["email"].lower()
        if User.objects.filter(email__iexact=email).exists():
            raise forms.ValidationError(
                "An account already uses this email address. Sign in, or reset your password"
            )
        return email

    def clean(self):
        cleaned = super().clean()
        password = cleaned.get("password")
        if password:
            candidate = User(email=cleaned.get("email", ""), full_name=cleaned.get("full_name", ""))
            try:
                password_validation.validate_password(password, candidate)
            except forms.ValidationError as error:
                self.add_error("password", error)
        return cleaned


class HubPasswordResetForm(GDSFormMixin, PasswordResetForm):
    submit_text = "Send reset link"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].label = "Email address"
        self.fields["email"].error_messages["required"] = "Enter your email address"


class HubSetPasswordForm(GDSFormMixin, SetPasswordForm):
    submit_text = "Save password"


class HubPasswordChangeForm(GDSFormMixin, PasswordChangeForm):
    submit_text = "Change password"


class RolesForm(GDSFormMixin, forms.Form):
    submit_text = "Save roles"

    roles = forms.MultipleChoiceField(
        label="Roles",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        choices=[(role.value, role.label) for role in Role if role != Role.MEMBER],
        help_text="Every account is a member. Tick any further roles this person holds.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["roles"].choices = [
            (role.value, f"{role.label} – {ROLE_DESCRIPTIONS[role]}")
            for role in Role
            if role != Role.MEMBER
        ]


class _CodeForm(GDSFormMixin, forms.Form):
    """One code field; subclasses name it and say how the browser should fill it."""

    submit_text = "Continue"
    label = help_text = required_message = ""
    input_attrs: dict = {}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["code"] = forms.CharField(
            label=self.label,
            help_text=self.help_text,
            max_length=20,
            error_messages={"required": self.required_message},
        )
        self.fields["code"].widget.attrs.update(spellcheck="false", **self.input_attrs)


class AuthenticatorCodeForm(_CodeForm):
    """A 6-digit code from an authenticator app (spaces allowed, as apps show them)."""

    label = "Code from your authenticator app"
    help_text = "The 6-digit code your app shows for the Digital Leadership Hub"
    required_message = "Enter the 6-digit code from your authenticator app"
    input_attrs = {"autocomplete": "one-time-code", "inputmode": "numeric"}

    def clean_code(self) -> str:
        code = "".join(self.cleaned_data["code"].split())
        if not (code.isdigit() and len(code) == 6):
            raise forms.ValidationError("Enter the code as 6 digits, like 123456")
        return code


class BackupCodeForm(_CodeForm):
    label = "Backup code"
    help_text = "One of the backup codes you saved when you set up two-factor authentication"
    required_message = "Enter a backup code"
    input_attrs = {"autocomplete": "off"}
