"""Background work for events: reminders, enqueued to run a week and a day before."""

from django_tasks import task

from hub.events import services


@task()
def send_reminders(event_id: int, kind: str, starts_at: str) -> int:
    return services.send_reminders(event_id, kind, starts_at)
