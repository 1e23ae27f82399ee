"""Words as the index sees them: Python's Porter stemmer must agree with SQLite FTS5's."""

import sqlite3

import pytest

from hub.search.words import content_stems, stem, words

WORDS = (
    "bins collections collected missed reporting repairing housing houses council councils "
    "generalization relational conditional valenci hesitanci digitizer conformabli radicalli "
    "differentli vileli analogousli vietnamization predication operator feudalism decisiveness "
    "hopefulness callousness formaliti sensitiviti sensibiliti triplicate formative formalize "
    "electriciti electrical hopeful goodness revival allowance inference airliner gyroscopic "
    "adjustable defensible irritant replacement adjustment dependent adoption homologou "
    "communism activate angulariti homologous effective bowdlerize probate rate cease "
    "controll roll agreed feed plastered bled motoring sing conflated troubled sized hopping "
    "tanned falling hissing fizzed failing filing happy sky caresses ponies ties caress cats "
    "schooling fostering homelessness recycling streetlight potholes parking"
).split()


def fts5_stems(items: list[str]) -> dict[str, str]:
    """The stem SQLite's own porter tokenizer gives each word (one word per row)."""
    db = sqlite3.connect(":memory:")
    db.execute("CREATE VIRTUAL TABLE t USING fts5(x, tokenize='porter unicode61')")
    db.execute("CREATE VIRTUAL TABLE v USING fts5vocab(t, 'instance')")
    db.executemany("INSERT INTO t(rowid, x) VALUES (?, ?)", list(enumerate(items, start=1)))
    return {items[row - 1]: term for term, row in db.execute("SELECT term, doc FROM v")}


def test_stems_agree_with_the_sqlite_porter_tokenizer():
    expected = fts5_stems(WORDS)
    assert {word: stem(word) for word in WORDS} == expected


@pytest.mark.parametrize(("word", "expected"), [("bins", "bin"), ("missed", "miss"), ("ab", "ab")])
def test_examples(word, expected):
    assert stem(word) == expected


def test_words_split_like_the_tokenizers():
    assert words("Children's social-care, 24/7!") == ["children", "s", "social", "care", "24", "7"]


def test_content_stems_leave_out_stop_words_and_repeats():
    assert content_stems("The bins and the bin collections") == ("bin", "collect")
