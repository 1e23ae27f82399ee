"""The action plan and the progress review: who may see and change them, before and after the
council publishes, and what they record."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from hub.peer_challenge import followup
from hub.peer_challenge.models import Action, ActionStatus, ChallengeStatus, Judgement
from hub.peer_challenge.tests.factories import (
    ActionFactory,
    ChallengeFactory,
    FindingFactory,
)
from hub.peer_challenge.tests.test_findings_access import people, publish, sign_in

pytestmark = pytest.mark.django_db


def sign_in_as(client, who: str | None, challenge):
    """Sign the client in as one of test_findings_access.PEOPLE in relation to `challenge`
    (None stays anonymous)."""
    return sign_in(client, people(challenge)[who or "anonymous"])


# Programme staff only (pages about every challenge): each kind of person and the answer.
STAFF_ONLY = [
    (None, "sign in"),
    ("member", 403),
    ("own_council", 403),
    ("other_council", 403),
    ("peer", 403),
    ("lead_peer", 403),
    ("council_lead", 403),
    ("staff", 200),
]


def outcome(response) -> int | str:
    """The status, or "sign in" for a redirect to the sign-in page."""
    if response.status_code == 302 and "sign-in" in response["Location"]:
        return "sign in"
    return response.status_code


# The action plan: who sees it --------------------------------------------------------------


@pytest.mark.parametrize(
    ("who", "before", "published", "plan_published"),
    [
        (None, "sign in", 404, 200),
        ("member", 404, 404, 200),
        ("own_council", 404, 404, 200),
        ("other_council", 404, 404, 200),
        ("peer", 200, 200, 200),
        ("lead_peer", 200, 200, 200),
        ("council_lead", 200, 200, 200),
        ("staff", 200, 200, 200),
    ],
)
def test_action_plan_is_confidential_until_the_council_publishes_it(
    client, who, before, published, plan_published
):
    challenge = ChallengeFactory()
    ActionFactory(challenge=challenge, description="Put missed bin reporting online")
    sign_in_as(client, who, challenge)
    url = reverse("peer_challenge:action-plan", args=[challenge.slug])
    response = client.get(url)
    assert outcome(response) == before
    if before == 200:
        assert "Put missed bin reporting online" in response.content.decode()

    publish(challenge)
    assert outcome(client.get(url)) == published

    challenge.action_plan_published_at = timezone.now()
    challenge.save()
    response = client.get(url)
    assert outcome(response) == plan_published
    assert "Put missed bin reporting online" in response.content.decode()


@pytest.mark.parametrize(
    ("who", "before", "after"),
    [
        (None, "sign in", "sign in"),
        ("member", 404, 403),
        ("own_council", 404, 403),
        ("other_council", 404, 403),
        ("peer", 403, 403),
        ("lead_peer", 403, 403),
        ("council_lead", 200, 200),
        ("staff", 200, 200),
    ],
)
def test_only_council_leads_and_programme_staff_change_the_plan(client, who, before, after):
    challenge = ChallengeFactory()
    action = ActionFactory(challenge=challenge)
    sign_in_as(client, who, challenge)
    urls = [
        reverse("peer_challenge:action-add", args=[challenge.slug]),
        reverse("peer_challenge:action-edit", args=[challenge.slug, action.pk]),
        reverse("peer_challenge:action-remove", args=[challenge.slug, action.pk]),
    ]
    assert [outcome(client.get(url)) for url in urls] == [before] * 3
    publish_url = reverse("peer_challenge:action-plan-publish", args=[challenge.slug])
    if before != 200:
        assert outcome(client.post(publish_url)) == before
    publish(challenge)
    assert [outcome(client.get(url)) for url in urls] == [after] * 3
    if after != 200:
        assert outcome(client.post(publish_url)) == after
        assert outcome(client.post(urls[2])) == after
        challenge.refresh_from_db()
        assert challenge.action_plan_published_at is None
        assert Action.objects.filter(pk=action.pk).exists()


def test_the_plan_page_shows_change_links_only_to_who_may_change_it(client):
    challenge = ChallengeFactory()
    action = ActionFactory(challenge=challenge)
    edit = reverse("peer_challenge:action-edit", args=[challenge.slug, action.pk])
    everyone = people(challenge)
    url = reverse("peer_challenge:action-plan", args=[challenge.slug])
    assert edit not in sign_in(client, everyone["peer"]).get(url).content.decode()
    assert edit in sign_in(client, everyone["council_lead"]).get(url).content.decode()


# The action plan: what it records ----------------------------------------------------------


def _action_data(**overrides):
    due = timezone.localdate() + timedelta(days=30)
    data = {
        "description": "Publish a data strategy",
        "owner": "Director of resources",
        "due_on_0": str(due.day),
        "due_on_1": str(due.month),
        "due_on_2": str(due.year),
        "finding": "",
        "status": ActionStatus.NOT_STARTED,
    }
    return {**data, **overrides}


def test_council_lead_adds_an_action_answering_an_area_for_development(client):
    challenge = ChallengeFactory()
    area = FindingFactory(challenge=challenge, title="Data is held in silos")
    strength = FindingFactory(
        challenge=challenge, judgement=Judgement.STRENGTH, title="Clear digital ambition"
    )
    elsewhere = FindingFactory(title="A finding of another challenge")
    sign_in_as(client, "council_lead", challenge)
    url = reverse("peer_challenge:action-add", args=[challenge.slug])
    page = client.get(url).content.decode()
    assert "Data is held in silos" in page
    assert "Clear digital ambition" not in page
    assert "A finding of another challenge" not in page

    for finding in (strength, elsewhere):
        response = client.post(url, _action_data(finding=str(finding.pk)))
        assert response.status_code == 200
        assert "Select an area for development of this challenge" in response.content.decode()
    assert not Action.objects.exists()

    response = client.post(url, _action_data(finding=str(area.pk)))
    assert response.status_code == 302
    action = Action.objects.get()
    assert (action.challenge, action.finding, action.owner) == (
        challenge,
        area,
        "Director of resources",
    )
    assert action.done_on is None


def test_the_action_form_asks_for_what_is_missing(client):
    challenge = ChallengeFactory()
    sign_in_as(client, "staff", challenge)
    response = client.post(
        reverse("peer_challenge:action-add", args=[challenge.slug]),
        _action_data(description="", owner="", due_on_0="", due_on_1="", due_on_2=""),
    )
    page = response.content.decode()
    assert "Enter what the council will do" in page
    assert "Enter the role that owns the action" in page
    assert "Enter the date it will be done by" in page
    assert not Action.objects.exists()


def test_done_records_the_day_and_moving_back_clears_it(client):
    challenge = ChallengeFactory()
    action = ActionFactory(challenge=challenge)
    sign_in_as(client, "council_lead", challenge)
    url = reverse("peer_challenge:action-edit", args=[challenge.slug, action.pk])
    assert client.post(url, _action_data(status=ActionStatus.DONE)).status_code == 302
    action.refresh_from_db()
    assert (action.status, action.done_on) == (ActionStatus.DONE, timezone.localdate())

    # Saving it again as done keeps the day it was done.
    Action.objects.filter(pk=action.pk).update(done_on=timezone.localdate() - timedelta(days=3))
    client.post(url, _action_data(status=ActionStatus.DONE, description="Changed"))
    action.refresh_from_db()
    assert action.done_on == timezone.localdate() - timedelta(days=3)

    client.post(url, _action_data(status=ActionStatus.IN_PROGRESS))
    action.refresh_from_db()
    assert (action.status, action.done_on) == (ActionStatus.IN_PROGRESS, None)


def test_an_action_of_another_challenge_is_not_found(client):
    challenge = ChallengeFactory()
    other = ActionFactory()
    sign_in_as(client, "staff", challenge)
    url = reverse("peer_challenge:action-edit", args=[challenge.slug, other.pk])
    assert client.get(url).status_code == 404
    remove = reverse("peer_challenge:action-remove", args=[challenge.slug, other.pk])
    assert client.post(remove).status_code == 404
    assert Action.objects.filter(pk=other.pk).exists()


def test_removing_an_action(client):
    challenge = ChallengeFactory()
    action = ActionFactory(challenge=challenge, description="Retire the old CRM")
    sign_in_as(client, "council_lead", challenge)
    url = reverse("peer_challenge:action-remove", args=[challenge.slug, action.pk])
    assert "Retire the old CRM" in client.get(url).content.decode()
    assert client.post(url).status_code == 302
    assert not Action.objects.exists()


def test_progress_counts_done_and_flags_overdue_actions(client):
    challenge = ChallengeFactory()
    today = timezone.localdate()
    ActionFactory(challenge=challenge, status=ActionStatus.DONE, done_on=today)
    ActionFactory(challenge=challenge, status=ActionStatus.IN_PROGRESS)
    late = ActionFactory(challenge=challenge, description="Late one", due_on=today - timedelta(1))
    # Done late is not overdue.
    ActionFactory(
        challenge=challenge, status=ActionStatus.DONE, done_on=today, due_on=today - timedelta(9)
    )
    actions = followup.actions_of(challenge)
    progress = followup.plan_progress(actions)
    assert (progress.done, progress.total, progress.in_progress, progress.overdue) == (2, 4, 1, 1)
    assert [a.pk for a in actions if followup.is_overdue(a)] == [late.pk]

    sign_in_as(client, "council_lead", challenge)
    page = client.get(reverse("peer_challenge:action-plan", args=[challenge.slug])).content
    page = page.decode()
    assert "2 of 4 done" in page
    assert "1 overdue" in page
    assert page.count('govuk-tag--red">Overdue<') == 1


def test_the_plan_is_published_only_after_the_report_and_with_actions(client):
    challenge = ChallengeFactory()
    sign_in_as(client, "council_lead", challenge)
    url = reverse("peer_challenge:action-plan-publish", args=[challenge.slug])
    response = client.post(url, follow=True)
    assert "Publish the report before the action plan" in response.content.decode()
    publish(challenge)
    response = client.post(url, follow=True)
    assert "Add at least one action" in response.content.decode()
    ActionFactory(challenge=challenge)
    response = client.post(url, follow=True)
    assert "The action plan has been published" in response.content.decode()
    challenge.refresh_from_db()
    first = challenge.action_plan_published_at
    assert first is not None
    client.post(url)
    challenge.refresh_from_db()
    assert challenge.action_plan_published_at == first


def test_the_plan_page_lists_actions_in_a_few_queries(client, django_assert_max_num_queries):
    challenge = ChallengeFactory()
    for _ in range(8):
        ActionFactory(challenge=challenge, finding=FindingFactory(challenge=challenge))
    sign_in_as(client, "staff", challenge)
    url = reverse("peer_challenge:action-plan", args=[challenge.slug])
    with django_assert_max_num_queries(12):
        assert client.get(url).status_code == 200


# The progress review -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("who", "read_before", "read_after", "record"),
    [
        (None, "sign in", "sign in", "sign in"),
        ("member", 404, 403, 403),
        ("own_council", 404, 403, 403),
        ("other_council", 404, 403, 403),
        ("peer", 200, 200, 200),
        ("lead_peer", 200, 200, 200),
        ("council_lead", 200, 200, 403),
        ("staff", 200, 200, 200),
    ],
)
def test_progress_review_is_for_insiders_and_recorded_by_peers_and_staff(
    client, who, read_before, read_after, record
):
    challenge = ChallengeFactory()
    sign_in_as(client, who, challenge)
    read = reverse("peer_challenge:progress-review", args=[challenge.slug])
    write = reverse("peer_challenge:progress-review-record", args=[challenge.slug])
    assert outcome(client.get(read)) == read_before
    publish(challenge)
    assert outcome(client.get(read)) == read_after
    assert outcome(client.get(write)) == record
    today = timezone.localdate()
    data = {
        "held_on_0": str(today.day),
        "held_on_1": str(today.month),
        "held_on_2": str(today.year),
        "summary": "Good progress on **data**.",
    }
    response = client.post(write, data)
    challenge.refresh_from_db()
    if record == 200:
        assert response.status_code == 302
        assert challenge.progress_review_held_on == today
        assert challenge.status == ChallengeStatus.CLOSED
    else:
        assert outcome(response) == record
        assert challenge.progress_review_held_on is None
        assert challenge.status == ChallengeStatus.PUBLISHED


def test_recording_the_review_closes_the_challenge_and_shows_progress_at_the_time(client):
    challenge = ChallengeFactory()
    today = timezone.localdate()
    ActionFactory(challenge=challenge, status=ActionStatus.DONE, done_on=today - timedelta(20))
    ActionFactory(challenge=challenge, status=ActionStatus.DONE, done_on=today)
    ActionFactory(challenge=challenge)
    sign_in_as(client, "lead_peer", challenge)
    write = reverse("peer_challenge:progress-review-record", args=[challenge.slug])
    held = today - timedelta(days=5)
    data = {
        "held_on_0": str(held.day),
        "held_on_1": str(held.month),
        "held_on_2": str(held.year),
        "summary": "Good progress on **data**.<script>alert(1)</script>",
    }
    read = reverse("peer_challenge:progress-review", args=[challenge.slug])
    assert "once the report is published" in client.get(read).content.decode()
    response = client.post(write, data)
    assert "The progress review follows the published report" in response.content.decode()

    publish(challenge)
    assert client.post(write, data).status_code == 302
    challenge.refresh_from_db()
    assert (challenge.status, challenge.progress_review_held_on) == (ChallengeStatus.CLOSED, held)
    page = client.get(read).content.decode()
    # One action was done before the review, two by now.
    assert 'id="done-at-review">1 of 3<' in page
    assert 'id="done-now">2 of 3' in page
    assert "<strong>data</strong>" in page
    assert "<script>alert(1)" not in page


def test_a_review_cannot_be_dated_in_the_future_or_before_the_visit(client):
    challenge = publish(ChallengeFactory())
    sign_in_as(client, "staff", challenge)
    write = reverse("peer_challenge:progress-review-record", args=[challenge.slug])
    for day in (timezone.localdate() + timedelta(1), challenge.on_site_ends_on - timedelta(1)):
        response = client.post(
            write,
            {
                "held_on_0": str(day.day),
                "held_on_1": str(day.month),
                "held_on_2": str(day.year),
                "summary": "Summary",
            },
        )
        assert response.status_code == 200
    challenge.refresh_from_db()
    assert challenge.progress_review_held_on is None
    response = client.post(write, {"summary": ""})
    page = response.content.decode()
    assert "Enter the date the review was held" in page
    assert "Enter a summary of the review" in page
