"""SQLite FTS5: bm25() with per-column weights over an external-content table."""

import re
import threading

from django.db import connection

from hub.search.backends.base import MARK_END, MARK_START, SearchBackend, SearchHit, marked_to_html
from hub.search.query import ParsedQuery
from hub.search.stopwords import content_terms
from hub.search.words import stem

# bm25() column weights: title over summary over body.
TITLE_WEIGHT, SUMMARY_WEIGHT, BODY_WEIGHT = 6.0, 3.0, 1.0
# A word held by more than this share of the documents is left out of the match when a rarer
# word of the query, held by some document, remains. FTS5 scores every document an OR of words
# matches, and a common word matches most of them. bm25's idf, log((N - n + 0.5) / (n + 0.5)),
# is below 0 for a word in more than half the documents, and FTS5 then counts it as 1e-6: such
# a word changes no ranking, only which documents are scored. On the dev relevance sets, lexical
# nDCG@10 is unchanged at 0.5 (lower shares lose up to 0.013 on `known` at 0.3); at 100,000
# documents the ranked query's p95 drops by about a fifth.
COMMON_WORD_SHARE = 0.5
# ... and only in an index of at least this many documents: in a small one every word is
# common to many of them, and scoring them all is cheap.
COMMON_WORD_MIN_DOCUMENTS = 1000
# The averages record of an FTS5 index (rowid 1 of its _data table): the number of rows, then
# each column's total of tokens, as varints. It changes with every write to the index.
_AVERAGES_SQL = "SELECT block FROM search_fts_data WHERE id = 1"
_MAX_CACHED_FREQUENCIES = 50_000


def _quoted(words) -> str:
    # FTS5 strings are double-quoted with inner quotes doubled; \w+ words hold none, but be safe.
    return '"' + " ".join(words).replace('"', '""') + '"'


def match_expression(query: ParsedQuery, *, leave_out: frozenset[str] = frozenset()) -> str:
    """An OR of the query's quoted terms (less stop words and the words in `leave_out`) and
    phrases: never a syntax error."""
    parts = [_quoted([term]) for term in content_terms(query.terms) if term not in leave_out]
    parts += [_quoted(phrase) for phrase in query.phrases]
    return " OR ".join(parts)


def _varint(data: bytes) -> int:
    """The first SQLite varint of `data`: 7 bits a byte, high bit set on all but the last
    (a ninth byte gives all 8 bits)."""
    value = 0
    for position, byte in enumerate(data[:9]):
        if position == 8:
            return (value << 8) | byte
        value = (value << 7) | (byte & 0x7F)
        if byte < 0x80:
            return value
    return value


class _Frequencies:
    """Document frequencies by stem, kept per database while its FTS5 index is unchanged.

    fts5vocab counts a term's documents by reading its whole list of documents: a common
    word's takes milliseconds at 100,000 documents, on every search. The index's averages
    record is read on each use (one row by rowid) and empties the cache when it changed."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.state: dict[str, tuple[bytes, dict[str, int]]] = {}

    def documents(self, cursor) -> tuple[int, dict[str, int]]:
        """The number of documents in the index, and the cache that goes with it."""
        cursor.execute(_AVERAGES_SQL)
        row = cursor.fetchone()
        stamp = bytes(row[0]) if row else b""
        key = str(connection.settings_dict["NAME"])
        with self.lock:
            cached = self.state.get(key)
            if cached is None or cached[0] != stamp:
                cached = (stamp, {})
                self.state[key] = cached
        return (_varint(stamp) if stamp else 0), cached[1]

    def counts(self, cursor, cache: dict[str, int], stems: set[str]) -> dict[str, int]:
        """Each stem's document count, from `cache` (a `documents` answer) or the index."""
        missing = sorted(stems.difference(cache))
        for start in range(0, len(missing), 500):
            chunk = missing[start : start + 500]
            placeholders = ", ".join(["%s"] * len(chunk))
            cursor.execute(
                f"SELECT term, doc FROM search_fts_vocab WHERE term IN ({placeholders})",  # noqa: S608 - only placeholders
                chunk,
            )
            found = dict.fromkeys(chunk, 0)
            found.update(cursor.fetchall())
            with self.lock:
                if len(cache) + len(found) > _MAX_CACHED_FREQUENCIES:
                    cache.clear()
                cache.update(found)
        return {item: cache.get(item, 0) for item in stems}

    def clear(self) -> None:
        with self.lock:
            self.state.clear()


_frequencies = _Frequencies()


class SqliteFts5Backend(SearchBackend):
    engine = "SQLite FTS5"
    # bm25 sums what each word (or phrase) of the query contributes, each with its own idf:
    # a query's score is exactly the sum of its parts' scores (hub.search.selectors uses it).
    additive_scores = True

    def common_words(self, query: ParsedQuery) -> frozenset[str]:
        """The query's words that the match leaves out (COMMON_WORD_SHARE): none unless a
        rarer word that some document holds remains."""
        terms = list(content_terms(query.terms))
        if len(terms) < 2:
            return frozenset()
        stems = {term: stem(term) for term in terms}
        with connection.cursor() as cursor:
            total, cache = _frequencies.documents(cursor)
            if total < COMMON_WORD_MIN_DOCUMENTS:
                return frozenset()
            counts = _frequencies.counts(cursor, cache, set(stems.values()))
        limit = COMMON_WORD_SHARE * total
        if not any(0 < counts[stems[term]] <= limit for term in terms):
            return frozenset()
        return frozenset(term for term in terms if counts[stems[term]] > limit)

    def match_expression(self, query: ParsedQuery) -> str:
        """The match the search runs for `query`: its words but the common ones."""
        return match_expression(query, leave_out=self.common_words(query))

    def search(self, query: ParsedQuery, *, kind: str, limit: int = 1000) -> list[SearchHit]:
        """Ranks in the full text index alone, then reads the best rows' documents and keeps
        those of `kind`: joining every matched row to its document before ranking took longer
        than the ranking (at 100,000 documents, p50 157 ms against 89). When other kinds
        crowd `kind` out of the best rows, it ranks deeper."""
        if query.is_empty or limit <= 0:
            return []
        sql = f"""
            SELECT d.object_id, d.kind, ranked.score FROM (
                SELECT rowid, bm25(search_fts, {TITLE_WEIGHT}, {SUMMARY_WEIGHT}, {BODY_WEIGHT})
                    AS score
                FROM search_fts WHERE search_fts MATCH %s ORDER BY score LIMIT %s
            ) AS ranked LEFT JOIN search_searchdocument d ON d.id = ranked.rowid
            ORDER BY ranked.score
        """  # noqa: S608 - the weights are constants; user input is bound
        match, depth = self.match_expression(query), limit
        while True:
            with connection.cursor() as cursor:
                cursor.execute(sql, [match, depth])
                rows = cursor.fetchall()
            # bm25 is lower-is-better; negate so every backend's score is higher-is-better.
            hits = [
                SearchHit(object_id, -score)
                for object_id, of_kind, score in rows
                if of_kind == kind
            ]
            if len(hits) >= limit or len(rows) < depth:
                return hits[:limit]
            depth *= 4

    def snippets(self, query: ParsedQuery, *, kind: str, object_ids: list[int]) -> dict[int, str]:
        if query.is_empty or not object_ids:
            return {}
        placeholders = ", ".join(["%s"] * len(object_ids))
        sql = f"""
            SELECT d.object_id,
                   snippet(search_fts, 1, %s, %s, '…', 24),
                   snippet(search_fts, 2, %s, %s, '…', 24)
            FROM search_fts JOIN search_searchdocument d ON d.id = search_fts.rowid
            WHERE search_fts MATCH %s AND d.kind = %s AND d.object_id IN ({placeholders})
        """  # noqa: S608 - only placeholders are formatted in
        marks = [MARK_START, MARK_END] * 2
        with connection.cursor() as cursor:
            cursor.execute(sql, [*marks, self.match_expression(query), kind, *object_ids])
            rows = cursor.fetchall()
        # The summary reads best; the body when only it matches; nothing when only the title does.
        snippets = {}
        for object_id, summary, body in rows:
            best = next((text for text in (summary, body) if MARK_START in text), None)
            if best:
                snippets[object_id] = marked_to_html(best)
        return snippets

    def document_frequencies(self, words: list[str]) -> dict[str, int]:
        """Counts from the fts5vocab table over search_fts (migration 0004). It lists stems,
        so each word is stemmed first, exactly as the porter tokenizer stems it."""
        stems = {word: stem(word) for word in words}
        if not stems:
            return {}
        with connection.cursor() as cursor:
            _, cache = _frequencies.documents(cursor)
            counts = _frequencies.counts(cursor, cache, set(stems.values()))
        return {word: counts[term] for word, term in stems.items()}

    def holds_word(self, word: str) -> bool:
        # FTS5 finds the documents holding the stem; Django's REGEXP function checks those few
        # for the word itself.
        sql = """
            SELECT 1 FROM search_fts JOIN search_searchdocument d ON d.id = search_fts.rowid
            WHERE search_fts MATCH %s
              AND (d.title || ' ' || d.summary || ' ' || d.body) REGEXP %s
            LIMIT 1
        """
        pattern = r"(?i)\b" + re.escape(word) + r"\b"
        with connection.cursor() as cursor:
            cursor.execute(sql, [_quoted([word]), pattern])
            return cursor.fetchone() is not None

    def optimise(self) -> None:
        with connection.cursor() as cursor:
            cursor.execute("INSERT INTO search_fts(search_fts) VALUES ('optimize')")
            cursor.execute("ANALYZE")
