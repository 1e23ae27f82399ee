"""The survey after an event: who answers, once a place; summaries without names."""

import pytest
from django.urls import reverse

from hub.accounts.roles import Role
from hub.accounts.tests.factories import UserFactory
from hub.events.models import Feedback, PlaceStatus
from hub.events.records import feedback_summary
from hub.events.tests.factories import (
    EventFactory,
    FeedbackFactory,
    InvitationFactory,
    SeriesFactory,
)
from hub.events.tests.viewers import (
    ADMIN,
    ATTENDEE,
    FACILITATOR,
    PUBLIC,
    UNINVITED,
    sign_in_as,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def event():
    return EventFactory(past=True)


def answer(client, event, usefulness, text=""):
    return client.post(
        reverse("events:feedback", args=[event.slug]),
        {"usefulness": usefulness, "will_do_differently": text},
    )


@pytest.mark.parametrize(
    ("viewer", "status"),
    [(PUBLIC, 404), (UNINVITED, 404), (ATTENDEE, 200), (FACILITATOR, 403), (ADMIN, 403)],
)
def test_only_people_with_a_place_give_feedback(client, event, viewer, status):
    sign_in_as(client, viewer, event)
    response = client.get(reverse("events:feedback", args=[event.slug]))
    assert response.status_code == status
    answer(client, event, 4)
    assert Feedback.objects.exists() is (viewer == ATTENDEE)


def test_feedback_waits_until_the_event_has_happened(client):
    event = EventFactory()
    sign_in_as(client, ATTENDEE, event)
    assert client.get(reverse("events:feedback", args=[event.slug])).status_code == 403


def test_the_form_asks_both_questions_with_labelled_choices(client, event):
    sign_in_as(client, ATTENDEE, event)
    page = client.get(reverse("events:feedback", args=[event.slug])).content.decode()
    assert "What will you do differently as a result?" in page
    assert page.count('type="radio"') == 5
    assert "5: Extremely useful" in page
    assert "1: Not at all useful" in page


def test_one_answer_a_place_which_can_be_changed(client, event):
    sign_in_as(client, ATTENDEE, event)
    first = answer(client, event, 2, "Talk to our data team.")
    assert first.status_code == 302
    answer(client, event, 5, "Start the data sharing agreement now.")
    feedback = Feedback.objects.get()
    assert (feedback.usefulness, feedback.will_do_differently) == (
        5,
        "Start the data sharing agreement now.",
    )
    page = client.get(reverse("events:feedback", args=[event.slug])).content.decode()
    assert "already given feedback" in page


def test_an_answer_needs_a_usefulness_and_the_error_summary_says_so(client, event):
    sign_in_as(client, ATTENDEE, event)
    response = answer(client, event, "")
    page = response.content.decode()
    assert response.status_code == 200
    assert "govuk-error-summary" in page
    assert "Select how useful the event was to you" in page
    assert answer(client, event, 6).status_code == 200
    assert not Feedback.objects.exists()


# Summaries -------------------------------------------------------------------------------


def give(event, *scores_and_texts):
    for usefulness, text in scores_and_texts:
        FeedbackFactory(
            invitation=InvitationFactory(event=event, status=PlaceStatus.ACCEPTED),
            usefulness=usefulness,
            will_do_differently=text,
        )


def test_the_summary_counts_means_and_distributes():
    event = EventFactory(past=True)
    give(event, (5, "A"), (4, ""), (4, "B"), (1, "C"))
    summary = feedback_summary(event)
    assert summary.count == 4
    assert summary.places == 4
    assert summary.mean == 3.5
    assert [row["count"] for row in summary.distribution] == [1, 0, 0, 2, 1]
    assert [row["percent"] for row in summary.distribution] == [25, 0, 0, 50, 25]
    assert summary.answers == ["A", "B", "C"]


def test_an_event_without_feedback_has_no_mean():
    summary = feedback_summary(EventFactory(past=True))
    assert (summary.count, summary.mean, summary.answers) == (0, None, [])


@pytest.mark.parametrize(
    ("viewer", "status"),
    [(PUBLIC, 404), (UNINVITED, 404), (ATTENDEE, 403), (FACILITATOR, 200), (ADMIN, 200)],
)
def test_the_summary_is_for_those_running_the_event(client, event, viewer, status):
    give(event, (4, "Start early."))
    sign_in_as(client, viewer, event)
    response = client.get(reverse("events:feedback_summary", args=[event.slug]))
    assert response.status_code == status


def test_the_summary_page_shows_a_table_bars_and_answers_without_names(client, event):
    InvitationFactory(event=event, full_name="Priya Okonkwo", status=PlaceStatus.ACCEPTED)
    FeedbackFactory(
        invitation=event.invitations.get(full_name="Priya Okonkwo"),
        usefulness=5,
        will_do_differently="Brief the cabinet on data sharing.",
    )
    give(event, (3, ""))
    sign_in_as(client, FACILITATOR, event)
    page = client.get(reverse("events:feedback_summary", args=[event.slug])).content.decode()
    assert "Brief the cabinet on data sharing." in page
    assert "Priya Okonkwo" not in page
    assert "govuk-table" in page
    assert '<rect x="0" y="0" width="50"' in page  # the bar for 5, as the 50% beside it
    assert "50%" in page
    assert '<strong class="hub-numeric">4.0</strong>' in page


# Across a series -------------------------------------------------------------------------


@pytest.fixture
def series_with_feedback():
    series = SeriesFactory()
    first = EventFactory(past=True, series=series)
    second = EventFactory(past=True, series=series)
    give(first, (5, "First event answer"))
    give(second, (3, "Second event answer"), (1, ""))
    return series, first, second


def test_programme_admins_see_every_event_of_the_series_and_the_total(client, series_with_feedback):
    series, first, second = series_with_feedback
    client.force_login(UserFactory(roles=[Role.PROGRAMME_ADMIN]))
    response = client.get(reverse("events:series_feedback", args=[series.slug]))
    page = response.content.decode()
    assert response.status_code == 200
    assert first.title in page
    assert second.title in page
    assert "3 answers" in page
    assert response.context["results"].overall.mean == 3.0


def test_a_facilitator_sees_the_events_of_the_series_they_run(client, series_with_feedback):
    series, first, second = series_with_feedback
    sign_in_as(client, FACILITATOR, first)
    response = client.get(reverse("events:series_feedback", args=[series.slug]))
    page = response.content.decode()
    assert response.status_code == 200
    assert "First event answer" in page
    assert "Second event answer" not in page


@pytest.mark.parametrize(("role", "status"), [(None, 302), (Role.MEMBER, 403), (Role.EDITOR, 403)])
def test_others_cannot_see_a_series_feedback(client, series_with_feedback, role, status):
    series, first, _ = series_with_feedback
    if role is not None:
        client.force_login(UserFactory(roles=[role]))
    assert client.get(reverse("events:series_feedback", args=[series.slug])).status_code == status


def test_a_facilitator_running_none_of_the_series_is_refused(client, series_with_feedback):
    series, *_ = series_with_feedback
    client.force_login(UserFactory(roles=[Role.FACILITATOR]))
    assert client.get(reverse("events:series_feedback", args=[series.slug])).status_code == 403


def test_an_attendee_of_the_series_cannot_see_its_feedback(client, series_with_feedback):
    series, first, _ = series_with_feedback
    sign_in_as(client, ATTENDEE, first)
    assert client.get(reverse("events:series_feedback", args=[series.slug])).status_code == 403
