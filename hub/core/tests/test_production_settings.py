"""Production settings: refuse to start without secrets, and pass `check --deploy` clean."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

PROJECT_ROOT = Path(__file__).resolve().parents[3]
GOOD_SECRET = secrets.token_urlsafe(50)


def run_manage(*args: str, env_overrides: dict[str, str]) -> subprocess.CompletedProcess:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE_URL"))
    }
    env.update({"DJANGO_SETTINGS_MODULE": "config.settings.production", **env_overrides})
    return subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", *args],
        cwd=PROJECT_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_check_deploy_is_clean_with_production_settings():
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        env_overrides={
            "DJANGO_SECRET_KEY": GOOD_SECRET,
            "DJANGO_ALLOWED_HOSTS": "hub.example.org",
            "DATABASE_URL": "postgres://hub@db.example.org:5432/hub",
        },
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"DJANGO_ALLOWED_HOSTS": "hub.example.org"}, "DJANGO_SECRET_KEY must be set"),
        (
            {"DJANGO_SECRET_KEY": "short", "DJANGO_ALLOWED_HOSTS": "h.example"},
            "DJANGO_SECRET_KEY must",
        ),
        (
            {"DJANGO_SECRET_KEY": "ab" * 30, "DJANGO_ALLOWED_HOSTS": "h.example"},
            "DJANGO_SECRET_KEY must",
        ),
        (
            {"DJANGO_SECRET_KEY": GOOD_SECRET, "DATABASE_URL": "postgres://h/hub"},
            "DJANGO_ALLOWED_HOSTS must list",
        ),
        (
            {"DJANGO_SECRET_KEY": GOOD_SECRET, "DJANGO_ALLOWED_HOSTS": "h.example"},
            "DATABASE_URL must name",
        ),
    ],
)
def test_production_refuses_to_start_without_its_secrets(overrides, message):
    result = run_manage("check", env_overrides=overrides)
    assert result.returncode != 0
    assert message in result.stderr
