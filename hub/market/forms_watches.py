"""Forms for councils' market watches."""

from django import forms

from hub.core.forms import GDSFormMixin
from hub.market.models import WatchKind


class WatchForm(GDSFormMixin, forms.Form):
    submit_text = "Start watching"

    kind = forms.ChoiceField(
        label="What do you want to watch?",
        choices=WatchKind.choices,
        widget=forms.RadioSelect,
        initial=WatchKind.EXPIRING,
        error_messages={"required": "Select what you want to watch"},
    )
    months_ahead = forms.IntegerField(
        label="For your council's contracts: how many months ahead?",
        help_text="We tell you about contracts that end within this many months. Usually 18.",
        min_value=1,
        max_value=60,
        initial=18,
        required=False,
        error_messages={
            "invalid": "Enter the number of months as a whole number, like 18",
            "min_value": "Enter a number of months from 1 to 60",
            "max_value": "Enter a number of months from 1 to 60",
        },
    )
    cpv_prefix = forms.CharField(
        label="For a category: CPV code or its start (optional)",
        help_text="2 to 8 digits, for example 48 (software) or 7221 (software development).",
        max_length=8,
        required=False,
    )
    keywords = forms.CharField(
        label="For a category: words in the contract's title or description (optional)",
        help_text="Every word must appear, for example: housing management.",
        max_length=200,
        required=False,
    )

    def clean_cpv_prefix(self) -> str:
        value = self.cleaned_data["cpv_prefix"].strip().replace(" ", "")
        if value and (not value.isdigit() or not 2 <= len(value) <= 8):
            raise forms.ValidationError("Enter a CPV code or its start as 2 to 8 digits, like 48")
        return value

    def clean(self):
        data = super().clean()
        kind = data.get("kind")
        if kind == WatchKind.EXPIRING and "months_ahead" not in self.errors:
            data["months_ahead"] = data.get("months_ahead") or 18
            data["cpv_prefix"] = ""
            data["keywords"] = ""
        if kind == WatchKind.CATEGORY:
            data["months_ahead"] = data.get("months_ahead") or 18
            if not data.get("cpv_prefix") and not (data.get("keywords") or "").strip():
                if "cpv_prefix" not in self.errors:
                    self.add_error("cpv_prefix", "Enter a CPV code or words for the category")
        return data
