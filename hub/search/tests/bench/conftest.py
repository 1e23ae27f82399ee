from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parent.parent / "data" / "bench"
CORPUS = DATA / "corpus.jsonl"
QUERIES = DATA / "queries.tsv"
QRELS = DATA / "qrels.txt"


@pytest.fixture(autouse=True)
def bench_cache_dir(tmp_path, monkeypatch):
    """Keep the bench's vector file cache out of the project's .cache/ folder."""
    monkeypatch.setenv("HUB_BENCH_CACHE_DIR", str(tmp_path / "bench-cache"))
    return tmp_path / "bench-cache"
