"""Time the programme pages at sector scale: `manage.py bench_programme`.

    manage.py bench_programme [--sizes cases=10000,attendance=100000,adoptions=20000]
        [--requests 20] [--seed N] [--demo-register-only] [--quick] [--current-database]

Generates a sector of data (hub.programme.bench) in a throwaway database (a temporary SQLite
file, or `<name>_bench_<pid>` on PostgreSQL with DATABASE_URL), then asks for every programme
page as a facilitator with DEBUG off and prints a Markdown table: p50 and p95 in ms, p50 as a
multiple of a plain list page's (the councils list, measured in the same run), and each page's
query count. `--quick` is a tiny sector and few requests (for tests); `--current-database`
writes into the configured database instead (tests, whose database is already throwaway).
"""

import os
import time

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from hub.programme import bench
from hub.search.bench.database import throwaway_database
from hub.search.bench.report import cpu_model, database_description, load_average

SIZE_NAMES = ("cases", "attendance", "adoptions")


def _sizes(value: str) -> bench.Sizes:
    """`cases=10000,attendance=100000,adoptions=20000`, any of them (others keep defaults)."""
    chosen = {}
    for part in filter(None, (part.strip() for part in value.split(","))):
        name, _, number = part.partition("=")
        if name not in SIZE_NAMES:
            raise CommandError(f"--sizes takes {', '.join(SIZE_NAMES)}: not {name!r}")
        try:
            chosen[name] = int(number.replace("_", ""))
        except ValueError:
            raise CommandError(f"--sizes needs a whole number for {name}") from None
        if chosen[name] < 1:
            raise CommandError(f"--sizes needs {name} of 1 or more")
    return bench.Sizes(**chosen)


class Command(BaseCommand):
    help = "Generate a sector of programme data and time the programme pages against a list page."

    def add_arguments(self, parser):
        parser.add_argument(
            "--sizes",
            type=_sizes,
            default=None,
            help="cases=N,attendance=N,adoptions=N (default 10,000, 100,000 and 20,000).",
        )
        parser.add_argument("--requests", type=int, default=20, help="Timed requests a page.")
        parser.add_argument("--seed", type=int, default=bench.SEED)
        parser.add_argument(
            "--demo-register-only",
            action="store_true",
            help="Only the demo extract of the register, even when the real one is there.",
        )
        parser.add_argument(
            "--quick", action="store_true", help="A tiny sector and 3 requests a page (tests)."
        )
        parser.add_argument(
            "--current-database",
            action="store_true",
            help="Write into the configured database, not a throwaway one (tests only).",
        )

    def handle(self, *args, sizes, requests, seed, quick, **options):
        if quick:
            sizes = sizes or bench.Sizes.quick()
            requests = min(requests, 3)
        sizes = sizes or bench.Sizes()
        if requests < 1:
            raise CommandError("--requests must be at least 1")
        started = time.perf_counter()

        def say(message: str) -> None:
            if options["verbosity"]:
                self.stderr.write(f"[{time.perf_counter() - started:6.0f} s] {message}")

        def run() -> None:
            say("Generating the sector")
            generated = bench.generate_sector(
                sizes,
                seed=seed,
                real_register=not (quick or options["demo_register_only"]),
                say=say,
            )
            say("Timing the pages")
            results = bench.time_pages(
                bench.pages_to_time(),
                bench.programme_staff(),
                requests=requests,
                warm_up=1 if quick else 2,
                say=say,
            )
            self._report(generated, results, requests)

        if options["current_database"]:
            run()
        else:
            with throwaway_database():
                run()

    def _report(self, generated: bench.Generated, results, requests: int) -> None:
        out = self.stdout.write
        out("## Programme pages at sector scale")
        out("")
        out(
            f"Machine: {os.cpu_count()} cores ({cpu_model()}), {database_description()} "
            f"({connection.vendor}); load average {load_average()}"
        )
        out(f"Register: {generated.register}; generated in {generated.seconds:.0f} s:")
        out(", ".join(f"{count:,} {name}" for name, count in generated.counts.items()))
        out("")
        out(
            f"Each page {requests} times as a facilitator through Django's test client, DEBUG "
            "off, after a warm-up; the baseline is the councils list (one page of the register)."
        )
        out("")
        for line in bench.table(results):
            out(line)
