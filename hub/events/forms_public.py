"""The events list's filters: read from the query string; values it does not know are ignored."""

from django import forms

from hub.events.models import EventKind
from hub.events.selectors import PAST, UPCOMING, EventFilters
from hub.organisations.models import Region
from hub.taxonomy.models import Theme

WHEN_CHOICES = [(UPCOMING, "Upcoming"), (PAST, "Past")]


class EventFilterForm(forms.Form):
    when = forms.ChoiceField(choices=WHEN_CHOICES, required=False, widget=forms.RadioSelect)
    kind = forms.ChoiceField(
        label="Type", choices=[("", "All types"), *EventKind.choices], required=False
    )
    region = forms.ChoiceField(
        label="Region", choices=[("", "All regions"), *Region.choices], required=False
    )
    theme = forms.ChoiceField(label="Theme", required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["theme"].choices = [
            ("", "All themes"),
            *Theme.objects.values_list("slug", "name"),
        ]

    def filters(self) -> EventFilters:
        """The valid filters; a value that is not one of the choices is left out."""
        self.is_valid()  # cleaned_data then holds the fields that are valid
        data = getattr(self, "cleaned_data", {})
        return EventFilters(
            when=data.get("when") or UPCOMING,
            kind=data.get("kind", ""),
            region=data.get("region", ""),
            theme=data.get("theme", ""),
        )
