"""Run (or enqueue) the supplier market's alerts. A scheduler such as cron runs it daily:

15 7 * * *  manage.py send_market_alerts
"""

from django.core.management.base import BaseCommand

from hub.core.tasks import enqueue_on_commit
from hub.market.alerts import market_alerts_send
from hub.market.tasks import send_market_alerts


class Command(BaseCommand):
    help = "Email councils' market watches their contracts ending soon and new category contracts."

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
            help="Count the contracts that would be alerted; send none and change nothing.",
        )

    def handle(self, *args, enqueue: bool, dry_run: bool, **options):
        if enqueue:
            correlation_id = enqueue_on_commit(send_market_alerts)
            self.stdout.write(self.style.SUCCESS(f"Enqueued market alerts ({correlation_id})"))
            return
        count = market_alerts_send(dry_run=dry_run)
        verb = "Would alert" if dry_run else "Alerted"
        plural = "" if count == 1 else "s"
        self.stdout.write(self.style.SUCCESS(f"{verb} {count} contract{plural}"))
