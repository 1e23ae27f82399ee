"""Who may use the facilitator's pages: checked on the server for every view. A private event
is a 404 to anyone who may not see it; a 403 to someone who may see it but not run it."""

import pytest
from django.urls import reverse

from hub.accounts.roles import Role
from hub.events.models import EventStatus, Invitation, PlaceStatus
from hub.events.tests.factories import EventFactory, InvitationFactory

pytestmark = pytest.mark.django_db

EVENT_PAGES = [
    ("events:edit", "get"),
    ("events:cancel", "get"),
    ("events:invitations", "get"),
    ("events:invite", "get"),
    ("events:invite_csv", "get"),
    ("events:attendance", "get"),
    ("events:attendees_csv", "get"),
    ("events:publish", "post"),
    ("events:resend", "post"),
]
GENERAL_PAGES = ["events:manage_list", "events:create", "events:series_create"]


@pytest.fixture
def event(user_with_role):
    runner = user_with_role(Role.FACILITATOR)
    event = EventFactory(status=EventStatus.DRAFT, facilitators=[runner])
    event.runner = runner
    event.place = InvitationFactory(event=event, status=PlaceStatus.INVITED)
    return event


def _url(name: str, event) -> str:
    args = [event.slug, event.place.pk] if name == "events:resend" else [event.slug]
    return reverse(name, args=args)


def _request(client, name, method, event):
    return getattr(client, method)(_url(name, event))


def _as(client, user):
    client.force_login(user)
    return client


@pytest.mark.parametrize(("name", "method"), EVENT_PAGES)
def test_the_public_gets_a_404_for_a_private_event(client, event, name, method):
    assert _request(client, name, method, event).status_code == 404


@pytest.mark.parametrize(("name", "method"), EVENT_PAGES)
@pytest.mark.parametrize("role", [Role.MEMBER, Role.FACILITATOR, Role.EDITOR, Role.CHAMPION])
def test_people_not_on_a_private_event_get_a_404(client, user_with_role, event, name, method, role):
    """A facilitator who does not run this event is as much a stranger to it as a member."""
    event.status = EventStatus.SCHEDULED
    event.save()
    response = _request(_as(client, user_with_role(role)), name, method, event)
    assert response.status_code == 404


@pytest.mark.parametrize(("name", "method"), EVENT_PAGES)
def test_an_invitee_who_can_see_the_event_gets_a_403(client, user_with_role, event, name, method):
    event.status = EventStatus.SCHEDULED
    event.save()
    invitee = user_with_role(Role.MEMBER)
    InvitationFactory(event=event, user=invitee, status=PlaceStatus.ACCEPTED)
    response = _request(_as(client, invitee), name, method, event)
    assert response.status_code == 403


@pytest.mark.parametrize(("name", "method"), EVENT_PAGES)
def test_an_open_session_sends_the_public_to_sign_in(client, event, name, method):
    event.status = EventStatus.SCHEDULED
    event.access = "open"
    event.save()
    response = _request(client, name, method, event)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:sign-in"))


@pytest.mark.parametrize(("name", "method"), EVENT_PAGES)
def test_an_open_session_is_refused_to_a_member(client, user_with_role, event, name, method):
    event.status = EventStatus.SCHEDULED
    event.access = "open"
    event.save()
    response = _request(_as(client, user_with_role(Role.MEMBER)), name, method, event)
    assert response.status_code == 403


@pytest.mark.parametrize(("name", "method"), EVENT_PAGES)
def test_the_events_facilitator_may_use_every_page(client, event, name, method):
    response = _request(_as(client, event.runner), name, method, event)
    assert response.status_code in (200, 302)
    assert response.status_code == (302 if method == "post" else 200)


@pytest.mark.parametrize(("name", "method"), EVENT_PAGES)
def test_a_programme_admin_may_use_every_page(client, user_with_role, event, name, method):
    response = _request(_as(client, user_with_role(Role.PROGRAMME_ADMIN)), name, method, event)
    assert response.status_code == (302 if method == "post" else 200)


def test_a_facilitator_who_is_also_invited_still_cannot_manage(client, user_with_role, event):
    """Being invited shows the event; only being named on it lets a facilitator run it."""
    event.status = EventStatus.SCHEDULED
    event.save()
    other = user_with_role(Role.FACILITATOR)
    InvitationFactory(event=event, user=other)
    assert _request(_as(client, other), "events:invitations", "get", event).status_code == 403
    assert Invitation.objects.filter(event=event).count() == 2


@pytest.mark.parametrize("name", GENERAL_PAGES)
def test_general_pages_send_the_public_to_sign_in(client, name):
    response = client.get(reverse(name))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:sign-in"))


@pytest.mark.parametrize("name", GENERAL_PAGES)
@pytest.mark.parametrize("role", [Role.MEMBER, Role.EDITOR])
def test_general_pages_are_refused_to_people_who_do_not_run_events(client_as, name, role):
    assert client_as(role).get(reverse(name)).status_code == 403


def test_champions_make_open_sessions_but_not_series(client_as):
    champion = client_as(Role.CHAMPION)
    assert champion.get(reverse("events:create")).status_code == 200
    assert champion.get(reverse("events:manage_list")).status_code == 200
    assert champion.get(reverse("events:series_create")).status_code == 403


@pytest.mark.parametrize("name", GENERAL_PAGES)
@pytest.mark.parametrize("role", [Role.FACILITATOR, Role.PROGRAMME_ADMIN])
def test_general_pages_open_to_facilitators_and_admins(client_as, name, role):
    assert client_as(role).get(reverse(name)).status_code == 200


def test_a_missing_event_is_a_404_even_to_its_would_be_facilitator(client_as):
    response = client_as(Role.FACILITATOR).get(reverse("events:edit", args=["no-such-event"]))
    assert response.status_code == 404
