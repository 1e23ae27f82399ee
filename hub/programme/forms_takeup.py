"""Filters for the take-up pages; every field is optional and invalid values are ignored."""

from django import forms

from hub.organisations.models import COUNCIL_KINDS, Nation, Region
from hub.programme.takeup import ELEMENTS, TakeUpFilters

USE_CHOICES = [("", "Any"), ("used", "Used"), ("not_used", "Not used")]


class CouncilFilterForm(forms.Form):
    region = forms.ChoiceField(
        label="Region", required=False, choices=[("", "Any region"), *Region.choices]
    )
    kind = forms.ChoiceField(
        label="Kind of council",
        required=False,
        choices=[("", "Any kind"), *[(kind.value, kind.label) for kind in COUNCIL_KINDS]],
    )
    nation = forms.ChoiceField(
        label="Nation", required=False, choices=[("", "Any nation"), *Nation.choices]
    )

    def filters(self) -> TakeUpFilters:
        if not self.is_valid():
            return TakeUpFilters()
        return TakeUpFilters(**self.cleaned_data)


class TakeUpFilterForm(CouncilFilterForm):
    element = forms.ChoiceField(
        label="Programme element",
        required=False,
        choices=[("", "Any element"), *[(element.key, element.label) for element in ELEMENTS]],
    )
    use = forms.ChoiceField(
        label="Used or not",
        required=False,
        choices=USE_CHOICES,
        help_text="With no element chosen: used any element, or none.",
    )
