"""Backups of the Hub's database, and restores from them, on SQLite and PostgreSQL.

SQLite is copied with the online backup API (`sqlite3.Connection.backup`): a consistent copy
while the server keeps writing. PostgreSQL goes through `pg_dump --format=custom` and
`pg_restore`. Each backup has a manifest beside it (`<file>.manifest.json`): the engine, the
migrations applied, each table's row count and a hash of its rows, and the file's sha256. A
restore checks the file against its manifest before it touches the target, and the restored
tables against the manifest after.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
import shutil
import sqlite3
import subprocess
from collections.abc import Iterable
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

MANIFEST_FORMAT = 1
SQLITE = "sqlite"
POSTGRESQL = "postgresql"
ENGINES = {
    "django.db.backends.sqlite3": SQLITE,
    "django.db.backends.postgresql": POSTGRESQL,
}
EXTENSIONS = {SQLITE: "sqlite3", POSTGRESQL: "dump"}
# A database holds data once someone has an account or a session. `migrate` alone fills
# many tables (roles, frameworks, themes, the search index's configuration), so any rows at
# all would refuse a freshly migrated database.
PEOPLE_TABLES = ("accounts_user", "django_session")


class BackupError(Exception):
    """A backup or restore refused or failed; the message says why and what to do."""


@dataclass(frozen=True)
class TableFingerprint:
    rows: int
    sha256: str


@dataclass(frozen=True)
class BackupResult:
    path: Path
    manifest_path: Path
    manifest: dict

    @property
    def row_count(self) -> int:
        return sum(table["rows"] for table in self.manifest["tables"].values())


def engine_of(settings_dict: dict) -> str:
    engine = ENGINES.get(settings_dict["ENGINE"])
    if engine is None:
        raise BackupError(f"Backups support SQLite and PostgreSQL, not {settings_dict['ENGINE']}.")
    return engine


def manifest_path_for(path: Path) -> Path:
    return path.with_name(path.name + ".manifest.json")


def default_file_name(engine: str, now: dt.datetime | None = None) -> str:
    stamp = (now or dt.datetime.now(dt.UTC)).strftime("%Y%m%dT%H%M%SZ")
    return f"hub-{engine}-{stamp}.{EXTENSIONS[engine]}"


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


# --- Fingerprints: the same rows give the same hash, whatever order the database returns --


def _canonical(value) -> str:
    if isinstance(value, memoryview):
        value = bytes(value)
    return repr(value)


def rows_fingerprint(rows: Iterable[tuple]) -> TableFingerprint:
    """Rows sorted by all their columns, then hashed: equal tables give equal fingerprints."""
    lines = sorted("\x1f".join(_canonical(value) for value in row) for row in rows)
    digest = hashlib.sha256()
    for line in lines:
        digest.update(line.encode("utf-8", "surrogatepass"))
        digest.update(b"\x1e")
    return TableFingerprint(rows=len(lines), sha256=digest.hexdigest())


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def sqlite_fingerprints(conn: sqlite3.Connection) -> dict[str, TableFingerprint]:
    names = [
        row[0]
        for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
    ]
    return {
        name: rows_fingerprint(conn.execute(f"SELECT * FROM {_quote(name)}"))  # noqa: S608
        for name in names
    }


def postgresql_fingerprints(cursor) -> dict[str, TableFingerprint]:
    cursor.execute(
        "SELECT schemaname, tablename FROM pg_tables "
        "WHERE schemaname NOT IN ('pg_catalog', 'information_schema') "
        "ORDER BY schemaname, tablename"
    )
    fingerprints = {}
    for schema, table in cursor.fetchall():
        name = table if schema == "public" else f"{schema}.{table}"
        cursor.execute(f"SELECT * FROM {_quote(schema)}.{_quote(table)}")  # noqa: S608
        fingerprints[name] = rows_fingerprint(cursor.fetchall())
    return fingerprints


def database_fingerprints(settings_dict: dict) -> dict[str, TableFingerprint]:
    """Every table of the database `settings_dict` names, read from a connection of its own."""
    if engine_of(settings_dict) == SQLITE:
        with closing(_sqlite_connect(settings_dict["NAME"])) as conn:
            return sqlite_fingerprints(conn)
    with closing(_pg_connect(settings_dict)) as conn, conn.cursor() as cursor:
        return postgresql_fingerprints(cursor)


def _migrations(rows: Iterable[tuple[str, str]]) -> dict[str, list[str]]:
    """django_migrations' (app, name) rows as {app: [names]}."""
    applied: dict[str, list[str]] = {}
    for app, name in sorted(rows):
        applied.setdefault(app, []).append(name)
    return applied


def _manifest(*, engine: str, path: Path, tables: dict, migrations: dict) -> dict:
    return {
        "format": MANIFEST_FORMAT,
        "engine": engine,
        "file": path.name,
        "size": path.stat().st_size,
        "sha256": file_sha256(path),
        "created_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "migrations": migrations,
        "tables": {
            name: {"rows": table.rows, "sha256": table.sha256} for name, table in tables.items()
        },
    }


def _write_manifest(path: Path, manifest: dict) -> Path:
    manifest_path = manifest_path_for(path)
    manifest_path.write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n")
    return manifest_path


# --- Backup ------------------------------------------------------------------------------


def backup_database(settings_dict: dict, output: Path | str) -> BackupResult:
    """Back up the database to `output`: a file, or a folder (existing, or written with a
    final slash) for a timestamped name."""
    engine = engine_of(settings_dict)
    is_folder = str(output).endswith(("/", os.sep)) or Path(output).is_dir()
    output = Path(output) / default_file_name(engine) if is_folder else Path(output)
    if output.exists():
        raise BackupError(f"{output} already exists: choose a new file name.")
    output.parent.mkdir(parents=True, exist_ok=True)
    # Written beside the target under another name, then renamed: never a half-written backup.
    partial = output.with_name(output.name + ".partial")
    try:
        if engine == SQLITE:
            tables, migrations = _sqlite_backup(settings_dict, partial)
        else:
            tables, migrations = _postgresql_backup(settings_dict, partial)
        partial.replace(output)
    finally:
        partial.unlink(missing_ok=True)
    manifest = _manifest(engine=engine, path=output, tables=tables, migrations=migrations)
    return BackupResult(
        path=output, manifest_path=_write_manifest(output, manifest), manifest=manifest
    )


def _sqlite_connect(name, **kwargs) -> sqlite3.Connection:
    name = str(name)
    return sqlite3.connect(name, uri=name.startswith("file:"), **kwargs)


def _sqlite_backup(settings_dict: dict, partial: Path):
    with closing(_sqlite_connect(settings_dict["NAME"], timeout=20)) as source:
        with closing(sqlite3.connect(partial)) as copy:
            source.backup(copy)
    # Counted from the copy itself, so the manifest describes exactly what was saved.
    with closing(sqlite3.connect(partial)) as copy:
        copy.execute("PRAGMA journal_mode=DELETE")  # one self-contained file, no -wal beside it
        tables = sqlite_fingerprints(copy)
        migrations = _migrations(_sqlite_migration_rows(copy))
    return tables, migrations


def _sqlite_migration_rows(conn) -> list[tuple[str, str]]:
    try:
        return conn.execute("SELECT app, name FROM django_migrations").fetchall()
    except sqlite3.DatabaseError:
        return []


def _pg_connection_env(settings_dict: dict) -> dict[str, str]:
    """libpq's environment for pg_dump and pg_restore: the password never on a command line."""
    environ = dict(os.environ)
    values = {
        "PGHOST": settings_dict.get("HOST") or "",
        "PGPORT": str(settings_dict.get("PORT") or ""),
        "PGUSER": settings_dict.get("USER") or "",
        "PGPASSWORD": settings_dict.get("PASSWORD") or "",
        "PGDATABASE": settings_dict["NAME"],
        "PGSSLMODE": (settings_dict.get("OPTIONS") or {}).get("sslmode", ""),
    }
    environ.update({key: value for key, value in values.items() if value})
    return environ


def _pg_connect(settings_dict: dict, dbname: str | None = None):
    import psycopg

    options = settings_dict.get("OPTIONS") or {}
    return psycopg.connect(
        dbname=dbname or settings_dict["NAME"],
        host=settings_dict.get("HOST") or None,
        port=settings_dict.get("PORT") or None,
        user=settings_dict.get("USER") or None,
        password=settings_dict.get("PASSWORD") or None,
        sslmode=options.get("sslmode"),
        options="-c TimeZone=UTC",
    )


def _server_major(conn) -> int:
    return int(conn.execute("SHOW server_version_num").fetchone()[0]) // 10000


def pg_tool(name: str, server_major: int) -> str:
    """The path of pg_dump or pg_restore, refused unless its major version is the server's."""
    path = shutil.which(name)
    if path is None:
        raise BackupError(
            f"{name} is not installed. Install the PostgreSQL {server_major} client "
            f"(Debian: apt-get install postgresql-client-{server_major})."
        )
    output = subprocess.run(  # noqa: S603 - a fixed argument list, no shell
        [path, "--version"], capture_output=True, text=True, check=True
    ).stdout
    tool_major = parse_pg_major(output)
    if tool_major != server_major:
        raise BackupError(
            f"{name} is PostgreSQL {tool_major} but the server is PostgreSQL {server_major}: "
            f"install the PostgreSQL {server_major} client tools, or put them first on PATH."
        )
    return path


def parse_pg_major(version_output: str) -> int:
    """17 from 'pg_dump (PostgreSQL) 17.2', 15 from '... 15.20 (Debian 15.20-0+deb12u1)'."""
    found = re.search(r"\)\s+(\d+)", version_output)
    if found is None:
        raise BackupError(f"Cannot read a PostgreSQL version from {version_output.strip()!r}.")
    return int(found.group(1))


def _postgresql_backup(settings_dict: dict, partial: Path):
    """pg_dump inside a snapshot we export, so the manifest counts the very rows dumped."""
    with closing(_pg_connect(settings_dict)) as conn:
        pg_dump = pg_tool("pg_dump", _server_major(conn))
        conn.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
        snapshot = conn.execute("SELECT pg_export_snapshot()").fetchone()[0]
        with conn.cursor() as cursor:
            tables = postgresql_fingerprints(cursor)
            cursor.execute("SELECT app, name FROM django_migrations")
            migrations = _migrations(cursor.fetchall())
        _run(
            [pg_dump, "--format=custom", f"--snapshot={snapshot}", f"--file={partial}"],
            settings_dict,
        )
        conn.rollback()
    return tables, migrations


def _run(command: list[str], settings_dict: dict) -> None:
    done = subprocess.run(  # noqa: S603 - a fixed argument list, no shell
        command, env=_pg_connection_env(settings_dict), capture_output=True, text=True
    )
    if done.returncode != 0:
        tool = Path(command[0]).name
        raise BackupError(f"{tool} failed (exit {done.returncode}): {done.stderr.strip()}")


# --- Restore -----------------------------------------------------------------------------


def read_manifest(path: Path) -> dict:
    manifest_path = manifest_path_for(path)
    if not path.is_file():
        raise BackupError(f"No backup at {path}.")
    if not manifest_path.is_file():
        raise BackupError(
            f"No manifest beside the backup ({manifest_path.name}): without it the backup "
            "cannot be checked, so it is not restored."
        )
    try:
        manifest = json.loads(manifest_path.read_text())
    except ValueError as error:
        raise BackupError(f"The manifest {manifest_path} is not valid JSON: {error}") from None
    if manifest.get("format") != MANIFEST_FORMAT or "tables" not in manifest:
        raise BackupError(f"The manifest {manifest_path} is not a Hub backup manifest.")
    return manifest


def verify_backup_file(path: Path, manifest: dict, *, engine: str) -> None:
    """Refuse a backup whose file is not the one its manifest describes, whole and readable."""
    if manifest["engine"] != engine:
        raise BackupError(
            f"This is a {manifest['engine']} backup; the configured database is {engine}."
        )
    size, sha256 = path.stat().st_size, file_sha256(path)
    if size != manifest["size"] or sha256 != manifest["sha256"]:
        raise BackupError(
            f"The backup {path} is damaged or incomplete: it is {size} bytes with sha256 "
            f"{sha256}, but its manifest says {manifest['size']} bytes with sha256 "
            f"{manifest['sha256']}. Nothing was restored."
        )
    if engine == SQLITE:
        _verify_sqlite_file(path, manifest)


def _verify_sqlite_file(path: Path, manifest: dict) -> None:
    try:
        with closing(_sqlite_connect(f"file:{path}?mode=ro")) as conn:
            check = conn.execute("PRAGMA integrity_check").fetchone()[0]
            tables = sqlite_fingerprints(conn)
    except sqlite3.DatabaseError as error:
        raise BackupError(
            f"The backup {path} is not a readable SQLite database: {error}."
        ) from None
    if check != "ok":
        raise BackupError(f"The backup {path} fails SQLite's integrity check: {check}.")
    _compare(tables, manifest, what=f"The backup {path}")


def _compare(
    tables: dict[str, TableFingerprint], manifest: dict, *, what: str, extra_allowed=False
) -> None:
    expected = {
        name: TableFingerprint(rows=table["rows"], sha256=table["sha256"])
        for name, table in manifest["tables"].items()
    }
    names = expected.keys() if extra_allowed else expected.keys() | tables.keys()
    differing = sorted(name for name in names if expected.get(name) != tables.get(name))
    if differing:
        listed = ", ".join(differing[:10]) + (" and more" if len(differing) > 10 else "")
        raise BackupError(f"{what} does not match its manifest in these tables: {listed}.")


def tables_with_data(fingerprints: dict[str, TableFingerprint]) -> list[str]:
    """The tables of people's data that hold rows: empty unless the database is in use."""
    return [name for name in PEOPLE_TABLES if name in fingerprints and fingerprints[name].rows]


def restore_database(settings_dict: dict, source: Path, *, force: bool = False) -> dict:
    """Replace the database's content with the backup's; returns the backup's manifest.

    On PostgreSQL, pg_restore --clean replaces the backup's tables; tables the backup does not
    have (from a later migration) stay, and the manifest's "left_alone" names them."""
    engine = engine_of(settings_dict)
    manifest = read_manifest(source)
    verify_backup_file(source, manifest, engine=engine)
    if not force:
        holding = tables_with_data(_target_fingerprints(settings_dict, engine))
        if holding:
            raise BackupError(
                f"The database {settings_dict['NAME']} already holds data (rows in "
                f"{' and '.join(holding)}). A restore replaces all of it: run again with "
                "--force if that is what you want."
            )
    if engine == SQLITE:
        _sqlite_restore(settings_dict, source)
    else:
        _postgresql_restore(settings_dict, source)
    restored = database_fingerprints(settings_dict)
    what = f"The restored database {settings_dict['NAME']}"
    _compare(restored, manifest, what=what, extra_allowed=True)
    return {**manifest, "left_alone": sorted(restored.keys() - manifest["tables"].keys())}


def _target_fingerprints(settings_dict: dict, engine: str) -> dict[str, TableFingerprint]:
    if engine == SQLITE and not _sqlite_exists(settings_dict["NAME"]):
        return {}
    return database_fingerprints(settings_dict)


def _sqlite_exists(name) -> bool:
    name = str(name)
    return name.startswith("file:") or name == ":memory:" or Path(name).exists()


def _sqlite_restore(settings_dict: dict, source: Path) -> None:
    """Copy the backup's pages into the live database through the backup API: one write
    transaction, so a running server sees the old content or the new, never a mix."""
    with closing(_sqlite_connect(f"file:{source}?mode=ro")) as backup:
        with closing(_sqlite_connect(settings_dict["NAME"], timeout=20)) as target:
            backup.backup(target)
            target.execute("PRAGMA journal_mode=WAL")


def _postgresql_restore(settings_dict: dict, source: Path) -> None:
    with closing(_pg_connect(settings_dict)) as conn:
        server_major = _server_major(conn)
    pg_restore = pg_tool("pg_restore", server_major)
    # Read the whole archive first: a damaged one fails here, before the target is touched.
    _run([pg_restore, "--list", str(source)], settings_dict)
    _run(
        [
            pg_restore,
            "--clean",
            "--if-exists",
            "--no-owner",
            "--no-privileges",
            "--single-transaction",
            "--exit-on-error",
            f"--dbname={settings_dict['NAME']}",
            str(source),
        ],
        settings_dict,
    )


def pending_migrations(manifest: dict, code_leaves: Iterable[tuple[str, str]]) -> list[str]:
    """The code's latest migrations that the backup had not applied ("app.name")."""
    applied = manifest.get("migrations", {})
    return sorted(f"{app}.{name}" for app, name in code_leaves if name not in applied.get(app, []))
