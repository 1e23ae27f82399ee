"""Import the Local Government Service List: `esd_functions.csv` and `esd_services.csv`.

Both files are validated before anything is written, then written in one transaction.
Services are keyed by their LGSL code; a second run changes nothing and says so.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction

from hub.core.importing import (
    DryRunRollback,
    ImportFileError,
    ImportSummary,
    RowReader,
    csv_rows,
)
from hub.taxonomy.models import ServiceArea, ServiceFunction

SERVICES_FILENAME = "esd_services.csv"
FUNCTIONS_FILENAME = "esd_functions.csv"
SERVICE_COLUMNS = {"Identifier", "Label", "Description", "History notes", "Type"}
FUNCTION_COLUMNS = {"Identifier", "Label", "Parent identifiers", "Type"}


@dataclass(frozen=True)
class FunctionRow:
    identifier: int
    label: str
    parent_identifier: int | None


@dataclass(frozen=True)
class ServiceRow:
    lgsl_code: int
    label: str
    description: str
    history_notes: str


@dataclass(frozen=True)
class LgslFile:
    functions: list[FunctionRow]
    services: list[ServiceRow]


def _repeats(keys: list[tuple[int, int]], *, column: str, problems: list[str]) -> None:
    first_line: dict[int, int] = {}
    for line, key in keys:
        if key in first_line:
            problems.append(
                f"Row {line} ({key}), field '{column}': {key} repeats row {first_line[key]}"
            )
        first_line.setdefault(key, line)


def _read_functions(path: Path, problems: list[str]) -> list[FunctionRow]:
    rows, keys = [], []
    with csv_rows(path, required_columns=FUNCTION_COLUMNS, what=path.name) as numbered:
        for line, raw in numbered:
            reader = RowReader(line, raw, problems, key_column="Identifier")
            reader.choice("Type", {"Function"})
            identifier = reader.whole_number("Identifier", required=True)
            parent = reader.whole_number("Parent identifiers")
            label = reader.text("Label", required=True, max_length=200)
            if identifier is not None:
                rows.append(FunctionRow(identifier, label, parent))
                keys.append((line, identifier))
    _repeats(keys, column="Identifier", problems=problems)
    known = {row.identifier for row in rows}
    for (line, _), row in zip(keys, rows, strict=True):
        if row.parent_identifier is not None and row.parent_identifier not in known:
            problems.append(
                f"Row {line} ({row.identifier}), field 'Parent identifiers': "
                f"{row.parent_identifier} is not a function in this file"
            )
    return rows


def _read_services(path: Path, problems: list[str]) -> list[ServiceRow]:
    rows, keys = [], []
    with csv_rows(path, required_columns=SERVICE_COLUMNS, what=path.name) as numbered:
        for line, raw in numbered:
            reader = RowReader(line, raw, problems, key_column="Identifier")
            reader.choice("Type", {"Service"})
            code = reader.whole_number("Identifier", required=True)
            row = ServiceRow(
                lgsl_code=code or 0,
                label=reader.text("Label", required=True, max_length=255),
                # Some scope notes begin with a stray quote mark in the source.
                description=reader.text("Description", max_length=5000).lstrip('"').strip(),
                history_notes=reader.text("History notes", max_length=5000),
            )
            if code is not None:
                rows.append(row)
                keys.append((line, code))
    _repeats(keys, column="Identifier", problems=problems)
    return rows


def read_lgsl(folder: Path) -> LgslFile:
    """Both LGSL files, validated; raises ImportFileError naming every row and field at fault."""
    problems: list[str] = []
    functions = _read_functions(folder / FUNCTIONS_FILENAME, problems)
    services = _read_services(folder / SERVICES_FILENAME, problems)
    if not services:
        problems.append(f"{SERVICES_FILENAME} has no rows after its header")
    if problems:
        raise ImportFileError(problems, what="The LGSL")
    return LgslFile(functions=functions, services=services)


def _save_changes(instance, values: dict) -> bool:
    changed = {name: value for name, value in values.items() if getattr(instance, name) != value}
    for name, value in changed.items():
        setattr(instance, name, value)
    if changed:
        instance.save(update_fields=[*changed, "updated_at"])
    return bool(changed)


def lgsl_import(
    *,
    data: LgslFile,
    dry_run: bool = False,
    mark_demo: bool = False,
    progress: Callable[[int], None] | None = None,
) -> ImportSummary:
    """Create or update every LGSL function and service, all or nothing."""
    summary = ImportSummary(dry_run=dry_run)
    try:
        with transaction.atomic():
            functions = ServiceFunction.objects.in_bulk(field_name="identifier")
            for row in data.functions:
                existing = functions.get(row.identifier)
                if existing is None:
                    functions[row.identifier] = ServiceFunction.objects.create(
                        identifier=row.identifier, label=row.label
                    )
                    summary.count(f"function {row.identifier}", created=True)
                else:
                    changed = _save_changes(existing, {"label": row.label})
                    summary.count(f"function {row.identifier}", changed=changed)
            for row in data.functions:
                parent = functions.get(row.parent_identifier) if row.parent_identifier else None
                function = functions[row.identifier]
                if function.parent_id != (parent.pk if parent else None):
                    function.parent = parent
                    function.save(update_fields=["parent", "updated_at"])
            services = ServiceArea.objects.in_bulk(field_name="lgsl_code")
            for row in data.services:
                values = {
                    "label": row.label,
                    "description": row.description,
                    "history_notes": row.history_notes,
                    "is_demo": mark_demo,
                }
                existing = services.get(row.lgsl_code)
                if existing is None:
                    ServiceArea.objects.create(lgsl_code=row.lgsl_code, **values)
                    summary.count(f"LGSL {row.lgsl_code}", created=True)
                else:
                    summary.count(f"LGSL {row.lgsl_code}", changed=_save_changes(existing, values))
                if progress:
                    progress(1)
            if dry_run:
                raise DryRunRollback
    except DryRunRollback:
        pass
    return summary
