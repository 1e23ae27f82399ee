"""Answering an invitation through its personal link: without signing in, once, and never
after it has expired or been used."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from hub.accounts.roles import Role
from hub.events.models import PlaceStatus
from hub.events.services import Answer
from hub.events.tests.factories import EventFactory, InvitationFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("immediate_tasks")]


@pytest.fixture
def invitation():
    return InvitationFactory(
        event=EventFactory(capacity=1, online_url="https://meet.example.org/secret-room"),
        full_name="Alex Invitee",
    )


def _url(invitation) -> str:
    return reverse("events:respond", args=[invitation.token])


def _status(invitation) -> str:
    invitation.refresh_from_db()
    return invitation.status


def test_the_link_shows_the_event_and_one_question_without_signing_in(client, invitation):
    response = client.get(_url(invitation))

    assert response.status_code == 200
    text = response.text
    assert invitation.event.title in text
    assert "Dear Alex Invitee" in text
    assert "Can you come?" in text
    assert "<legend" in text
    assert "Yes, I can come" in text
    assert "No, I cannot come" in text
    assert "send a deputy" not in text  # the event takes none
    assert "secret-room" not in text  # the online link is for people with a place
    assert "Chatham House rule" in text
    assert response.headers["Cache-Control"].startswith("max-age=0")


def test_an_unknown_link_is_a_404(client):
    assert client.get(reverse("events:respond", args=["not-a-real-token"])).status_code == 404
    assert client.post(reverse("events:respond", args=["not-a-real-token"])).status_code == 404


def test_accepting_confirms_the_place(
    client, invitation, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_url(invitation), {"answer": Answer.ACCEPT})

    assert response.status_code == 302
    assert response.url == reverse("events:respond_done", args=[invitation.token])
    assert _status(invitation) == PlaceStatus.ACCEPTED
    assert [m.subject for m in mailoutbox] == [f"Your place: {invitation.event.title}"]
    done = client.get(response.url)
    assert "govuk-panel--confirmation" in done.text
    assert "Your place is confirmed" in done.text
    assert reverse("events:ics", args=[invitation.event.slug]) in done.text


def test_a_used_link_never_answers_twice(client, invitation):
    client.post(_url(invitation), {"answer": Answer.ACCEPT})

    again = client.post(_url(invitation), {"answer": Answer.DECLINE, "reason": "Changed my mind"})
    page = client.get(_url(invitation))

    assert again.status_code == 410
    assert page.status_code == 410
    assert "You have already answered this invitation" in page.text
    assert "<form" not in page.text.split("<main", 1)[1]
    assert _status(invitation) == PlaceStatus.ACCEPTED
    assert invitation.decline_reason == ""


def test_an_expired_link_explains_and_has_no_form(client, invitation):
    invitation.token_expires_at = timezone.now() - timedelta(minutes=1)
    invitation.save()

    page = client.get(_url(invitation))
    post = client.post(_url(invitation), {"answer": Answer.ACCEPT})

    assert page.status_code == 410
    assert post.status_code == 410
    assert "This invitation link has expired" in page.text
    assert "ask them to send you a new link" in page.text
    assert 'name="answer"' not in page.text
    assert _status(invitation) == PlaceStatus.INVITED


@pytest.mark.parametrize(
    ("change", "heading"),
    [
        ({"cancelled": True}, "This event is cancelled"),
        ({"past": True}, "This event has taken place"),
    ],
)
def test_a_cancelled_or_past_event_cannot_be_answered(client, change, heading):
    invitation = InvitationFactory(event=EventFactory(**change))

    page = client.get(_url(invitation))
    client.post(_url(invitation), {"answer": Answer.ACCEPT})

    assert heading in page.text
    assert 'name="answer"' not in page.text
    assert _status(invitation) == PlaceStatus.INVITED


def test_accepting_a_full_event_joins_the_waiting_list_and_says_where(client, invitation):
    InvitationFactory(event=invitation.event, status=PlaceStatus.ACCEPTED)
    InvitationFactory(event=invitation.event, status=PlaceStatus.WAITING)

    response = client.post(_url(invitation), {"answer": Answer.ACCEPT}, follow=True)

    assert _status(invitation) == PlaceStatus.WAITING
    assert "You are on the waiting list" in response.text
    assert "You are number 2 on the waiting list" in response.text


def test_declining_is_recorded_with_its_reason(client, invitation):
    response = client.post(
        _url(invitation),
        {"answer": Answer.DECLINE, "reason": "Budget setting that day"},
        follow=True,
    )

    assert _status(invitation) == PlaceStatus.DECLINED
    assert invitation.decline_reason == "Budget setting that day"
    assert invitation.token_used_at is not None
    assert "Your answer is recorded" in response.text
    assert "The facilitator can see that you cannot come, and why" in response.text


def test_no_answer_shows_the_error_summary(client, invitation):
    response = client.post(_url(invitation), {})

    assert response.status_code == 200
    assert "govuk-error-summary" in response.text
    assert "Select whether you can come" in response.text
    # The summary's link reaches the first option.
    target = re.search(r'govuk-error-summary__list.*?href="#([\w-]+)"', response.text, re.S)
    assert target is not None
    first_radio = re.search(r'<input[^>]*type="radio"[^>]*>', response.text).group(0)
    assert f'id="{target.group(1)}"' in first_radio
    assert "<title>Error: " in response.text
    assert _status(invitation) == PlaceStatus.INVITED
    assert invitation.token_used_at is None


def test_a_deputy_is_offered_only_when_the_event_allows(client, invitation):
    response = client.post(
        _url(invitation),
        {"answer": Answer.DEPUTY, "deputy_name": "Sam Deputy", "deputy_email": "sam@example.org"},
    )

    assert response.status_code == 200
    assert "govuk-error-summary" in response.text
    assert _status(invitation) == PlaceStatus.INVITED
    assert not invitation.event.invitations.filter(email="sam@example.org").exists()


def test_sending_a_deputy_invites_them_in_turn(
    client, invitation, mailoutbox, django_capture_on_commit_callbacks
):
    invitation.event.allow_deputies = True
    invitation.event.save()
    assert "I will send a deputy in my place" in client.get(_url(invitation)).text

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            _url(invitation),
            {
                "answer": Answer.DEPUTY,
                "deputy_name": "Sam Deputy",
                "deputy_email": "sam@example.org",
            },
            follow=True,
        )

    deputy = invitation.event.invitations.get(email="sam@example.org")
    assert _status(invitation) == PlaceStatus.DEPUTISED
    assert deputy.deputy_for == invitation
    assert deputy.status == PlaceStatus.ACCEPTED  # the place was free
    assert "Your deputy is invited" in response.text
    assert "Sam Deputy (sam@example.org)" in response.text
    assert "sam@example.org" in {address for m in mailoutbox for address in m.to}


def test_a_deputy_needs_a_name_and_an_email(client, invitation):
    invitation.event.allow_deputies = True
    invitation.event.save()

    response = client.post(
        _url(invitation), {"answer": Answer.DEPUTY, "deputy_email": "not-an-email"}
    )

    assert "Enter your deputy&#x27;s full name" in response.text
    assert "Enter your deputy&#x27;s email address, like name@council.gov.uk" in response.text
    assert _status(invitation) == PlaceStatus.INVITED


def test_a_deputy_already_invited_is_refused_on_the_form(client, invitation):
    invitation.event.allow_deputies = True
    invitation.event.save()
    InvitationFactory(event=invitation.event, email="taken@example.org")

    response = client.post(
        _url(invitation),
        {"answer": Answer.DEPUTY, "deputy_name": "Taken", "deputy_email": "taken@example.org"},
    )

    assert response.status_code == 200
    assert "taken@example.org is already invited to this event" in response.text
    invitation.refresh_from_db()
    assert invitation.status == PlaceStatus.INVITED
    assert invitation.token_used_at is None  # the link still works for a corrected answer


def test_someone_with_a_place_can_use_their_link_to_give_it_up(client):
    # A deputy who took over a place is sent a link to give it up if they cannot come.
    event = EventFactory(capacity=1)
    holder = InvitationFactory(event=event, status=PlaceStatus.ACCEPTED)
    waiting = InvitationFactory(event=event, status=PlaceStatus.WAITING)

    page = client.get(_url(holder))
    assert "Can you still come?" in page.text
    assert "Yes, I can come" not in page.text
    assert "secret" not in page.text
    client.post(_url(holder), {"answer": Answer.DECLINE})

    assert _status(holder) == PlaceStatus.DECLINED
    assert _status(waiting) == PlaceStatus.ACCEPTED


def test_answering_while_signed_in_links_the_invitation_to_the_account(client, user_with_role):
    user = user_with_role(Role.MEMBER)
    invitation = InvitationFactory(email="old-address@example.org")
    client.force_login(user)

    client.post(_url(invitation), {"answer": Answer.ACCEPT})

    invitation.refresh_from_db()
    assert invitation.user == user
    assert client.get(invitation.event.get_absolute_url()).status_code == 200


def test_the_confirmation_page_waits_for_an_answer(client, invitation):
    response = client.get(reverse("events:respond_done", args=[invitation.token]))
    assert response.status_code == 302
    assert response.url == _url(invitation)
