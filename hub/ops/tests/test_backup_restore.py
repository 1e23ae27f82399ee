"""A backup of the seeded Hub restores into a new database with every table equal, on whichever
database the suite runs (SQLite, or PostgreSQL through DATABASE_URL); a damaged backup is
refused and leaves the target as it was."""

import json
import uuid
from contextlib import closing
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from hub.accounts.models import User
from hub.demo.services import demo_seed
from hub.ops.backup import (
    EXTENSIONS,
    BackupError,
    _pg_connect,
    database_fingerprints,
    engine_of,
    manifest_path_for,
    restore_database,
)

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def engine():
    return engine_of(connection.settings_dict)


@pytest.fixture
def seeded(client):
    demo_seed()
    # A signed-in session, so that django_session holds a row to compare too.
    client.force_login(User.objects.get(email="officer@example.org"))


@pytest.fixture
def back_up(tmp_path, engine):
    def run():
        path = tmp_path / f"hub.{EXTENSIONS[engine]}"
        out = StringIO()
        call_command("backup_database", output=path, stdout=out)
        assert "sha256" in out.getvalue()
        return path

    return run


@pytest.fixture
def backup_file(seeded, back_up):
    return back_up()


@pytest.fixture
def small_backup_file(user_with_role, back_up):
    """Enough rows to see damage, without the demo seed's time on PostgreSQL."""
    for _ in range(3):
        user_with_role()
    return back_up()


@pytest.fixture
def new_database(tmp_path, engine):
    """The settings of a new, empty database on the same server as the test database."""
    source = connection.settings_dict
    if engine == "sqlite":
        yield {**source, "NAME": str(tmp_path / "restored.sqlite3")}
        return
    name = f"hub_restore_{uuid.uuid4().hex[:12]}"
    with closing(_pg_connect(source)) as admin:
        admin.autocommit = True
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield {**source, "NAME": name}
    finally:
        with closing(_pg_connect(source)) as admin:
            admin.autocommit = True
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_a_backup_restores_into_a_new_database_with_every_table_equal(backup_file, new_database):
    source = database_fingerprints(connection.settings_dict)
    # Every table Django knows is in the comparison, with the demo's rows in it.
    assert set(connection.introspection.table_names()) <= source.keys()
    for table in ("django_migrations", "accounts_user", "auth_group", "django_session"):
        assert source[table].rows > 0, table

    manifest = restore_database(new_database, backup_file)

    restored = database_fingerprints(new_database)
    assert restored == source
    assert {name: table["rows"] for name, table in manifest["tables"].items()} == {
        name: table.rows for name, table in source.items()
    }
    assert "0001_initial" in manifest["migrations"]["accounts"]
    assert manifest["left_alone"] == []


def test_the_manifest_describes_the_backup(small_backup_file, engine):
    manifest = json.loads(manifest_path_for(small_backup_file).read_text())
    assert manifest["engine"] == engine
    assert manifest["size"] == small_backup_file.stat().st_size
    assert manifest["tables"]["accounts_user"]["rows"] == User.objects.count() == 3


def test_restore_refuses_a_database_holding_data_unless_forced(small_backup_file):
    User.objects.update(full_name="Changed after the backup")
    before = database_fingerprints(connection.settings_dict)
    with pytest.raises(CommandError, match="already holds data.*--force"):
        call_command("restore_database", input=small_backup_file)
    assert database_fingerprints(connection.settings_dict) == before

    call_command("restore_database", input=small_backup_file, force=True, stdout=StringIO())
    assert not User.objects.filter(full_name="Changed after the backup").exists()


def _truncate(path):
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])


def _truncate_and_rewrite_manifest(path):
    """Damage that the sha256 cannot catch: the manifest made to match the damaged file."""
    import hashlib

    _truncate(path)
    manifest_path = manifest_path_for(path)
    manifest = json.loads(manifest_path.read_text())
    manifest["size"] = path.stat().st_size
    manifest["sha256"] = hashlib.sha256(path.read_bytes()).hexdigest()
    manifest_path.write_text(json.dumps(manifest))


def _flip_a_byte(path):
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0xFF
    path.write_bytes(bytes(data))


@pytest.mark.parametrize(
    ("damage", "message"),
    [
        (_truncate, "damaged or incomplete"),
        (_flip_a_byte, "damaged or incomplete"),
        (_truncate_and_rewrite_manifest, "not a readable|integrity|failed|does not match"),
        (lambda path: manifest_path_for(path).unlink(), "No manifest"),
    ],
    ids=["truncated", "a byte changed", "truncated with a matching manifest", "no manifest"],
)
def test_a_damaged_backup_is_refused_and_the_target_is_untouched(
    small_backup_file, damage, message
):
    User.objects.update(full_name="Changed after the backup")
    before = database_fingerprints(connection.settings_dict)
    damage(small_backup_file)

    with pytest.raises(BackupError, match=message):
        restore_database(connection.settings_dict, small_backup_file, force=True)

    assert database_fingerprints(connection.settings_dict) == before


def test_a_folder_gets_a_timestamped_backup_and_its_manifest(tmp_path, engine):
    call_command("backup_database", output=f"{tmp_path}/backups/", stdout=StringIO())
    (backup,) = (tmp_path / "backups").glob(f"hub-{engine}-*Z.{EXTENSIONS[engine]}")
    assert manifest_path_for(backup).is_file()
    with pytest.raises(CommandError, match="already exists"):
        call_command("backup_database", output=backup, stdout=StringIO())


def test_a_database_without_accounts_or_sessions_is_restored_without_force(small_backup_file):
    """As after `migrate` alone, which fills roles, frameworks and themes but no accounts."""
    User.objects.all().delete()
    call_command("restore_database", input=small_backup_file, stdout=StringIO())
    assert User.objects.count() == 3
