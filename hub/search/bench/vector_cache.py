"""A file cache of the embedding cache, so repeated benchmarks never embed a text twice.

The search service keeps vectors by model and text hash in `EmbeddingCache`. A throwaway
database starts with that table empty, so the benchmark fills it from a file under
`.cache/bench/` (one file per model, its rows keyed by content hash) before loading a corpus,
and writes any new rows back afterwards. The search service then finds each unchanged text's
vector in its own cache: nothing about how it indexes or searches changes.
"""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
from django.conf import settings

from hub.search.embeddings import get_embedding_provider
from hub.search.models import EmbeddingCache
from hub.search.vectors import VECTOR_DTYPE

BATCH = 1000


def cache_dir() -> Path:
    return Path(os.environ.get("HUB_BENCH_CACHE_DIR") or settings.BASE_DIR / ".cache" / "bench")


def cache_file(model_key: str) -> Path:
    return cache_dir() / f"embeddings-{model_key}.npz"


def model_key() -> str | None:
    provider = get_embedding_provider()
    return provider.key if provider is not None else None


def _read(path: Path) -> dict[str, bytes]:
    if not path.exists():
        return {}
    with np.load(path) as data:
        hashes, vectors = data["hashes"], data["vectors"].astype(VECTOR_DTYPE)
    return {str(digest): row.tobytes() for digest, row in zip(hashes, vectors, strict=True)}


def preload() -> int:
    """Copy the file's vectors for the current model into the database's embedding cache.
    Returns how many there were (0 without a model)."""
    key = model_key()
    if key is None:
        return 0
    entries = _read(cache_file(key))
    rows = [
        EmbeddingCache(model_key=key, content_hash=digest, vector=vector)
        for digest, vector in entries.items()
    ]
    EmbeddingCache.objects.bulk_create(rows, batch_size=BATCH, ignore_conflicts=True)
    return len(rows)


def save(*, exclude: set[str] | None = None) -> int:
    """Write the database's embedding cache for the current model back to the file, merged
    with what the file had; `exclude` leaves out hashes (composed vectors, not the model's).
    Returns how many vectors the file gained."""
    key = model_key()
    if key is None:
        return 0
    path = cache_file(key)
    entries = _read(path)
    before = len(entries)
    for digest, vector in EmbeddingCache.objects.filter(model_key=key).values_list(
        "content_hash", "vector"
    ):
        if not exclude or digest not in exclude:
            entries.setdefault(digest, bytes(vector))
    if len(entries) == before:
        return 0
    path.parent.mkdir(parents=True, exist_ok=True)
    hashes = np.array(list(entries), dtype="U64")
    vectors = np.stack([np.frombuffer(vector, dtype=VECTOR_DTYPE) for vector in entries.values()])
    temporary = path.with_suffix(".tmp.npz")
    np.savez(temporary, hashes=hashes, vectors=vectors)
    temporary.replace(path)
    return len(entries) - before
