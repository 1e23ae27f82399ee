"""Reminders a week and a day before: scheduled on the London clock, sent once a place and kind,
never for a cancelled or moved event."""

from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from django_tasks import default_task_backend

from hub.events.models import PlaceStatus, ReminderSent
from hub.events.services import cancel_event, save_event, schedule_reminders, send_reminders
from hub.events.tests.factories import EventFactory, InvitationFactory

pytestmark = pytest.mark.django_db
LONDON = ZoneInfo("Europe/London")


@pytest.fixture
def deferred_tasks(settings):
    """Keep enqueued tasks, with their run_after, in the dummy backend's list."""
    settings.TASKS = {
        "default": {
            **settings.TASKS["default"],
            "BACKEND": "django_tasks.backends.dummy.DummyBackend",
        }
    }
    default_task_backend.clear()
    yield default_task_backend
    default_task_backend.clear()


def reminders_enqueued(backend) -> list[tuple[str, datetime]]:
    return sorted(
        (result.args[1], result.task.run_after)
        for result in backend.results
        if result.task.name == "send_reminders"
    )


def test_reminders_are_scheduled_a_week_and_a_day_before_on_the_london_clock(
    deferred_tasks, django_capture_on_commit_callbacks
):
    # The clocks go back on Sunday 27 October 2030: the day-before reminder is still 9am.
    starts = datetime(2030, 10, 28, 9, 0, tzinfo=LONDON)
    event = EventFactory(starts_at=starts, ends_at=starts + timedelta(hours=2))
    event.refresh_from_db()  # as save_event passes it: the time in UTC
    with django_capture_on_commit_callbacks(execute=True):
        schedule_reminders(event)
    (day, day_at), (week, week_at) = reminders_enqueued(deferred_tasks)
    assert (day, week) == ("day", "week")
    assert day_at.astimezone(LONDON) == datetime(2030, 10, 27, 9, 0, tzinfo=LONDON)
    assert day_at.astimezone(LONDON).utcoffset() == timedelta(0)
    assert week_at.astimezone(LONDON) == datetime(2030, 10, 21, 9, 0, tzinfo=LONDON)


def test_a_reminder_already_due_is_not_scheduled(
    deferred_tasks, django_capture_on_commit_callbacks
):
    event = EventFactory(
        starts_at=datetime.now(LONDON) + timedelta(days=3),
        ends_at=datetime.now(LONDON) + timedelta(days=3, hours=2),
    )
    with django_capture_on_commit_callbacks(execute=True):
        schedule_reminders(event)
    assert [kind for kind, _ in reminders_enqueued(deferred_tasks)] == ["day"]


def test_saving_a_scheduled_event_schedules_its_reminders(
    deferred_tasks, django_capture_on_commit_callbacks
):
    event = EventFactory()
    with django_capture_on_commit_callbacks(execute=True):
        save_event(event, changed_fields=set())
    assert [kind for kind, _ in reminders_enqueued(deferred_tasks)] == ["day", "week"]


def _sent(mailoutbox):
    return sorted((m.to[0], m.subject) for m in mailoutbox)


def test_each_place_gets_each_reminder_once_with_the_london_time(
    immediate_tasks, mailoutbox, django_capture_on_commit_callbacks
):
    starts = datetime.now(LONDON).replace(hour=14, minute=30, second=0, microsecond=0) + timedelta(
        days=7
    )
    event = EventFactory(starts_at=starts, ends_at=starts + timedelta(hours=2))
    place = InvitationFactory(event=event, status=PlaceStatus.ACCEPTED)
    InvitationFactory(event=event, status=PlaceStatus.WAITING)
    InvitationFactory(event=event, status=PlaceStatus.DECLINED)
    # The task is given the London-offset time the service enqueues; the database gives UTC.
    with django_capture_on_commit_callbacks(execute=True):
        # As a British Summer Time start would be written, whatever the season today.
        in_bst = starts.astimezone(timezone(timedelta(hours=1))).isoformat()
        assert send_reminders(event.pk, "week", in_bst) == 1
    with django_capture_on_commit_callbacks(execute=True):
        assert send_reminders(event.pk, "week", starts.isoformat()) == 0
    with django_capture_on_commit_callbacks(execute=True):
        assert send_reminders(event.pk, "day", starts.astimezone(ZoneInfo("UTC")).isoformat()) == 1

    assert _sent(mailoutbox) == sorted(
        [
            (place.email, f"Reminder: {event.title} next week"),
            (place.email, f"Reminder: {event.title} tomorrow"),
        ]
    )
    assert "2:30pm" in mailoutbox[0].body
    assert f"{starts:%A} {starts.day} {starts:%B %Y}" in mailoutbox[0].body
    assert ReminderSent.objects.filter(invitation=place).count() == 2


def test_nothing_is_sent_for_a_cancelled_event(
    immediate_tasks, mailoutbox, django_capture_on_commit_callbacks
):
    event = EventFactory()
    InvitationFactory(event=event, status=PlaceStatus.ACCEPTED)
    scheduled_for = event.starts_at.isoformat()
    cancel_event(event, reason="")
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert send_reminders(event.pk, "day", scheduled_for) == 0
    assert mailoutbox == []
    assert not ReminderSent.objects.exists()


def test_nothing_is_sent_for_the_old_time_of_a_moved_event(
    immediate_tasks, mailoutbox, django_capture_on_commit_callbacks
):
    event = EventFactory()
    InvitationFactory(event=event, status=PlaceStatus.ACCEPTED)
    old_time = event.starts_at.isoformat()
    event.starts_at += timedelta(days=2)
    event.ends_at += timedelta(days=2)
    event.save()
    with django_capture_on_commit_callbacks(execute=True):
        assert send_reminders(event.pk, "day", old_time) == 0
        assert send_reminders(event.pk, "day", event.starts_at.isoformat()) == 1
    assert len(mailoutbox) == 1


def test_a_late_task_sends_nothing_once_the_event_has_started(
    immediate_tasks, mailoutbox, django_capture_on_commit_callbacks
):
    event = EventFactory(past=True)
    InvitationFactory(event=event, status=PlaceStatus.ACCEPTED)
    with django_capture_on_commit_callbacks(execute=True):
        assert send_reminders(event.pk, "day", event.starts_at.isoformat()) == 0
    assert mailoutbox == []


def test_the_task_runs_the_service(immediate_tasks, mailoutbox, django_capture_on_commit_callbacks):
    from hub.events.tasks import send_reminders as task

    event = EventFactory()
    InvitationFactory(event=event, status=PlaceStatus.ACCEPTED)
    with django_capture_on_commit_callbacks(execute=True):
        result = task.enqueue(event.pk, "week", event.starts_at.isoformat())
    assert result.return_value == 1
    assert len(mailoutbox) == 1
