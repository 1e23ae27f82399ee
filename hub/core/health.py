"""The state of what the Hub depends on, for /healthz and operators."""

from django.apps import apps
from django.conf import settings
from django.db import connection
from django.db.utils import DatabaseError
from django_tasks import DEFAULT_TASK_BACKEND_ALIAS, task_backends
from django_tasks_db import DatabaseBackend
from django_tasks_db.models import DBTaskResult


def database_state() -> dict:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as error:
        return {"ok": False, "vendor": connection.vendor, "error": error.__class__.__name__}
    return {"ok": True, "vendor": connection.vendor}


def task_queue_state() -> dict:
    backend = task_backends[DEFAULT_TASK_BACKEND_ALIAS]
    state = {"ok": True, "backend": f"{type(backend).__module__}.{type(backend).__name__}"}
    if isinstance(backend, DatabaseBackend):
        try:
            state["ready"] = DBTaskResult.objects.ready().count()
            state["failed"] = DBTaskResult.objects.failed().count()
        except DatabaseError as error:
            return {**state, "ok": False, "error": error.__class__.__name__}
    return state


def search_state() -> dict:
    # The search app is optional to core: report it when it is installed.
    if not apps.is_installed("hub.search"):
        return {"mode": "none"}
    from hub.search import semantic
    from hub.search.selectors import effective_mode, search_engine

    # A missing embedding model is not unhealthy: search falls back to lexical and says so.
    if semantic.is_available():
        embeddings = f"available: {semantic.model_key()}"
    else:
        embeddings = f"unavailable: {semantic.unavailable_reason()}"
    return {
        "mode": settings.HUB_SEARCH_MODE,
        "effective_mode": effective_mode(),
        "engine": search_engine(),
        "embeddings": embeddings,
    }


def health() -> dict:
    checks = {
        "database": database_state(),
        "tasks": task_queue_state(),
        "search": search_state(),
    }
    healthy = checks["database"]["ok"] and checks["tasks"]["ok"]
    return {"status": "ok" if healthy else "error", **checks}
