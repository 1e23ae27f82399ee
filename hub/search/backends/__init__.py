"""Load the configured search backend. The database backend follows the database in use."""

from django.conf import settings
from django.db import connection
from django.utils.module_loading import import_string

from hub.search.backends.base import SearchBackend

DATABASE_BACKENDS = {
    "sqlite": "hub.search.backends.sqlite.SqliteFts5Backend",
    "postgresql": "hub.search.backends.postgres.PostgresFullTextBackend",
}


def get_search_backend(alias: str = "default") -> SearchBackend:
    config = settings.HUB_SEARCH_BACKENDS[alias]
    path = config["BACKEND"]
    if path == "database":
        try:
            path = DATABASE_BACKENDS[connection.vendor]
        except KeyError:
            raise LookupError(f"No search backend for the {connection.vendor} database") from None
    return import_string(path)()
