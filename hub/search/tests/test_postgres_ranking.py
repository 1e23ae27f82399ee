"""PostgreSQL ranks BM25-like: each part of the query scores ts_rank times its idf, summed over
the parts (hub.search.backends.postgres.ranking_sql), and the match goes through the GIN index."""

import pytest
from django.db import connection

from hub.search.backends.postgres import PostgresFullTextBackend, ranking_statement
from hub.search.models import SearchDocument
from hub.search.query import ParsedQuery, parse_query
from hub.search.selectors import lexical_search

pytestmark = pytest.mark.django_db

# "council" is in the title of all but one; "planning" only in the body of that one.
DOCUMENTS = [
    (1, "Council housing repairs", "Tenants report repairs.", "Repairs are booked online."),
    (2, "Website", "A new website.", "Built with a planning team of residents."),
    *(
        (n, f"Council service {n}", "The council runs it online.", "Residents use it.")
        for n in range(3, 11)
    ),
]


@pytest.fixture(autouse=True)
def documents():
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL full text only")
    for object_id, title, summary, body in DOCUMENTS:
        SearchDocument.objects.create(
            kind="case", object_id=object_id, title=title, summary=summary, body=body
        )


def scores(text: str | ParsedQuery) -> dict[int, float]:
    query = parse_query(text) if isinstance(text, str) else text
    hits = PostgresFullTextBackend().search(query, kind="case")
    return {hit.object_id: hit.score for hit in hits}


def test_a_rare_word_in_the_body_outranks_a_common_word_in_the_title():
    found = scores("council planning")
    assert next(iter(found)) == 2
    assert set(found) == set(range(1, 11))


def test_a_score_is_the_sum_of_the_scores_of_its_parts():
    both = scores('repairs "housing repairs" planning')
    repairs, phrase, planning = scores("repairs"), scores('"housing repairs"'), scores("planning")
    for object_id, score in both.items():
        expected = (
            repairs.get(object_id, 0.0) + phrase.get(object_id, 0.0) + planning.get(object_id, 0.0)
        )
        assert score == pytest.approx(expected, rel=1e-5)
    assert both[1] > repairs[1] > 0


def test_an_added_word_counts_the_expansion_weight_of_a_typed_one():
    query = ParsedQuery(terms=("repairs",), phrases=(), expansions=("planning",))
    combined = {hit.object_id: hit.score for hit in lexical_search(query, kind="case")}
    assert combined[2] == pytest.approx(0.3 * scores("planning")[2], rel=1e-5)
    assert combined[1] == pytest.approx(scores("repairs")[1], rel=1e-5)


def test_stop_words_and_many_parts_are_searched_without_error():
    words = " ".join(f"word{n}" for n in range(40))
    phrases = " ".join(f'"the of {n}"' for n in range(10))
    assert scores(f"the of and {words} {phrases} council")
    assert scores("the of and") == {}


def test_the_ranking_query_uses_the_gin_index():
    # An analysed table where most records are of the kind searched and one holds the word.
    SearchDocument.objects.bulk_create(
        SearchDocument(kind="case", object_id=n, title=f"Council service {n}", body="Residents.")
        for n in range(100, 3100)
    )
    sql, params = ranking_statement(parse_query("planning"), kind="case", limit=10)
    with connection.cursor() as cursor:
        # Freshly inserted rows wait in the GIN index's pending list until a vacuum, and the
        # planner prices an index with a long list dearly (which made this plan vary): flush
        # it, as autovacuum does on a live table.
        cursor.execute("SELECT gin_clean_pending_list('search_document_vector_gin'::regclass)")
        cursor.execute("ANALYZE search_searchdocument")
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("EXPLAIN " + sql, params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "Bitmap Index Scan on search_document_vector_gin" in plan, plan
