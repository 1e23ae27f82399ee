"""Email participants whose 6- or 12-month plan update is due in 14 days, or today, and is not
written. Run once a day (cron or a scheduler), for example:

15 7 * * *  manage.py send_plan_reminders

Each reminder goes on one exact day (hub.academies.plans.REMINDER_DAYS_BEFORE), so running it
daily sends each once per milestone without recording what was sent; running it twice on the
same day would send that day's reminders twice.
"""

from django.core.management.base import BaseCommand

from hub.academies.plans import plan_reminders_send
from hub.academies.tasks import send_plan_reminders
from hub.core.tasks import enqueue_on_commit


class Command(BaseCommand):
    help = "Email reminders of 100-day plan updates due in 14 days or today and not written."

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
            correlation_id = enqueue_on_commit(send_plan_reminders)
            self.stdout.write(self.style.SUCCESS(f"Enqueued plan reminders ({correlation_id})"))
            return
        sent = plan_reminders_send(dry_run=dry_run)
        verb = "Would send" if dry_run else "Sent"
        self.stdout.write(
            self.style.SUCCESS(f"{verb} {sent} plan reminder{'' if sent == 1 else 's'}")
        )
