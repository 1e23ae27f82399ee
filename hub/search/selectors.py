"""Reads from the one search service: every page, the API and similar-records use these."""

from dataclasses import dataclass

from hub.search.backends import get_search_backend
from hub.search.backends.base import SearchHit
from hub.search.models import SearchDocument
from hub.search.query import ParsedQuery, parse_query


@dataclass(frozen=True)
class SearchResult:
    query: ParsedQuery
    hits: list[SearchHit]

    @property
    def ranked_ids(self) -> list[int]:
        return [hit.object_id for hit in self.hits]


def search(*, text: str, kind: str, limit: int = 1000) -> SearchResult:
    query = parse_query(text)
    return SearchResult(
        query=query, hits=get_search_backend().search(query, kind=kind, limit=limit)
    )


def search_snippets(*, result: SearchResult, kind: str, object_ids: list[int]) -> dict[int, str]:
    return get_search_backend().snippets(result.query, kind=kind, object_ids=object_ids)


def similar(*, kind: str, object_id: int, limit: int = 5) -> list[SearchHit]:
    """Records like this one: its title and summary as the query, itself left out."""
    document = SearchDocument.objects.filter(kind=kind, object_id=object_id).first()
    if document is None:
        return []
    query = parse_query(f"{document.title} {document.summary}")
    hits = get_search_backend().search(query, kind=kind, limit=limit + 1)
    return [hit for hit in hits if hit.object_id != object_id][:limit]


def search_engine() -> str:
    return get_search_backend().engine
