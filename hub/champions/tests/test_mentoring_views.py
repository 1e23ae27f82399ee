"""Mentoring pages: who may see and do what (checked on the server for every view), the
request journey (problem, preferences, check and send), answers, meetings and feedback."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from hub.accounts.roles import Role
from hub.accounts.tests.factories import UserFactory
from hub.champions.models import Meeting, Mentoring, MentoringStatus
from hub.champions.tests.factories import (
    ChampionProfileFactory,
    MeetingFactory,
    MentoringFactory,
)

pytestmark = pytest.mark.django_db

NOTES = "Private: our chief executive is sceptical about the repairs portal."

PUBLIC = "public"
MEMBER = "member"
MENTEE = "mentee"
MENTOR = "mentor"
OTHER_CHAMPION = "another champion"
ADMIN = "programme admin"
FACILITATOR = "facilitator"


def _sign_in(client, viewer: str, mentoring):
    """Sign in as `viewer` of `mentoring` and return the user (None for the public)."""
    users = {
        MENTEE: lambda: mentoring.mentee,
        MENTOR: lambda: mentoring.champion.person.user,
        OTHER_CHAMPION: lambda: (
            ChampionProfileFactory(person__user=UserFactory(roles=[Role.CHAMPION])).person.user
        ),
        ADMIN: lambda: UserFactory(roles=[Role.PROGRAMME_ADMIN]),
        FACILITATOR: lambda: UserFactory(roles=[Role.FACILITATOR]),
        MEMBER: lambda: UserFactory(),
    }
    if viewer == PUBLIC:
        return None
    user = users[viewer]()
    client.force_login(user)
    return user


def _is_sign_in_redirect(response) -> bool:
    return response.status_code == 302 and "/sign-in" in response["Location"]


@pytest.fixture
def meeting():
    return MeetingFactory(notes=NOTES)


# The relationship page: only its two people ------------------------------------------------


@pytest.mark.parametrize("viewer", [MENTEE, MENTOR])
def test_the_two_people_see_the_relationship_with_notes(client, meeting, viewer):
    _sign_in(client, viewer, meeting.mentoring)
    response = client.get(reverse("champions:mentoring", args=[meeting.mentoring.pk]))
    assert response.status_code == 200
    content = response.content.decode()
    assert NOTES in content
    assert meeting.mentoring.problem in content
    assert "Log a meeting" in content
    assert "Close the mentoring" in content


@pytest.mark.parametrize("viewer", [MEMBER, OTHER_CHAMPION, ADMIN, FACILITATOR])
def test_anyone_else_gets_a_404_and_never_the_notes(client, meeting, viewer):
    _sign_in(client, viewer, meeting.mentoring)
    response = client.get(reverse("champions:mentoring", args=[meeting.mentoring.pk]))
    assert response.status_code == 404
    assert NOTES not in response.content.decode()


def test_the_public_is_asked_to_sign_in(client, meeting):
    response = client.get(reverse("champions:mentoring", args=[meeting.mentoring.pk]))
    assert _is_sign_in_redirect(response)


PAGES = [
    ("champions:answer", "get", MentoringStatus.REQUESTED),
    ("champions:withdraw", "post", MentoringStatus.REQUESTED),
    ("champions:log_meeting", "get", MentoringStatus.ACCEPTED),
    ("champions:close", "get", MentoringStatus.ACCEPTED),
]


@pytest.mark.parametrize(("name", "method", "status"), PAGES)
@pytest.mark.parametrize("viewer", [MEMBER, OTHER_CHAMPION, ADMIN])
def test_outsiders_get_a_404_on_every_action(client, name, method, status, viewer):
    mentoring = MentoringFactory(status=status)
    _sign_in(client, viewer, mentoring)
    response = getattr(client, method)(reverse(name, args=[mentoring.pk]))
    assert response.status_code == 404
    assert Mentoring.objects.get(pk=mentoring.pk).status == status


@pytest.mark.parametrize(("name", "method", "status"), PAGES)
def test_the_public_is_sent_to_sign_in_on_every_action(client, name, method, status):
    mentoring = MentoringFactory(status=status)
    response = getattr(client, method)(reverse(name, args=[mentoring.pk]))
    assert _is_sign_in_redirect(response)


def test_the_mentee_cannot_answer_their_own_request(client):
    mentoring = MentoringFactory()
    _sign_in(client, MENTEE, mentoring)
    response = client.post(
        reverse("champions:answer", args=[mentoring.pk]), {"decline": "", "decline-reason": ""}
    )
    assert response.status_code == 403
    assert Mentoring.objects.get(pk=mentoring.pk).status == MentoringStatus.REQUESTED


def test_the_champion_cannot_withdraw_the_request(client):
    mentoring = MentoringFactory()
    _sign_in(client, MENTOR, mentoring)
    response = client.post(reverse("champions:withdraw", args=[mentoring.pk]))
    assert response.status_code == 403
    assert Mentoring.objects.get(pk=mentoring.pk).status == MentoringStatus.REQUESTED


# Asking a champion -------------------------------------------------------------------------


def test_the_request_journey_sends_the_request_and_emails_the_champion(
    client, django_capture_on_commit_callbacks, immediate_tasks, mailoutbox
):
    champion = ChampionProfileFactory()
    mentee = _sign_in(client, MEMBER, None)
    start = reverse("champions:request", args=[champion.slug])

    page = client.get(start, {"problem": "Moving housing repairs online"})
    assert page.status_code == 200
    assert "What do you want help with?" in page.content.decode()
    assert "Moving housing repairs online</textarea>" in page.content.decode()

    response = client.post(start, {"problem": "Moving housing repairs online"})
    assert response["Location"] == reverse("champions:request_preferences", args=[champion.slug])
    response = client.post(
        response["Location"], {"length_months": "4", "meeting_frequency": "fortnightly"}
    )
    check_url = reverse("champions:request_check", args=[champion.slug])
    assert response["Location"] == check_url

    check = client.get(check_url).content.decode()
    assert "Moving housing repairs online" in check
    assert "4 months" in check
    assert "Every 2 weeks" in check
    assert "Send request" in check

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(check_url)
    mentoring = Mentoring.objects.get()
    assert response["Location"] == mentoring.get_absolute_url()
    assert (mentoring.mentee, mentoring.champion) == (mentee, champion)
    assert (mentoring.length_months, mentoring.meeting_frequency) == (4, "fortnightly")
    assert mailoutbox[0].to == [champion.person.user.email]
    # The draft is gone, and asking the same champion again is refused while this is open.
    assert client.session.get(f"champions-request-{champion.pk}") is None
    assert "You already have a request" in client.get(start).content.decode()


def test_an_empty_problem_shows_the_error_summary(client):
    champion = ChampionProfileFactory()
    _sign_in(client, MEMBER, None)
    response = client.post(reverse("champions:request", args=[champion.slug]), {"problem": ""})
    content = response.content.decode()
    assert response.status_code == 200
    assert "govuk-error-summary" in content
    assert "Enter what you want help with" in content


def test_a_length_out_of_range_is_refused(client):
    champion = ChampionProfileFactory()
    _sign_in(client, MEMBER, None)
    client.post(reverse("champions:request", args=[champion.slug]), {"problem": "Data sharing"})
    response = client.post(
        reverse("champions:request_preferences", args=[champion.slug]),
        {"length_months": "30", "meeting_frequency": "monthly"},
    )
    assert "The length must be 24 months or fewer" in response.content.decode()


def test_the_check_page_needs_the_earlier_answers(client):
    champion = ChampionProfileFactory()
    _sign_in(client, MEMBER, None)
    response = client.post(reverse("champions:request_check", args=[champion.slug]))
    assert response["Location"] == reverse("champions:request", args=[champion.slug])
    assert not Mentoring.objects.exists()


def test_the_public_is_asked_to_sign_in_before_asking(client):
    champion = ChampionProfileFactory()
    response = client.get(reverse("champions:request", args=[champion.slug]))
    assert _is_sign_in_redirect(response)


def test_a_champion_cannot_ask_themselves_on_the_page(client):
    champion = ChampionProfileFactory()
    client.force_login(champion.person.user)
    response = client.get(reverse("champions:request", args=[champion.slug]))
    assert response.status_code == 403


def test_a_profile_not_approved_is_a_404(client):
    champion = ChampionProfileFactory(nominated=True)
    _sign_in(client, MEMBER, None)
    assert client.get(reverse("champions:request", args=[champion.slug])).status_code == 404


@pytest.mark.parametrize("step", ["champions:request", "champions:request_check"])
def test_a_full_champion_shows_why_and_takes_no_request(client, step):
    champion = ChampionProfileFactory(mentee_capacity=1)
    MentoringFactory(champion=champion, accepted=True)
    _sign_in(client, MEMBER, None)
    response = client.post(reverse(step, args=[champion.slug]))
    assert response.status_code == 200
    assert "has no space for new mentees" in response.content.decode()
    assert Mentoring.objects.filter(champion=champion).count() == 1


def test_a_place_taken_between_check_and_send_is_shown_on_the_check_page(client, monkeypatch):
    """The page's own check passes, then the service, under its lock, finds the place gone."""
    from hub.champions import mentoring as services

    champion = ChampionProfileFactory(mentee_capacity=1)
    _sign_in(client, MEMBER, None)
    client.post(reverse("champions:request", args=[champion.slug]), {"problem": "Data sharing"})
    client.post(
        reverse("champions:request_preferences", args=[champion.slug]),
        {"length_months": "6", "meeting_frequency": "monthly"},
    )
    MentoringFactory(champion=champion)
    real = services.why_cannot_request
    calls = []

    def passes_on_the_page_only(profile, mentee):
        calls.append(profile)
        return None if len(calls) == 1 else real(profile, mentee)

    monkeypatch.setattr(services, "why_cannot_request", passes_on_the_page_only)
    response = client.post(reverse("champions:request_check", args=[champion.slug]))
    assert response.status_code == 200
    assert "has no space for new mentees" in response.content.decode()
    assert "govuk-error-summary" in response.content.decode()
    assert len(calls) == 2
    assert Mentoring.objects.filter(champion=champion).count() == 1


# Your mentoring ----------------------------------------------------------------------------


def test_your_mentoring_lists_requests_waiting_first(client):
    champion = ChampionProfileFactory(mentee_capacity=5)
    waiting = MentoringFactory(champion=champion, mentee__full_name="Wendy Waiting")
    MentoringFactory(champion=champion, accepted=True, mentee__full_name="Una Underway")
    own = MentoringFactory(mentee=champion.person.user)
    client.force_login(champion.person.user)
    content = client.get(reverse("champions:mentoring_list")).content.decode()
    assert content.index("Requests waiting for your answer") < content.index("Wendy Waiting")
    assert content.index("Wendy Waiting") < content.index("People you mentor")
    assert content.index("People you mentor") < content.index("Una Underway")
    assert own.champion.person.full_name in content
    assert "Requested" in content
    assert "Under way" in content
    assert waiting.get_absolute_url() in content


def test_your_mentoring_shows_nobody_else_s(client):
    MentoringFactory(mentee__full_name="Somebody Else")
    _sign_in(client, MEMBER, None)
    content = client.get(reverse("champions:mentoring_list")).content.decode()
    assert "You have no mentoring yet" in content
    assert "Somebody Else" not in content


def test_your_mentoring_needs_signing_in(client):
    assert _is_sign_in_redirect(client.get(reverse("champions:mentoring_list")))


# Answering ---------------------------------------------------------------------------------


def test_the_champion_accepts_on_the_answer_page(client):
    mentoring = MentoringFactory()
    _sign_in(client, MENTOR, mentoring)
    url = reverse("champions:answer", args=[mentoring.pk])
    page = client.get(url).content.decode()
    assert mentoring.problem in page
    assert 'value="Accept"' in page
    assert 'value="Decline"' in page
    response = client.post(
        url, {"accept": "", "accept-length_months": "8", "accept-meeting_frequency": "weekly"}
    )
    assert response["Location"] == mentoring.get_absolute_url()
    mentoring.refresh_from_db()
    assert mentoring.status == MentoringStatus.ACCEPTED
    assert (mentoring.length_months, mentoring.meeting_frequency) == (8, "weekly")


def test_accepting_without_a_frequency_shows_the_error(client):
    mentoring = MentoringFactory()
    _sign_in(client, MENTOR, mentoring)
    response = client.post(
        reverse("champions:answer", args=[mentoring.pk]),
        {"accept": "", "accept-length_months": "8"},
    )
    assert "Select how often you would meet" in response.content.decode()
    assert Mentoring.objects.get(pk=mentoring.pk).status == MentoringStatus.REQUESTED


def test_the_champion_declines_with_a_reason(client):
    mentoring = MentoringFactory()
    _sign_in(client, MENTOR, mentoring)
    client.post(
        reverse("champions:answer", args=[mentoring.pk]),
        {"decline": "", "decline-reason": "No time until spring."},
    )
    mentoring.refresh_from_db()
    assert mentoring.status == MentoringStatus.DECLINED
    assert mentoring.decline_reason == "No time until spring."


def test_an_answered_request_is_not_answered_again(client):
    mentoring = MentoringFactory(accepted=True)
    _sign_in(client, MENTOR, mentoring)
    response = client.post(
        reverse("champions:answer", args=[mentoring.pk]), {"decline": "", "decline-reason": ""}
    )
    assert response.status_code == 302
    assert Mentoring.objects.get(pk=mentoring.pk).status == MentoringStatus.ACCEPTED


def test_the_mentee_withdraws(client):
    mentoring = MentoringFactory()
    _sign_in(client, MENTEE, mentoring)
    assert "Withdraw the request" in client.get(mentoring.get_absolute_url()).content.decode()
    assert client.get(reverse("champions:withdraw", args=[mentoring.pk])).status_code == 405
    client.post(reverse("champions:withdraw", args=[mentoring.pk]))
    assert Mentoring.objects.get(pk=mentoring.pk).status == MentoringStatus.WITHDRAWN


# Meetings ----------------------------------------------------------------------------------


@pytest.mark.parametrize("viewer", [MENTEE, MENTOR])
def test_either_side_logs_a_meeting(client, viewer):
    mentoring = MentoringFactory(accepted=True)
    user = _sign_in(client, viewer, mentoring)
    day = timezone.localdate() - timedelta(days=3)
    url = reverse("champions:log_meeting", args=[mentoring.pk])
    assert "Save meeting" in client.get(url).content.decode()
    response = client.post(
        url,
        {
            "held_on_0": day.day,
            "held_on_1": day.month,
            "held_on_2": day.year,
            "minutes": "50",
            "notes": "Went through the plan.",
        },
    )
    assert response["Location"] == mentoring.get_absolute_url()
    meeting = Meeting.objects.get()
    assert (meeting.held_on, meeting.minutes, meeting.logged_by) == (day, 50, user)


@pytest.mark.parametrize(
    ("date_parts", "minutes", "message"),
    [
        (("", "", ""), "60", "Enter the date of the meeting"),
        (("31", "2", "2026"), "60", "Date of the meeting must be a real date"),
        (("1", "1", "2026"), "2", "at least 5 minutes"),
        (None, "60", "today or in the past"),
    ],
)
def test_a_meeting_with_mistakes_shows_the_error_summary(client, date_parts, minutes, message):
    mentoring = MentoringFactory(accepted=True)
    _sign_in(client, MENTEE, mentoring)
    if date_parts is None:
        tomorrow = timezone.localdate() + timedelta(days=1)
        date_parts = (tomorrow.day, tomorrow.month, tomorrow.year)
    data = {f"held_on_{i}": part for i, part in enumerate(date_parts)}
    response = client.post(
        reverse("champions:log_meeting", args=[mentoring.pk]), {**data, "minutes": minutes}
    )
    content = response.content.decode()
    assert response.status_code == 200
    assert "govuk-error-summary" in content
    assert message in content
    assert not Meeting.objects.exists()


def test_no_meeting_is_logged_on_a_request(client):
    mentoring = MentoringFactory()
    _sign_in(client, MENTOR, mentoring)
    response = client.get(reverse("champions:log_meeting", args=[mentoring.pk]))
    assert response["Location"] == mentoring.get_absolute_url()


# Closing and feedback ----------------------------------------------------------------------


def test_closing_then_the_other_side_sends_feedback(client):
    mentoring = MentoringFactory(accepted=True)
    _sign_in(client, MENTEE, mentoring)
    url = reverse("champions:close", args=[mentoring.pk])
    page = client.get(url).content.decode()
    assert 'value="Close the mentoring"' in page
    assert "What worked, and what would you change?" in page
    assert "5 – Very useful" in page
    client.post(url, {"rating": "5", "feedback": "Exactly what I needed."})
    mentoring.refresh_from_db()
    assert mentoring.status == MentoringStatus.CLOSED

    _sign_in(client, MENTOR, mentoring)
    detail = client.get(mentoring.get_absolute_url()).content.decode()
    assert ">Send feedback</a>" in detail
    assert "Exactly what I needed." in detail
    assert 'value="Send feedback"' in client.get(url).content.decode()
    client.post(url, {"rating": "4", "feedback": "Well prepared every time."})
    mentoring.refresh_from_db()
    assert (mentoring.champion_rating, mentoring.champion_feedback) == (
        4,
        "Well prepared every time.",
    )
    detail = client.get(mentoring.get_absolute_url()).content.decode()
    assert "Well prepared every time." in detail
    assert ">Send feedback</a>" not in detail


def test_feedback_is_not_given_twice(client):
    mentoring = MentoringFactory(closed=True, mentee_rating=3)
    _sign_in(client, MENTEE, mentoring)
    response = client.post(reverse("champions:close", args=[mentoring.pk]), {"rating": "1"})
    assert response.status_code == 302
    assert Mentoring.objects.get(pk=mentoring.pk).mentee_rating == 3


def test_closing_needs_a_rating(client):
    mentoring = MentoringFactory(accepted=True)
    _sign_in(client, MENTOR, mentoring)
    response = client.post(reverse("champions:close", args=[mentoring.pk]), {"feedback": "Ok"})
    assert "Select how useful the mentoring was" in response.content.decode()
    assert Mentoring.objects.get(pk=mentoring.pk).status == MentoringStatus.ACCEPTED


def test_a_request_cannot_be_closed(client):
    mentoring = MentoringFactory()
    _sign_in(client, MENTEE, mentoring)
    response = client.post(reverse("champions:close", args=[mentoring.pk]), {"rating": "3"})
    assert response.status_code == 302
    assert Mentoring.objects.get(pk=mentoring.pk).status == MentoringStatus.REQUESTED
