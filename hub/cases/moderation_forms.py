"""Forms of the editors' moderation pages: moving a record on, and checking a benefit's evidence."""

from crispy_forms_gds.choices import Choice
from django import forms

from hub.cases.models import EvidenceStatus, Status
from hub.cases.services import TRANSITIONS
from hub.core.forms import GDSFormMixin

MOVE_LABELS = {
    Status.SUBMITTED: (
        "Submit it for review",
        "Put it in the queue for review on the contributor's behalf.",
    ),
    Status.CHANGES_REQUESTED: (
        "Request changes",
        "The contributor can edit it, then submit it again.",
    ),
    Status.PUBLISHED: ("Publish it", "Everyone can find and read it."),
    Status.ARCHIVED: ("Archive it", "Only its contributor, contacts and editors can see it."),
}
REASON_REQUIRED = {
    Status.CHANGES_REQUESTED: "Give a reason, so the contributor knows what to change",
    Status.ARCHIVED: "Give a reason for archiving this record",
}


def allowed_moves(status: str) -> list[tuple[Status, bool]]:
    """Where a record in `status` may go next, and whether each move needs a reason."""
    return [(to, needs) for (start, to), needs in TRANSITIONS.items() if start == status]


class TransitionForm(GDSFormMixin, forms.Form):
    submit_text = "Confirm"

    to_status = forms.ChoiceField(
        label="What do you want to do with this record?",
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select what to do with this record",
            "invalid_choice": "Select one of the options: the record may have moved on meanwhile",
        },
    )
    reason = forms.CharField(
        label="Reason",
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=(
            "The contributor gets this in their email and it is kept in the record's history. "
            "You must give a reason to request changes or to archive."
        ),
        error_messages={"max_length": "The reason must be 4,000 characters or fewer"},
    )

    def __init__(self, *args, resource_status: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.moves = dict(allowed_moves(resource_status))
        choices = []
        for to in self.moves:
            label, hint = MOVE_LABELS[to]
            if resource_status == Status.PUBLISHED and to != Status.PUBLISHED:
                hint += " It stops being public at once."
            choices.append(Choice(to.value, label, hint=hint))
        self.fields["to_status"].choices = choices

    def clean(self):
        cleaned = super().clean()
        to_status = cleaned.get("to_status")
        reason = cleaned.get("reason", "").strip()
        if to_status and self.moves.get(Status(to_status)) and not reason:
            self.add_error("reason", REASON_REQUIRED.get(Status(to_status), "Give a reason"))
        return cleaned


class EvidenceForm(GDSFormMixin, forms.Form):
    submit_text = "Save evidence status"

    status = forms.ChoiceField(
        label="Is this benefit backed by evidence?",
        widget=forms.RadioSelect,
        choices=[
            Choice(
                EvidenceStatus.VERIFIED.value,
                "Verified",
                hint="You have seen evidence that supports the figure. Your name is shown.",
            ),
            Choice(
                EvidenceStatus.DISPUTED.value,
                "Disputed",
                hint="The evidence does not support it, or there is none. Say why below.",
            ),
        ],
        error_messages={"required": "Select verified or disputed"},
    )
    reason = forms.CharField(
        label="If you dispute it, say why",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Readers of the record see this beside the benefit.",
        error_messages={"max_length": "The reason must be 2,000 characters or fewer"},
    )

    def clean(self):
        cleaned = super().clean()
        reason = cleaned.get("reason", "").strip()
        if cleaned.get("status") == EvidenceStatus.DISPUTED and not reason:
            self.add_error("reason", "Say why the benefit is disputed")
        return cleaned
