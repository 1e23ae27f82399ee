"""Run a task's queries through the search service (or the plain BM25 floor) and score them.

Every query goes through `hub.search.selectors.search`, the function the list page, its API
and "similar good practice" use, with the depth the site asks for (`MAX_SEARCH_HITS`), and the
top 100 go into the run. The mode each search really ran in (`SearchResult.mode`: lexical
when no embedding model is available) is counted, so a table never claims a mode that did not
run.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from hub.cases.search import SEARCH_KIND
from hub.cases.selectors import MAX_SEARCH_HITS
from hub.search import semantic
from hub.search.bench import vector_cache
from hub.search.bench.baseline import PlainBaseline
from hub.search.bench.collection import (
    RUN_DEPTH,
    Run,
    Scores,
    read_jsonl,
    read_queries,
    score_run,
    write_run,
)
from hub.search.bench.corpus import LoadedCorpus, load_rows, load_service_list
from hub.search.selectors import search

BM25 = "bm25"
LEXICAL, SEMANTIC, HYBRID = "lexical", "semantic", "hybrid"
MODES = (BM25, LEXICAL, SEMANTIC, HYBRID)


@dataclass
class LoadedTask:
    """A corpus in the throwaway database, with the plain BM25 floor indexed beside it."""

    corpus: LoadedCorpus
    baseline: PlainBaseline
    seconds: float
    vectors_preloaded: int = 0
    vectors_saved: int = 0


@dataclass
class ModeRun:
    mode: str
    run: Run
    # Which mode each search really ran in: "bm25" for the floor.
    ran_as: Counter = field(default_factory=Counter)
    seconds: float = 0.0

    @property
    def ran_as_label(self) -> str:
        return "+".join(mode for mode, _ in self.ran_as.most_common()) or "-"


def load_task(
    corpus_path: Path,
    *,
    service_list: Path | None = None,
    progress: Callable[[str], None] | None = None,
) -> LoadedTask:
    """Import the LGSL taxonomy (from `service_list`, an LGSL corpus file) and the corpus
    through the Hub's importers (vectors from the file cache where it has them), and index the
    raw corpus for the BM25 floor."""
    started = time.perf_counter()
    services = load_service_list(service_list) if service_list else 0
    rows = list(read_jsonl(corpus_path))
    preloaded = vector_cache.preload()
    corpus = load_rows(rows)
    saved = vector_cache.save()
    baseline = PlainBaseline((row["id"], row["title"], row.get("body") or "") for row in rows)
    seconds = time.perf_counter() - started
    if progress:
        progress(
            f"Loaded {len(corpus.doc_ids):,} documents from {corpus_path.name} in {seconds:.1f} s "
            f"({preloaded:,} vectors from the cache file, {saved:,} new vectors saved to it; "
            f"{services:,} LGSL services in the taxonomy)"
        )
    return LoadedTask(corpus, baseline, seconds, preloaded, saved)


def run_mode(task: LoadedTask, queries: list[tuple[str, str]], mode: str) -> ModeRun:
    result = ModeRun(mode=mode, run={})
    # Each mode embeds its queries afresh: no query vectors cached by an earlier mode.
    semantic.reset_indexes()
    started = time.perf_counter()
    for qid, text in queries:
        if mode == BM25:
            result.run[qid] = task.baseline.search(text, limit=RUN_DEPTH)
            result.ran_as[BM25] += 1
            continue
        found = search(text=text, kind=SEARCH_KIND, limit=MAX_SEARCH_HITS, mode=mode)
        result.ran_as[found.mode] += 1
        result.run[qid] = [
            (task.corpus.doc_ids[hit.object_id], hit.score)
            for hit in found.hits[:RUN_DEPTH]
            if hit.object_id in task.corpus.doc_ids
        ]
    result.seconds = time.perf_counter() - started
    return result


@dataclass(frozen=True)
class ScoredRun:
    mode_run: ModeRun
    run_path: Path
    # Scores at min-rel 1 and, for graded judgements, at the headline's min-rel.
    scores: Scores
    headline: Scores


def run_and_score(
    task: LoadedTask,
    *,
    queries_path: Path,
    qrels_path: Path,
    run_path: Path,
    mode: str,
    min_rel: int = 1,
    tag: str = "",
) -> ScoredRun:
    queries = read_queries(queries_path)
    mode_run = run_mode(task, queries, mode)
    write_run(run_path, mode_run.run, tag=tag or f"hub-{mode}")
    scores = score_run(run_path, qrels_path, min_rel=1)
    headline = scores if min_rel == 1 else score_run(run_path, qrels_path, min_rel=min_rel)
    return ScoredRun(mode_run, run_path, scores, headline)
