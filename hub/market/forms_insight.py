"""Filters for the supplier market's public pages: every field optional, invalid values ignored."""

from django import forms

from hub.market.models import Source


class MarketSearchForm(forms.Form):
    q = forms.CharField(label="Words or a CPV code", required=False, max_length=200)
    cpv = forms.CharField(label="CPV code", required=False, max_length=12)

    def filters(self) -> dict:
        if not self.is_valid():
            return {"cpv": "", "words": ""}
        return {"cpv": self.cleaned_data["cpv"].strip(), "words": self.cleaned_data["q"].strip()}


class ContractFilterForm(forms.Form):
    buyer = forms.CharField(label="Buyer", required=False, max_length=200)
    cpv = forms.CharField(
        label="CPV code",
        required=False,
        max_length=12,
        help_text="For example 48 (software) or 72000000 (IT services).",
    )
    source = forms.ChoiceField(
        label="Source", required=False, choices=[("", "Any source"), *Source.choices]
    )
    ending_within = forms.IntegerField(
        label="Ending within (months)", required=False, min_value=1, max_value=120
    )

    def filters(self) -> dict:
        if not self.is_valid():
            return {}
        data = self.cleaned_data
        return {
            "buyer": data["buyer"].strip(),
            "cpv": data["cpv"].strip(),
            "source": data["source"],
            "ending_within": data["ending_within"],
        }


class SupplierSearchForm(forms.Form):
    q = forms.CharField(label="Name or identifier", required=False, max_length=200)

    def query(self) -> str:
        return self.cleaned_data["q"].strip() if self.is_valid() else ""
