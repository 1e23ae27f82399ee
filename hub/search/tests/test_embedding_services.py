"""Vectors for semantic search: computed after indexing, through the cache, only when needed."""

import numpy as np
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from hub.search.embeddings import get_embedding_provider
from hub.search.models import DocumentEmbedding, EmbeddingCache, SearchDocument
from hub.search.registry import Indexable, IndexText, register
from hub.search.selectors import search
from hub.search.services import (
    document_content_hash,
    search_embed_missing,
    search_index_object,
    search_rebuild,
)
from hub.search.vectors import (
    EMBED_TEXT_CHARS,
    LEAD_SHARE,
    MAX_PASSAGES,
    PASSAGE_WORDS,
    content_hash,
    document_vector,
    embedding_passages,
    embedding_text,
    passages_hash,
    vector_from_bytes,
)
from hub.taxonomy.models import ServiceArea

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def service_areas_are_searchable():
    register(
        Indexable(
            kind="test-service",
            queryset=lambda: ServiceArea.objects.exclude(label__startswith="Hidden"),
            text=lambda area: IndexText(title=area.label, body=area.description),
        )
    )


def test_the_text_embedded_is_title_summary_and_body_cut_short():
    text = embedding_text(title="Bins", summary="Missed  bins", body="word " * 2000)
    assert text.startswith("Bins Missed bins word word")
    assert len(text) == EMBED_TEXT_CHARS


def test_a_short_record_is_one_passage_hashed_as_its_text():
    passages = embedding_passages(title="Bins", summary="Missed bins", body="word " * 170)
    assert passages == [embedding_text(title="Bins", summary="Missed bins", body="word " * 170)]
    assert passages_hash(passages) == content_hash(passages[0])


def test_a_long_record_is_read_in_passages_of_its_body_under_its_title():
    body = " ".join(f"w{number}" for number in range(PASSAGE_WORDS * 3 + 40))
    passages = embedding_passages(title="Missed  bins", summary="", body=body)
    assert len(passages) == 4
    assert passages[1] == "Missed bins " + " ".join(
        f"w{number}" for number in range(PASSAGE_WORDS, 2 * PASSAGE_WORDS)
    )
    # The last 40 words make a passage of their own; a tail under 30 would not.
    assert passages[3].split()[2:] == [
        f"w{n}" for n in range(3 * PASSAGE_WORDS, 3 * PASSAGE_WORDS + 40)
    ]
    assert len(embedding_passages(title="T", body="word " * 100_000)) == MAX_PASSAGES


def test_a_records_vector_blends_its_lead_passage_with_the_mean_of_all():
    lead, other = np.eye(2, dtype=np.float32)
    assert np.array_equal(document_vector([lead]), lead)
    blended = document_vector([lead, other])
    mean = (lead + other) / np.linalg.norm(lead + other)
    expected = LEAD_SHARE * lead + (1 - LEAD_SHARE) * mean
    assert np.allclose(blended, expected / np.linalg.norm(expected))
    assert np.isclose(np.linalg.norm(blended), 1.0)
    # The lead counts more than any other passage.
    assert blended @ lead > blended @ other


def test_a_long_records_passages_are_each_embedded_once_through_the_cache():
    body = "missed bins " * PASSAGE_WORDS + "garden waste " * PASSAGE_WORDS
    ServiceArea.objects.create(lgsl_code=1, label="Waste", description=body)
    search_rebuild(kinds=["test-service"])
    provider = get_embedding_provider()
    passages = embedding_passages(title="Waste", body=body)
    # The lead, one passage of bins, and two alike of garden waste: embedded once.
    assert len(passages) == 4
    assert len(set(passages)) == 3
    assert provider.calls == 3
    embedding = DocumentEmbedding.objects.get()
    assert embedding.content_hash == passages_hash(passages)
    expected = document_vector(list(provider.embed(passages)))
    assert np.allclose(vector_from_bytes(embedding.vector), expected)
    assert EmbeddingCache.objects.count() == 3


def test_indexing_a_record_embeds_it_after_commit(
    django_capture_on_commit_callbacks, immediate_tasks
):
    area = ServiceArea.objects.create(lgsl_code=524, label="Missed bin collection")
    with django_capture_on_commit_callbacks(execute=True):
        search_index_object(kind="test-service", object_id=area.pk)
    embedding = DocumentEmbedding.objects.get()
    assert embedding.document.object_id == area.pk
    assert embedding.model_key == get_embedding_provider().key
    assert embedding.content_hash == document_content_hash(embedding.document)
    assert len(vector_from_bytes(embedding.vector)) == get_embedding_provider().dimensions


def test_indexing_unchanged_text_enqueues_nothing(django_capture_on_commit_callbacks):
    area = ServiceArea.objects.create(lgsl_code=524, label="Missed bin collection")
    search_index_object(kind="test-service", object_id=area.pk)
    search_embed_missing()
    with django_capture_on_commit_callbacks() as callbacks:
        search_index_object(kind="test-service", object_id=area.pk)
    assert callbacks == []


def test_without_a_model_indexing_enqueues_no_embedding(
    settings, django_capture_on_commit_callbacks
):
    settings.HUB_EMBEDDINGS_PROVIDER = "none"
    area = ServiceArea.objects.create(lgsl_code=524, label="Missed bin collection")
    with django_capture_on_commit_callbacks() as callbacks:
        search_index_object(kind="test-service", object_id=area.pk)
    assert callbacks == []
    assert search_rebuild(kinds=["test-service"]) == {"test-service": 1}
    assert not DocumentEmbedding.objects.exists()


def test_a_rebuild_of_unchanged_text_computes_nothing():
    for code, label in enumerate(["Home schooling", "School admissions", "School transport"]):
        ServiceArea.objects.create(lgsl_code=code, label=label)
    provider = get_embedding_provider()
    search_rebuild(kinds=["test-service"])
    assert provider.calls == 3
    assert DocumentEmbedding.objects.count() == EmbeddingCache.objects.count() == 3
    # A rebuild makes new search documents, but their text is in the cache.
    search_rebuild(kinds=["test-service"])
    assert provider.calls == 3
    assert DocumentEmbedding.objects.count() == 3
    counts = search_embed_missing(kinds=["test-service"])
    assert (counts.computed, counts.cached, counts.unchanged) == (0, 0, 3)


def test_changed_text_is_embedded_again():
    area = ServiceArea.objects.create(lgsl_code=1, label="Home schooling")
    search_rebuild(kinds=["test-service"])
    before = DocumentEmbedding.objects.get()
    area.label = "Elective home education"
    area.save()
    search_index_object(kind="test-service", object_id=area.pk)
    counts = search_embed_missing()
    assert (counts.computed, counts.unchanged) == (1, 0)
    after = DocumentEmbedding.objects.get()
    assert after.content_hash != before.content_hash
    assert bytes(after.vector) != bytes(before.vector)


def test_records_with_the_same_text_share_one_computation():
    for code in (1, 2):
        ServiceArea.objects.create(lgsl_code=code, label="Street cleaning")
    search_rebuild(kinds=["test-service"], embed=False)
    counts = search_embed_missing()
    assert (counts.computed, counts.cached) == (1, 1)
    assert get_embedding_provider().calls == 1


def test_hybrid_search_finds_by_meaning_and_words():
    ServiceArea.objects.create(lgsl_code=1, label="Missed bin collection", description="Report it")
    ServiceArea.objects.create(lgsl_code=2, label="Council tax discount")
    search_rebuild(kinds=["test-service"])
    result = search(text="missed bin", kind="test-service", mode="hybrid")
    assert result.mode == "hybrid"
    assert [hit.object_id for hit in result.hits][:1] == [ServiceArea.objects.get(lgsl_code=1).pk]


def test_the_command_computes_missing_vectors(capsys):
    ServiceArea.objects.create(lgsl_code=1, label="Home schooling")
    search_rebuild(kinds=["test-service"], embed=False)
    call_command("embed_search_index", "test-service", "--dry-run")
    assert not DocumentEmbedding.objects.exists()
    call_command("embed_search_index", "test-service", verbosity=0)
    assert DocumentEmbedding.objects.count() == 1
    assert "Computed 1 passage vectors" in capsys.readouterr().out


def test_the_command_says_when_there_is_no_model(settings):
    settings.HUB_EMBEDDINGS_PROVIDER = "none"
    with pytest.raises(CommandError, match="No embedding model"):
        call_command("embed_search_index")


def test_removing_a_record_removes_its_vector():
    area = ServiceArea.objects.create(lgsl_code=1, label="Home schooling")
    search_rebuild(kinds=["test-service"])
    area.label = "Hidden: home schooling"
    area.save()
    search_index_object(kind="test-service", object_id=area.pk)
    assert not SearchDocument.objects.exists()
    assert not DocumentEmbedding.objects.exists()
    assert EmbeddingCache.objects.count() == 1  # the cache keeps it for when it comes back
