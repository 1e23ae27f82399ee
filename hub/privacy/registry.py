"""Where each app declares the personal data it holds: how to export it and how to erase it.

An app contributes one `PersonalDataSource` from its own `privacy.py` module (loaded when the
Hub starts, like admin.py), so the app that owns a table decides what in it is personal and
what must stay (docs/adr/0023-audit-and-privacy.md). hub.privacy only runs them, in order.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.db.models import Model

# Erasers that others' erasers still need (the person's register entry, their account) run last.
DEFAULT_ORDER = 50


@dataclass(frozen=True)
class PersonalDataSource:
    key: str
    title: str
    # What the app holds about a person, in a few words, for the export's README.
    description: str
    export: Callable[..., dict]
    erase: Callable[..., dict[str, int]]
    # Audited records that are about the person (their history is erased too), found before
    # erasure changes or deletes them.
    audited_records: Callable[..., Iterable[Model]] = field(default=lambda user: ())
    order: int = DEFAULT_ORDER


_sources: dict[str, PersonalDataSource] = {}


def register(source: PersonalDataSource) -> PersonalDataSource:
    _sources[source.key] = source
    return source


def sources() -> list[PersonalDataSource]:
    return sorted(_sources.values(), key=lambda source: (source.order, source.key))
