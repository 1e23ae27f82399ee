"""Background work for the academies: reminders of 100-day plan updates falling due."""

from django_tasks import task

from hub.academies.plans import plan_reminders_send


@task()
def send_plan_reminders() -> int:
    return plan_reminders_send()
