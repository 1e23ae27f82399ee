"""The speed benchmark's machinery on a tiny corpus (what it measures is not asserted)."""

import numpy as np
import pytest

from hub.cases.models import Resource
from hub.search.bench.collection import read_jsonl
from hub.search.bench.speed import (
    COMPOSED_PREFIX,
    MIN_TIMED,
    Composer,
    GrowingCorpus,
    icontains_search,
    time_each,
    time_size,
    timing_queries,
)
from hub.search.models import DocumentEmbedding, EmbeddingCache
from hub.search.vectors import VECTOR_DTYPE

from .conftest import CORPUS

pytestmark = pytest.mark.django_db


def rows():
    return list(read_jsonl(CORPUS))


def test_composed_documents_are_real_sentences_and_the_same_for_a_seed():
    first, second = Composer(rows(), seed=7), Composer(rows(), seed=7)
    composed = [first.compose(number) for number in range(5)]

    assert composed == [second.compose(number) for number in range(5)]
    row, sources = composed[0]
    assert row["id"] == f"{COMPOSED_PREFIX}0"
    assert row["title"] in {real["title"] for real in rows()}
    assert sources
    assert all(0 <= source < len(rows()) for source in sources)


def test_growing_corpus_composes_vectors_instead_of_embedding(settings):
    corpus = GrowingCorpus(rows(), seed=7)

    corpus.grow_to(4)
    report = corpus.grow_to(12)

    assert Resource.objects.count() == 12
    assert Resource.objects.filter(source_key__startswith=COMPOSED_PREFIX).count() == 6
    assert "6 composed from real vectors" in report.vectors
    # Every document has a vector; each composed one came from the cache, not the model.
    assert DocumentEmbedding.objects.count() == 12
    assert len(corpus.composed_hashes) == 6
    cached = EmbeddingCache.objects.filter(content_hash__in=corpus.composed_hashes)
    assert cached.count() == 6
    for vector in cached.values_list("vector", flat=True):
        assert np.linalg.norm(np.frombuffer(bytes(vector), dtype=VECTOR_DTYPE)) == pytest.approx(1)


def test_every_method_is_timed_through_its_own_path():
    corpus = GrowingCorpus(rows(), seed=7)
    load = corpus.grow_to(8)
    queries = timing_queries(
        [("l1", "bulky waste")],
        [("k1", "dashboard prototype"), ("k2", "alpha")],
        count=2,
        icontains=1,
    )

    timings = time_size(load, queries)

    assert set(timings.timings) == {"api-lexical", "api-hybrid", "bare", "icontains"}
    assert len(timings.timings["api-hybrid"].milliseconds) == 2
    assert len(timings.timings["icontains"].milliseconds) == 1
    assert timings.api_modes == {"lexical": "lexical", "hybrid": "hybrid"}


def test_icontains_needs_every_word_in_some_field():
    GrowingCorpus(rows(), seed=7).grow_to(6)

    count, page = icontains_search("BULKY furniture")

    assert count == 1
    assert [record.source_key for record in page] == ["lgsl:524"]
    assert icontains_search("bulky dashboard")[0] == 0


def test_a_time_budget_stops_timing_once_spent_but_never_before_the_minimum():
    called = []

    def slow(text):
        called.append(text)

    texts = [str(number) for number in range(MIN_TIMED + 10)]
    times = time_each(slow, texts, ["warm"], budget_seconds=1e-9)

    assert len(times) == MIN_TIMED
    assert called == ["warm", *texts[:MIN_TIMED]]
