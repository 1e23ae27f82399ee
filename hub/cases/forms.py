"""Forms of the good practice database pages: adoption, questions, saved searches."""

import re

from django import forms
from django.core.exceptions import ValidationError

from hub.cases.models import AlertFrequency, Resource
from hub.cases.selectors import published_resources
from hub.core.forms import GDSFormMixin
from hub.organisations.models import Organisation


class AdoptionForm(GDSFormMixin, forms.Form):
    submit_text = "Record reuse"

    organisation = forms.ModelChoiceField(
        label="Which organisation reused it?",
        queryset=Organisation.objects.filter(is_current=True).order_by("name"),
        error_messages={"required": "Select the organisation that reused it"},
    )
    cost_pounds = forms.IntegerField(
        label="What did it cost to reuse, in pounds?",
        required=False,
        min_value=0,
        help_text="Leave blank if you do not know.",
        error_messages={
            "min_value": "Cost must be 0 or more",
            "invalid": "Enter the cost as a whole number of pounds",
        },
    )
    months_to_live = forms.IntegerField(
        label="How many months did it take to go live?",
        required=False,
        min_value=0,
        max_value=120,
        error_messages={"invalid": "Enter the number of months as a whole number"},
    )
    notes = forms.CharField(
        label="What did you change? (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        person = getattr(user, "person", None) if user is not None else None
        if person is not None and not user.has_perm("cases.moderate"):
            # Members record reuse for their own organisation only.
            self.fields["organisation"].queryset = Organisation.objects.filter(
                pk=person.organisation_id
            )
            self.fields["organisation"].initial = person.organisation_id


class QuestionForm(GDSFormMixin, forms.Form):
    submit_text = "Send question"

    text = forms.CharField(
        label="Your question",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=(
            "The people behind this work will get your question by email with your name, "
            "organisation and email address, so they can reply to you."
        ),
        error_messages={
            "required": "Enter your question",
            "max_length": "Your question must be 2,000 characters or fewer",
        },
    )


class SavedSearchForm(GDSFormMixin, forms.Form):
    submit_text = "Save search"

    name = forms.CharField(
        label="Name this search",
        max_length=120,
        error_messages={"required": "Enter a name for this search"},
    )
    frequency = forms.ChoiceField(
        label="How often should we email you new matches?",
        choices=AlertFrequency.choices,
        widget=forms.RadioSelect,
        initial=AlertFrequency.WEEKLY,
        error_messages={"required": "Select how often you want an email"},
    )


_CASE_ADDRESS = re.compile(r"(?:^|/cases/)([-\w]+)/?$")


class CaseLinksField(forms.CharField):
    """Addresses (or slugs) of published good practice cases, one a line -> their records."""

    widget = forms.Textarea(attrs={"rows": 3})

    def to_python(self, value) -> list[Resource]:  # type: ignore[override]
        lines = [line.strip() for line in (super().to_python(value) or "").splitlines()]
        slugs, unreadable = [], []
        for line in filter(None, lines):
            match = _CASE_ADDRESS.search(line.split("?")[0].split("#")[0])
            (slugs if match else unreadable).append(match[1] if match else line)
        found = {case.slug: case for case in published_resources().filter(slug__in=slugs)}
        missing = unreadable + [slug for slug in slugs if slug not in found]
        if missing:
            raise ValidationError(
                "These are not addresses of published good practice cases: "
                + ", ".join(missing[:5])
            )
        return list({slug: found[slug] for slug in slugs}.values())

    def validate(self, value) -> None:
        if self.required and not value:
            raise ValidationError(self.error_messages["required"], code="required")


def cases_as_links(cases) -> str:
    return "\n".join(case.get_absolute_url() for case in cases)
