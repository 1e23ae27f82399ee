"""Writes to the search index. The database keeps its full text structure in step itself."""

from collections.abc import Callable

from django.db import transaction

from hub.core.tasks import QUEUE_SEARCH, enqueue_on_commit
from hub.search.backends import get_search_backend
from hub.search.models import SearchDocument
from hub.search.registry import indexable, registered_kinds


def search_index_object(*, kind: str, object_id: int) -> bool:
    """Index one record if it may be found, else remove it. Returns whether it is indexed."""
    entry = indexable(kind)
    record = entry.queryset().filter(pk=object_id).first()
    if record is None:
        SearchDocument.objects.filter(kind=kind, object_id=object_id).delete()
        return False
    text = entry.text(record)
    SearchDocument.objects.update_or_create(
        kind=kind,
        object_id=object_id,
        defaults={"title": text.title, "summary": text.summary, "body": text.body},
    )
    return True


def search_index_later(*, kind: str, object_id: int) -> None:
    """Re-index a record once the current transaction commits, in the background."""
    from hub.search.tasks import index_object

    enqueue_on_commit(index_object.using(queue_name=QUEUE_SEARCH), kind, object_id)


@transaction.atomic
def search_rebuild(
    *, kinds: list[str] | None = None, progress: Callable[[int], None] | None = None
) -> dict[str, int]:
    """Rebuild the index of `kinds` (default: every registered kind) from the records."""
    counts = {}
    for kind in kinds or registered_kinds():
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
