"""SQLite FTS5 leaves a word most documents hold out of the match when a rarer word remains
(hub.search.backends.sqlite.COMMON_WORD_SHARE), and counts documents through a cache that each
write to the index empties."""

import pytest
from django.db import connection

from hub.search.backends import sqlite
from hub.search.backends.sqlite import SqliteFts5Backend, match_expression
from hub.search.models import SearchDocument
from hub.search.query import parse_query
from hub.search.selectors import Mode, search

pytestmark = pytest.mark.django_db

# "council" is in every document; "bin" in one, "tax" in two.
DOCUMENTS = [
    (1, "Council missed bin reports", "Residents report a missed bin.", ""),
    (2, "Council tax direct debit", "Paying council tax online.", ""),
    (3, "Council tax reminders", "Texts before a council tax payment is due.", ""),
    *((n, f"Council service {n}", "The council runs it online.", "") for n in range(4, 11)),
]


@pytest.fixture(autouse=True)
def documents():
    if connection.vendor != "sqlite":
        pytest.skip("SQLite FTS5 only")
    for object_id, title, summary, body in DOCUMENTS:
        SearchDocument.objects.create(
            kind="case", object_id=object_id, title=title, summary=summary, body=body
        )


@pytest.fixture
def small_index_counts(monkeypatch):
    """Leave common words out of the match in an index as small as this one."""
    monkeypatch.setattr(sqlite, "COMMON_WORD_MIN_DOCUMENTS", len(DOCUMENTS))


def ids(text: str) -> list[int]:
    return [hit.object_id for hit in SqliteFts5Backend().search(parse_query(text), kind="case")]


def test_a_word_most_documents_hold_is_left_out_when_a_rarer_one_remains(small_index_counts):
    backend = SqliteFts5Backend()
    assert backend.common_words(parse_query("council bin")) == {"council"}
    assert backend.match_expression(parse_query("council bin")) == '"bin"'
    assert ids("council bin") == [1]
    assert sorted(ids("council tax")) == [2, 3]


def test_every_word_is_searched_when_all_are_common(small_index_counts):
    backend = SqliteFts5Backend()
    assert backend.common_words(parse_query("council online")) == frozenset()
    assert len(ids("council online")) == len(DOCUMENTS)


def test_a_word_no_document_holds_leaves_the_common_ones_in(small_index_counts):
    assert SqliteFts5Backend().common_words(parse_query("council bnn")) == frozenset()
    assert len(ids("council bnn")) == len(DOCUMENTS)


def test_a_small_index_searches_every_word():
    assert SqliteFts5Backend().common_words(parse_query("council bin")) == frozenset()
    assert len(ids("council bin")) == len(DOCUMENTS)


def test_phrases_are_always_searched(small_index_counts):
    query = parse_query('council bin "council tax"')
    assert SqliteFts5Backend().match_expression(query) == '"bin" OR "council tax"'
    assert match_expression(query) == '"council" OR "bin" OR "council tax"'


def test_an_excluded_common_word_still_excludes(small_index_counts):
    # One search for "council OR bin" would leave "council" out and exclude only record 1.
    assert search(text="online -council -bin", kind="case", mode=Mode.LEXICAL).hits == []
    assert search(text="online -bin", kind="case", mode=Mode.LEXICAL).hits != []


def test_document_counts_follow_every_write():
    backend = SqliteFts5Backend()
    assert backend.document_frequencies(["bins", "tax"]) == {"bins": 1, "tax": 2}
    added = SearchDocument.objects.create(kind="case", object_id=11, title="Bin day reminders")
    assert backend.document_frequencies(["bins"]) == {"bins": 2}
    added.delete()
    assert backend.document_frequencies(["bins"]) == {"bins": 1}


@pytest.mark.parametrize(
    ("data", "value"),
    [
        (b"\x05", 5),
        (b"\x81\x00", 128),
        (b"\xce\x10\x82", 10_000),
        (b"\xff" * 8 + b"\x01", 2**64 - 255),
    ],
)
def test_varints_read_as_sqlite_writes_them(data, value):
    assert sqlite._varint(data) == value
