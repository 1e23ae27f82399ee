"""The one-question form behind a personal invitation link: can you come?"""

from crispy_forms_gds.layout import HTML, Field, Fieldset, Layout, Size
from django import forms

from hub.core.forms import GDSFormMixin
from hub.events.models import Invitation, PlaceStatus
from hub.events.services import Answer, Invitee

ACCEPT_NOTE = (
    '<p class="govuk-body">You get a place if one is left, or join the waiting list in '
    "order. We will email you either way.</p>"
)


class RespondForm(GDSFormMixin, forms.Form):
    submit_text = "Send my answer"

    answer = forms.ChoiceField(
        label="Can you come?",
        widget=forms.RadioSelect,
        error_messages={"required": "Select whether you can come"},
    )
    reason = forms.CharField(
        label="If you cannot come, why not? (optional)",
        help_text="The facilitator sees this. It helps them plan the next round table.",
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    deputy_name = forms.CharField(label="Your deputy's full name", required=False, max_length=200)
    deputy_email = forms.EmailField(
        label="Your deputy's email address",
        help_text="We will send them their own invitation link.",
        required=False,
        error_messages={"invalid": "Enter your deputy's email address, like name@council.gov.uk"},
    )

    def __init__(self, *args, invitation: Invitation, **kwargs):
        super().__init__(*args, **kwargs)
        self.invitation = invitation
        has_place = invitation.status in (PlaceStatus.ACCEPTED, PlaceStatus.WAITING)
        choices = []
        if not has_place:
            choices.append((Answer.ACCEPT, "Yes, I can come"))
        else:
            self.fields["answer"].label = "Can you still come?"
            self.fields["answer"].error_messages["required"] = "Select what you want to do"
        decline_label = (
            "No, I cannot come"
            if not has_place
            else "No, give up my place"
            if invitation.status == PlaceStatus.ACCEPTED
            else "No, take me off the waiting list"
        )
        choices.append((Answer.DECLINE, decline_label))
        deputy_label = "I will send a deputy in my place"
        if invitation.event.allow_deputies:
            choices.append((Answer.DEPUTY, deputy_label))
        self.fields["answer"].choices = choices

        # No conditional reveal: GOV.UK Frontend marks revealing radios aria-expanded, which
        # axe reports as an ARIA attribute radios may not have (WCAG 4.1.2). Each follow-up
        # question says when it applies instead.
        parts: list = [Field.radios("answer", legend_size=Size.MEDIUM)]
        if not has_place:
            parts.append(HTML(ACCEPT_NOTE))
        parts.append(Field.textarea("reason", rows=3))
        if invitation.event.allow_deputies:
            parts.append(
                Fieldset(
                    Field.text("deputy_name", autocomplete="off", spellcheck="false"),
                    Field.text("deputy_email", autocomplete="off", spellcheck="false"),
                    legend="If you are sending a deputy",
                    legend_size=Size.SMALL,
                )
            )
        self.helper.layout = Layout(*parts)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("answer") == Answer.DEPUTY:
            if not cleaned.get("deputy_name", "").strip():
                self.add_error("deputy_name", "Enter your deputy's full name")
            if not cleaned.get("deputy_email") and "deputy_email" not in self.errors:
                self.add_error("deputy_email", "Enter your deputy's email address")
        return cleaned

    def deputy(self) -> Invitee | None:
        if self.cleaned_data["answer"] != Answer.DEPUTY:
            return None
        return Invitee(
            full_name=self.cleaned_data["deputy_name"],
            email=self.cleaned_data["deputy_email"],
        )
