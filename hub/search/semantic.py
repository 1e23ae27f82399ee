"""Semantic retrieval: text embeddings from a local model, searched exactly in memory.

Each process keeps one index per kind of record: a float32 matrix of the unit vectors stored in
`search_documentembedding`, with the record ids beside it. It is loaded on the first search of
that kind and loaded again when the model's vectors change (a cheap aggregate query over an
index, at most once per HUB_SEARCH_INDEX_CHECK_SECONDS: their count, highest id and latest
update). A search embeds the query and takes the top hits
by cosine similarity (a dot product of unit vectors) with `argpartition`.

Exact search is about 8 ms at 100,000 vectors of 384 dimensions. Past that,
`HUB_SEARCH_VECTOR_INDEX=usearch` builds an HNSW graph (the `usearch` package) instead. See
docs/adr/0014-semantic-search-and-fusion.md for the measured recall.
"""

from __future__ import annotations

import logging
import re
import threading
import time
from abc import ABC, abstractmethod
from collections import OrderedDict
from dataclasses import dataclass

import numpy as np
from django.conf import settings
from django.db import connection
from django.db.models import Count, Max

from hub.search.backends.base import SearchHit
from hub.search.embeddings import (
    EmbeddingProvider,
    EmbeddingsUnavailable,
    get_embedding_provider,
    mark_unavailable,
    provider_state,
)
from hub.search.fusion import HYBRID_WEIGHTS, hybrid_fusion, scaled_lexical_scores
from hub.search.models import DocumentEmbedding
from hub.search.vectors import VECTOR_DTYPE

logger = logging.getLogger(__name__)

INDEX_EXACT = "exact"
INDEX_USEARCH = "usearch"
QUERY_CACHE_SIZE = 256

# "-word" excludes records with the word (hub.search.query); the query's vector leaves it out.
_EXCLUDED = re.compile(r"(?:(?<=\s)|^)-\w+", re.UNICODE)
_QUOTE = re.compile(r'["“”]')


def is_available() -> bool:
    """Whether an embedding model is configured and present (it may load on first use)."""
    return get_embedding_provider() is not None


def model_key() -> str:
    provider = get_embedding_provider()
    return provider.key if provider else ""


def unavailable_reason() -> str:
    return provider_state().reason


def query_text(text: str) -> str:
    """What is embedded for a query: the text without its excluded words and quote marks."""
    return " ".join(_QUOTE.sub(" ", _EXCLUDED.sub(" ", text or "")).split())[:500]


def search(text: str, *, kind: str, limit: int) -> list[SearchHit]:
    """Records of `kind` nearest in meaning to `text`, best first.

    At most HUB_SEARCH_SEMANTIC_CANDIDATES hits, each at least HUB_SEARCH_SEMANTIC_MIN_SCORE
    similar: nearest-neighbour search always finds something, and far neighbours are noise.
    """
    provider = get_embedding_provider()
    text = query_text(text)
    if provider is None or not text or limit <= 0:
        return []
    index = _index(kind, provider.key)
    if index.size == 0:
        return []
    try:
        vector = _query_vector(provider, text)
    except EmbeddingsUnavailable as error:
        mark_unavailable(error)
        return []
    return _nearest(index, vector, limit)


def _nearest(index, vector: np.ndarray, limit: int) -> list[SearchHit]:
    k = min(limit, settings.HUB_SEARCH_SEMANTIC_CANDIDATES, index.size)
    ids, scores = index.search(vector, k)
    minimum = settings.HUB_SEARCH_SEMANTIC_MIN_SCORE
    return [
        SearchHit(object_id=int(object_id), score=float(score))
        for object_id, score in zip(ids, scores, strict=True)
        if score >= minimum
    ]


def hybrid_search(text: str, *, lexical: list[SearchHit], kind: str, limit: int) -> list[SearchHit]:
    """The lexical hits and the semantic hits of `text`, ranked together
    (hub.search.fusion.hybrid_fusion). Just the lexical hits when there is no model or no
    vector yet."""
    provider = get_embedding_provider()
    text = query_text(text)
    if provider is None or not text or limit <= 0:
        return lexical
    index = _index(kind, provider.key)
    if index.size == 0:
        return lexical
    try:
        vector = _query_vector(provider, text)
    except EmbeddingsUnavailable as error:
        mark_unavailable(error)
        return lexical
    scaled = scaled_lexical_scores(lexical, depth=HYBRID_WEIGHTS.lexical_depth)
    candidates = dict.fromkeys(
        [*scaled, *(hit.object_id for hit in _nearest(index, vector, limit))]
    )
    ids = np.fromiter(candidates, dtype=np.int64, count=len(candidates))
    vectors = index.vectors(ids)
    return hybrid_fusion(
        ids=ids,
        lexical=np.array([scaled.get(int(object_id), 0.0) for object_id in ids]),
        semantic=vectors @ vector,
        vectors=vectors,
    )


# Query vectors: the same query is often searched again (the list, its feed, its next page).
_query_vectors: OrderedDict[tuple[str, str], np.ndarray] = OrderedDict()
_query_lock = threading.Lock()


def _query_vector(provider: EmbeddingProvider, text: str) -> np.ndarray:
    key = (provider.key, text)
    with _query_lock:
        if key in _query_vectors:
            _query_vectors.move_to_end(key)
            return _query_vectors[key]
    vector = provider.embed([text])[0]
    with _query_lock:
        _query_vectors[key] = vector
        while len(_query_vectors) > QUERY_CACHE_SIZE:
            _query_vectors.popitem(last=False)
    return vector


class VectorIndex(ABC):
    """The vectors of one kind of record, with their record ids."""

    def __init__(self, ids: np.ndarray, matrix: np.ndarray) -> None:
        self.ids = ids
        self.matrix = matrix
        self.rows = {int(object_id): row for row, object_id in enumerate(ids)}

    @property
    def size(self) -> int:
        return len(self.ids)

    def vectors(self, ids: np.ndarray) -> np.ndarray:
        """The vectors of these records, in order: zeros for one without a vector."""
        found = np.zeros((len(ids), self.matrix.shape[1] if self.size else 0), dtype=np.float32)
        for position, object_id in enumerate(ids):
            row = self.rows.get(int(object_id))
            if row is not None:
                found[position] = self.matrix[row]
        return found

    @abstractmethod
    def search(self, vector: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
        """The ids and scores of the `k` nearest vectors, best first."""


class ExactIndex(VectorIndex):
    """Every vector in one matrix; a search scores them all."""

    def search(self, vector: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
        scores = self.matrix @ vector
        k = min(k, len(scores))
        if k <= 0:
            return self.ids[:0], scores[:0]
        top = np.argpartition(-scores, k - 1)[:k] if k < len(scores) else np.arange(len(scores))
        # Best first; equal scores in id order, so results never depend on partition order.
        top = top[np.lexsort((self.ids[top], -scores[top]))]
        return self.ids[top], scores[top]


class UsearchIndex(VectorIndex):
    """An HNSW graph (usearch) over the same vectors: approximate, faster past ~100k."""

    def __init__(self, ids: np.ndarray, matrix: np.ndarray) -> None:
        from usearch.index import Index

        super().__init__(ids, matrix)
        self.index = Index(
            ndim=matrix.shape[1],
            metric="ip",
            dtype="f32",
            connectivity=16,
            expansion_add=128,
            expansion_search=256,
        )
        if len(ids):
            self.index.add(np.arange(len(ids), dtype=np.uint64), matrix)

    def search(self, vector: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
        matches = self.index.search(vector, k)
        positions = np.asarray(matches.keys, dtype=np.int64)
        # Inner product distance is 1 - similarity for unit vectors.
        return self.ids[positions], 1.0 - np.asarray(matches.distances, dtype=np.float32)


def build_index(ids: np.ndarray, matrix: np.ndarray, kind: str = INDEX_EXACT):
    if kind == INDEX_USEARCH:
        try:
            return UsearchIndex(ids, matrix)
        except ImportError:
            _warn_once("usearch is not installed: searching vectors exactly")
    return ExactIndex(ids, matrix)


@dataclass
class _Loaded:
    signature: tuple
    index: VectorIndex
    checked_at: float = 0.0


_indexes: dict[tuple, _Loaded] = {}
_indexes_lock = threading.Lock()
_warned: set[str] = set()


def _warn_once(message: str) -> None:
    if message not in _warned:
        _warned.add(message)
        logger.warning(message)


def _vectors(kind: str, model_key: str):
    return DocumentEmbedding.objects.filter(document__kind=kind, model_key=model_key)


def _index(kind: str, model_key: str) -> VectorIndex:
    key = (connection.alias, connection.settings_dict["NAME"], kind, model_key)
    loaded = _indexes.get(key)
    now = time.monotonic()
    # The freshness check is an aggregate over every vector of the kind: run it at most once
    # per HUB_SEARCH_INDEX_CHECK_SECONDS, not on every search.
    if loaded is not None and now - loaded.checked_at < settings.HUB_SEARCH_INDEX_CHECK_SECONDS:
        return loaded.index
    # Over every kind's vectors of the model, from an index and without a join: 2 ms at 100,000
    # vectors, where the same over one kind's took 200 ms. A change to one kind reloads all.
    signature = tuple(
        DocumentEmbedding.objects.filter(model_key=model_key)
        .aggregate(count=Count("id"), last_id=Max("id"), updated=Max("updated_at"))
        .values()
    ) + (settings.HUB_SEARCH_VECTOR_INDEX,)
    vectors = _vectors(kind, model_key)
    if loaded is None or loaded.signature != signature:
        with _indexes_lock:
            loaded = _indexes.get(key)
            if loaded is None or loaded.signature != signature:
                loaded = _Loaded(signature, _load(vectors, settings.HUB_SEARCH_VECTOR_INDEX))
                _indexes[key] = loaded
    loaded.checked_at = now
    return loaded.index


def _load(vectors, index_kind: str) -> VectorIndex:
    rows = list(
        vectors.order_by("document__object_id").values_list("document__object_id", "vector")
    )
    ids = np.array([object_id for object_id, _ in rows], dtype=np.int64)
    if not rows:
        return ExactIndex(ids, np.zeros((0, 0), dtype=np.float32))
    buffer = b"".join(bytes(vector) for _, vector in rows)
    matrix = np.frombuffer(buffer, dtype=VECTOR_DTYPE).reshape(len(rows), -1).astype(np.float32)
    return build_index(ids, matrix, index_kind)


def reset_indexes() -> None:
    """Forget every loaded index and query vector (tests)."""
    with _indexes_lock:
        _indexes.clear()
    with _query_lock:
        _query_vectors.clear()
    _warned.clear()
