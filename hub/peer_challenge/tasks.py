"""Background work for peer challenges: reminders of deadlines due soon or overdue."""

from django_tasks import task

from hub.peer_challenge.followup import challenge_reminders_send


@task()
def send_challenge_reminders() -> int:
    return challenge_reminders_send()
