"""The access tests' world: built once per test module inside a transaction that is rolled
back when the module ends; each test runs in its own savepoint within it, so what a POST
changes is undone before the next request."""

import importlib

import pytest
from django.apps import apps
from django.core.cache import caches
from django.db import transaction


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    from conftest import MIGRATION_DATA, _migration_data_missing
    from hub.core.tests.access.world import build_world

    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            if _migration_data_missing():
                for module, function in MIGRATION_DATA:
                    getattr(importlib.import_module(module), function)(apps, None)
            yield build_world()
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


@pytest.fixture(autouse=True)
def _fresh_caches():
    """Rate limits and cached pages from one principal's request must not decide the next."""
    for cache in caches.all():
        cache.clear()
