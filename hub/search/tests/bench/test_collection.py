"""The TREC run writer and the scores, on a tiny hand-computed example."""

import math

import pytest

from hub.search.bench.collection import read_qrels, read_queries, score_run, write_run

QRELS = """\
q1 0 d1 2
q1 0 d2 1
q2 0 d3 1
q3 0 d4 1
"""


@pytest.fixture
def qrels(tmp_path):
    path = tmp_path / "qrels.txt"
    path.write_text(QRELS, encoding="utf-8")
    return path


def test_write_run_ranks_best_first_once_each_to_the_depth(tmp_path):
    path = tmp_path / "runs" / "run.txt"
    write_run(path, {"q": [("a", 9.0), ("b", 9.0), ("a", 1.0), ("c", 0.5)]}, tag="t", depth=2)
    assert path.read_text().splitlines() == ["q Q0 a 1 2 t", "q Q0 b 2 1 t"]


def test_scores_follow_trec_eval_and_count_a_missing_query_as_zero(tmp_path, qrels):
    run = tmp_path / "run.txt"
    # q1 finds d2 (grade 1) first and d1 (grade 2) third; q2 finds d3 second; q3 is missing.
    write_run(run, {"q1": [("d2", 3), ("x", 2), ("d1", 1)], "q2": [("y", 2), ("d3", 1)]}, tag="t")
    q1_ndcg = (1 + 2 / math.log2(4)) / (2 + 1 / math.log2(3))
    q2_ndcg = 1 / math.log2(3)

    scores = score_run(run, qrels)

    assert scores.queries == 3
    assert scores.ndcg == pytest.approx((q1_ndcg + q2_ndcg) / 3)
    assert scores.recall == pytest.approx(2 / 3)
    assert scores.mrr == pytest.approx((1 + 1 / 2) / 3)
    assert scores.line().startswith("nDCG@10 0.4637  Recall@10 0.6667  MRR@10 0.5000")


def test_min_rel_scores_only_queries_with_a_document_that_good(tmp_path, qrels):
    run = tmp_path / "run.txt"
    write_run(run, {"q1": [("d2", 3), ("x", 2), ("d1", 1)]}, tag="t")

    scores = score_run(run, qrels, min_rel=2)

    assert scores.queries == 1
    assert scores.recall == 1
    assert scores.mrr == pytest.approx(1 / 3)


def test_readers_reject_malformed_lines(tmp_path):
    queries = tmp_path / "queries.tsv"
    queries.write_text("q1\tfirst query\nno tab here\n", encoding="utf-8")
    with pytest.raises(ValueError, match="queries.tsv:2"):
        read_queries(queries)
    qrels = tmp_path / "qrels.txt"
    qrels.write_text("q1 0 d1\n", encoding="utf-8")
    with pytest.raises(ValueError, match="qrels.txt:1"):
        read_qrels(qrels)
