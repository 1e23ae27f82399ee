"""Time batch matching at scale: `manage.py bench_matching [--mentees 5000 --champions 1000]`.

Builds a synthetic cohort (hub.champions.bench), then times building the fit matrix and the
optimal assignment separately over `--runs` runs (the median is printed), with the machine's
load, and compares with a greedy assignment measured in the same run: its time, and its total
fit against the optimum's. Reads and writes no data.
"""

import os
import statistics

import numpy as np
from django.core.management.base import BaseCommand, CommandError

from hub.champions import bench


class Command(BaseCommand):
    help = "Time batch matching (fit matrix and optimal assignment) on a synthetic cohort."

    def add_arguments(self, parser):
        parser.add_argument("--mentees", type=int, default=5000)
        parser.add_argument("--champions", type=int, default=1000)
        parser.add_argument("--runs", type=int, default=3, help="Timed runs; the median is shown.")
        parser.add_argument("--seed", type=int, default=8)

    def handle(self, *args, mentees, champions, runs, seed, **options):
        if mentees < 1 or champions < 1 or runs < 1:
            raise CommandError("--mentees, --champions and --runs must be at least 1")
        cohort = bench.synthetic_cohort(mentees, champions, seed=seed)
        places = int(cohort.spare.sum())
        out = self.stdout.write
        out(f"Batch matching: {mentees:,} mentees x {champions:,} champions")
        out(
            f"  {places:,} places (capacities 1-5, some taken); fit matrix float32 "
            f"{mentees * champions * 4 / 1e6:.0f} MB; solver's mentees x places matrix float64 "
            f"{mentees * places * 8 / 1e6:.0f} MB, dense, no pruning (exact)"
        )
        out(f"  machine: {os.cpu_count()} CPUs, load average {_load()} before")

        build_times, solve_times = [], []
        for _ in range(runs):
            scores, seconds = bench.timed(bench.build_scores, cohort)
            build_times.append(seconds)
            (pairs, total), seconds = bench.timed(bench.optimal_assign, scores, cohort.spare)
            solve_times.append(seconds)
        (greedy_pairs, greedy_total), greedy_seconds = bench.timed(
            bench.greedy_assign, scores, cohort.spare
        )
        _check(pairs, cohort.spare)
        _check(greedy_pairs, cohort.spare)

        build, solve = statistics.median(build_times), statistics.median(solve_times)
        out(f"  fit matrix:          p50 {build * 1000:8.0f} ms over {runs} runs")
        out(f"  optimal assignment:  p50 {solve * 1000:8.0f} ms over {runs} runs (SciPy LSA)")
        out(f"  total (matrix+LSA):  p50 {(build + solve) * 1000:8.0f} ms")
        out(f"  greedy baseline:          {greedy_seconds * 1000:8.0f} ms (one run)")
        mean = total / max(len(pairs), 1)
        out(
            f"  pairs: optimal {len(pairs):,} (total fit {total:,.1f}, mean {mean:.3f}); "
            f"greedy {len(greedy_pairs):,} (total fit {greedy_total:,.1f})"
        )
        out(
            f"  ratios: optimal/greedy time {solve / max(greedy_seconds, 1e-9):.2f}x; "
            f"greedy total fit is {greedy_total / max(total, 1e-9):.4f} of the optimum's"
        )
        out(f"  load average after: {_load()}")


def _load() -> str:
    try:
        return " ".join(f"{value:.2f}" for value in os.getloadavg())
    except OSError:
        return "unknown"


def _check(pairs: np.ndarray, spare: np.ndarray) -> None:
    """Every capacity kept and each mentee paired once, or the benchmark stops."""
    if len(pairs) and (np.bincount(pairs[:, 1], minlength=len(spare)) > spare).any():
        raise CommandError("An assignment exceeded a champion's capacity")
    if len(np.unique(pairs[:, 0])) != len(pairs):
        raise CommandError("An assignment paired a mentee twice")
