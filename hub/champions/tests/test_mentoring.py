"""Mentoring services: requests against capacity, answers, withdrawal, meetings and closing with
feedback from each side, and the emails each step sends."""

import threading
from datetime import timedelta

import pytest
from django.db import connection, connections
from django.utils import timezone

from hub.accounts.tests.factories import UserFactory
from hub.champions import mentoring as services
from hub.champions.models import Frequency, Meeting, Mentoring, MentoringStatus
from hub.champions.tests.factories import (
    ChampionProfileFactory,
    MeetingFactory,
    MentoringFactory,
)

pytestmark = pytest.mark.django_db


def _request(champion, mentee, **overrides):
    values = {
        "problem": "Our waste collection reports go to a call centre; we want them online.",
        "length_months": 6,
        "meeting_frequency": Frequency.MONTHLY,
        **overrides,
    }
    return services.request_mentoring(champion=champion, mentee=mentee, **values)


def _mentor(mentoring):
    return mentoring.champion.person.user


# Requests and capacity ---------------------------------------------------------------------


def test_a_request_is_saved_and_the_champion_emailed(
    django_capture_on_commit_callbacks, immediate_tasks, mailoutbox
):
    champion = ChampionProfileFactory()
    mentee = UserFactory(full_name="Priya Shah")
    with django_capture_on_commit_callbacks(execute=True):
        mentoring = _request(champion, mentee, length_months=9)
    assert mentoring.status == MentoringStatus.REQUESTED
    assert mentoring.length_months == 9
    assert [m.to for m in mailoutbox] == [[champion.person.user.email]]
    assert "Priya Shah asks you for mentoring" in mailoutbox[0].subject
    assert "waste collection" in mailoutbox[0].body
    assert f"/champions/mentoring/{mentoring.pk}/" in mailoutbox[0].body


def test_requests_waiting_count_against_capacity():
    champion = ChampionProfileFactory(mentee_capacity=2)
    _request(champion, UserFactory())
    assert services.places_left(champion) == 1
    MentoringFactory(champion=champion, accepted=True)
    assert services.is_full(champion)
    MentoringFactory(champion=champion, closed=True)
    MentoringFactory(champion=champion, declined=True)
    assert services.open_mentorings_count(champion) == 2


def test_a_full_champion_gets_no_new_request():
    champion = ChampionProfileFactory(mentee_capacity=1)
    MentoringFactory(champion=champion, accepted=True)
    with pytest.raises(services.MentoringError, match="no space"):
        _request(champion, UserFactory())
    assert Mentoring.objects.filter(champion=champion).count() == 1


@pytest.mark.parametrize(
    ("traits", "message"),
    [
        ({"unavailable": True}, "not taking new mentees"),
        ({"nominated": True}, "not taking mentoring requests"),
        ({"paused": True}, "not taking mentoring requests"),
        ({"declined": True}, "not taking mentoring requests"),
        ({"person__user": None}, "not taking mentoring requests"),
    ],
)
def test_requests_are_refused_to_champions_not_taking_them(traits, message):
    champion = ChampionProfileFactory(**traits)
    with pytest.raises(services.MentoringError, match=message):
        _request(champion, UserFactory())
    assert not Mentoring.objects.exists()


def test_a_champion_cannot_ask_themselves():
    champion = ChampionProfileFactory()
    with pytest.raises(services.MentoringError, match="yourself"):
        _request(champion, champion.person.user)


@pytest.mark.parametrize("status", ["requested", "accepted"])
def test_a_pair_has_one_open_mentoring_at_a_time(status):
    existing = MentoringFactory(status=status, champion__mentee_capacity=5)
    with pytest.raises(services.MentoringError, match="already have"):
        _request(existing.champion, existing.mentee)


def test_after_a_decline_the_same_pair_can_ask_again():
    declined = MentoringFactory(declined=True)
    again = _request(declined.champion, declined.mentee)
    assert again.status == MentoringStatus.REQUESTED


def test_an_empty_problem_is_refused():
    with pytest.raises(services.MentoringError, match="Enter what you want help with"):
        _request(ChampionProfileFactory(), UserFactory(), problem="   ")


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="SQLite has no row locks; one writer at a time"
)
@pytest.mark.django_db(transaction=True)
def test_two_requests_racing_for_the_last_place_get_it_once():
    champion = ChampionProfileFactory(mentee_capacity=1)
    mentees = [UserFactory(), UserFactory()]
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def ask(mentee):
        try:
            barrier.wait(timeout=10)
            _request(champion, mentee)
            outcomes.append("sent")
        except services.MentoringError:
            outcomes.append("refused")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=ask, args=(mentee,)) for mentee in mentees]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(outcomes) == ["refused", "sent"]
    assert Mentoring.objects.filter(champion=champion).count() == 1


# Answers -----------------------------------------------------------------------------------


def test_the_champion_accepts_with_an_agreed_length_and_frequency(
    django_capture_on_commit_callbacks, immediate_tasks, mailoutbox
):
    mentoring = MentoringFactory(length_months=6, meeting_frequency=Frequency.MONTHLY)
    with django_capture_on_commit_callbacks(execute=True):
        services.accept(
            mentoring=mentoring,
            by=_mentor(mentoring),
            length_months=3,
            meeting_frequency=Frequency.FORTNIGHTLY,
        )
    mentoring.refresh_from_db()
    assert mentoring.status == MentoringStatus.ACCEPTED
    assert (mentoring.length_months, mentoring.meeting_frequency) == (3, Frequency.FORTNIGHTLY)
    assert mentoring.started_at is not None
    assert [m.to for m in mailoutbox] == [[mentoring.mentee.email]]
    assert "every 2 weeks for 3 months" in mailoutbox[0].body


def test_only_the_champion_can_accept_and_only_once():
    mentoring = MentoringFactory()
    with pytest.raises(services.MentoringError, match="Only the champion"):
        services.accept(
            mentoring=mentoring, by=mentoring.mentee, length_months=6, meeting_frequency="monthly"
        )
    services.accept(
        mentoring=mentoring, by=_mentor(mentoring), length_months=6, meeting_frequency="monthly"
    )
    with pytest.raises(services.MentoringError, match="already been answered"):
        services.accept(
            mentoring=mentoring,
            by=_mentor(mentoring),
            length_months=6,
            meeting_frequency="monthly",
        )


def test_a_decline_tells_the_mentee_kindly_with_the_reason(
    django_capture_on_commit_callbacks, immediate_tasks, mailoutbox
):
    mentoring = MentoringFactory()
    with django_capture_on_commit_callbacks(execute=True):
        services.decline(
            mentoring=mentoring, by=_mentor(mentoring), reason="I am full until April."
        )
    mentoring.refresh_from_db()
    assert mentoring.status == MentoringStatus.DECLINED
    assert mentoring.decline_reason == "I am full until April."
    body = mailoutbox[0].body
    assert mailoutbox[0].to == [mentoring.mentee.email]
    assert "Thank you for asking" in body
    assert "not about you" in body
    assert "I am full until April." in body
    assert "/champions/" in body


def test_a_decline_frees_the_place():
    mentoring = MentoringFactory(champion__mentee_capacity=1)
    assert services.is_full(mentoring.champion)
    services.decline(mentoring=mentoring, by=_mentor(mentoring), reason="")
    assert services.places_left(mentoring.champion) == 1


def test_the_mentee_cannot_decline_their_own_request():
    mentoring = MentoringFactory()
    with pytest.raises(services.MentoringError, match="Only the champion"):
        services.decline(mentoring=mentoring, by=mentoring.mentee, reason="")


# Withdrawing -------------------------------------------------------------------------------


def test_the_mentee_withdraws_a_request_and_the_champion_is_told(
    django_capture_on_commit_callbacks, immediate_tasks, mailoutbox
):
    mentoring = MentoringFactory(champion__mentee_capacity=1)
    with django_capture_on_commit_callbacks(execute=True):
        services.withdraw(mentoring=mentoring, by=mentoring.mentee)
    mentoring.refresh_from_db()
    assert mentoring.status == MentoringStatus.WITHDRAWN
    assert services.places_left(mentoring.champion) == 1
    assert mailoutbox[0].to == [_mentor(mentoring).email]


def test_an_answered_request_cannot_be_withdrawn():
    mentoring = MentoringFactory(accepted=True)
    with pytest.raises(services.MentoringError, match="no longer be withdrawn"):
        services.withdraw(mentoring=mentoring, by=mentoring.mentee)


def test_the_champion_cannot_withdraw_the_request():
    mentoring = MentoringFactory()
    with pytest.raises(services.MentoringError, match="Only the person who asked"):
        services.withdraw(mentoring=mentoring, by=_mentor(mentoring))


# Meetings ----------------------------------------------------------------------------------


@pytest.mark.parametrize("side", ["mentee", "mentor"])
def test_either_side_logs_a_meeting(side):
    mentoring = MentoringFactory(accepted=True)
    by = mentoring.mentee if side == "mentee" else _mentor(mentoring)
    day = timezone.localdate() - timedelta(days=2)
    meeting = services.log_meeting(
        mentoring=mentoring, by=by, held_on=day, minutes=45, notes=" Agreed a plan. "
    )
    assert (meeting.held_on, meeting.minutes, meeting.notes) == (day, 45, "Agreed a plan.")
    assert meeting.logged_by == by


def test_a_meeting_cannot_be_in_the_future():
    mentoring = MentoringFactory(accepted=True)
    with pytest.raises(services.MentoringError, match="today or in the past"):
        services.log_meeting(
            mentoring=mentoring,
            by=mentoring.mentee,
            held_on=timezone.localdate() + timedelta(days=1),
            minutes=60,
        )
    assert not Meeting.objects.exists()


@pytest.mark.parametrize("status", ["requested", "declined", "withdrawn", "closed"])
def test_meetings_are_logged_only_while_under_way(status):
    mentoring = MentoringFactory(status=status)
    with pytest.raises(services.MentoringError, match="under way"):
        services.log_meeting(
            mentoring=mentoring, by=mentoring.mentee, held_on=timezone.localdate(), minutes=60
        )


def test_someone_else_cannot_log_a_meeting():
    mentoring = MentoringFactory(accepted=True)
    with pytest.raises(services.MentoringError, match="Only the mentee and the champion"):
        services.log_meeting(
            mentoring=mentoring, by=UserFactory(), held_on=timezone.localdate(), minutes=60
        )


# Closing and feedback ----------------------------------------------------------------------


def test_the_mentee_closes_and_the_champion_is_asked_for_feedback(
    django_capture_on_commit_callbacks, immediate_tasks, mailoutbox
):
    mentoring = MentoringFactory(accepted=True, champion__mentee_capacity=1)
    with django_capture_on_commit_callbacks(execute=True):
        services.close(
            mentoring=mentoring, by=mentoring.mentee, rating=5, feedback="Clear and practical."
        )
    mentoring.refresh_from_db()
    assert mentoring.status == MentoringStatus.CLOSED
    assert mentoring.closed_at is not None
    assert (mentoring.mentee_rating, mentoring.mentee_feedback) == (5, "Clear and practical.")
    assert mentoring.champion_rating is None
    assert mailoutbox[0].to == [_mentor(mentoring).email]
    assert "how did it go" in mailoutbox[0].subject
    assert services.places_left(mentoring.champion) == 1


def test_the_other_side_adds_feedback_later_without_another_email(
    django_capture_on_commit_callbacks, immediate_tasks, mailoutbox
):
    mentoring = MentoringFactory(accepted=True)
    services.close(mentoring=mentoring, by=_mentor(mentoring), rating=4, feedback="Keen mentee.")
    mailoutbox.clear()
    closed_at = Mentoring.objects.get(pk=mentoring.pk).closed_at
    with django_capture_on_commit_callbacks(execute=True):
        services.close(mentoring=mentoring, by=mentoring.mentee, rating=3, feedback="Too rushed.")
    mentoring.refresh_from_db()
    assert (mentoring.champion_rating, mentoring.champion_feedback) == (4, "Keen mentee.")
    assert (mentoring.mentee_rating, mentoring.mentee_feedback) == (3, "Too rushed.")
    assert mentoring.closed_at == closed_at
    assert mailoutbox == []


def test_feedback_is_given_once_per_side():
    mentoring = MentoringFactory(accepted=True)
    services.close(mentoring=mentoring, by=mentoring.mentee, rating=5)
    with pytest.raises(services.MentoringError, match="already given"):
        services.close(mentoring=mentoring, by=mentoring.mentee, rating=1)
    mentoring.refresh_from_db()
    assert mentoring.mentee_rating == 5


@pytest.mark.parametrize("status", ["requested", "declined", "withdrawn"])
def test_only_a_mentoring_under_way_is_closed(status):
    mentoring = MentoringFactory(status=status)
    with pytest.raises(services.MentoringError, match="under way"):
        services.close(mentoring=mentoring, by=mentoring.mentee, rating=3)


def test_someone_else_cannot_close():
    mentoring = MentoringFactory(accepted=True)
    with pytest.raises(services.MentoringError, match="Only the mentee and the champion"):
        services.close(mentoring=mentoring, by=UserFactory(), rating=3)
    assert Mentoring.objects.get(pk=mentoring.pk).status == MentoringStatus.ACCEPTED


def test_meetings_stay_after_closing():
    meeting = MeetingFactory()
    services.close(mentoring=meeting.mentoring, by=meeting.mentoring.mentee, rating=4)
    assert list(meeting.mentoring.meetings.all()) == [meeting]
