"""pg_dump and pg_restore are used only when their major version is the server's."""

import pytest

from hub.ops.backup import BackupError, parse_pg_major, pg_tool


@pytest.mark.parametrize(
    ("output", "major"),
    [
        ("pg_dump (PostgreSQL) 17.2\n", 17),
        ("pg_restore (PostgreSQL) 15.20 (Debian 15.20-0+deb12u1)\n", 15),
        ("pg_dump (PostgreSQL) 9.6.24\n", 9),
    ],
)
def test_the_major_version_is_read_from_the_tools_output(output, major):
    assert parse_pg_major(output) == major


@pytest.fixture
def fake_pg_dump(tmp_path, monkeypatch):
    """A pg_dump of PostgreSQL 16 alone on PATH."""
    tool = tmp_path / "pg_dump"
    tool.write_text("#!/bin/sh\necho 'pg_dump (PostgreSQL) 16.4'\n")
    tool.chmod(0o755)
    monkeypatch.setenv("PATH", str(tmp_path))
    return tool


def test_a_tool_of_another_major_version_is_refused_with_what_to_install(fake_pg_dump):
    with pytest.raises(
        BackupError, match="pg_dump is PostgreSQL 16 but the server is PostgreSQL 15"
    ):
        pg_tool("pg_dump", 15)
    assert pg_tool("pg_dump", 16) == str(fake_pg_dump)


def test_a_missing_tool_says_which_client_to_install(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(BackupError, match="pg_restore is not installed.*postgresql-client-15"):
        pg_tool("pg_restore", 15)


def test_the_connection_goes_to_the_tools_through_libpq_environment_variables():
    from hub.ops.backup import _pg_connection_env

    env = _pg_connection_env(
        {
            "HOST": "db.internal",
            "PORT": 5433,
            "USER": "hub",
            "PASSWORD": "not-on-the-command-line",
            "NAME": "hub",
            "OPTIONS": {"sslmode": "require"},
        }
    )
    assert (env["PGHOST"], env["PGPORT"], env["PGUSER"]) == ("db.internal", "5433", "hub")
    assert (env["PGPASSWORD"], env["PGDATABASE"], env["PGSSLMODE"]) == (
        "not-on-the-command-line",
        "hub",
        "require",
    )
