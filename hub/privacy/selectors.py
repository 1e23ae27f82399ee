"""Reads of the privacy app: histories of audited records, the programme-wide list of changes,
and the erasure queue. A log entry is shown as who, what (each field before and after, by its
verbose name) and when."""

from dataclasses import dataclass
from datetime import date, datetime, time

from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist
from django.db.models import Model, Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.dateformat import format as format_date
from django.utils.text import capfirst

from hub.core.forms import LONDON
from hub.privacy.audit import RECORD_TYPES, RecordType, record_type_of
from hub.privacy.models import ErasureRequest, ErasureStatus

ACTIONS = {
    LogEntry.Action.CREATE: "Created",
    LogEntry.Action.UPDATE: "Changed",
    LogEntry.Action.DELETE: "Deleted",
    LogEntry.Action.ACCESS: "Viewed",
}
NOT_SET = "Not set"


@dataclass(frozen=True)
class FieldChange:
    field: str
    before: str
    after: str


@dataclass(frozen=True)
class HistoryEntry:
    entry: LogEntry
    record_type: RecordType | None
    changes: list[FieldChange]

    @property
    def when(self) -> datetime:
        return self.entry.timestamp

    @property
    def who(self) -> str:
        actor = self.entry.actor
        return str(actor) if actor is not None else "The Hub (no one signed in)"

    @property
    def action(self) -> str:
        return ACTIONS.get(self.entry.action, "Changed")

    @property
    def record(self) -> str:
        return self.entry.object_repr

    @property
    def history_url(self) -> str | None:
        if self.record_type is None:
            return None
        return reverse("privacy:history", args=[self.record_type.key, self.entry.object_pk])


def _entries() -> QuerySet[LogEntry]:
    return LogEntry.objects.select_related("content_type", "actor").order_by("-timestamp", "-pk")


def audited_content_types() -> dict[int, RecordType]:
    types = ContentType.objects.get_for_models(*(r.model for r in RECORD_TYPES.values()))
    return {types[r.model].pk: r for r in RECORD_TYPES.values()}


def history_of(record_type: RecordType, pk: int) -> QuerySet[LogEntry]:
    content_type = ContentType.objects.get_for_model(record_type.model)
    return _entries().filter(content_type=content_type, object_pk=str(pk))


@dataclass(frozen=True)
class ChangeFilters:
    record_type: RecordType | None = None
    person: str = ""
    from_date: date | None = None
    to_date: date | None = None

    def __bool__(self) -> bool:
        return bool(self.record_type or self.person or self.from_date or self.to_date)


def changes(filters: ChangeFilters) -> QuerySet[LogEntry]:
    entries = _entries().filter(content_type__in=list(audited_content_types()))
    if filters.record_type is not None:
        entries = entries.filter(
            content_type=ContentType.objects.get_for_model(filters.record_type.model)
        )
    if filters.person:
        entries = entries.filter(
            Q(actor__full_name__icontains=filters.person) | Q(actor__email__iexact=filters.person)
        )
    if filters.from_date:
        entries = entries.filter(
            timestamp__gte=datetime.combine(filters.from_date, time.min, tzinfo=LONDON)
        )
    if filters.to_date:
        entries = entries.filter(
            timestamp__lte=datetime.combine(filters.to_date, time.max, tzinfo=LONDON)
        )
    return entries


class _Describer:
    """Turns stored values (strings of raw values) into what a person reads. Related records
    are looked up once per page."""

    def __init__(self):
        self._related: dict[tuple[type[Model], str], str] = {}

    def value(self, field, raw) -> str:
        if raw is None or raw in ("None", ""):
            return NOT_SET
        raw = str(raw)
        if field is None:
            return raw
        if getattr(field, "choices", None):
            return str(dict((str(k), v) for k, v in field.flatchoices).get(raw, raw))
        if field.is_relation and field.many_to_one or getattr(field, "one_to_one", False):
            return self._related_repr(field.related_model, raw)
        internal = field.get_internal_type()
        if internal == "DateTimeField":
            try:
                moment = timezone.localtime(datetime.fromisoformat(raw))
            except ValueError:
                return raw
            return format_date(moment, "j F Y, H:i")
        if internal == "BooleanField":
            return {"True": "Yes", "False": "No"}.get(raw, raw)
        return raw

    def _related_repr(self, model: type[Model], raw: str) -> str:
        key = (model, raw)
        if key not in self._related:
            try:
                obj = model._base_manager.filter(pk=raw).first()
            except (ValueError, TypeError):
                obj = None
            self._related[key] = str(obj) if obj is not None else raw
        return self._related[key]

    def changes(self, entry: LogEntry) -> list[FieldChange]:
        model = entry.content_type.model_class()
        described = []
        for name, values in (entry.changes_dict or {}).items():
            try:
                field = model._meta.get_field(name) if model else None
            except FieldDoesNotExist:
                field = None
            label = capfirst(str(getattr(field, "verbose_name", name) if field else name))
            if isinstance(values, dict):  # many-to-many: who was added or removed
                objects = ", ".join(str(o) for o in values.get("objects", [])) or NOT_SET
                if values.get("operation") == "add":
                    described.append(FieldChange(label, "", f"Added: {objects}"))
                else:
                    described.append(FieldChange(label, f"Removed: {objects}", ""))
                continue
            before, after = (list(values) + [None, None])[:2]
            described.append(
                FieldChange(label, self.value(field, before), self.value(field, after))
            )
        return described


def described(entries) -> list[HistoryEntry]:
    describer = _Describer()
    types = audited_content_types()
    return [
        HistoryEntry(entry, types.get(entry.content_type_id), describer.changes(entry))
        for entry in entries
    ]


def record_of(record_type: RecordType, pk: int) -> Model | None:
    return record_type.model._base_manager.filter(pk=pk).first()


def record_type_for(obj: Model) -> RecordType | None:
    return record_type_of(type(obj))


def erasure_queue(*, status: str = "") -> QuerySet[ErasureRequest]:
    requests = ErasureRequest.objects.select_related("user", "decided_by")
    if status in ErasureStatus.values:
        requests = requests.filter(status=status)
    return requests.order_by("-status", "due_on", "pk") if not status else requests
