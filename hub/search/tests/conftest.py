import pytest

from hub.search.embeddings import reset_embedding_provider
from hub.search.semantic import reset_indexes


@pytest.fixture(autouse=True)
def _fresh_embeddings():
    """Each test gets a new provider (its call count at 0) and loads vector indexes anew."""
    reset_embedding_provider()
    reset_indexes()
    yield
    reset_embedding_provider()
    reset_indexes()
