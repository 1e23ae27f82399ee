"""The benchmark `make bench` runs: relevance on both dev tasks in every mode, then speed.

    manage.py bench_report [--bench-dir DIR] [--out-dir DIR] [--sizes 1000,10000,100000]
        [--queries 200] [--icontains-queries 50] [--skip-relevance] [--skip-speed]

Every part runs in throwaway databases (temporary SQLite files, or `<name>_bench_<pid>` on
PostgreSQL with DATABASE_URL); the configured database is never written to.
"""

import time
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.test.utils import override_settings

from hub.search.bench import report
from hub.search.bench.speed import SIZES


def _sizes(value: str) -> list[int]:
    try:
        sizes = [int(part.replace("_", "")) for part in value.split(",") if part.strip()]
    except ValueError:
        raise CommandError(f"--sizes must be whole numbers separated by commas: {value}") from None
    if not sizes or min(sizes) < 1:
        raise CommandError("--sizes needs at least one size of 1 or more")
    return sizes


class Command(BaseCommand):
    help = "Print the search benchmark: relevance by task and mode, and speed by corpus size."

    def add_arguments(self, parser):
        parser.add_argument(
            "--bench-dir",
            type=Path,
            default=settings.BASE_DIR.parent / "shared" / "bench",
            help="The relevance collection's folder (corpus files and dev/).",
        )
        parser.add_argument(
            "--out-dir",
            type=Path,
            default=settings.BASE_DIR / ".cache" / "bench" / "runs",
            help="Where the TREC runs are written.",
        )
        parser.add_argument("--sizes", type=_sizes, default=list(SIZES))
        parser.add_argument("--queries", type=int, default=200, help="Queries timed per method.")
        parser.add_argument(
            "--icontains-queries",
            type=int,
            default=50,
            help="Of those, how many the (slow) icontains search is timed on.",
        )
        parser.add_argument("--skip-relevance", action="store_true")
        parser.add_argument("--skip-speed", action="store_true")

    def handle(self, *args, bench_dir, out_dir, sizes, **options):
        if not (bench_dir / "dev").is_dir():
            raise CommandError(f"No relevance collection at {bench_dir} (expected {bench_dir}/dev)")
        started = time.perf_counter()

        def say(message: str) -> None:
            if options["verbosity"]:
                self.stderr.write(f"[{time.perf_counter() - started:6.0f} s] {message}")

        lines = ["## Search benchmark", "", *report.environment_lines(), ""]
        configured_mode = settings.HUB_SEARCH_MODE
        with override_settings(DEBUG=False):
            if not options["skip_relevance"]:
                results = {}
                for task in report.TASKS:
                    results[task.name] = report.bench_task(task, bench_dir, out_dir, say)
                lines += [*report.relevance_table(results), f"Runs: {out_dir}", ""]
                relevance_seconds = time.perf_counter() - started
                lines.append(f"Relevance took {relevance_seconds:.0f} s.")
                lines.append("")
            if not options["skip_speed"]:
                speed_started = time.perf_counter()
                timings = report.bench_speed(
                    bench_dir,
                    sizes,
                    query_count=options["queries"],
                    icontains_count=options["icontains_queries"],
                    say=say,
                )
                lines += report.speed_table(timings, configured_mode)
                lines.append("")
                lines.append(f"Speed took {time.perf_counter() - speed_started:.0f} s.")
        lines.append(
            f"The whole benchmark took {time.perf_counter() - started:.0f} s; "
            f"load average at the end: {report.load_average()}."
        )
        self.stdout.write("\n".join(lines))
