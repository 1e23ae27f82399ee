"""The one-question form behind a personal invitation link: can you come?"""

from crispy_forms_gds.layout import HTML, ConditionalQuestion, ConditionalRadios, Field, Layout
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
        label="Why can you not come? (optional)",
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
        # Conditional radios number their options from 0, not 1 as plain radios do: the error
        # summary's link must reach the first option.
        self.auto_id = "id_%s_0"
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

        questions: list = [
            ConditionalQuestion(decline_label, Field.textarea("reason", rows=3)),
        ]
        if not has_place:
            # Revealing a line, not nothing: each radio's aria-controls must name an element.
            questions.insert(0, ConditionalQuestion("Yes, I can come", HTML(ACCEPT_NOTE)))
        if invitation.event.allow_deputies:
            questions.append(
                ConditionalQuestion(
                    deputy_label,
                    Field.text("deputy_name", autocomplete="off", spellcheck="false"),
                    Field.text("deputy_email", autocomplete="off", spellcheck="false"),
                )
            )
        self.helper.layout = Layout(ConditionalRadios("answer", *questions))

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
