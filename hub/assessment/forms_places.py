"""Forms of the place spaces: the list's filters, leads, the board and a joint assessment."""

from django import forms
from django.core.validators import MaxLengthValidator

from hub.assessment.models import BoardEntry, BoardEntryKind
from hub.core.forms import GDSFormMixin
from hub.organisations.forms import PersonChoiceField, people
from hub.organisations.models import Organisation, Person, Place, Region


class PlaceFilterForm(forms.Form):
    """The place list's filters; invalid values are ignored."""

    q = forms.CharField(label="Place name", required=False, max_length=100)
    region = forms.ChoiceField(
        label="Region", required=False, choices=[("", "Any region"), *Region.choices]
    )

    def filters(self) -> dict:
        if not self.is_valid():
            return {}
        return {name: value.strip() for name, value in self.cleaned_data.items() if value.strip()}


class PlaceLeadForm(GDSFormMixin, forms.Form):
    submit_text = "Add lead"

    person = PersonChoiceField(
        queryset=Person.objects.none(),
        label="Person",
        help_text="Someone from the register who works for one of the place's partners. They "
        "lead their organisation's part in the place's joint work.",
        empty_label="Choose a person",
        error_messages={"required": "Choose the person from the register"},
    )

    def __init__(self, *args, place: Place, **kwargs):
        super().__init__(*args, **kwargs)
        # Only people of the place's partners: the lead speaks for one of them.
        self.fields["person"].queryset = people().filter(
            organisation__place_memberships__place=place
        )


class BoardEntryForm(GDSFormMixin, forms.ModelForm):
    submit_text = "Post to the board"

    class Meta:
        model = BoardEntry
        fields = ["kind", "title", "body"]
        labels = {"kind": "Is this a note or a decision?", "title": "Title", "body": "Text"}
        help_texts = {
            "body": "You can use Markdown: *emphasis*, lists with a dash, [links](https://...)."
        }
        widgets = {"kind": forms.RadioSelect, "body": forms.Textarea(attrs={"rows": 6})}
        error_messages = {
            "kind": {"required": "Select whether this is a note or a decision"},
            "title": {"required": "Enter a title"},
            "body": {"required": "Enter the text"},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = BoardEntryKind.choices
        self.fields["kind"].initial = BoardEntryKind.NOTE
        self.fields["body"].validators.append(
            MaxLengthValidator(10_000, "The text must be 10,000 characters or fewer")
        )


class PlaceAssessmentStartForm(GDSFormMixin, forms.Form):
    submit_text = "Start the joint assessment"

    title = forms.CharField(
        label="Title (optional)",
        required=False,
        max_length=150,
        help_text="For example, the year or the reason. Left blank, it is named after the place "
        "and this month.",
    )
    organisations = forms.ModelMultipleChoiceField(
        queryset=Organisation.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        label="Which partners take part?",
        help_text="Each one answers as its own team, led by its lead for the place.",
        error_messages={"required": "Select at least one partner organisation"},
    )

    def __init__(self, *args, place: Place, **kwargs):
        super().__init__(*args, **kwargs)
        partners = Organisation.objects.filter(place_memberships__place=place).order_by("name")
        self.fields["organisations"].queryset = partners
        self.fields["organisations"].initial = [o.pk for o in partners]
