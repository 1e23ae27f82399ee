"""The whole benchmark `make bench` prints: relevance on both dev tasks in every mode, then
speed at growing sizes, as Markdown tables with the ratios the search issue sets targets for.
"""

from __future__ import annotations

import datetime as dt
import os
import platform
import shutil
import sqlite3
import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import django
from django.conf import settings
from django.db import connection

from hub.search import semantic
from hub.search.bench import vector_cache
from hub.search.bench.baseline import describe as describe_baseline
from hub.search.bench.collection import read_jsonl, read_queries
from hub.search.bench.corpus import load_service_list
from hub.search.bench.database import throwaway_database
from hub.search.bench.relevance import BM25, HYBRID, MODES, ScoredRun, load_task, run_and_score
from hub.search.bench.speed import (
    ICONTAINS_BUDGET_SECONDS,
    MIN_TIMED,
    GrowingCorpus,
    SizeTimings,
    time_size,
    timing_queries,
)

# Targets from the search issue.
HYBRID_GAIN_TARGET = 0.10
API_OVER_BARE_TARGET = 3.0
ICONTAINS_OVER_API_TARGET = 20.0


@dataclass(frozen=True)
class Task:
    name: str
    corpus: str
    queries: str
    qrels: str
    # Recall@10 and MRR@10 count grade >= this as relevant in the headline (the README's).
    min_rel: int


# The LGSL corpus is also the taxonomy every bench database holds, as every site does.
LGSL = "corpus-lgsl.jsonl"
TASKS = (
    Task("lgsl", LGSL, "dev/queries-lgsl.tsv", "dev/qrels-lgsl.txt", 1),
    Task("known", "corpus-docs.jsonl", "dev/queries-known.tsv", "dev/qrels-known.txt", 2),
)


def cpu_model() -> str:
    """lscpu's model name, else the platform's word for the processor."""
    lscpu = shutil.which("lscpu")
    try:
        output = (
            subprocess.run(  # noqa: S603 - lscpu, no arguments
                [lscpu], capture_output=True, text=True, check=False, timeout=10
            ).stdout
            if lscpu
            else ""
        )
    except (OSError, subprocess.SubprocessError):
        output = ""
    for line in output.splitlines():
        if line.startswith("Model name:"):
            return line.split(":", 1)[1].strip()
    return platform.processor() or "unknown CPU"


def database_description() -> str:
    if connection.vendor == "sqlite":
        return f"SQLite {sqlite3.sqlite_version}"
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        return f"PostgreSQL {cursor.fetchone()[0]}"


def environment_lines() -> list[str]:
    provider = semantic.provider_state()
    model = provider.provider.key if provider.provider else f"none ({provider.reason})"
    return [
        f"Date: {dt.datetime.now().astimezone():%Y-%m-%d %H:%M %Z}",
        f"Machine: {os.cpu_count()} cores ({cpu_model()}), Python {platform.python_version()}, "
        f"Django {django.get_version()}, {database_description()}",
        f"Embedding model: {model}; vector index: {settings.HUB_SEARCH_VECTOR_INDEX}",
        f"Load average at the start: {load_average()}",
    ]


def load_average() -> str:
    """Other work on the machine slows every figure: the 1, 5 and 15 minute load averages."""
    try:
        return ", ".join(f"{value:.1f}" for value in os.getloadavg())
    except OSError:
        return "unknown"


def _table(header: list[str], rows: list[list[str]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join(" --- " for _ in header) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return lines


# Relevance --------------------------------------------------------------------------------


def bench_task(
    task: Task, bench_dir: Path, out_dir: Path, say: Callable[[str], None]
) -> dict[str, ScoredRun]:
    with throwaway_database():
        loaded = load_task(bench_dir / task.corpus, service_list=bench_dir / LGSL, progress=say)
        results = {}
        for mode in MODES:
            results[mode] = run_and_score(
                loaded,
                queries_path=bench_dir / task.queries,
                qrels_path=bench_dir / task.qrels,
                run_path=out_dir / f"{task.name}-dev-{mode}.run",
                mode=mode,
                min_rel=task.min_rel,
                tag=f"hub-{mode}",
            )
            scored = results[mode]
            say(f"  {task.name} {mode}: {scored.headline.line()} ({scored.mode_run.seconds:.1f} s)")
        semantic.reset_indexes()
    return results


def relevance_table(results: dict[str, dict[str, ScoredRun]]) -> list[str]:
    rows, notes = [], []
    for task in TASKS:
        if task.name not in results:
            continue
        by_mode = results[task.name]
        floor = by_mode[BM25].headline.ndcg
        for mode, scored in by_mode.items():
            h = scored.headline
            delta = "" if mode == BM25 else f"{h.ndcg - floor:+.3f}"
            rows.append(
                [
                    f"{task.name} ({h.queries})",
                    mode,
                    scored.mode_run.ran_as_label,
                    f"{h.ndcg:.3f}",
                    f"{h.recall:.3f}",
                    f"{h.mrr:.3f}",
                    delta,
                    f"{1000 * scored.mode_run.seconds / max(h.queries, 1):.0f}",
                ]
            )
        gain = by_mode[HYBRID].headline.ndcg - floor
        ran = by_mode[HYBRID].mode_run.ran_as_label
        verdict = "met" if gain >= HYBRID_GAIN_TARGET and ran == HYBRID else "NOT met"
        notes.append(
            f"- {task.name}: hybrid (ran as {ran}) minus bm25 = {gain:+.3f} nDCG@10 "
            f"(target +{HYBRID_GAIN_TARGET:.2f}): {verdict}"
        )
        if task.min_rel != 1:
            extra = ", ".join(
                f"{mode} {scored.scores.recall:.3f}/{scored.scores.mrr:.3f}"
                for mode, scored in by_mode.items()
            )
            notes.append(f"- {task.name} at min-rel 1, Recall@10/MRR@10: {extra}")
    header = ["Task", "Mode", "Ran as", "nDCG@10", "Recall@10", "MRR@10", "Δ nDCG vs bm25"]
    header.append("ms/query")
    return [
        "Relevance (dev half). bm25 = the collection's floor: " + describe_baseline() + ".",
        "known: Recall@10 and MRR@10 at min-rel 2 (the post itself); nDCG@10 uses both grades.",
        "",
        *_table(header, rows),
        "",
        *notes,
    ]


# Speed ------------------------------------------------------------------------------------


def _ms(value: float) -> str:
    return f"{value:.1f}" if value < 100 else f"{value:.0f}"


def speed_table(sizes: list[SizeTimings], configured_mode: str) -> list[str]:
    if not sizes:
        return []
    api_keys = [key for key in sizes[0].timings if key.startswith("api-")]
    header = ["Documents", "Load (s)"]
    for key in [*api_keys, "bare"]:
        header.append(f"{sizes[0].timings[key].label} p50 / p95 (ms)")
    header.append("icontains p50 / p95 (ms) (queries)")
    header += [f"{key} p95 / bare p95" for key in api_keys]
    header += ["icontains p95 / API p95"]
    rows = []
    for size in sizes:
        t = size.timings
        row = [f"{size.size:,}", f"{size.load.seconds:.0f}"]
        row += [f"{_ms(t[key].p50)} / {_ms(t[key].p95)}" for key in [*api_keys, "bare"]]
        icontains = t["icontains"]
        row.append(f"{_ms(icontains.p50)} / {_ms(icontains.p95)} ({len(icontains.milliseconds)})")
        row += [f"{t[key].p95 / t['bare'].p95:.1f}x" for key in api_keys]
        api = t.get(f"api-{configured_mode}") or t[api_keys[-1]]
        row.append(f"{t['icontains'].p95 / api.p95:.1f}x")
        rows.append(row)
    largest = sizes[-1]
    t = largest.timings
    api = t.get(f"api-{configured_mode}") or t[api_keys[-1]]
    over_bare = api.p95 / t["bare"].p95
    under_icontains = t["icontains"].p95 / api.p95
    counts = (
        f"{len(t['bare'].milliseconds)} queries a method, each once, after warm-up; icontains "
        f"on the first {ICONTAINS_BUDGET_SECONDS} s of them, {MIN_TIMED} at least"
    )
    return [
        f"Speed ({counts}). Vectors: {largest.load.vectors}.",
        f"API modes ran as: {', '.join(f'{k} -> {v}' for k, v in largest.api_modes.items())}; "
        f"the site's configured mode is {configured_mode}.",
        "",
        *_table(header, rows),
        "",
        f"- At {largest.size:,}: search API ({configured_mode}) p95 / bare p95 = "
        f"{over_bare:.1f}x (target <= {API_OVER_BARE_TARGET:.0f}x): "
        + ("met" if over_bare <= API_OVER_BARE_TARGET else "NOT met"),
        f"- At {largest.size:,}: icontains p95 / search API ({configured_mode}) p95 = "
        f"{under_icontains:.1f}x (target >= {ICONTAINS_OVER_API_TARGET:.0f}x): "
        + ("met" if under_icontains >= ICONTAINS_OVER_API_TARGET else "NOT met"),
    ]


def bench_speed(
    bench_dir: Path,
    sizes: list[int],
    *,
    query_count: int,
    icontains_count: int,
    say: Callable[[str], None],
) -> list[SizeTimings]:
    rows = [row for task in TASKS for row in read_jsonl(bench_dir / task.corpus)]
    queries = timing_queries(
        read_queries(bench_dir / TASKS[0].queries),
        read_queries(bench_dir / TASKS[1].queries),
        count=query_count,
        icontains=icontains_count,
    )
    results = []
    with throwaway_database():
        load_service_list(bench_dir / LGSL)
        vector_cache.preload()
        corpus = GrowingCorpus(rows)
        for size in sorted(set(sizes)):
            load = corpus.grow_to(size)
            say(f"Loaded {size:,} documents in {load.seconds:.0f} s ({load.vectors})")
            timings = time_size(load, queries)
            results.append(timings)
            say(
                "  " + "; ".join(f"{t.label} p95 {_ms(t.p95)} ms" for t in timings.timings.values())
            )
        vector_cache.save(exclude=corpus.composed_hashes)
        semantic.reset_indexes()
    return results
