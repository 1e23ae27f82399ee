"""Email the lead peer and council leads of each peer challenge whose report, action plan or
progress review is due within 14 days, and again once it is overdue. Run once a day (cron or a
scheduler), for example:

20 7 * * *  manage.py send_challenge_reminders

Each reminder is recorded (DeadlineReminder), so running it twice sends nothing twice, and a
day missed loses nothing: the next run sends what is owed
(hub.peer_challenge.followup.challenge_reminders_send).
"""

from django.core.management.base import BaseCommand

from hub.core.tasks import enqueue_on_commit
from hub.peer_challenge.followup import challenge_reminders_send
from hub.peer_challenge.tasks import send_challenge_reminders


class Command(BaseCommand):
    help = "Email reminders of peer challenge deadlines due within 14 days or overdue."

    def add_arguments(self, parser):
        mode = parser.add_mutually_exclusive_group()
        mode.add_argument(
            "--enqueue",
            action="store_true",
            help="Enqueue the background task for a worker instead of running it now.",
        )
        mode.add_argument(
            "--dry-run",
            action="store_true",
            help="Count the reminders that would be sent; send none.",
        )

    def handle(self, *args, enqueue: bool, dry_run: bool, **options):
        if enqueue:
            correlation_id = enqueue_on_commit(send_challenge_reminders)
            self.stdout.write(
                self.style.SUCCESS(f"Enqueued peer challenge reminders ({correlation_id})")
            )
            return
        sent = challenge_reminders_send(dry_run=dry_run)
        verb = "Would send" if dry_run else "Sent"
        self.stdout.write(
            self.style.SUCCESS(f"{verb} {sent} deadline reminder{'' if sent == 1 else 's'}")
        )
