"""The cycle's deadlines: their states, the programme staff's deadlines page (overdue first,
filters, CSV) and the reminders, each sent once."""

import csv
import io
from datetime import date, timedelta

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from hub.accounts.tests.factories import UserFactory
from hub.core.dates import add_months
from hub.peer_challenge import followup
from hub.peer_challenge.challenges import deadline_dates
from hub.peer_challenge.models import (
    ChallengeStatus,
    Deadline,
    DeadlineReminder,
    PeerRole,
    ReminderKind,
)
from hub.peer_challenge.tests.factories import (
    ChallengeFactory,
    CouncilLeadFactory,
    PeerFactory,
)
from hub.peer_challenge.tests.test_followup import STAFF_ONLY, outcome, sign_in_as

pytestmark = pytest.mark.django_db


def ended(days_ago: int = 0, *, months_ago: int = 0, **fields):
    """A challenge whose on-site visit ended `months_ago` calendar months and `days_ago` days
    before today."""
    ends_on = add_months(timezone.localdate(), -months_ago) - timedelta(days=days_ago)
    return ChallengeFactory(
        on_site_starts_on=ends_on - timedelta(days=3), on_site_ends_on=ends_on, **fields
    )


def states(challenge, today=None) -> dict[str, str]:
    return {s.deadline: s.state for s in followup.deadline_statuses(challenge, today)}


def test_deadline_states():
    today = date(2026, 6, 15)
    challenge = ChallengeFactory(
        on_site_starts_on=date(2026, 2, 20), on_site_ends_on=date(2026, 2, 27)
    )
    # Report due 27 May (overdue), plan 27 July (due), review 27 December (due).
    assert states(challenge, today) == {
        "report": "overdue",
        "action_plan": "due",
        "progress_review": "due",
    }
    # Within a fortnight of the plan's deadline: due soon (the 14th day too).
    assert states(challenge, date(2026, 7, 13))["action_plan"] == "due_soon"
    assert states(challenge, date(2026, 7, 12))["action_plan"] == "due"
    assert states(challenge, date(2026, 7, 27))["action_plan"] == "due_soon"
    assert states(challenge, date(2026, 7, 28))["action_plan"] == "overdue"
    # Met on the day it was published, even late.
    challenge.report_published_at = timezone.make_aware(timezone.datetime(2026, 6, 1, 10))
    report = followup.deadline_statuses(challenge, today)[0]
    assert (report.state, report.met_on, report.met_late) == ("met", date(2026, 6, 1), True)
    challenge.progress_review_held_on = date(2026, 12, 1)
    review = followup.deadline_statuses(challenge, today)[2]
    assert (review.state, review.met_late) == ("met", False)
    assert [s.due_on for s in followup.deadline_statuses(challenge)] == list(
        deadline_dates(challenge).values()
    )


@pytest.mark.parametrize(("who", "expected"), STAFF_ONLY)
def test_deadlines_are_for_programme_staff(client, who, expected):
    challenge = ChallengeFactory()
    sign_in_as(client, who, challenge)
    for name in ("peer_challenge:deadlines", "peer_challenge:deadlines-csv"):
        response = client.get(reverse(name))
        assert outcome(response) == expected
        if expected != 200:
            assert challenge.title.encode() not in b"".join(
                getattr(response, "streaming_content", [response.content])
            )


def test_deadlines_page_lists_overdue_first_and_filters(client):
    overdue = ended(months_ago=4, title="Overdue report challenge")
    ended(days_ago=-10, months_ago=3, title="Report due soon challenge")
    met = ended(months_ago=4, title="Report met challenge")
    met.report_published_at = timezone.now() - timedelta(days=40)
    met.status = ChallengeStatus.PUBLISHED
    met.save()
    sign_in_as(client, "staff", overdue)
    page = client.get(reverse("peer_challenge:deadlines")).content.decode()
    overdue_table = page[page.index('id="overdue"') : page.index('id="deadlines"')]
    assert "Overdue report challenge" in overdue_table
    assert "Report due soon challenge" not in overdue_table
    # The met challenge's report is met, but its action plan (5 months) is not overdue yet.
    assert "Report met challenge" not in overdue_table
    assert page.index('id="overdue"') < page.index('id="deadlines"')
    assert "Due soon" in page

    response = client.get(reverse("peer_challenge:deadlines"), {"state": "met"})
    page = response.content.decode()
    listed = page[page.index('id="deadlines"') :]
    assert "Report met challenge" in listed
    assert "Overdue report challenge" not in listed

    response = client.get(
        reverse("peer_challenge:deadlines"), {"deadline": "report", "state": "due_soon"}
    )
    listed = response.content.decode()
    listed = listed[listed.index('id="deadlines"') :]
    assert "Report due soon challenge" in listed
    assert "Overdue report challenge" not in listed
    assert "Action plan published" not in listed

    response = client.get(reverse("peer_challenge:deadlines"), {"status": "published"})
    listed = response.content.decode()
    listed = listed[listed.index('id="deadlines"') :]
    assert "Report met challenge" in listed
    assert "Overdue report challenge" not in listed


def test_deadlines_csv(client):
    challenge = ended(days_ago=5, months_ago=3, title="CSV challenge")
    sign_in_as(client, "staff", challenge)
    response = client.get(reverse("peer_challenge:deadlines-csv"), {"deadline": "report"})
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert len(rows) == 1
    row = rows[0]
    due = deadline_dates(challenge)[Deadline.REPORT]
    assert (row["Challenge"], row["Deadline"], row["State"], row["Days overdue"]) == (
        "CSV challenge",
        "Report published",
        "Overdue",
        str((timezone.localdate() - due).days),
    )
    assert row["Due on"] == due.isoformat()
    assert row["Met on"] == ""


def test_deadlines_page_in_a_fixed_number_of_queries(client, django_assert_num_queries):
    for months in range(6):
        ended(months_ago=months)
    client.force_login(UserFactory(roles=["facilitator"]))
    url = reverse("peer_challenge:deadlines")
    client.get(url)
    # Session, user, staff's authenticator (django-otp), groups (rules), challenges.
    with django_assert_num_queries(5):
        client.get(url)
    for months in range(6):
        ended(months_ago=months)
    with django_assert_num_queries(5):
        client.get(url)


# Reminders ---------------------------------------------------------------------------------


def with_people(challenge):
    lead = PeerFactory(challenge=challenge, role=PeerRole.LEAD_PEER)
    other_peer = PeerFactory(challenge=challenge)
    council_lead = CouncilLeadFactory(challenge=challenge)
    return lead.person.user.email, other_peer.person.user.email, council_lead.person.user.email


def test_reminders_go_when_due_soon_and_when_overdue_once_each(
    mailoutbox, immediate_tasks, django_capture_on_commit_callbacks
):
    challenge = ended(days_ago=-10, months_ago=3)  # report due in 10 days
    lead, other_peer, council_lead = with_people(challenge)
    far = ended(days_ago=-20, months_ago=3)  # due in 20 days: nothing yet
    with_people(far)

    assert followup.challenge_reminders_send(dry_run=True) == 1
    assert not DeadlineReminder.objects.exists()

    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_challenge_reminders", stdout=io.StringIO())
    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert sorted(message.to) == sorted([lead, council_lead])
    assert other_peer not in message.to
    assert message.subject.startswith("Due soon: report published")
    assert reverse("peer_challenge:report", args=[challenge.slug]) in message.body
    assert DeadlineReminder.objects.get().kind == ReminderKind.SOON

    # Running again sends nothing, today or tomorrow.
    with django_capture_on_commit_callbacks(execute=True):
        assert followup.challenge_reminders_send() == 0
        tomorrow = timezone.localdate() + timedelta(days=1)
        assert followup.challenge_reminders_send(today=tomorrow) == 0
    assert len(mailoutbox) == 1

    # Overdue: a second reminder, once, even when the day it fell due was missed.
    due = deadline_dates(challenge)[Deadline.REPORT]
    later = due + timedelta(days=3)
    with django_capture_on_commit_callbacks(execute=True):
        sent = followup.challenge_reminders_send(today=later)
        assert followup.challenge_reminders_send(today=later) == 0
    # By then the other challenge's report is due soon (its own first reminder).
    assert sent == 2
    overdue = [m for m in mailoutbox if challenge.title in m.subject and "Overdue" in m.subject]
    assert len(overdue) == 1
    assert set(
        DeadlineReminder.objects.filter(challenge=challenge).values_list("deadline", "kind")
    ) == {("report", "soon"), ("report", "overdue")}


def test_no_reminder_for_a_met_deadline_a_closed_challenge_or_one_long_overdue(
    mailoutbox, immediate_tasks, django_capture_on_commit_callbacks
):
    published = ended(days_ago=2, months_ago=3)  # report overdue by 2 days, but published
    published.report_published_at = timezone.now()
    published.save()
    closed = ended(days_ago=2, months_ago=3, status=ChallengeStatus.CLOSED)
    long_ago = ended(days_ago=100, months_ago=10)  # everything overdue for 100 days or more
    for challenge in (published, closed, long_ago):
        with_people(challenge)
    with django_capture_on_commit_callbacks(execute=True):
        assert followup.challenge_reminders_send() == 0
    assert mailoutbox == []


def test_a_deadline_already_overdue_gets_only_the_overdue_reminder(
    mailoutbox, immediate_tasks, django_capture_on_commit_callbacks
):
    challenge = ended(days_ago=20, months_ago=3)
    with_people(challenge)
    with django_capture_on_commit_callbacks(execute=True):
        assert followup.challenge_reminders_send() == 1
    assert list(DeadlineReminder.objects.values_list("deadline", "kind")) == [("report", "overdue")]
    assert "Overdue" in mailoutbox[0].subject


def test_the_command_can_enqueue_the_task(immediate_tasks, django_capture_on_commit_callbacks):
    challenge = ended(days_ago=-5, months_ago=3)
    with_people(challenge)
    out = io.StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_challenge_reminders", "--enqueue", stdout=out)
    assert "Enqueued" in out.getvalue()
    assert DeadlineReminder.objects.filter(challenge=challenge, kind="soon").exists()
