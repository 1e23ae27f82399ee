"""A throwaway database for a benchmark, made and migrated by Django's own test machinery.

SQLite: a new file in a temporary folder, removed afterwards. PostgreSQL (`DATABASE_URL`):
a database named `<name>_bench_<pid>` beside the configured one, dropped afterwards. The
configured database is never written to: the connection is switched to the throwaway one for
the duration, as the test runner does.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from django.db import connection


def throwaway_name(vendor: str, configured: str, folder: Path | None) -> str:
    if vendor == "sqlite":
        return str((folder or Path(tempfile.gettempdir())) / "bench.sqlite3")
    return f"{configured}_bench_{os.getpid()}"


@contextmanager
def throwaway_database(*, verbosity: int = 0) -> Iterator[str]:
    """Switch the default connection to a new, migrated database; drop it on the way out.
    Yields the throwaway database's name."""
    creation = connection.creation
    configured = connection.settings_dict["NAME"]
    folder = Path(tempfile.mkdtemp(prefix="hub-bench-")) if connection.vendor == "sqlite" else None
    test_settings = connection.settings_dict.setdefault("TEST", {})
    saved_test_name = test_settings.get("NAME")
    test_settings["NAME"] = throwaway_name(connection.vendor, str(configured), folder)
    try:
        name = creation.create_test_db(
            verbosity=verbosity, autoclobber=True, serialize=False, keepdb=False
        )
        try:
            yield name
        finally:
            connection.close()
            creation.destroy_test_db(configured, verbosity=verbosity, keepdb=False)
    finally:
        test_settings["NAME"] = saved_test_name
        if folder is not None:
            shutil.rmtree(folder, ignore_errors=True)
