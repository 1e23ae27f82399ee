import pytest

pytestmark = pytest.mark.django_db


def test_healthz_reports_database_tasks_and_search(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["database"]["ok"] is True
    assert body["database"]["vendor"] in {"sqlite", "postgresql"}
    assert body["tasks"]["backend"] == "django_tasks_db.backend.DatabaseBackend"
    assert body["tasks"]["ready"] == 0
    assert body["search"]["mode"] in {"lexical", "hybrid"}
    assert response["Cache-Control"].startswith("max-age=0")


def test_healthz_answers_503_when_the_database_fails(client, monkeypatch):
    from hub.core import health

    monkeypatch.setattr(
        health,
        "database_state",
        lambda: {"ok": False, "vendor": "sqlite", "error": "OperationalError"},
    )
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["status"] == "error"
