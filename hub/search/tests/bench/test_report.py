"""The tables `make bench` prints, with the ratios its targets are judged on."""

from collections import Counter
from pathlib import Path

from hub.search.bench.collection import Scores
from hub.search.bench.relevance import ModeRun, ScoredRun
from hub.search.bench.report import relevance_table, speed_table
from hub.search.bench.speed import LoadReport, SizeTimings, Timing


def scored(mode: str, ndcg: float, ran_as: str | None = None) -> ScoredRun:
    scores = Scores(ndcg=ndcg, recall=0.5, mrr=0.25, queries=4)
    run = ModeRun(mode=mode, run={}, ran_as=Counter({ran_as or mode: 4}), seconds=0.4)
    return ScoredRun(run, Path("run"), scores, scores)


def test_relevance_table_gives_each_mode_its_gain_over_bm25_and_the_verdict():
    results = {
        "lgsl": {
            "bm25": scored("bm25", 0.7),
            "lexical": scored("lexical", 0.75),
            "semantic": scored("semantic", 0.8),
            "hybrid": scored("hybrid", 0.85),
        },
        "known": {
            "bm25": scored("bm25", 0.6),
            "lexical": scored("lexical", 0.6),
            "semantic": scored("semantic", 0.6, ran_as="lexical"),
            "hybrid": scored("hybrid", 0.75, ran_as="lexical"),
        },
    }

    text = "\n".join(relevance_table(results))

    assert "| lgsl (4) | hybrid | hybrid | 0.850 | 0.500 | 0.250 | +0.150 | 100 |" in text
    assert "lgsl: hybrid (ran as hybrid) minus bm25 = +0.150 nDCG@10 (target +0.10): met" in text
    # A hybrid that fell back to lexical never meets the target, whatever it scored.
    assert "known: hybrid (ran as lexical) minus bm25 = +0.150" in text
    assert text.count("NOT met") == 1


def timings(size: int, api: float, bare: float, icontains: float) -> SizeTimings:
    return SizeTimings(
        size=size,
        load=LoadReport(size, 1.0, "composed"),
        timings={
            "api-lexical": Timing("API lexical", [api / 2] * 20),
            "api-hybrid": Timing("API hybrid", [api] * 20),
            "bare": Timing("bare FTS5", [bare] * 20),
            "icontains": Timing("icontains", [icontains] * 5),
        },
        api_modes={"lexical": "lexical", "hybrid": "hybrid"},
    )


def test_speed_table_gives_the_ratios_at_each_size_and_judges_the_largest():
    text = "\n".join(
        speed_table([timings(1_000, 10, 5, 20), timings(100_000, 30, 15, 900)], "hybrid")
    )

    assert "| 100,000 | 1 | 15.0 / 15.0 | 30.0 / 30.0 | 15.0 / 15.0 | 900 / 900 (5) |" in text
    assert "| 1.0x | 2.0x | 30.0x |" in text
    assert "search API (hybrid) p95 / bare p95 = 2.0x (target <= 3x): met" in text
    assert "icontains p95 / search API (hybrid) p95 = 30.0x (target >= 20x): met" in text
