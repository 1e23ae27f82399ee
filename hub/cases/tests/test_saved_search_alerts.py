"""Saved-search alerts: one email per due search listing records published since its last
alert, never unpublished ones, daily or weekly as the user chose."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.utils import timezone

from hub.cases.models import AlertFrequency, ResourceKind, Status
from hub.cases.search import SEARCH_KIND
from hub.cases.services import saved_search_alerts_send
from hub.cases.tasks import send_saved_search_alerts
from hub.cases.tests.factories import ResourceFactory, SavedSearchFactory
from hub.search.services import search_index_object

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("immediate_tasks")]

NOW = timezone.now().replace(microsecond=0)


@pytest.fixture
def send(django_capture_on_commit_callbacks):
    """Run the alerts at `now` and return the emails sent."""

    def run(frequency=AlertFrequency.DAILY, *, now=NOW):
        before = len(mail.outbox)
        with django_capture_on_commit_callbacks(execute=True):
            count = saved_search_alerts_send(frequency=frequency, now=now)
        sent = mail.outbox[before:]
        assert count == len(sent)
        return sent

    return run


def _published(title: str, *, hours_ago: float = 1, **fields):
    return ResourceFactory(
        status=Status.PUBLISHED,
        title=title,
        published_at=NOW - timedelta(hours=hours_ago),
        **fields,
    )


def test_a_new_match_is_emailed_once_with_links(send, settings):
    settings.HUB_BASE_URL = "https://hub.example.org/"
    saved = SavedSearchFactory(
        name="Reports",
        query_string="kind=report",
        frequency=AlertFrequency.DAILY,
        last_alerted_at=NOW - timedelta(days=1),
        user__email="reader@example.org",
    )
    report = _published("Cloud telephony report", kind=ResourceKind.REPORT)
    _published("A case study, not a report", kind=ResourceKind.CASE_STUDY)

    sent = send()

    assert len(sent) == 1
    message = sent[0]
    assert message.to == ["reader@example.org"]
    assert message.subject == "New good practice for your saved search: Reports"
    assert "1 new good practice record matches your saved search “Reports”" in message.body
    assert f"Cloud telephony report, {report.lead_organisation.name}" in message.body
    assert f"https://hub.example.org/cases/{report.slug}/" in message.body
    assert "A case study, not a report" not in message.body
    assert "https://hub.example.org/cases/?kind=report" in message.body
    assert "https://hub.example.org/cases/saved-searches/" in message.body
    saved.refresh_from_db()
    assert saved.last_alerted_at == NOW

    # The next day the same record is not news.
    assert send(now=NOW + timedelta(days=1)) == []


def test_unpublished_records_are_never_included(send):
    SavedSearchFactory(frequency=AlertFrequency.DAILY, last_alerted_at=NOW - timedelta(days=1))
    for status in (Status.DRAFT, Status.SUBMITTED, Status.CHANGES_REQUESTED, Status.ARCHIVED):
        # Archived records keep the date they were first published.
        ResourceFactory(
            status=status, title=f"Hidden {status}", published_at=NOW - timedelta(hours=1)
        )
    assert send() == []

    _published("Visible")
    later = send(now=NOW + timedelta(days=1, minutes=1))
    # It was published before the last alert, so it is not new either.
    assert later == []


def test_records_published_since_the_last_alert_are_listed_newest_first(send):
    SavedSearchFactory(frequency=AlertFrequency.DAILY, last_alerted_at=NOW - timedelta(days=1))
    _published("Older news", hours_ago=20)
    _published("Newer news", hours_ago=2)
    _published("Before the last alert", hours_ago=30)

    body = send()[0].body

    assert "2 new good practice records match" in body
    assert body.index("Newer news") < body.index("Older news")
    assert "Before the last alert" not in body


def test_no_new_matches_sends_nothing_but_moves_the_search_on(send):
    saved = SavedSearchFactory(
        frequency=AlertFrequency.DAILY, last_alerted_at=NOW - timedelta(days=2)
    )
    assert send() == []
    saved.refresh_from_db()
    assert saved.last_alerted_at == NOW


def test_the_weekly_search_waits_a_week(send):
    weekly = SavedSearchFactory(
        frequency=AlertFrequency.WEEKLY, last_alerted_at=NOW - timedelta(days=2)
    )
    _published("This week's news")

    assert send(AlertFrequency.WEEKLY) == []
    assert send(AlertFrequency.DAILY) == []  # The daily run leaves weekly searches alone.
    weekly.refresh_from_db()
    assert weekly.last_alerted_at == NOW - timedelta(days=2)

    sent = send(AlertFrequency.WEEKLY, now=NOW + timedelta(days=5))
    assert len(sent) == 1
    assert "This week's news" in sent[0].body


def test_the_daily_search_is_sent_once_a_day_even_if_the_scheduler_is_early(send):
    daily = SavedSearchFactory(
        frequency=AlertFrequency.DAILY, last_alerted_at=NOW - timedelta(hours=12)
    )
    _published("Fresh", hours_ago=1)
    assert send() == []  # Alerted 12 hours ago: not due.

    # A scheduler that starts a few minutes early still finds it due.
    sent = send(now=daily.last_alerted_at + timedelta(days=1) - timedelta(minutes=5))
    assert len(sent) == 1


def test_a_search_never_alerted_looks_back_one_interval_only(send):
    SavedSearchFactory(frequency=AlertFrequency.WEEKLY, last_alerted_at=None)
    _published("This week", hours_ago=24 * 3)
    _published("Last year", hours_ago=24 * 365)
    body = send(AlertFrequency.WEEKLY)[0].body
    assert "This week" in body
    assert "Last year" not in body


def test_a_text_search_matches_through_the_search_index(send):
    SavedSearchFactory(
        query_string="q=heatpump",
        frequency=AlertFrequency.DAILY,
        last_alerted_at=NOW - timedelta(days=1),
    )
    match = _published("Heatpump monitoring in council housing")
    other = _published("Parking permits online")
    for resource in (match, other):
        search_index_object(kind=SEARCH_KIND, object_id=resource.pk)

    body = send()[0].body

    assert "Heatpump monitoring in council housing" in body
    assert "Parking permits online" not in body


def test_inactive_accounts_get_no_alerts(send):
    SavedSearchFactory(
        frequency=AlertFrequency.DAILY,
        last_alerted_at=NOW - timedelta(days=1),
        user__is_active=False,
    )
    _published("News")
    assert send() == []


def test_each_user_gets_their_own_email(send):
    for email in ("one@example.org", "two@example.org"):
        SavedSearchFactory(
            frequency=AlertFrequency.DAILY,
            last_alerted_at=NOW - timedelta(days=1),
            user__email=email,
        )
    _published("News")
    assert sorted(message.to[0] for message in send()) == ["one@example.org", "two@example.org"]


def test_a_long_list_is_cut_short_with_a_link_to_the_rest(send):
    SavedSearchFactory(frequency=AlertFrequency.DAILY, last_alerted_at=NOW - timedelta(days=1))
    for number in range(23):
        _published(f"Record {number}", hours_ago=1 + number / 10)
    body = send()[0].body
    assert "23 new good practice records match" in body
    assert "Record 19" in body
    assert "Record 20" not in body
    assert "And 3 more." in body


# The task and the command


def test_the_task_sends_the_alerts(django_capture_on_commit_callbacks):
    SavedSearchFactory(frequency=AlertFrequency.DAILY, last_alerted_at=NOW - timedelta(days=2))
    _published("News", hours_ago=1)
    with django_capture_on_commit_callbacks(execute=True):
        result = send_saved_search_alerts.enqueue(AlertFrequency.DAILY)
    assert result.return_value == 1
    assert len(mail.outbox) == 1


def test_the_command_runs_the_alerts_now(django_capture_on_commit_callbacks):
    SavedSearchFactory(frequency=AlertFrequency.DAILY, last_alerted_at=NOW - timedelta(days=2))
    _published("News", hours_ago=1)
    out = StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_saved_search_alerts", "--frequency", "daily", stdout=out)
    assert "Sent 1 daily saved-search alert" in out.getvalue()
    assert len(mail.outbox) == 1


def test_the_command_dry_run_sends_and_changes_nothing(django_capture_on_commit_callbacks):
    saved = SavedSearchFactory(
        frequency=AlertFrequency.DAILY, last_alerted_at=NOW - timedelta(days=2)
    )
    _published("News", hours_ago=1)
    out = StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_saved_search_alerts", "--frequency", "daily", "--dry-run", stdout=out)
    assert "Would send 1 daily saved-search alert" in out.getvalue()
    assert mail.outbox == []
    saved.refresh_from_db()
    assert saved.last_alerted_at == NOW - timedelta(days=2)


def test_the_command_can_enqueue_the_task_instead(django_capture_on_commit_callbacks):
    SavedSearchFactory(frequency=AlertFrequency.WEEKLY, last_alerted_at=NOW - timedelta(days=8))
    _published("News", hours_ago=1)
    out = StringIO()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        call_command("send_saved_search_alerts", "--frequency", "weekly", "--enqueue", stdout=out)
    assert "Enqueued weekly saved-search alerts" in out.getvalue()
    assert callbacks
    assert len(mail.outbox) == 1


def test_the_command_refuses_an_unknown_frequency():
    with pytest.raises(CommandError, match="invalid choice"):
        call_command("send_saved_search_alerts", "--frequency", "hourly")
