"""The one typed reader for settings taken from the environment.

Every setting the Hub reads from the environment goes through `env`, so that types are
parsed in one place ("False" is false, lists are comma separated) and the README table of
variables can be checked against `Env.declared`.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}
_MISSING = object()


class Env:
    """Typed getters over a mapping of environment variables."""

    declared: set[str] = set()

    def __init__(self, environ: Mapping[str, str] | None = None) -> None:
        self._environ = os.environ if environ is None else environ

    def _raw(self, name: str, default: object) -> str | object:
        Env.declared.add(name)
        value = self._environ.get(name)
        if value is None:
            if default is _MISSING:
                raise ImproperlyConfigured(f"The environment variable {name} must be set.")
            return default
        return value

    def str(self, name: str, default: object = _MISSING) -> str:
        value = self._raw(name, default)
        return value if isinstance(value, str) else value  # type: ignore[return-value]

    def bool(self, name: str, default: object = _MISSING) -> bool:
        value = self._raw(name, default)
        if not isinstance(value, str):
            return bool(value)
        lowered = value.strip().lower()
        if lowered in _TRUE:
            return True
        if lowered in _FALSE:
            return False
        raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}.")

    def int(self, name: str, default: object = _MISSING) -> int:
        value = self._raw(name, default)
        if not isinstance(value, str):
            return value  # type: ignore[return-value]
        try:
            return int(value)
        except ValueError:
            raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}.") from None

    def list(self, name: str, default: object = _MISSING) -> list[str]:
        value = self._raw(name, default)
        if not isinstance(value, str):
            return list(value)  # type: ignore[call-overload]
        return [item.strip() for item in value.split(",") if item.strip()]

    def database(self, name: str = "DATABASE_URL", *, default_sqlite: Path) -> dict:
        """A Django DATABASES entry from a URL; SQLite in the project folder when unset."""
        url = self.str(name, f"sqlite:///{default_sqlite}")
        try:
            config = dj_database_url.parse(url, conn_max_age=60, conn_health_checks=True)
        except ValueError as error:
            raise ImproperlyConfigured(f"{name} is not a database URL: {error}") from None
        if config["ENGINE"] == "django.db.backends.sqlite3":
            # Persistent connections keep files locked in tests. A new connection starts with an
            # empty page cache (15-40 ms more a search at 100,000 records), so reads go through
            # memory-mapped I/O, which the OS's page cache keeps warm across connections.
            config["CONN_MAX_AGE"] = 0
            config["OPTIONS"] = {
                "init_command": (
                    "PRAGMA foreign_keys=ON; PRAGMA journal_mode=WAL; PRAGMA mmap_size=268435456;"
                ),
                # Concurrent writers (gunicorn's threads and workers) queue for the write lock
                # at BEGIN, for up to 20 s. A deferred transaction that reads and then writes
                # fails at once with "database is locked" if another wrote in between, whatever
                # the timeout: the load test (bench_load) hit it on event sign-ups.
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
            }
        return config


env = Env()
