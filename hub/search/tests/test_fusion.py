import numpy as np
import pytest

from hub.search import semantic, services
from hub.search.backends.base import SearchHit
from hub.search.embeddings import FakeEmbeddingProvider
from hub.search.fusion import hybrid_fusion, scaled_lexical_scores
from hub.search.models import SearchDocument
from hub.search.selectors import search


def hits(*ids):
    return [SearchHit(object_id=object_id, score=0.0) for object_id in ids]


def hits_with_scores(*pairs):
    return [SearchHit(object_id=object_id, score=score) for object_id, score in pairs]


def ids(ranking):
    return [hit.object_id for hit in ranking]


def test_lexical_scores_are_scaled_from_the_best_to_the_depth():
    scaled = scaled_lexical_scores(
        hits_with_scores((1, 10.0), (2, 5.0), (3, 0.0), (4, -5.0)), depth=3
    )
    assert scaled == {1: 1.0, 2: 0.5, 3: 0.0, 4: 0.0}
    assert scaled_lexical_scores(hits_with_scores((7, 3.0)), depth=100) == {7: 1.0}
    assert scaled_lexical_scores([], depth=100) == {}


def test_records_like_the_best_match_rank_next():
    # 1 is the best match. 2 is a weaker lexical match but close in meaning to 1; 3 is a
    # stronger lexical match about something else; 4 has no vector yet.
    vectors = np.array([[1, 0, 0], [0.9, 0.436, 0], [0, 0, 1], [0, 0, 0]], dtype=np.float32)
    fused = hybrid_fusion(
        ids=np.array([1, 2, 3, 4]),
        lexical=np.array([1.0, 0.2, 0.6, 0.5]),
        semantic=np.array([0.5, 0.4, 0.3, 0.0]),
        vectors=vectors,
    )
    assert ids(fused) == [1, 2, 3, 4]
    assert fused[0].score > fused[1].score > fused[2].score


def test_no_candidates_no_hits():
    empty = np.zeros(0)
    assert hybrid_fusion(ids=empty, lexical=empty, semantic=empty, vectors=np.zeros((0, 3))) == []


class SynonymProvider(FakeEmbeddingProvider):
    """The fake, with one synonym the database's full text search cannot know."""

    def embed(self, texts):
        return super().embed([text.lower().replace("zorb", "apple") for text in texts])


@pytest.fixture
def synonym_provider(monkeypatch):
    provider = SynonymProvider()
    monkeypatch.setattr(services, "get_embedding_provider", lambda: provider)
    monkeypatch.setattr(semantic, "get_embedding_provider", lambda: provider)
    return provider


@pytest.mark.django_db
def test_hybrid_search_finds_by_words_and_by_meaning(synonym_provider):
    titles = {1: "Apple orchards", 2: "Apple pies", 3: "Cherry orchards", 4: "Parking permits"}
    for object_id, title in titles.items():
        SearchDocument.objects.create(kind="case", object_id=object_id, title=title)
    services.search_embed_missing()
    assert search(text="zorb orchards", kind="case", mode="lexical").ranked_ids in ([1, 3], [3, 1])
    assert search(text="zorb", kind="case", mode="lexical").ranked_ids == []
    # Meaning finds the apples; words find the cherry orchards too. Apple orchards match both.
    hybrid = search(text="zorb orchards", kind="case", mode="hybrid")
    assert hybrid.mode == "hybrid"
    assert hybrid.ranked_ids[0] == 1
    assert set(hybrid.ranked_ids) == {1, 2, 3}
    assert search(text="zorb", kind="case", mode="hybrid").ranked_ids[:2] in ([1, 2], [2, 1])
