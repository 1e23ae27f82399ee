"""Taking personal data out of the audit log without losing the record that a change happened.

Entries are changed with `QuerySet.update`, so no signal fires and no new entry records the
old values. Field names, actions, times and actors stay; values become "[erased]"."""

import json
import re
from collections import defaultdict
from collections.abc import Iterable

from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db.models import Model, Q

ERASED = "[erased]"
# Values that say nothing about anyone: kept so a history still shows a field was set or cleared.
_EMPTY = {"None", "", "[]"}
# Shorter strings would match inside unrelated words.
MIN_MENTION_LENGTH = 3


def _blank(value, replacement: str):
    if isinstance(value, dict) and value.get("type") == "m2m":
        return {**value, "objects": [replacement for _ in value.get("objects", [])]}
    if isinstance(value, list):
        return [v if isinstance(v, str) and v in _EMPTY else replacement for v in value]
    return replacement


def _replace(value, pattern: re.Pattern, replacement: str):
    if isinstance(value, str):
        return pattern.sub(replacement, value)
    if isinstance(value, list):
        return [_replace(v, pattern, replacement) for v in value]
    if isinstance(value, dict):
        return {k: _replace(v, pattern, replacement) for k, v in value.items()}
    return value


def scrub_records(
    records: Iterable[Model], *, replacement: str = ERASED, fields: Iterable[str] | None = None
) -> int:
    """Blank the values (of `fields`, or all) in the history of these records, and the name
    each entry was logged under."""
    only = set(fields) if fields is not None else None
    pks_by_type: dict[ContentType, list[str]] = defaultdict(list)
    for record in records:
        pks_by_type[ContentType.objects.get_for_model(record)].append(str(record.pk))
    count = 0
    for content_type, pks in pks_by_type.items():
        entries = LogEntry.objects.filter(content_type=content_type, object_pk__in=pks)
        for entry in entries.only("pk", "changes"):
            changes = {
                field: _blank(values, replacement) if only is None or field in only else values
                for field, values in (entry.changes or {}).items()
            }
            LogEntry.objects.filter(pk=entry.pk).update(
                object_repr=replacement, changes=changes, changes_text="", serialized_data=None
            )
            count += 1
    return count


def _mentions(text: str) -> Q:
    # JSON may hold the text with non-ASCII letters escaped (as on SQLite), so look for both.
    escaped = json.dumps(text)[1:-1]
    query = Q(object_repr__icontains=text) | Q(changes_text__icontains=text)
    for form in {text, escaped}:
        query |= Q(changes__icontains=form)
    return query


def scrub_mentions(texts: Iterable[str], *, replacement: str = ERASED) -> int:
    """Replace these texts (a name, an email address) wherever the log mentions them: in the
    names records were logged under and in the values of any record's changes."""
    texts = sorted({t for t in texts if t and len(t) >= MIN_MENTION_LENGTH}, key=len, reverse=True)
    if not texts:
        return 0
    pattern = re.compile("|".join(re.escape(t) for t in texts), re.IGNORECASE)
    query = Q()
    for text in texts:
        query |= _mentions(text)
    count = 0
    for entry in LogEntry.objects.filter(query).only(
        "pk", "object_repr", "changes", "changes_text"
    ):
        LogEntry.objects.filter(pk=entry.pk).update(
            object_repr=_replace(entry.object_repr, pattern, replacement),
            changes=_replace(entry.changes, pattern, replacement),
            changes_text=_replace(entry.changes_text, pattern, replacement),
            serialized_data=None,
        )
        count += 1
    return count


def scrub_actor(user) -> int:
    """The person stays the actor of what they did (now "Erased person"); their email address
    and network address, copied into each entry, go."""
    return LogEntry.objects.filter(actor=user).update(
        actor_email=None, remote_addr=None, remote_port=None
    )
