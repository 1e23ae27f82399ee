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
