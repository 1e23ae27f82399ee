"""PostgreSQL full text: a weighted tsvector column with a GIN index, ts_rank_cd ranking."""

import re

from django.db import connection

from hub.search.backends.base import MARK_END, MARK_START, SearchBackend, SearchHit, marked_to_html
from hub.search.query import ParsedQuery

# ts_rank_cd weights for {D, C, B, A}: body (C) 0.2, summary (B) 0.5, title (A) 1.0.
RANK_WEIGHTS = "{0.1, 0.2, 0.5, 1.0}"
CONFIG = "english"
# The dictionary the english configuration stems words with.
STEMMER = "english_stem"
# Each lexeme of the index and how many documents hold it (ts_stat), cached in each process
# until the index changes: ts_stat reads every vector (80 ms for 2,800 documents).
_LEXEMES: dict[str, tuple] = {}


def _lexeme_counts(cursor, stamp: tuple) -> dict[str, int]:
    cached = _LEXEMES.get("all")
    if cached is None or cached[0] != stamp:
        cursor.execute(
            "SELECT word, ndoc FROM ts_stat('SELECT search_vector FROM search_searchdocument')"
        )
        cached = _LEXEMES["all"] = (stamp, dict(cursor.fetchall()))
    return cached[1]


def websearch_text(query: ParsedQuery) -> str:
    """websearch_to_tsquery input: terms and quoted phrases joined with `or`."""
    parts = list(query.terms) + ['"' + " ".join(phrase) + '"' for phrase in query.phrases]
    return " or ".join(parts)


class PostgresFullTextBackend(SearchBackend):
    engine = "PostgreSQL full text"

    def search(self, query: ParsedQuery, *, kind: str, limit: int = 1000) -> list[SearchHit]:
        if query.is_empty:
            return []
        sql = """
            SELECT d.object_id, ts_rank_cd(%s::float4[], d.search_vector, q) AS score
            FROM search_searchdocument d, websearch_to_tsquery(%s::regconfig, %s) q
            WHERE d.search_vector @@ q AND d.kind = %s
            ORDER BY score DESC, d.object_id
            LIMIT %s
        """
        with connection.cursor() as cursor:
            cursor.execute(sql, [RANK_WEIGHTS, CONFIG, websearch_text(query), kind, limit])
            return [SearchHit(object_id=row[0], score=float(row[1])) for row in cursor.fetchall()]

    def snippets(self, query: ParsedQuery, *, kind: str, object_ids: list[int]) -> dict[int, str]:
        if query.is_empty or not object_ids:
            return {}
        options = (
            f"StartSel={MARK_START}, StopSel={MARK_END}, MaxWords=30, MinWords=12, MaxFragments=1"
        )
        sql = """
            SELECT d.object_id,
                   ts_headline(%s::regconfig, d.summary || ' ' || d.body, q, %s)
            FROM search_searchdocument d, websearch_to_tsquery(%s::regconfig, %s) q
            WHERE d.kind = %s AND d.object_id = ANY(%s)
        """
        with connection.cursor() as cursor:
            cursor.execute(sql, [CONFIG, options, CONFIG, websearch_text(query), kind, object_ids])
            rows = cursor.fetchall()
        # Only fragments that show a match are worth showing in place of the summary.
        return {object_id: marked_to_html(text) for object_id, text in rows if MARK_START in text}

    def document_frequencies(self, words: list[str]) -> dict[str, int]:
        """The database stems each word itself (so Snowball and Python's Porter never have to
        agree) and its lexeme is looked up in the index's lexeme counts, which are read again
        only when the index has changed. Stop words stem to nothing: left out."""
        if not words:
            return {}
        sql = """
            SELECT s.n, s.last_id, s.changed, w, ts_lexize(%s::regdictionary, w)
            FROM (SELECT count(*) AS n, max(id) AS last_id, max(indexed_at) AS changed
                  FROM search_searchdocument) AS s,
                 unnest(%s::text[]) AS w
        """
        with connection.cursor() as cursor:
            cursor.execute(sql, [STEMMER, list(dict.fromkeys(words))])
            rows = cursor.fetchall()
            counts = _lexeme_counts(cursor, tuple(rows[0][:3]))
        return {word: counts.get(lexemes[0], 0) for *_, word, lexemes in rows if lexemes}

    def holds_word(self, word: str) -> bool:
        # The GIN index finds the documents holding the lexeme; a regular expression checks
        # those few for the word itself (\m and \M: start and end of a word).
        sql = """
            SELECT 1 FROM search_searchdocument d
            WHERE d.search_vector @@ plainto_tsquery(%s::regconfig, %s)
              AND (d.title || ' ' || d.summary || ' ' || d.body) ~* %s
            LIMIT 1
        """
        pattern = r"\m" + re.escape(word) + r"\M"
        with connection.cursor() as cursor:
            cursor.execute(sql, [CONFIG, word, pattern])
            return cursor.fetchone() is not None

    def optimise(self) -> None:
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE search_searchdocument")
