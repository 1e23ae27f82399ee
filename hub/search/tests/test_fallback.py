"""Without an embedding model, search is lexical, says so once in the log and in /healthz."""

import logging

import pytest

from hub.search import embeddings
from hub.search.embeddings import EmbeddingsUnavailable, FakeEmbeddingProvider
from hub.search.models import SearchDocument
from hub.search.selectors import effective_mode, search
from hub.search.services import search_embed_missing

pytestmark = pytest.mark.django_db


@pytest.fixture(params=["none", "missing-folder"])
def no_model(request, settings, tmp_path):
    settings.HUB_SEARCH_MODE = "hybrid"
    if request.param == "none":
        settings.HUB_EMBEDDINGS_PROVIDER = "none"
    else:
        settings.HUB_EMBEDDINGS_PROVIDER = "sentence-transformers"
        settings.HUB_EMBEDDINGS_MODEL_DIR = str(tmp_path / "no-model-here")
    return request.param


def test_search_falls_back_to_lexical_and_logs_it_once(no_model, caplog):
    SearchDocument.objects.create(kind="case", object_id=1, title="Missed bin collection")
    with caplog.at_level(logging.INFO, logger="hub.search.embeddings"):
        first = search(text="missed bins", kind="case")
        second = search(text="bin", kind="case", mode="semantic")
    assert first.ranked_ids == second.ranked_ids == [1]
    assert first.mode == second.mode == "lexical"
    assert effective_mode() == "lexical"
    messages = [record.message for record in caplog.records if "lexical" in record.message]
    assert len(messages) == 1


def test_healthz_reports_the_fallback_and_stays_healthy(no_model, client):
    response = client.get("/healthz")
    assert response.status_code == 200
    search_state = response.json()["search"]
    assert search_state["mode"] == "hybrid"
    assert search_state["effective_mode"] == "lexical"
    assert search_state["embeddings"].startswith("unavailable: ")


def test_healthz_reports_the_model_in_use(settings, client):
    settings.HUB_SEARCH_MODE = "hybrid"
    search_state = client.get("/healthz").json()["search"]
    assert search_state["effective_mode"] == "hybrid"
    assert search_state["embeddings"] == "available: fake-256"


class BrokenProvider(FakeEmbeddingProvider):
    """A model that was there at start-up but fails when used (torch will not import)."""

    def embed(self, texts):
        raise EmbeddingsUnavailable("torch: /path/to/libtorch.so: cannot open", "torch failed")


def test_a_model_that_fails_in_use_is_dropped_and_search_goes_on(settings, caplog):
    settings.HUB_SEARCH_MODE = "hybrid"
    SearchDocument.objects.create(kind="case", object_id=1, title="Missed bin collection")
    search_embed_missing()
    embeddings._states[embeddings._config()] = embeddings.ProviderState(BrokenProvider())
    with caplog.at_level(logging.WARNING, logger="hub.search.embeddings"):
        result = search(text="missed bins", kind="case")
    assert result.ranked_ids == [1]
    assert effective_mode() == "lexical"
    assert embeddings.provider_state().reason == "torch failed"
    assert "libtorch" in caplog.text
