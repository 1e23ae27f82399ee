"""The search index's own table: one row per indexed record, its weighted text in three fields.

Each database backend keeps its full text structure in step with these rows: an FTS5 table on
SQLite, a generated weighted `tsvector` column with a GIN index on PostgreSQL. Both are made by
the migrations of this app for the database in use, so no vendor SQL sits in shared code.
"""

from django.db import models


class SearchDocument(models.Model):
    kind = models.CharField(max_length=40, help_text="What was indexed, e.g. 'case'.")
    object_id = models.PositiveBigIntegerField()
    title = models.TextField()
    summary = models.TextField(blank=True)
    body = models.TextField(blank=True)
    indexed_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["kind", "object_id"], name="unique_search_document")
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.object_id}: {self.title}"


class DocumentEmbedding(models.Model):
    """The vector of one search document, from the model named by `model_key`.

    `content_hash` is the sha256 of the passages embedded (`hub.search.vectors.passages_hash`),
    so a vector is recomputed only when that text or the model changes. The vector blends the
    passages' vectors (`hub.search.vectors.document_vector`).
    """

    document = models.OneToOneField(
        SearchDocument, on_delete=models.CASCADE, related_name="embedding"
    )
    model_key = models.CharField(max_length=80)
    content_hash = models.CharField(max_length=64)
    vector = models.BinaryField(help_text="float32, L2-normalised, little-endian.")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        # Covers the freshness check of the in-memory vector index (hub.search.semantic):
        # count, highest id and latest update of a model's vectors, without reading a vector.
        indexes = [models.Index(fields=["model_key", "updated_at"], name="embedding_freshness")]

    def __str__(self) -> str:
        return f"{self.model_key} vector of {self.document_id}"


class EmbeddingCache(models.Model):
    """Vectors by model and text hash, one a passage: re-indexing or re-importing unchanged text
    computes nothing, even though a rebuild makes new search documents."""

    model_key = models.CharField(max_length=80)
    content_hash = models.CharField(max_length=64)
    vector = models.BinaryField(help_text="float32, L2-normalised, little-endian.")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["model_key", "content_hash"], name="unique_embedding_cache_entry"
            )
        ]

    def __str__(self) -> str:
        return f"{self.model_key} {self.content_hash[:12]}"
