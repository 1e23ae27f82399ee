"""Bench corpora become published good practice through the Hub's own importer."""

import pytest

from hub.cases.models import Resource, ResourceKind, Status
from hub.search.bench.corpus import former_names, load_corpus, load_service_list
from hub.search.models import SearchDocument
from hub.taxonomy.models import ServiceArea

from .conftest import CORPUS

pytestmark = pytest.mark.django_db


def test_former_names_leave_out_the_current_name_and_repeats():
    notes = (
        "Term name changed from 'Educating your child at home' to 'Schools - home schooling' "
        "in version 3.00. Term name changed to 'Home schooling' in version 4.00. "
        "'Educating your child at home'"
    )
    assert former_names(notes, "Home schooling") == [
        "Educating your child at home",
        "Schools - home schooling",
    ]


def test_load_corpus_imports_cleans_and_indexes_every_document():
    loaded = load_corpus(CORPUS)

    assert sorted(loaded.doc_ids.values())[:2] == [
        "dh:example/posts/alpha/2024-01-01-testing-the-prototype.md",
        "dh:example/posts/alpha/2024-02-01-iterating-the-dashboard.md",
    ]
    assert loaded.created == len(loaded.doc_ids) == 6
    records = {record.source_key: record for record in Resource.objects.all()}
    post = records["dh:example/posts/alpha/2024-01-01-testing-the-prototype.md"]
    assert post.status == Status.PUBLISHED
    assert post.kind == ResourceKind.CASE_STUDY
    assert post.lead_organisation.name == "Department for Education"
    assert "{{" not in post.body
    assert "The first dashboard" in post.body
    assert "someone@example.org" not in post.body
    assert post.summary.startswith("We tested the prototype")
    bulky = records["lgsl:524"]
    assert bulky.kind == ResourceKind.GUIDANCE
    assert bulky.body.startswith("Collection of large household items")
    assert "Also called: Refuse - bulky items." in bulky.body
    assert records["sm:phases/alpha.md"].stage == "alpha"
    assert SearchDocument.objects.filter(kind="case").count() == 6


def test_the_lgsl_rows_of_a_corpus_become_the_taxonomy():
    assert load_service_list(CORPUS) == 3

    area = ServiceArea.objects.get(lgsl_code=524)
    assert area.label == "Bulky waste collection"
    assert "Refuse - bulky items" in area.history_notes
