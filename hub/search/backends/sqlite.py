"""SQLite FTS5: bm25() with per-column weights over an external-content table."""

import re

from django.db import connection

from hub.search.backends.base import MARK_END, MARK_START, SearchBackend, SearchHit, marked_to_html
from hub.search.query import ParsedQuery
from hub.search.stopwords import content_terms
from hub.search.words import stem

# bm25() column weights: title over summary over body.
TITLE_WEIGHT, SUMMARY_WEIGHT, BODY_WEIGHT = 6.0, 3.0, 1.0


def _quoted(words) -> str:
    # FTS5 strings are double-quoted with inner quotes doubled; \w+ words hold none, but be safe.
    return '"' + " ".join(words).replace('"', '""') + '"'


def match_expression(query: ParsedQuery) -> str:
    """An OR of the query's quoted terms (less stop words) and phrases: never a syntax error."""
    parts = [_quoted([term]) for term in content_terms(query.terms)]
    parts += [_quoted(phrase) for phrase in query.phrases]
    return " OR ".join(parts)


class SqliteFts5Backend(SearchBackend):
    engine = "SQLite FTS5"

    def search(self, query: ParsedQuery, *, kind: str, limit: int = 1000) -> list[SearchHit]:
        if query.is_empty:
            return []
        sql = f"""
            SELECT d.object_id, bm25(search_fts, {TITLE_WEIGHT}, {SUMMARY_WEIGHT}, {BODY_WEIGHT})
            FROM search_fts JOIN search_searchdocument d ON d.id = search_fts.rowid
            WHERE search_fts MATCH %s AND d.kind = %s
            ORDER BY 2 LIMIT %s
        """  # noqa: S608 - the weights are constants; user input is bound
        with connection.cursor() as cursor:
            cursor.execute(sql, [match_expression(query), kind, limit])
            # bm25 is lower-is-better; negate so every backend's score is higher-is-better.
            return [SearchHit(object_id=row[0], score=-row[1]) for row in cursor.fetchall()]

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
            cursor.execute(sql, [*marks, match_expression(query), kind, *object_ids])
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
        unique = sorted(set(stems.values()))
        counts: dict[str, int] = {}
        with connection.cursor() as cursor:
            for start in range(0, len(unique), 500):
                chunk = unique[start : start + 500]
                placeholders = ", ".join(["%s"] * len(chunk))
                cursor.execute(
                    f"SELECT term, doc FROM search_fts_vocab WHERE term IN ({placeholders})",  # noqa: S608 - only placeholders
                    chunk,
                )
                counts.update(cursor.fetchall())
        return {word: counts.get(term, 0) for word, term in stems.items()}

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
