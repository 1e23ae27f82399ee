"""What the search service indexes. Domain apps register their records here in `ready()`,
so the search app never imports them (arrows point one way)."""

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Model, QuerySet


@dataclass(frozen=True)
class IndexText:
    """The text of one record, in three weights: title over summary over body."""

    title: str
    summary: str = ""
    body: str = ""


@dataclass(frozen=True)
class Indexable:
    kind: str
    # Every record that may be found: e.g. only published cases.
    queryset: Callable[[], QuerySet]
    text: Callable[[Model], IndexText]


_registry: dict[str, Indexable] = {}


def register(indexable: Indexable) -> None:
    _registry[indexable.kind] = indexable


def indexable(kind: str) -> Indexable:
    try:
        return _registry[kind]
    except KeyError:
        raise LookupError(f"Nothing is registered for search under {kind!r}") from None


def registered_kinds() -> list[str]:
    return sorted(_registry)
