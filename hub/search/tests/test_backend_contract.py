"""One contract every search backend keeps, run against the backend of the database in use.

CI runs the suite on SQLite and on PostgreSQL, so each backend passes the same tests.
"""

import re

import pytest
from django.db import connection

from hub.search.backends import get_search_backend
from hub.search.backends.postgres import PostgresFullTextBackend
from hub.search.backends.sqlite import SqliteFts5Backend
from hub.search.models import SearchDocument
from hub.search.query import parse_query

pytestmark = pytest.mark.django_db

DOCUMENTS = [
    (
        1,
        "Missed bin collections reported online",
        "Residents report a missed bin.",
        "Waste crews see reports on tablets.",
    ),
    (
        2,
        "Council tax direct debit",
        "Paying council tax online.",
        "A form that sets up a direct debit for council tax.",
    ),
    (
        3,
        "Adult social care assessments",
        "Digital assessments for care.",
        "Social workers record an assessment; bins are not mentioned.",
    ),
    (
        4,
        "Chatbot for housing repairs",
        "Tenants report repairs.",
        "The chatbot books a repair and sends updates about collections.",
    ),
]
HOSTILE_QUERIES = [
    '"',
    '""',
    "council AND",
    "OR",
    "NOT tax",
    "bin*",
    "(care",
    "title:bin",
    "NEAR(a b)",
    "-",
    "'; DROP TABLE x; --",
    "é ü",
    "^",
    "{}",
]


class SearchBackendContract:
    backend_class: type
    vendor: str

    @pytest.fixture(autouse=True)
    def _documents(self):
        if connection.vendor != self.vendor:
            pytest.skip(f"{self.backend_class.__name__} runs on {self.vendor}")
        for object_id, title, summary, body in DOCUMENTS:
            SearchDocument.objects.create(
                kind="case", object_id=object_id, title=title, summary=summary, body=body
            )
        SearchDocument.objects.create(
            kind="other", object_id=1, title="Missed bin", summary="", body=""
        )
        self.backend = self.backend_class()

    def ids(self, text: str, kind: str = "case") -> list[int]:
        return [hit.object_id for hit in self.backend.search(parse_query(text), kind=kind)]

    def test_the_configured_backend_follows_the_database(self):
        assert isinstance(get_search_backend(), self.backend_class)

    def test_a_title_match_ranks_above_a_body_match(self):
        assert self.ids("bins")[:2] == [1, 3]

    def test_stemming_matches_other_forms_of_a_word(self):
        assert 4 in self.ids("repairing")
        assert 1 in self.ids("reporting")

    def test_more_matching_terms_rank_higher(self):
        assert self.ids("council tax debit")[0] == 2

    def test_results_are_limited_to_one_kind(self):
        assert self.ids("missed", kind="other") == [1]
        assert self.ids("missed") == [1]

    def test_a_kind_is_found_when_other_kinds_rank_above_it(self):
        for object_id in range(2, 8):
            SearchDocument.objects.create(
                kind="other", object_id=object_id, title="Missed bin", summary="Missed bin"
            )
        hits = self.backend.search(parse_query("missed bin"), kind="case", limit=2)
        assert [hit.object_id for hit in hits] == [1, 3]

    def test_a_quoted_phrase_matches_the_words_together(self):
        assert self.ids('"direct debit"') == [2]

    def test_scores_are_higher_is_better(self):
        hits = self.backend.search(parse_query("council tax"), kind="case")
        assert [hit.score for hit in hits] == sorted((hit.score for hit in hits), reverse=True)

    def test_document_frequencies_count_every_kind_by_stem(self):
        counts = self.backend.document_frequencies(["bins", "repairing", "zebra"])
        assert counts == {"bins": 3, "repairing": 1, "zebra": 0}
        assert self.backend.document_frequencies([]) == {}

    def test_holds_word_looks_for_the_word_as_written(self):
        assert self.backend.holds_word("bins")
        assert self.backend.holds_word("Repairs")
        assert not self.backend.holds_word("repairing")  # the stem is there; the word is not
        assert not self.backend.holds_word("zebra")

    @pytest.mark.parametrize("text", HOSTILE_QUERIES)
    def test_no_input_raises(self, text):
        assert isinstance(self.ids(text), list)

    def test_an_empty_query_finds_nothing(self):
        assert self.ids("   ") == []

    def test_changed_and_deleted_rows_are_searched_as_they_now_are(self):
        document = SearchDocument.objects.get(kind="case", object_id=4)
        document.title = "Chatbot for planning enquiries"
        document.save()
        assert 4 not in self.ids("housing")
        assert 4 in self.ids("planning")
        document.delete()
        assert self.ids("planning") == []

    def test_snippets_mark_matches_and_escape_html(self):
        SearchDocument.objects.create(
            kind="case",
            object_id=9,
            title="Script",
            summary="",
            body="<script>alert(1)</script> waste crews",
        )
        snippets = self.backend.snippets(parse_query("alert crews"), kind="case", object_ids=[1, 9])
        assert "<mark>crews</mark>" in snippets[1].lower()
        assert "<" not in re.sub("</?mark>", "", snippets[9])

    def test_optimise_runs(self):
        self.backend.optimise()
        assert self.ids("bins")


class TestSqliteFts5Backend(SearchBackendContract):
    backend_class = SqliteFts5Backend
    vendor = "sqlite"


class TestPostgresFullTextBackend(SearchBackendContract):
    backend_class = PostgresFullTextBackend
    vendor = "postgresql"

    def test_the_query_uses_the_gin_index(self):
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute(
                "EXPLAIN SELECT object_id FROM search_searchdocument d, "
                "websearch_to_tsquery('english'::regconfig, 'bins') q WHERE d.search_vector @@ q"
            )
            plan = "\n".join(row[0] for row in cursor.fetchall())
        assert "search_document_vector_gin" in plan
