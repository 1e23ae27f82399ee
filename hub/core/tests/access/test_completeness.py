"""Every address of the Hub has a row in the access table: a new URL pattern or API operation
without one fails here, naming it (add the row to hub/core/tests/access/table.py)."""

import re
from fnmatch import fnmatch

from django.urls import URLPattern, URLResolver, get_resolver, resolve

from hub.core.tests.access.table import EXCLUDED_PATTERNS, TABLE


def url_patterns(resolver=None, namespace=None, prefix=""):
    """(qualified name, route) of every URL pattern; unnamed ones by their route."""
    for pattern in (resolver or get_resolver()).url_patterns:
        if isinstance(pattern, URLResolver):
            inner = namespace
            if pattern.namespace:
                inner = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
            yield from url_patterns(pattern, inner, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern):
            name = pattern.name or f"<unnamed {prefix}{pattern.pattern}>"
            yield (f"{namespace}:{name}" if namespace else name), prefix + str(pattern.pattern)


def excluded(name: str) -> bool:
    return any(fnmatch(name, excluded) for excluded in EXCLUDED_PATTERNS)


def test_every_url_pattern_has_a_row():
    covered = {row.name for row in TABLE}
    missing = sorted(
        f"{name} ({route})"
        for name, route in url_patterns()
        if name not in covered and not excluded(name)
    )
    assert not missing, "URL patterns without a row in the access table:\n" + "\n".join(missing)


def test_every_row_names_a_url_pattern():
    names = {name for name, _ in url_patterns()}
    unknown = sorted({row.name for row in TABLE} - names)
    assert not unknown, f"Rows for URL patterns that do not exist: {unknown}"


def test_the_django_admin_itself_has_a_row():
    assert "admin:index" in {row.name for row in TABLE}


def openapi_operations():
    from config.api import api

    schema = api.get_openapi_schema(path_prefix="/api/v1")
    for path, operations in schema["paths"].items():
        for method in operations:
            yield method.upper(), path


def test_every_openapi_operation_has_a_row():
    covered = {(row.method, row.name) for row in TABLE}
    missing = []
    for method, path in openapi_operations():
        concrete = re.sub(r"\{[^}]+\}", "1", path)
        name = resolve(concrete).view_name
        if (method, name) not in covered:
            missing.append(f"{method} {path} ({name})")
    assert list(openapi_operations()), "the OpenAPI document lists no operations"
    assert not missing, "API operations without a row in the access table:\n" + "\n".join(missing)
