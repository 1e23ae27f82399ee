"""Forms of the evidence, findings, signposts and report pages."""

from crispy_forms_gds.layout import Field, Layout, Size
from django import forms

from hub.champions.forms_profiles import ServiceAreaChoiceField
from hub.core.forms import GDSFormMixin
from hub.peer_challenge.models import Finding, Judgement
from hub.taxonomy.models import ServiceArea


class EvidenceForm(GDSFormMixin, forms.Form):
    submit_text = "Add the evidence note"
    prefix = "evidence"

    summary = forms.CharField(
        label="What the evidence shows",
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={
            "required": "Enter what the evidence shows",
            "max_length": "The evidence note must be 5,000 characters or fewer",
        },
    )
    source = forms.CharField(
        label="Source (optional)",
        help_text="An interview, a document or a visit. No names are needed.",
        required=False,
        max_length=300,
        error_messages={"max_length": "The source must be 300 characters or fewer"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper.layout = Layout(
            Field.textarea("summary", label_size=Size.SMALL, rows=4),
            Field.text("source", label_size=Size.SMALL),
        )


class FindingForm(GDSFormMixin, forms.Form):
    submit_text = "Save the finding"
    prefix = "finding"

    judgement = forms.ChoiceField(
        label="Is it a strength or an area for development?",
        choices=Judgement.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select whether it is a strength or an area for development"},
    )
    title = forms.CharField(
        label="Title",
        help_text="The finding in a sentence.",
        max_length=200,
        error_messages={
            "required": "Enter the finding's title",
            "max_length": "The title must be 200 characters or fewer",
        },
    )
    detail = forms.CharField(
        label="What the peers found",
        help_text="You can use Markdown.",
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={
            "required": "Enter what the peers found",
            "max_length": "What the peers found must be 10,000 characters or fewer",
        },
    )
    recommendations = forms.CharField(
        label="Recommendations (optional)",
        help_text="One a line, starting with a dash.",
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"max_length": "The recommendations must be 5,000 characters or fewer"},
    )

    def __init__(self, *args, finding: Finding | None = None, **kwargs):
        if finding is not None:
            kwargs.setdefault(
                "initial",
                {
                    "judgement": finding.judgement,
                    "title": finding.title,
                    "detail": finding.detail,
                    "recommendations": finding.recommendations,
                    "service_areas": list(finding.service_areas.all()),
                },
            )
        super().__init__(*args, **kwargs)
        self.fields["service_areas"] = ServiceAreaChoiceField(
            queryset=ServiceArea.objects.order_by("label"),
            required=False,
            label="Service areas (optional)",
            help_text=(
                "From the Local Government Service List: they help the Hub find good practice. "
                "Hold Ctrl (or Cmd) to choose several."
            ),
            widget=forms.SelectMultiple(attrs={"size": 8}),
        )
        self.helper.layout = Layout(
            Field.radios("judgement", legend_size=Size.SMALL, small=True),
            Field.text("title", label_size=Size.SMALL),
            Field.textarea("detail", label_size=Size.SMALL, rows=6),
            Field.textarea("recommendations", label_size=Size.SMALL, rows=4),
            Field.select("service_areas"),
        )


class ReportSummaryForm(GDSFormMixin, forms.Form):
    submit_text = "Save the summary"

    report_summary = forms.CharField(
        label="Summary of the report",
        help_text="What the peers found overall, in a few paragraphs. You can use Markdown.",
        required=False,
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 8}),
        error_messages={"max_length": "The summary must be 20,000 characters or fewer"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper.layout = Layout(Field.textarea("report_summary", label_size=Size.MEDIUM))
