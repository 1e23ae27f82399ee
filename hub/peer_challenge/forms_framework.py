"""Forms for editing a draft version of the lines of enquiry (programme staff)."""

from crispy_forms_gds.layout import Field, Layout
from django import forms

from hub.core.forms import GDSFormMixin
from hub.peer_challenge.models import CoreElement, EnquiryFramework, LineOfEnquiry


class FrameworkDetailsForm(GDSFormMixin, forms.ModelForm):
    submit_text = "Save the details"

    class Meta:
        model = EnquiryFramework
        fields = ["title", "introduction", "change_note"]
        labels = {
            "title": "Title",
            "introduction": "Introduction",
            "change_note": "What changed from the last version",
        }
        help_texts = {
            "introduction": "Shown above the lines of enquiry. You can use Markdown.",
            "change_note": "Programme staff see this in the list of versions.",
        }
        error_messages = {"title": {"required": "Enter a title"}}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper.layout = Layout(
            Field.text("title"),
            Field.textarea("introduction", rows=8),
            Field.textarea("change_note", rows=4),
        )


class ElementForm(GDSFormMixin, forms.ModelForm):
    submit_text = "Save the core element"

    class Meta:
        model = CoreElement
        fields = ["title", "description"]
        labels = {"title": "Title", "description": "Description"}
        error_messages = {
            "title": {"required": "Enter a title"},
            "description": {"required": "Enter a description"},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper.layout = Layout(Field.text("title"), Field.textarea("description", rows=4))


class LineForm(GDSFormMixin, forms.ModelForm):
    submit_text = "Save the line of enquiry"

    class Meta:
        model = LineOfEnquiry
        fields = ["title", "prompts"]
        labels = {"title": "Line of enquiry", "prompts": "Prompts"}
        help_texts = {
            "title": "A question the peer team answers, for example “Are the savings from "
            "digital change planned and delivered?”",
            "prompts": "Questions peers can ask, one a line, each starting with “- ”.",
        }
        error_messages = {
            "title": {"required": "Enter the line of enquiry"},
            "prompts": {"required": "Enter at least one prompt"},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper.layout = Layout(Field.text("title"), Field.textarea("prompts", rows=8))
