import pytest

from hub.search.backends.postgres import websearch_text
from hub.search.backends.sqlite import match_expression
from hub.search.query import parse_query


def test_words_become_lower_case_terms_once_each():
    assert parse_query("Missed BINS missed").terms == ("missed", "bins")


def test_quoted_words_become_a_phrase():
    query = parse_query('"council tax" reminders')
    assert query.phrases == (("council", "tax"),)
    assert query.terms == ("reminders",)


@pytest.mark.parametrize("text", ['"', "AND OR NOT", "*", "(", ":", "", None])
def test_operators_and_stray_marks_are_dropped(text):
    query = parse_query(text)
    assert all(term.isalnum() or "_" in term for term in query.all_words())


def test_the_sqlite_expression_quotes_every_term():
    assert match_expression(parse_query('tax "direct debit"')) == '"tax" OR "direct debit"'


def test_the_postgres_text_joins_with_or():
    assert websearch_text(parse_query('tax "direct debit"')) == 'tax or "direct debit"'


def test_the_sqlite_expression_leaves_out_stop_words_when_others_remain():
    assert match_expression(parse_query("find out about the missed bins")) == (
        '"find" OR "missed" OR "bins"'
    )
    assert match_expression(parse_query("about the")) == '"about" OR "the"'
