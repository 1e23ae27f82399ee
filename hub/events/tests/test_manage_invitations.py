"""The facilitator's view of invitations, resending links and inviting one person."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from hub.accounts.roles import Role
from hub.accounts.tests.factories import UserFactory
from hub.events import services
from hub.events.models import Invitation, PlaceStatus
from hub.events.tests.factories import EventFactory, InvitationFactory
from hub.organisations.tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def event(client, user_with_role):
    runner = user_with_role(Role.FACILITATOR)
    client.force_login(runner)
    return EventFactory(facilitators=[runner], capacity=2)


@pytest.fixture
def emails(monkeypatch):
    sent = []
    monkeypatch.setattr(services, "email_on_commit", lambda **mail: sent.append(mail))
    return sent


def test_every_invitation_is_shown_by_status_with_counts(client, event):
    now = timezone.now()
    InvitationFactory(event=event, full_name="Ada Accepted", status=PlaceStatus.ACCEPTED)
    InvitationFactory(
        event=event, full_name="Wyn Second", status=PlaceStatus.WAITING, waiting_since=now
    )
    InvitationFactory(
        event=event,
        full_name="Wes First",
        status=PlaceStatus.WAITING,
        waiting_since=now - timedelta(hours=1),
    )
    InvitationFactory(event=event, full_name="Ian Invited")
    InvitationFactory(
        event=event,
        full_name="Dee Declined",
        status=PlaceStatus.DECLINED,
        decline_reason="Budget meeting that day",
    )
    original = InvitationFactory(
        event=event, full_name="Olu Original", status=PlaceStatus.DEPUTISED
    )
    InvitationFactory(
        event=event, full_name="Dev Deputy", status=PlaceStatus.ACCEPTED, deputy_for=original
    )
    InvitationFactory(event=event, full_name="Will Withdrawn", status=PlaceStatus.WITHDRAWN)
    html = client.get(reverse("events:invitations", args=[event.slug])).content.decode()
    assert '<dd class="govuk-summary-list__value" id="places-left">0</dd>' in html
    for heading in (
        "Accepted (2)",
        "On the waiting list (2)",
        "No answer yet (1)",
        "Declined (1)",
        "Sent a deputy (1)",
        "Withdrawn (1)",
    ):
        assert heading in html
    assert html.index("Wes First") < html.index("Wyn Second")
    assert "Budget meeting that day" in html
    assert "Deputy for Olu Original" in html
    assert "Dev Deputy (accepted)" in html


def test_places_left_counts_only_accepted_places(client, event):
    InvitationFactory(event=event, status=PlaceStatus.ACCEPTED)
    InvitationFactory(event=event, status=PlaceStatus.DECLINED)
    response = client.get(reverse("events:invitations", args=[event.slug]))
    assert response.context["places_left"] == 1


def test_resending_issues_a_new_link(client, event, emails):
    invitation = InvitationFactory(event=event)
    old_hash = invitation.token_hash
    response = client.post(reverse("events:resend", args=[event.slug, invitation.pk]))
    assert response.status_code == 302
    invitation.refresh_from_db()
    assert invitation.token_hash != old_hash
    assert [mail["to"] for mail in emails] == [[invitation.email]]


def test_resend_is_refused_for_a_decline_and_for_another_events_invitation(client, event, emails):
    declined = InvitationFactory(event=event, status=PlaceStatus.DECLINED)
    elsewhere = InvitationFactory()
    client.post(reverse("events:resend", args=[event.slug, declined.pk]))
    response = client.post(reverse("events:resend", args=[event.slug, elsewhere.pk]))
    assert response.status_code == 404
    assert emails == []


def test_resend_needs_a_post(client, event):
    invitation = InvitationFactory(event=event)
    response = client.get(reverse("events:resend", args=[event.slug, invitation.pk]))
    assert response.status_code == 405


def _invite(client, event, **data):
    fields = {"person": "", "full_name": "", "email": "", "organisation_name": ""}
    return client.post(reverse("events:invite", args=[event.slug]), {**fields, **data})


def test_inviting_someone_on_the_register_uses_their_account_email(client, event, emails):
    person = PersonFactory(user=UserFactory(email="Chief.Exec@Testshire.gov.uk"))
    response = _invite(client, event, person=str(person.pk))
    assert response.status_code == 302
    invitation = Invitation.objects.get(event=event)
    assert invitation.email == "chief.exec@testshire.gov.uk"
    assert invitation.person == person
    assert invitation.user == person.user
    assert invitation.organisation_name == person.organisation.name
    assert [mail["subject"] for mail in emails] == [f"Invitation: {event.title}"]


def test_someone_on_the_register_without_an_account_needs_an_email(client, event, emails):
    person = PersonFactory(user=None)
    response = _invite(client, event, person=str(person.pk))
    assert "has no account on the Hub: enter their email address" in response.content.decode()
    assert not Invitation.objects.exists()
    _invite(client, event, person=str(person.pk), email="ce@example.org")
    assert Invitation.objects.get().person == person


def test_inviting_someone_without_an_account_by_email(client, event, emails):
    response = _invite(
        client, event, full_name="Sam Jones", email="sam@example.org", organisation_name="NHS"
    )
    assert response.status_code == 302
    invitation = Invitation.objects.get()
    assert (invitation.full_name, invitation.organisation_name) == ("Sam Jones", "NHS")
    assert invitation.user is None
    assert invitation.invited_by is not None


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({}, "Choose a person from the register or enter a full name"),
        ({"full_name": "Sam"}, "Enter an email address"),
        ({"full_name": "Sam", "email": "not-an-email"}, "Enter an email address in the correct"),
    ],
)
def test_invite_form_errors_are_summarised(client, event, data, message):
    response = _invite(client, event, **data)
    html = response.content.decode()
    assert "govuk-error-summary" in html
    assert message in html
    assert not Invitation.objects.exists()


def test_inviting_the_same_email_twice_is_refused(client, event, emails):
    InvitationFactory(event=event, email="sam@example.org")
    response = _invite(client, event, full_name="Sam", email="SAM@example.org")
    assert "sam@example.org is already invited to this event" in response.content.decode()
    assert Invitation.objects.count() == 1


@pytest.mark.parametrize("trait", ["draft", "cancelled", "past"])
def test_nobody_is_invited_to_a_draft_a_cancelled_or_a_past_event(client, user_with_role, trait):
    runner = user_with_role(Role.FACILITATOR)
    client.force_login(runner)
    event = EventFactory(facilitators=[runner], **{trait: True})
    response = _invite(client, event, full_name="Sam", email="sam@example.org")
    assert response.status_code == 200
    assert not Invitation.objects.exists()


def test_the_invite_page_groups_its_fields_with_legends(client, event):
    html = client.get(reverse("events:invite", args=[event.slug])).content.decode()
    assert "Someone on the register" in html
    assert "Or someone who is not on the register" in html
    assert html.count("<legend") >= 2
