"""Settings for the test suite."""

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-insecure-key"  # noqa: S105
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Plain storage: tests render templates without running collectstatic first.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_AUTOREFRESH = True
HUB_ENVIRONMENT = "test"
# Deterministic embeddings (hub.search.embeddings.FakeEmbeddingProvider); the tests of the
# real model build it themselves.
HUB_EMBEDDINGS_PROVIDER = "fake"
# Tests index then search at once: always check the vector index is current.
HUB_SEARCH_INDEX_CHECK_SECONDS = 0
# API rate limits off: the suite's clients share one address and one cache. The tests of the
# limits (hub/core/tests/test_api_rate_limits.py) set their own rates.
HUB_API_RATE_ANON = None
HUB_API_RATE_AUTH = None
