"""The load test's data, in the database bench_load points it at (it runs this, not you)."""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from hub.demo.services import DemoSeedRefused, demo_seed
from hub.ops.load.data import load_seed, load_writes


class Command(BaseCommand):
    help = "bench_load's helper: seed the demo and the load accounts (--plan), or --count writes."

    def add_arguments(self, parser):
        parser.add_argument("--plan", type=Path, help="Seed, and write locust's plan here.")
        parser.add_argument("--accounts", type=int, default=200)
        parser.add_argument("--events", type=int, default=10)
        parser.add_argument("--password", default="")
        parser.add_argument("--count", action="store_true", help="Print the writes as JSON.")

    def handle(self, *args, plan, accounts, events, password, count, **options):
        if count:
            self.stdout.write(json.dumps(load_writes()))
            return
        if plan is None or len(password) < 12:
            raise CommandError("Give --plan and a --password of 12 characters or more.")
        try:
            demo_seed()
        except DemoSeedRefused as error:
            raise CommandError(str(error)) from None
        plan.write_text(json.dumps(load_seed(accounts=accounts, events=events, password=password)))
