"""Writes to the search index. The database keeps its full text structure in step itself.

Vectors for semantic search are computed after the text: one background task per indexed
record (`search_embed_later`), or in batches by `search_rebuild` and `embed_search_index`.
Each vector is looked up in the embedding cache by model and text hash first, so unchanged
text is never embedded twice.
"""

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.db import transaction

from hub.core.tasks import QUEUE_SEARCH, enqueue_on_commit
from hub.search.backends import get_search_backend
from hub.search.embeddings import EmbeddingProvider, EmbeddingsUnavailable, get_embedding_provider
from hub.search.models import DocumentEmbedding, EmbeddingCache, SearchDocument
from hub.search.registry import indexable, registered_kinds
from hub.search.vectors import (
    content_hash,
    document_vector,
    embedding_passages,
    passages_hash,
    vector_from_bytes,
    vector_to_bytes,
)

logger = logging.getLogger(__name__)

# Documents read and written per transaction when computing vectors.
EMBED_BATCH = 256


def document_passages(document: SearchDocument) -> list[str]:
    return embedding_passages(title=document.title, summary=document.summary, body=document.body)


def document_content_hash(document: SearchDocument) -> str:
    return passages_hash(document_passages(document))


def search_index_object(*, kind: str, object_id: int) -> bool:
    """Index one record if it may be found, else remove it. Returns whether it is indexed."""
    entry = indexable(kind)
    record = entry.queryset().filter(pk=object_id).first()
    if record is None:
        SearchDocument.objects.filter(kind=kind, object_id=object_id).delete()
        return False
    text = entry.text(record)
    document, _ = SearchDocument.objects.update_or_create(
        kind=kind,
        object_id=object_id,
        defaults={"title": text.title, "summary": text.summary, "body": text.body},
    )
    search_embed_later(document=document)
    return True


def search_index_later(*, kind: str, object_id: int) -> None:
    """Re-index a record once the current transaction commits, in the background."""
    from hub.search.tasks import index_object

    enqueue_on_commit(index_object.using(queue_name=QUEUE_SEARCH), kind, object_id)


def search_embed_later(*, document: SearchDocument) -> bool:
    """Compute the document's vector in the background, unless it is current or there is no
    embedding model. Returns whether a task was enqueued."""
    provider = get_embedding_provider()
    if provider is None:
        return False
    current = DocumentEmbedding.objects.filter(
        document=document, model_key=provider.key, content_hash=document_content_hash(document)
    )
    if current.exists():
        return False
    from hub.search.tasks import embed_document

    enqueue_on_commit(embed_document.using(queue_name=QUEUE_SEARCH), document.pk)
    return True


@dataclass
class EmbedCounts:
    # Passage vectors the model computed and passage vectors taken from the cache, for the
    # documents whose vector changed; documents whose vector was already current.
    computed: int = 0
    cached: int = 0
    unchanged: int = 0

    def add(self, other: "EmbedCounts") -> None:
        self.computed += other.computed
        self.cached += other.cached
        self.unchanged += other.unchanged


@transaction.atomic
def _embed_batch(provider: EmbeddingProvider, document_ids: list[int]) -> EmbedCounts:
    """Each document's vector from its passages' vectors (hub.search.vectors): every passage
    looked up in the cache by its text hash, the model run only on those missing."""
    counts = EmbedCounts()
    documents = SearchDocument.objects.filter(pk__in=document_ids).only("title", "summary", "body")
    current = dict(
        DocumentEmbedding.objects.filter(
            document_id__in=document_ids, model_key=provider.key
        ).values_list("document_id", "content_hash")
    )
    stale: dict[int, tuple[str, list[str]]] = {}  # document id -> (hash, passage hashes)
    texts: dict[str, str] = {}  # passage hash -> passage
    for document in documents:
        passages = document_passages(document)
        digest = passages_hash(passages)
        if current.get(document.pk) == digest:
            counts.unchanged += 1
            continue
        hashes = [content_hash(passage) for passage in passages]
        texts.update(zip(hashes, passages, strict=True))
        stale[document.pk] = (digest, hashes)
    if not stale:
        return counts
    vectors = {
        digest: vector_from_bytes(vector)
        for digest, vector in EmbeddingCache.objects.filter(
            model_key=provider.key, content_hash__in=texts
        ).values_list("content_hash", "vector")
    }
    missing = {digest: text for digest, text in texts.items() if digest not in vectors}
    if missing:
        computed = provider.embed(list(missing.values()))
        EmbeddingCache.objects.bulk_create(
            [
                EmbeddingCache(
                    model_key=provider.key, content_hash=digest, vector=vector_to_bytes(row)
                )
                for digest, row in zip(missing, computed, strict=True)
            ],
            ignore_conflicts=True,
        )
        vectors.update(zip(missing, computed, strict=True))
    counts.computed = len(missing)
    counts.cached = sum(len(hashes) for _, hashes in stale.values()) - counts.computed
    DocumentEmbedding.objects.bulk_create(
        [
            DocumentEmbedding(
                document_id=document_id,
                model_key=provider.key,
                content_hash=digest,
                vector=vector_to_bytes(document_vector([vectors[h] for h in hashes])),
            )
            for document_id, (digest, hashes) in stale.items()
        ],
        update_conflicts=True,
        unique_fields=["document"],
        update_fields=["model_key", "content_hash", "vector", "updated_at"],
    )
    return counts


def search_embed_documents(
    *, document_ids: Iterable[int], progress: Callable[[int], None] | None = None
) -> EmbedCounts:
    """Make the vectors of these documents current, in batches, through the cache."""
    counts = EmbedCounts()
    provider = get_embedding_provider()
    if provider is None:
        return counts
    ids = list(document_ids)
    for start in range(0, len(ids), EMBED_BATCH):
        batch = ids[start : start + EMBED_BATCH]
        counts.add(_embed_batch(provider, batch))
        if progress:
            progress(len(batch))
    return counts


def search_embed_missing(
    *, kinds: list[str] | None = None, progress: Callable[[int], None] | None = None
) -> EmbedCounts:
    """Compute every missing or stale vector of `kinds` (default: every kind in the index)."""
    documents = SearchDocument.objects.order_by("pk")
    if kinds:
        documents = documents.filter(kind__in=kinds)
    return search_embed_documents(
        document_ids=documents.values_list("pk", flat=True), progress=progress
    )


@transaction.atomic
def _rebuild_documents(
    *, kinds: list[str], progress: Callable[[int], None] | None
) -> dict[str, int]:
    counts = {}
    for kind in kinds:
        entry = indexable(kind)
        SearchDocument.objects.filter(kind=kind).delete()
        batch = []
        for record in entry.queryset().iterator(chunk_size=500):
            text = entry.text(record)
            batch.append(
                SearchDocument(
                    kind=kind,
                    object_id=record.pk,
                    title=text.title,
                    summary=text.summary,
                    body=text.body,
                )
            )
            if progress:
                progress(1)
        SearchDocument.objects.bulk_create(batch, batch_size=500)
        counts[kind] = len(batch)
    get_search_backend().optimise()
    return counts


def search_rebuild(
    *,
    kinds: list[str] | None = None,
    progress: Callable[[int], None] | None = None,
    embed: bool = True,
    embed_progress: Callable[[int], None] | None = None,
) -> dict[str, int]:
    """Rebuild the index of `kinds` (default: every registered kind) from the records, then
    their vectors when there is an embedding model: from the cache wherever the text is
    unchanged. The text is rebuilt in one transaction; vectors in batches after it."""
    kinds = kinds or registered_kinds()
    counts = _rebuild_documents(kinds=kinds, progress=progress)
    if embed and get_embedding_provider() is not None:
        try:
            search_embed_missing(kinds=kinds, progress=embed_progress)
        except EmbeddingsUnavailable as error:
            logger.warning("Search vectors were not computed: %s", error)
    return counts
