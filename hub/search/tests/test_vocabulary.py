"""Local government vocabulary: synonyms, LGSL names, "did you mean" and why a record matched.

The tests that touch the index run on the database in use; CI runs them on SQLite and
PostgreSQL, so each backend's word counts are tested too.
"""

import pytest

from hub.search import vocabulary
from hub.search.backends import get_search_backend
from hub.search.models import SearchDocument
from hub.search.query import parse_query
from hub.search.selectors import EXPANSION_WEIGHT, Mode, lexical_search, search
from hub.search.vocabulary import (
    expand,
    matched_labels,
    parse_synonyms,
    query_text,
    suggest,
    synonym_groups,
)
from hub.taxonomy.models import ServiceArea

DOCUMENTS = [
    (1, "Missed bin reports online", "Residents report a missed bin.", "Crews see it."),
    (2, "Garden waste subscriptions", "Paying for garden waste online.", "A form and a payment."),
    (3, "Council tax direct debit", "Paying council tax online.", "A direct debit form."),
    (4, "Chatbot for housing repairs", "Tenants report repairs.", "It books a repair."),
    (5, "Debit cards for care", "Direct payments on a card.", "The council tops them up."),
]


@pytest.fixture
def documents(db):
    for object_id, title, summary, body in DOCUMENTS:
        SearchDocument.objects.create(
            kind="case", object_id=object_id, title=title, summary=summary, body=body
        )
    SearchDocument.objects.create(kind="other", object_id=1, title="Cemetery plots")


@pytest.fixture
def lexical(settings):
    settings.HUB_SEARCH_MODE = Mode.LEXICAL


def ids(text: str) -> list[int]:
    return search(text=text, kind="case", mode=Mode.LEXICAL).ranked_ids


# --- The synonym list -----------------------------------------------------------------------


def test_synonym_lines_become_groups_of_entries():
    groups = parse_synonyms(
        "# a comment\n\nbin, Refuse , rubbish  # trailing comment\n"
        "council tax, ctax\nlonely\nbin, bins\n"
    )
    assert [[" ".join(entry.words) for entry in group] for group in groups] == [
        ["bin", "refuse", "rubbish"],
        ["council tax", "ctax"],
    ]
    assert groups[1][0].stems == ("council", "tax")


def test_the_maintained_list_is_small_and_each_entry_is_in_one_group():
    groups = synonym_groups()
    assert 40 <= len(groups) <= 100
    entries = [entry.stems for group in groups for entry in group]
    assert len(entries) == len(set(entries))


# --- Expansion ------------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_synonym_adds_the_other_words_of_its_group():
    expanded = expand(parse_query("rubbish collection"))
    assert {"bin", "refuse", "waste"} <= set(expanded.expansions)
    assert ("wheelie", "bin") in expanded.expansion_phrases
    assert "rubbish" not in expanded.expansions
    # The person's own words are unchanged: expansions are kept apart, to be ranked lower.
    assert expanded.terms == ("rubbish", "collection")


@pytest.mark.django_db
def test_entries_of_several_words_match_as_a_sequence_and_are_added_as_phrases():
    assert "ctax" in expand(parse_query("council tax reminders")).expansions
    assert "ctax" not in expand(parse_query("tax the council")).expansions
    assert ("council", "tax") in expand(parse_query("ctax")).expansion_phrases


@pytest.mark.django_db
def test_word_forms_match_by_stem():
    assert "refuse" in expand(parse_query("bins")).expansions


@pytest.mark.django_db
def test_excluded_words_are_never_added():
    assert "waste" not in expand(parse_query("rubbish -waste")).expansions


@pytest.mark.django_db
def test_a_query_without_known_vocabulary_is_unchanged():
    query = parse_query("zebra crossings")
    assert expand(query) == query
    assert not expand(query).has_expansions


@pytest.mark.django_db
def test_an_lgsl_former_name_adds_the_current_label():
    ServiceArea.objects.create(
        lgsl_code=1,
        label="Home schooling",
        history_notes="Term name changed from 'Educating your child at home' to "
        "'Schools - home schooling' in version 3.00. Name changed to 'Home schooling' in 4.00.",
    )
    expanded = expand(parse_query("educating my child at home"))
    assert ("home", "schooling") in expanded.expansion_phrases


@pytest.mark.django_db
def test_one_word_names_and_partly_matched_names_add_nothing():
    ServiceArea.objects.create(
        lgsl_code=2,
        label="Fire safety education",
        history_notes="Term name changed from 'Schools' to 'Fire safety' in version 3.00.",
    )
    assert not expand(parse_query("school places")).has_expansions
    assert not expand(parse_query("safety education")).has_expansions


@pytest.mark.django_db
def test_the_lgsl_vocabulary_is_cached_until_a_service_changes(django_assert_num_queries):
    area = ServiceArea.objects.create(
        lgsl_code=3,
        label="Garage lettings",
        history_notes="Term name changed from 'Council garages - renting' to 'x' in version 3.",
    )
    lettings, tenancies = ("garage", "lettings"), ("garage", "tenancies")
    assert expand(parse_query("renting council garages")).expansion_phrases == (lettings,)
    with django_assert_num_queries(1):  # only the cheap check that nothing changed
        expand(parse_query("renting council garages"))
    area.label = "Garage tenancies"
    area.save()
    assert expand(parse_query("renting council garages")).expansion_phrases == (tenancies,)
    area.delete()
    assert not expand(parse_query("renting council garages")).has_expansions


@pytest.mark.django_db
def test_the_lgsl_vocabulary_is_checked_at_most_once_a_period(
    settings, monkeypatch, django_assert_num_queries
):
    monkeypatch.setattr(vocabulary, "_indexes", {})
    settings.HUB_SEARCH_INDEX_CHECK_SECONDS = 3600
    area = ServiceArea.objects.create(
        lgsl_code=4,
        label="Garage lettings",
        history_notes="Term name changed from 'Council garages - renting' to 'x' in version 3.",
    )
    lettings = ("garage", "lettings")
    assert expand(parse_query("renting council garages")).expansion_phrases == (lettings,)
    area.label = "Garage tenancies"
    area.save()
    with django_assert_num_queries(0):  # within the period: not even the check
        assert expand(parse_query("renting council garages")).expansion_phrases == (lettings,)
    settings.HUB_SEARCH_INDEX_CHECK_SECONDS = 0
    tenancies = ("garage", "tenancies")
    assert expand(parse_query("renting council garages")).expansion_phrases == (tenancies,)


# --- Searching with the vocabulary ------------------------------------------------------------


def test_a_query_in_a_leaders_words_finds_a_record_in_other_words(documents):
    assert ids("rubbish collection")[:1] == [1]
    assert ids("rubbish") == [1, 2]


def test_the_persons_own_words_rank_above_words_the_expansion_added(documents):
    # "waste" is the person's word here: the garden waste record outranks the missed bin one.
    assert ids("waste")[0] == 2


def test_an_added_word_counts_a_fixed_share_of_what_it_scores_alone(documents):
    # "rubbish" adds bin, refuse and waste: each hit scores its own words' score plus
    # EXPANSION_WEIGHT of what the added words score (on every backend: the widened query
    # less the person's words, where scores are not an exact sum).
    backend = get_search_backend()
    query = expand(parse_query("rubbish collection"))
    own = {hit.object_id: hit.score for hit in backend.search(query, kind="case")}
    widened = {hit.object_id: hit.score for hit in backend.search(query.widened(), kind="case")}
    hits = lexical_search(query, kind="case")
    assert {hit.object_id for hit in hits} == set(widened)
    for hit in hits:
        base = own.get(hit.object_id, 0.0)
        expected = base + EXPANSION_WEIGHT * max(widened[hit.object_id] - base, 0.0)
        assert hit.score == pytest.approx(expected, rel=1e-6, abs=1e-9)


def test_without_vocabulary_aids_there_is_no_expansion(documents):
    assert search(text="rubbish", kind="case", mode=Mode.LEXICAL, vocabulary_aids=False).hits == []


def test_an_excluded_word_leaves_out_records_that_hold_it(documents):
    assert set(ids("waste bin")) == {1, 2}
    assert ids("waste bin -garden") == [1]
    assert ids("-garden") == []


def test_a_quoted_phrase_finds_the_words_together(documents):
    assert set(ids("direct debit")) == {3, 5}
    assert ids('"direct debit"') == [3]


@pytest.mark.parametrize(
    "text",
    [
        '"',
        '"" -',
        "-",
        "--bins",
        "NEAR(bin",
        "bin*",
        "'; DROP TABLE x; --",
        "é ü",
        "\x00",
        "a" * 600,
    ],
)
def test_hostile_input_never_raises(documents, text):
    result = search(text=text, kind="case", mode=Mode.LEXICAL)
    assert isinstance(result.hits, list)
    assert isinstance(result.suggestion, str)


# --- Did you mean ---------------------------------------------------------------------------


def test_a_misspelt_word_gets_a_suggestion(documents):
    assert suggest(parse_query("mised bins"), kind="case") == "missed bins"
    assert search(text="mised bins", kind="case", mode=Mode.LEXICAL).suggestion == "missed bins"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("chatobt", "chatbot"),  # a swapped pair
        ("counccil tax", "council tax"),  # a doubled letter
        ('"direct debbit" -garden', '"direct debit" -garden'),
    ],
)
def test_common_slips(documents, text, expected):
    assert suggest(parse_query(text), kind="case") == expected


def test_no_suggestion_when_the_query_is_fine(documents):
    assert suggest(parse_query("missed bins"), kind="case") == ""
    assert search(text="missed bins", kind="case", mode=Mode.LEXICAL).suggestion == ""


def test_no_suggestion_for_a_word_of_the_synonym_list(documents):
    assert suggest(parse_query("ctax"), kind="case") == ""


def test_a_suggestion_is_a_word_some_record_holds(documents):
    # "taxe" has the stem of "tax", which is in the index, but no record says "taxe".
    assert suggest(parse_query("take"), kind="case") == ""


def test_no_suggestion_for_a_word_nothing_is_near(documents):
    assert suggest(parse_query("zzyzx bins"), kind="case") == ""


def test_no_suggestion_when_the_correction_finds_nothing_of_this_kind(documents):
    # "cemetery" is only in another kind's records.
    assert suggest(parse_query("cemetary"), kind="case") == ""
    assert suggest(parse_query("cemetary"), kind="other") == "cemetery"


def test_the_suggestion_text_parses_back_to_the_query():
    query = parse_query('missed "garden waste" bins -food')
    assert parse_query(query_text(query)) == query


# --- Why a record matched -------------------------------------------------------------------


@pytest.mark.django_db
def test_labels_match_when_half_their_words_are_searched_for():
    labels = ["Household waste collection", "Council tax account enquiries", "Channel shift"]
    assert matched_labels(expand(parse_query("rubbish collection")), labels) == [
        "Household waste collection"
    ]
    assert matched_labels(expand(parse_query("council tax")), labels) == [
        "Council tax account enquiries"
    ]
    assert matched_labels(parse_query("council"), labels) == []
    assert matched_labels(expand(parse_query("digital take up")), labels) == ["Channel shift"]


def test_registered_sources_are_kept_apart(monkeypatch):
    monkeypatch.setattr(vocabulary, "_sources", {})
    monkeypatch.setattr(vocabulary, "_indexes", {})
    vocabulary.register_names(
        vocabulary.NameSource(
            name="test",
            terms=lambda: [vocabulary.NamedTerm("Pest control", ("Vermin removal",))],
            version=lambda: 1,
        )
    )
    assert expand(parse_query("vermin removal")).expansion_phrases == (("pest", "control"),)
