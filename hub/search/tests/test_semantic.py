import numpy as np
import pytest

from hub.search import semantic
from hub.search.models import SearchDocument
from hub.search.semantic import ExactIndex, build_index, query_text
from hub.search.services import search_embed_missing

pytestmark = pytest.mark.django_db

DOCUMENTS = {
    1: "Missed bin collection reports",
    2: "Council tax discount for single people",
    3: "Garden waste bin subscriptions",
    4: "Adult social care assessments",
}


@pytest.fixture
def documents():
    for object_id, title in DOCUMENTS.items():
        SearchDocument.objects.create(kind="case", object_id=object_id, title=title)
    SearchDocument.objects.create(kind="other", object_id=9, title="Missed bin collection")
    search_embed_missing()


def test_the_closest_record_comes_first(documents):
    hits = semantic.search("missed bin collection", kind="case", limit=10)
    assert hits[0].object_id == 1
    assert [hit.score for hit in hits] == sorted((hit.score for hit in hits), reverse=True)
    assert 2 not in [hit.object_id for hit in hits]  # shares no word: below the minimum score


def test_only_the_kind_asked_for_is_searched(documents):
    assert 9 not in [hit.object_id for hit in semantic.search("missed", kind="case", limit=10)]
    assert [hit.object_id for hit in semantic.search("missed", kind="other", limit=10)] == [9]


def test_the_limit_and_the_minimum_score_bound_the_hits(documents, settings):
    assert len(semantic.search("bin", kind="case", limit=1)) == 1
    settings.HUB_SEARCH_SEMANTIC_MIN_SCORE = -1.0
    assert len(semantic.search("bin", kind="case", limit=10)) == 4
    settings.HUB_SEARCH_SEMANTIC_CANDIDATES = 2
    assert len(semantic.search("bin", kind="case", limit=10)) == 2


def test_the_index_is_loaded_again_when_vectors_change(documents):
    assert semantic.search("parking permits", kind="case", limit=10) == []
    SearchDocument.objects.create(kind="case", object_id=5, title="Parking permits online")
    search_embed_missing(kinds=["case"])
    assert [hit.object_id for hit in semantic.search("parking permits", kind="case", limit=10)] == [
        5
    ]
    SearchDocument.objects.filter(kind="case", object_id=5).delete()
    assert semantic.search("parking permits", kind="case", limit=10) == []


def test_nothing_is_found_without_vectors_or_a_model(settings):
    SearchDocument.objects.create(kind="case", object_id=1, title="Missed bins")
    assert semantic.search("missed bins", kind="case", limit=10) == []  # not embedded yet
    settings.HUB_EMBEDDINGS_PROVIDER = "none"
    assert not semantic.is_available()
    assert semantic.search("missed bins", kind="case", limit=10) == []


def test_excluded_words_and_quote_marks_are_not_embedded():
    assert query_text('"missed bins" -garden waste') == "missed bins waste"
    assert query_text("well-being") == "well-being"


def test_exact_search_takes_the_top_k_best_first_ties_by_id():
    ids = np.array([10, 11, 12, 13])
    matrix = np.array([[1, 0], [0, 1], [1, 0], [0.6, 0.8]], dtype=np.float32)
    found, scores = ExactIndex(ids, matrix).search(np.array([1, 0], dtype=np.float32), 3)
    assert found.tolist() == [10, 12, 13]
    assert scores.tolist() == pytest.approx([1.0, 1.0, 0.6])


def test_usearch_finds_what_exact_search_finds():
    pytest.importorskip("usearch")
    rng = np.random.default_rng(7)
    matrix = rng.standard_normal((500, 32)).astype(np.float32)
    matrix /= np.linalg.norm(matrix, axis=1, keepdims=True)
    ids = np.arange(1000, 1500)
    exact = build_index(ids, matrix, "exact")
    approximate = build_index(ids, matrix, "usearch")
    query = matrix[42]
    exact_ids, _ = exact.search(query, 10)
    found_ids, scores = approximate.search(query, 10)
    assert found_ids[0] == 1042
    assert scores[0] == pytest.approx(1.0, abs=1e-5)
    assert len(set(exact_ids) & set(found_ids)) >= 8


@pytest.mark.django_db
def test_the_vector_index_freshness_check_runs_at_most_once_a_period(settings):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from hub.search import semantic

    semantic.reset_indexes()
    settings.HUB_SEARCH_INDEX_CHECK_SECONDS = 60
    semantic._index("case", "fake")
    with CaptureQueriesContext(connection) as queries:
        semantic._index("case", "fake")
    assert len(queries) == 0
    settings.HUB_SEARCH_INDEX_CHECK_SECONDS = 0
    with CaptureQueriesContext(connection) as queries:
        semantic._index("case", "fake")
    assert len(queries) == 1
