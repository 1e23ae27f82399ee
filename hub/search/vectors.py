"""What text a search document's vector is made from, and how vectors are stored as bytes."""

import hashlib
import re

import numpy as np

# The text embedded: title, summary and body, whitespace collapsed, cut at 4,000 characters
# (about 700 words). That is past the 256 tokens all-MiniLM-L6-v2 reads, and past the 512 of
# most larger models, so the cut never hides text a model would see; and a change after it,
# which no model would see, does not make the vector be computed again.
EMBED_TEXT_CHARS = 4000
_SPACE = re.compile(r"\s+")
VECTOR_DTYPE = np.dtype("<f4")


def embedding_text(*, title: str, summary: str = "", body: str = "") -> str:
    text = "\n".join(part for part in (title, summary, body) if part and part.strip())
    return _SPACE.sub(" ", text).strip()[:EMBED_TEXT_CHARS]


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def vector_to_bytes(vector: np.ndarray) -> bytes:
    return np.asarray(vector, dtype=VECTOR_DTYPE).tobytes()


def vector_from_bytes(data: bytes | memoryview) -> np.ndarray:
    return np.frombuffer(bytes(data), dtype=VECTOR_DTYPE)
