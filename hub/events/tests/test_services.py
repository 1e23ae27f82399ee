"""The waiting list: places go to people in the order they asked, freed places go to the next
person in line (who is told), and a personal link answers only once."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from hub.accounts.roles import Role
from hub.events import selectors, services
from hub.events.models import PlaceStatus
from hub.events.services import Answer, EventsError, Invitee
from hub.events.tests.factories import EventFactory, InvitationFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("immediate_tasks")]


def _accept(invitation):
    return services.respond(invitation, Answer.ACCEPT)


def _status(invitation) -> str:
    invitation.refresh_from_db()
    return invitation.status


@pytest.fixture
def event():
    return EventFactory(capacity=2)


def _invite(event, n):
    return [InvitationFactory(event=event) for _ in range(n)]


def test_accepting_takes_a_place_while_there_are_places_then_joins_the_waiting_list(event):
    first, second, third, fourth = _invite(event, 4)
    for invitation in (first, second, third, fourth):
        _accept(invitation)

    assert [_status(i) for i in (first, second, third, fourth)] == [
        PlaceStatus.ACCEPTED,
        PlaceStatus.ACCEPTED,
        PlaceStatus.WAITING,
        PlaceStatus.WAITING,
    ]
    assert services.places_left(event) == 0
    assert selectors.waiting_position(third) == 1
    assert selectors.waiting_position(fourth) == 2


def test_a_declined_place_goes_to_the_first_person_waiting_who_is_emailed(
    event, django_capture_on_commit_callbacks
):
    holder, other, waiting_first, waiting_second = _invite(event, 4)
    for invitation in (holder, other, waiting_first, waiting_second):
        _accept(invitation)
    holder.refresh_from_db()
    holder.token_used_at = None  # a new link, as a facilitator would resend
    holder.save()
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        services.respond(holder, Answer.DECLINE, reason="Full council that day")

    assert _status(holder) == PlaceStatus.DECLINED
    holder.refresh_from_db()
    assert holder.decline_reason == "Full council that day"
    assert _status(waiting_first) == PlaceStatus.ACCEPTED
    assert _status(waiting_second) == PlaceStatus.WAITING
    assert selectors.waiting_position(waiting_second) == 1
    assert [m.to for m in mail.outbox] == [[waiting_first.email]]
    assert mail.outbox[0].subject.startswith("A place has come up")


def test_withdrawing_frees_the_place_for_the_next_in_line_by_when_they_joined(event):
    holder, other, late, early = _invite(event, 4)
    _accept(holder)
    _accept(other)
    _accept(late)
    _accept(early)
    # `early` joined the list first, whatever the order of their rows.
    now = timezone.now()
    late.refresh_from_db()
    early.refresh_from_db()
    early.waiting_since = now - timedelta(hours=2)
    early.save()
    late.waiting_since = now - timedelta(hours=1)
    late.save()

    services.withdraw(holder)

    assert _status(holder) == PlaceStatus.WITHDRAWN
    assert _status(early) == PlaceStatus.ACCEPTED
    assert _status(late) == PlaceStatus.WAITING


def test_leaving_the_waiting_list_frees_no_place_and_moves_others_up(event):
    holder, other, first, second = _invite(event, 4)
    for invitation in (holder, other, first, second):
        _accept(invitation)

    services.withdraw(first)

    assert _status(first) == PlaceStatus.WITHDRAWN
    assert _status(holder) == PlaceStatus.ACCEPTED
    assert _status(second) == PlaceStatus.WAITING
    assert selectors.waiting_position(second) == 1


def test_withdrawing_without_a_place_is_refused(event):
    (invitation,) = _invite(event, 1)
    with pytest.raises(EventsError, match="no place"):
        services.withdraw(invitation)
    assert _status(invitation) == PlaceStatus.INVITED


def test_nobody_jumps_the_queue_when_a_place_is_free_but_people_are_waiting(event):
    holder, other, waiting, newcomer = _invite(event, 4)
    for invitation in (holder, other, waiting):
        _accept(invitation)
    # A place frees without the list being filled (a facilitator raised the capacity).
    event.capacity = 3
    event.save()

    _accept(newcomer)

    assert _status(newcomer) == PlaceStatus.WAITING
    assert [i.pk for i in services.fill_from_waiting_list(event)] == [waiting.pk]
    assert _status(waiting) == PlaceStatus.ACCEPTED
    assert _status(newcomer) == PlaceStatus.WAITING


def test_several_freed_places_go_to_as_many_people_in_order(event):
    invitations = _invite(event, 5)
    for invitation in invitations:
        _accept(invitation)
    event.capacity = 4
    event.save()

    promoted = services.fill_from_waiting_list(event)

    assert [i.pk for i in promoted] == [invitations[2].pk, invitations[3].pk]
    assert _status(invitations[4]) == PlaceStatus.WAITING


def test_a_cancelled_event_fills_no_places(event):
    invitations = _invite(event, 3)
    for invitation in invitations:
        _accept(invitation)
    services.cancel_event(event, reason="The speaker is unwell.")
    event.refresh_from_db()
    event.capacity = 5
    event.save()

    assert services.fill_from_waiting_list(event) == []
    assert _status(invitations[2]) == PlaceStatus.WAITING


def test_a_personal_link_answers_only_once(event):
    (invitation,) = _invite(event, 1)
    _accept(invitation)

    with pytest.raises(EventsError):
        services.respond(invitation, Answer.DECLINE)
    assert _status(invitation) == PlaceStatus.ACCEPTED


def test_an_expired_link_cannot_answer(event):
    invitation = InvitationFactory(event=event, token_expires_at=timezone.now() - timedelta(days=1))
    with pytest.raises(EventsError, match="expired"):
        _accept(invitation)
    assert _status(invitation) == PlaceStatus.INVITED


def test_a_deputy_for_someone_with_a_place_takes_over_that_place(event):
    holder, other, waiting = _invite(event, 3)
    event.allow_deputies = True
    event.save()
    for invitation in (holder, other, waiting):
        _accept(invitation)
    holder.refresh_from_db()
    holder.token_used_at = None
    holder.save()

    services.respond(
        holder, Answer.DEPUTY, deputy=Invitee(full_name="Sam Deputy", email="Sam@Example.org")
    )

    deputy = event.invitations.get(email="sam@example.org")
    assert deputy.deputy_for == holder
    assert deputy.status == PlaceStatus.ACCEPTED
    assert _status(holder) == PlaceStatus.DEPUTISED
    # The waiting list neither gains nor loses a place.
    assert _status(waiting) == PlaceStatus.WAITING
    assert services.places_left(event) == 0


def test_a_deputy_for_someone_without_a_place_joins_the_waiting_list_when_full(event):
    event.allow_deputies = True
    event.save()
    holder, other, invited = _invite(event, 3)
    _accept(holder)
    _accept(other)

    services.respond(
        invited, Answer.DEPUTY, deputy=Invitee(full_name="Ana Deputy", email="ana@example.org")
    )

    deputy = event.invitations.get(email="ana@example.org")
    assert deputy.status == PlaceStatus.WAITING
    assert selectors.waiting_position(deputy) == 1


def test_deputies_are_refused_when_the_event_takes_none(event):
    (invitation,) = _invite(event, 1)
    with pytest.raises(EventsError, match="deputies"):
        services.respond(
            invitation, Answer.DEPUTY, deputy=Invitee(full_name="A", email="a@example.org")
        )
    assert _status(invitation) == PlaceStatus.INVITED


def test_signing_up_to_an_open_session_takes_a_place_then_the_waiting_list(user_with_role):
    session = EventFactory(open_session=True, capacity=1)
    first, second = user_with_role(Role.MEMBER), user_with_role(Role.MEMBER)

    assert services.sign_up(session, first).status == PlaceStatus.ACCEPTED
    waiting = services.sign_up(session, second)
    assert waiting.status == PlaceStatus.WAITING
    with pytest.raises(EventsError, match="already signed up"):
        services.sign_up(session, second)

    services.withdraw(session.invitations.get(user=first))
    assert _status(waiting) == PlaceStatus.ACCEPTED


def test_signing_up_to_a_round_table_is_refused(user_with_role):
    with pytest.raises(EventsError, match="not open"):
        services.sign_up(EventFactory(), user_with_role(Role.MEMBER))
