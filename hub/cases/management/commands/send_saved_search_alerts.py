"""Run (or enqueue) the saved-search alerts. A scheduler such as cron runs it daily and weekly:

0 7 * * *  manage.py send_saved_search_alerts --frequency daily
30 7 * * 1 manage.py send_saved_search_alerts --frequency weekly
"""

from django.core.management.base import BaseCommand

from hub.cases.models import AlertFrequency
from hub.cases.services import saved_search_alerts_send
from hub.cases.tasks import send_saved_search_alerts
from hub.core.tasks import enqueue_on_commit


class Command(BaseCommand):
    help = "Email saved searches their new published matches (one email per search)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--frequency",
            required=True,
            choices=AlertFrequency.values,
            help="Which saved searches to alert: the daily or the weekly ones.",
        )
        mode = parser.add_mutually_exclusive_group()
        mode.add_argument(
            "--enqueue",
            action="store_true",
            help="Enqueue the background task for a worker instead of running it now.",
        )
        mode.add_argument(
            "--dry-run",
            action="store_true",
            help="Count the emails that would be sent; send none and change nothing.",
        )

    def handle(self, *args, frequency: str, enqueue: bool, dry_run: bool, **options):
        if enqueue:
            correlation_id = enqueue_on_commit(send_saved_search_alerts, frequency)
            self.stdout.write(
                self.style.SUCCESS(f"Enqueued {frequency} saved-search alerts ({correlation_id})")
            )
            return
        sent = saved_search_alerts_send(frequency=frequency, dry_run=dry_run)
        verb = "Would send" if dry_run else "Sent"
        plural = "" if sent == 1 else "s"
        self.stdout.write(
            self.style.SUCCESS(f"{verb} {sent} {frequency} saved-search alert{plural}")
        )
