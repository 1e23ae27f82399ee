"""The collection's baseline floor: plain BM25 over the corpus as it is, outside the Hub.

SQLite: an FTS5 table of the raw `title` and `body` (porter unicode61, the Hub's tokenizer),
ranked with `bm25(t, 2.0, 1.0)` (title weight 2, body 1), the query an OR of its distinct
terms, each quoted; as in the collection's README. PostgreSQL has no BM25: there the baseline
is the plain equivalent, `ts_rank` over `english` tsvectors with the title weighted twice the
body (A 1.0, D 0.5), the query an OR of the same terms.

The table lives only in the throwaway database and is made here, not by a migration: it is
the benchmark's yardstick, not part of the Hub.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from django.db import connection

TABLE = "bench_bm25"
BATCH = 500
_TERM = re.compile(r"\w+", re.UNICODE)


def distinct_terms(text: str) -> list[str]:
    seen: dict[str, None] = {}
    for term in _TERM.findall(text.lower()):
        seen.setdefault(term, None)
    return list(seen)


def describe() -> str:
    if connection.vendor == "sqlite":
        return "FTS5 bm25(title 2, body 1), porter unicode61, OR of quoted terms"
    return "ts_rank (title A 1.0, body D 0.5), english, OR of terms (PostgreSQL has no BM25)"


class PlainBaseline:
    """Index (doc_id, title, body) rows once, then rank queries with the plain BM25 floor."""

    def __init__(self, rows: Iterable[tuple[str, str, str]]):
        self.doc_ids: list[str] = []
        with connection.cursor() as cursor:
            if connection.vendor == "sqlite":
                self._index_sqlite(cursor, rows)
            else:
                self._index_postgres(cursor, rows)

    def _index_sqlite(self, cursor, rows) -> None:
        cursor.execute(f"DROP TABLE IF EXISTS {TABLE}")
        cursor.execute(
            f"CREATE VIRTUAL TABLE {TABLE} USING fts5(title, body, tokenize='porter unicode61')"
        )
        sql = f"INSERT INTO {TABLE}(rowid, title, body) VALUES (%s, %s, %s)"  # noqa: S608
        batch = []
        for doc_id, title, body in rows:
            self.doc_ids.append(doc_id)
            batch.append((len(self.doc_ids), title or "", body or ""))
            if len(batch) == BATCH:
                cursor.executemany(sql, batch)
                batch = []
        if batch:
            cursor.executemany(sql, batch)

    def _index_postgres(self, cursor, rows) -> None:
        cursor.execute(f"DROP TABLE IF EXISTS {TABLE}")
        cursor.execute(f"CREATE TABLE {TABLE} (id integer PRIMARY KEY, vector tsvector)")
        batch = []
        sql = (
            f"INSERT INTO {TABLE} (id, vector) VALUES (%s, "  # noqa: S608 - a constant name
            "setweight(to_tsvector('english', %s), 'A') || "
            "setweight(to_tsvector('english', %s), 'D'))"
        )
        for doc_id, title, body in rows:
            self.doc_ids.append(doc_id)
            batch.append((len(self.doc_ids), title or "", body or ""))
            if len(batch) == BATCH:
                cursor.executemany(sql, batch)
                batch = []
        if batch:
            cursor.executemany(sql, batch)
        cursor.execute(f"CREATE INDEX {TABLE}_gin ON {TABLE} USING GIN (vector)")
        cursor.execute(f"ANALYZE {TABLE}")

    def search(self, text: str, *, limit: int = 100) -> list[tuple[str, float]]:
        """(doc_id, score) best first; the score is higher-is-better."""
        terms = distinct_terms(text)
        if not terms:
            return []
        with connection.cursor() as cursor:
            if connection.vendor == "sqlite":
                match = " OR ".join(f'"{term}"' for term in terms)
                cursor.execute(
                    f"SELECT rowid, bm25({TABLE}, 2.0, 1.0) FROM {TABLE} "  # noqa: S608
                    f"WHERE {TABLE} MATCH %s ORDER BY 2, rowid LIMIT %s",
                    [match, limit],
                )
                rows = [(rowid, -score) for rowid, score in cursor.fetchall()]
            else:
                tsquery = " | ".join(f"'{term}'" for term in terms)
                cursor.execute(
                    f"SELECT id, ts_rank('{{0.5, 0, 0, 1.0}}', vector, q) AS score "  # noqa: S608
                    f"FROM {TABLE}, to_tsquery('english', %s) q WHERE vector @@ q "
                    "ORDER BY score DESC, id LIMIT %s",
                    [tsquery, limit],
                )
                rows = cursor.fetchall()
        return [(self.doc_ids[rowid - 1], float(score)) for rowid, score in rows]
