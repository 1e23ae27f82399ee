"""PostgreSQL full text: a weighted tsvector column with a GIN index, ranked BM25-like.

The GIN index finds the records matching any part of the query (an OR of its words and
phrases, parsed by `websearch_to_tsquery`). Each part then scores `ts_rank` (a saturating,
field-weighted term frequency) times its inverse document frequency, and a record scores the
sum over the parts. Neither `ts_rank_cd` nor `ts_rank` over the whole OR query knows how rare
a word is, and `ts_rank_cd` without normalisation ranks long records far too high: measured
on the relevance collection in docs/adr/0015-postgresql-lexical-ranking.md.
"""

import re

from django.db import connection

from hub.search.backends.base import MARK_END, MARK_START, SearchBackend, SearchHit, marked_to_html
from hub.search.query import ParsedQuery

# ts_rank weights for {D, C, B, A}: body (C) 0.33, summary (B) 0.7, title (A) 1.0; D is unused.
RANK_WEIGHTS = "{0.1, 0.33, 0.7, 1.0}"
# ts_rank's normalisation: none. ts_rank saturates a word's frequency in a record by itself,
# and the idf keeps common words from adding up; dividing by the length (1) measured no better
# (docs/adr/0015-postgresql-lexical-ranking.md).
NORMALISATION = 0
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


def query_parts(query: ParsedQuery) -> list[str]:
    """`websearch_to_tsquery` input for each part of the query: a word, or a quoted phrase."""
    return list(query.terms) + ['"' + " ".join(phrase) + '"' for phrase in query.phrases]


def websearch_text(query: ParsedQuery) -> str:
    """websearch_to_tsquery input: terms and quoted phrases joined with `or`."""
    return " or ".join(query_parts(query))


def ranking_sql(parts: int) -> str:
    """The search for a query of `parts` parts (bound as %(part1)s...): BM25-like.

    - `matched`: the records of the kind that match any part, through the GIN index. Each
      vector is copied once (`|| ''::tsvector`) so that the ranks read it in memory, not
      fetched and decompressed from TOAST storage once a part. Each record keeps one ts_rank
      a part (0 where the part does not match).
    - `idf`: a part's document frequency is the number of matched records it matches (every
      record of the kind that holds it matches the OR), its idf BM25's
      ln(1 + (N - df + 0.5) / (df + 0.5)), N the records of the kind.
    - score = the sum over the parts of idf x ts_rank: exactly additive over the parts, which
      `selectors.lexical_search` relies on to weigh the vocabulary's added words.
    """
    numbers = range(1, parts + 1)
    # ts_rank gives 1e-20, not 0, where a phrase does not match: `@@` says whether it does.
    part = "websearch_to_tsquery(%(config)s::regconfig, %(part{})s)"
    ranks = ", ".join(
        f"CASE WHEN e.v @@ {part.format(i)} "
        f"THEN ts_rank(%(weights)s::float4[], e.v, {part.format(i)}, {NORMALISATION}) "
        "ELSE 0 END"
        for i in numbers
    )
    counts = ", ".join(f"count(*) FILTER (WHERE m.r[{i}] > 0)" for i in numbers)
    score = " + ".join(f"m.r[{i}] * s.idf[{i}]" for i in numbers)
    return f"""
        WITH matched AS MATERIALIZED (
            SELECT e.object_id, ARRAY[{ranks}] AS r
            FROM (
                SELECT d.object_id, d.search_vector || ''::tsvector AS v
                FROM search_searchdocument d
                WHERE d.search_vector @@ websearch_to_tsquery(%(config)s::regconfig, %(text)s)
                  AND d.kind = %(kind)s
                OFFSET 0
            ) e
        ), frequencies AS (
            SELECT ARRAY[{counts}]::float8[] AS df,
                   (SELECT count(*) FROM search_searchdocument WHERE kind = %(kind)s)::float8 AS n
            FROM matched m
        ), s AS MATERIALIZED (
            SELECT ARRAY(
                SELECT ln(1 + (f.n - u.df + 0.5) / (u.df + 0.5))
                FROM unnest(f.df) WITH ORDINALITY AS u(df, i) ORDER BY u.i
            ) AS idf
            FROM frequencies f
        )
        SELECT m.object_id, {score} AS score
        FROM matched m, s
        ORDER BY score DESC, m.object_id
        LIMIT %(limit)s
    """  # noqa: S608 - only numbers and constants are formatted in; user input is bound


def ranking_statement(query: ParsedQuery, *, kind: str, limit: int) -> tuple[str, dict]:
    """The ranked search's SQL and parameters, for a query that is not empty."""
    parts = query_parts(query)
    params = {
        "weights": RANK_WEIGHTS,
        "config": CONFIG,
        "text": websearch_text(query),
        "kind": kind,
        "limit": limit,
    }
    params.update({f"part{number}": part for number, part in enumerate(parts, start=1)})
    return ranking_sql(len(parts)), params


class PostgresFullTextBackend(SearchBackend):
    engine = "PostgreSQL full text"
    # A score is a sum over the query's parts (ranking_sql), so the vocabulary's added words
    # can be searched alone and their score added (selectors.lexical_search).
    additive_scores = True

    def search(self, query: ParsedQuery, *, kind: str, limit: int = 1000) -> list[SearchHit]:
        if query.is_empty:
            return []
        with connection.cursor() as cursor:
            cursor.execute(*ranking_statement(query, kind=kind, limit=limit))
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
