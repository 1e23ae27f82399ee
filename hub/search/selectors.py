"""Reads from the one search service: every page, the API and similar-records use these.

A search parses what the person typed, expands it with local government vocabulary, runs
lexical retrieval native to the database and (when a model is installed) semantic retrieval,
fuses the two, and drops anything that matches an excluded word.
"""

from dataclasses import dataclass, field

from django.conf import settings

from hub.search import semantic, vocabulary
from hub.search.backends import get_search_backend
from hub.search.backends.base import SearchHit
from hub.search.models import SearchDocument
from hub.search.query import ParsedQuery, parse_query


class Mode:
    LEXICAL = "lexical"
    SEMANTIC = "semantic"
    HYBRID = "hybrid"
    ALL = (LEXICAL, SEMANTIC, HYBRID)


@dataclass(frozen=True)
class SearchResult:
    query: ParsedQuery
    hits: list[SearchHit]
    mode: str = Mode.LEXICAL
    expanded: ParsedQuery | None = None
    suggestion: str = ""
    notes: list[str] = field(default_factory=list)

    @property
    def ranked_ids(self) -> list[int]:
        return [hit.object_id for hit in self.hits]


def configured_mode() -> str:
    mode = settings.HUB_SEARCH_MODE
    return mode if mode in Mode.ALL else Mode.LEXICAL


def effective_mode(requested: str | None = None) -> str:
    """The mode a search will really run in: lexical when no embedding model is available."""
    mode = requested or configured_mode()
    if mode != Mode.LEXICAL and not semantic.is_available():
        return Mode.LEXICAL
    return mode


# What a word the vocabulary added counts for against one the person typed (measured on the
# relevance collection: docs/adr/0013-local-government-vocabulary.md).
EXPANSION_WEIGHT = 0.3


def lexical_search(query: ParsedQuery, *, kind: str, limit: int = 1000) -> list[SearchHit]:
    """The database's full text search, the expansion's words counting EXPANSION_WEIGHT of the
    person's. Neither FTS5 nor tsquery weights terms within one query, so with an expansion
    there are two searches. A score sums over the words matched (bm25 exactly, ts_rank_cd
    nearly), so score = own + weight * (what the added words contribute).

    Where the sum is exact (`additive_scores`), the second search is for the added words alone,
    which is what they contribute; else it is for all the words, less what the person's own
    words scored: score = own + weight * (widened - own)."""
    backend = get_search_backend()
    own = backend.search(query, kind=kind, limit=limit)
    if not query.has_expansions:
        return own
    scores = {hit.object_id: hit.score for hit in own}
    if getattr(backend, "additive_scores", False):
        added = ParsedQuery(
            terms=tuple(word for word in query.expansions if word not in query.terms),
            phrases=query.expansion_phrases,
        )
        for hit in backend.search(added, kind=kind, limit=limit):
            scores[hit.object_id] = scores.get(hit.object_id, 0.0) + EXPANSION_WEIGHT * hit.score
    else:
        for hit in backend.search(query.widened(), kind=kind, limit=limit):
            base = scores.get(hit.object_id, 0.0)
            scores[hit.object_id] = base + EXPANSION_WEIGHT * max(hit.score - base, 0.0)
    ranked = sorted(scores.items(), key=lambda item: (-item[1], item[0]))[:limit]
    return [SearchHit(object_id=object_id, score=score) for object_id, score in ranked]


def search(
    *,
    text: str,
    kind: str,
    limit: int = 1000,
    mode: str | None = None,
    vocabulary_aids: bool = True,
) -> SearchResult:
    """`vocabulary_aids`: expand the query and suggest spellings. Off for text a person did not
    type (a record's own words, in `similar`), where neither helps."""
    query = parse_query(text)
    if query.is_empty:
        return SearchResult(query=query, hits=[], mode=effective_mode(mode))
    expanded = vocabulary.expand(query) if vocabulary_aids else query
    mode = effective_mode(mode)
    if mode == Mode.SEMANTIC:
        hits = semantic.search(text, kind=kind, limit=limit)
    else:
        hits = lexical_search(expanded, kind=kind, limit=limit)
        if mode == Mode.HYBRID:
            # Lexical and semantic hits ranked together (hub.search.fusion.hybrid_fusion).
            hits = semantic.hybrid_search(text, lexical=hits, kind=kind, limit=limit)
    if query.exclusions:
        hits = _without_excluded(hits, query.exclusions, kind=kind)
    return SearchResult(
        query=query,
        hits=hits[:limit],
        mode=mode,
        expanded=expanded,
        # Asked every time: semantic hits never run short, and one misspelt word among good
        # ones still deserves a correction. Cheap when every word is in the index.
        suggestion=vocabulary.suggest(query, kind=kind) if vocabulary_aids else "",
    )


def _without_excluded(hits: list[SearchHit], words: tuple[str, ...], *, kind: str):
    """The hits but those holding any of `words`. One search a word: a search for several
    may leave the common ones out of its match (the SQLite backend does)."""
    backend = get_search_backend()
    excluded: set[int] = set()
    for word in words:
        found = backend.search(ParsedQuery(terms=(word,), phrases=()), kind=kind, limit=100_000)
        excluded.update(hit.object_id for hit in found)
    return [hit for hit in hits if hit.object_id not in excluded]


def search_snippets(*, result: SearchResult, kind: str, object_ids: list[int]) -> dict[int, str]:
    # The expansion's words are marked too: they are why a record in other words was found.
    query = result.expanded.widened() if result.expanded else result.query
    return get_search_backend().snippets(query, kind=kind, object_ids=object_ids)


def similar(*, kind: str, object_id: int, limit: int = 5) -> list[SearchHit]:
    """Records like this one: its title and summary as the query, itself left out."""
    document = SearchDocument.objects.filter(kind=kind, object_id=object_id).first()
    if document is None:
        return []
    result = search(
        text=f"{document.title} {document.summary}",
        kind=kind,
        limit=limit + 1,
        vocabulary_aids=False,
    )
    return [hit for hit in result.hits if hit.object_id != object_id][:limit]


def search_engine() -> str:
    return get_search_backend().engine
