"""The test collection's file formats, TREC runs, and scoring with ir-measures.

Formats (see the collection's README): queries are `qid<TAB>text` lines; qrels are TREC
`qid 0 docid grade` lines; a run is `qid Q0 docid rank score tag` lines.

Scores follow the collection's reference scorer: nDCG@10 with linear gain and the ideal
ranking from every judged document (trec_eval's `ndcg_cut.10`), Recall@10 and MRR@10 counting
a document as relevant when its grade >= `min_rel`; every qrels query with such a document is
scored, and one missing from the run scores 0.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

K = 10
RUN_DEPTH = 100


@dataclass(frozen=True)
class Scores:
    ndcg: float
    recall: float
    mrr: float
    queries: int
    min_rel: int = 1

    def line(self) -> str:
        return f"nDCG@{K} {self.ndcg:.4f}  Recall@{K} {self.recall:.4f}  MRR@{K} {self.mrr:.4f}"


def read_jsonl(path: Path) -> Iterator[dict]:
    with open(path, encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if line.strip():
                try:
                    yield json.loads(line)
                except json.JSONDecodeError as error:
                    raise ValueError(f"{path}:{number}: not JSON: {error.msg}") from None


def read_queries(path: Path) -> list[tuple[str, str]]:
    """(qid, text) pairs, in file order."""
    queries = []
    with open(path, encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            line = line.rstrip("\n")
            if not line.strip():
                continue
            qid, tab, text = line.partition("\t")
            if not tab or not qid.strip():
                raise ValueError(f"{path}:{number}: expected 'qid<TAB>query text'")
            queries.append((qid.strip(), text))
    return queries


def read_qrels(path: Path) -> dict[str, dict[str, int]]:
    qrels: dict[str, dict[str, int]] = {}
    with open(path, encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            parts = line.split()
            if not parts:
                continue
            if len(parts) != 4:
                raise ValueError(f"{path}:{number}: expected 'qid 0 docid grade'")
            qid, _, doc_id, grade = parts
            qrels.setdefault(qid, {})[doc_id] = int(grade)
    return qrels


Run = dict[str, list[tuple[str, float]]]


def write_run(path: Path, run: Run, *, tag: str, depth: int = RUN_DEPTH) -> None:
    """A TREC run: each query's documents best first, at most `depth`, a docid once.

    The score column falls strictly with the rank (depth - rank + 1), so every scorer reads
    the same order whatever its tie-breaking; the engine's own score is not needed to score.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8") as handle:
        for qid, ranked in run.items():
            seen: set[str] = set()
            rank = 0
            for doc_id, _score in ranked:
                if doc_id in seen:
                    continue
                seen.add(doc_id)
                rank += 1
                if rank > depth:
                    break
                handle.write(f"{qid} Q0 {doc_id} {rank} {depth - rank + 1} {tag}\n")


def read_run(path: Path) -> dict[str, dict[str, float]]:
    run: dict[str, dict[str, float]] = {}
    with open(path, encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            parts = line.split()
            if not parts:
                continue
            if len(parts) != 6:
                raise ValueError(f"{path}:{number}: expected 'qid Q0 docid rank score tag'")
            qid, _, doc_id, _rank, score, _tag = parts
            scores = run.setdefault(qid, {})
            scores[doc_id] = max(float(score), scores.get(doc_id, float("-inf")))
    return run


def score_run(run_path: Path, qrels_path: Path, *, min_rel: int = 1) -> Scores:
    """nDCG@10, Recall@10 and MRR@10 of a run file, computed by ir-measures (trec_eval)."""
    import ir_measures
    from ir_measures import RR, R, nDCG

    qrels = read_qrels(qrels_path)
    scored = sorted(q for q, judged in qrels.items() if any(g >= min_rel for g in judged.values()))
    if not scored:
        raise ValueError(f"{qrels_path}: no query has a document of grade >= {min_rel}")
    measures = {"ndcg": nDCG @ K, "recall": R(rel=min_rel) @ K, "mrr": RR(rel=min_rel) @ K}
    by_measure = {measure: name for name, measure in measures.items()}
    run = read_run(run_path)
    per_query: dict[str, dict[str, float]] = {name: {} for name in measures}
    qrels_rows = [
        ir_measures.Qrel(qid, doc_id, grade)
        for qid in scored
        for doc_id, grade in qrels[qid].items()
    ]
    run_rows = [
        ir_measures.ScoredDoc(qid, doc_id, score)
        for qid in scored
        for doc_id, score in run.get(qid, {}).items()
    ]
    for metric in ir_measures.iter_calc(list(measures.values()), qrels_rows, run_rows):
        per_query[by_measure[metric.measure]][metric.query_id] = metric.value
    # A query missing from the run scores 0, as in the collection's reference scorer.
    totals = {name: sum(values.get(q, 0.0) for q in scored) for name, values in per_query.items()}
    n = len(scored)
    return Scores(
        ndcg=totals["ndcg"] / n,
        recall=totals["recall"] / n,
        mrr=totals["mrr"] / n,
        queries=n,
        min_rel=min_rel,
    )
