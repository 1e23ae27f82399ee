"""Import mySociety's register of UK local authorities (`uk_local_authorities_current.csv`).

The file is read and every row validated before anything is written; then all rows are
written in one transaction, so a bad file changes nothing. A second run of the same file
changes nothing and says so. Former councils are kept (marked not current) so that old
records that name them still resolve.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

from django.db import transaction
from django.utils.text import slugify

from hub.core.importing import (
    DryRunRollback,
    ImportFileError,
    ImportSummary,
    RowReader,
    csv_rows,
)
from hub.organisations.models import (
    GSS_CODE_PATTERN,
    Nation,
    Organisation,
    OrganisationKind,
    Region,
)

REGISTER_FILENAME = "uk_local_authorities_current.csv"

# The register's `local-authority-type` codes, mapped to the Hub's organisation kinds.
REGISTER_KINDS = {
    "CTY": OrganisationKind.COUNTY,
    "NMD": OrganisationKind.DISTRICT,
    "UA": OrganisationKind.UNITARY,
    "MD": OrganisationKind.METROPOLITAN_DISTRICT,
    "LBO": OrganisationKind.LONDON_BOROUGH,
    "CC": OrganisationKind.CITY_CORPORATION,
    "COMB": OrganisationKind.COMBINED_AUTHORITY,
    "SRA": OrganisationKind.STRATEGIC_AUTHORITY,
    "SCO": OrganisationKind.UNITARY,  # Scottish unitary authority
    "WPA": OrganisationKind.UNITARY,  # Welsh principal authority
    "NID": OrganisationKind.DISTRICT,  # Northern Ireland district
}

REQUIRED_COLUMNS = {
    "local-authority-code",
    "official-name",
    "nice-name",
    "gss-code",
    "start-date",
    "end-date",
    "replaced-by",
    "nation",
    "region",
    "local-authority-type",
    "county-la",
    "combined-authority",
    "current-authority",
    "gov-uk-slug",
    "pop-2020",
}
CODE_PATTERN = re.compile(r"^[A-Z][A-Z0-9-]{1,11}$")
GSS_PATTERN = re.compile(GSS_CODE_PATTERN)
# Fields the importer owns; anything else on an organisation is the Hub's own.
IMPORTED_FIELDS = (
    "name",
    "short_name",
    "slug",
    "kind",
    "gss_code",
    "nation",
    "region",
    "is_current",
    "start_date",
    "end_date",
    "replaced_by",
    "population",
    "is_demo",
)


class RegisterImportError(ImportFileError):
    def __init__(self, problems: list[str]):
        super().__init__(problems, what="The register")


@dataclass
class RegisterRow:
    line: int
    register_code: str
    name: str
    short_name: str
    gss_code: str | None
    nation: str
    region: str
    kind: str
    is_current: bool
    start_date: dt.date | None
    end_date: dt.date | None
    replaced_by: str
    population: int | None
    county_code: str
    combined_authority_code: str
    slug: str = ""

    def values(self, *, is_demo: bool) -> dict:
        data = asdict(self)
        return {name: data[name] for name in IMPORTED_FIELDS if name in data} | {"is_demo": is_demo}


def _read_row(line: int, raw: dict[str, str], problems: list[str]) -> RegisterRow:
    reader = RowReader(line, raw, problems, key_column="local-authority-code")
    code = reader.text("local-authority-code", required=True, max_length=12)
    if code and not CODE_PATTERN.match(code):
        reader.problem("local-authority-code", f"{code!r} is not a register code like BST")
    is_current = reader.boolean("current-authority")
    gss_code = reader.text("gss-code", required=is_current, max_length=9) or None
    if gss_code and not GSS_PATTERN.match(gss_code):
        reader.problem("gss-code", f"{gss_code!r} is not a GSS code (a letter and 8 digits)")
    type_code = reader.choice("local-authority-type", REGISTER_KINDS)
    row = RegisterRow(
        line=line,
        register_code=code,
        name=reader.text("official-name", required=True),
        short_name=reader.text("nice-name"),
        gss_code=gss_code,
        nation=reader.choice("nation", Nation.values),
        region=reader.choice("region", Region.values, required=is_current),
        kind=REGISTER_KINDS.get(type_code, ""),
        is_current=is_current,
        start_date=reader.date("start-date"),
        end_date=reader.date("end-date"),
        replaced_by=reader.text("replaced-by"),
        population=reader.whole_number("pop-2020"),
        county_code=reader.text("county-la", max_length=12),
        combined_authority_code=reader.text("combined-authority", max_length=12),
    )
    row.slug = slugify(reader.text("gov-uk-slug") or row.short_name or row.name)[:100]
    return row


def _label(row: RegisterRow) -> str:
    return f"Row {row.line} ({row.register_code})"


def _check_whole_file(rows: list[RegisterRow], problems: list[str]) -> None:
    by_code: dict[str, RegisterRow] = {}
    gss_seen: dict[str, int] = {}
    for row in rows:
        if row.register_code in by_code:
            problems.append(
                f"{_label(row)}, field 'local-authority-code': {row.register_code!r} "
                f"repeats row {by_code[row.register_code].line}"
            )
        by_code.setdefault(row.register_code, row)
        if row.gss_code:
            if row.gss_code in gss_seen:
                problems.append(
                    f"{_label(row)}, field 'gss-code': {row.gss_code!r} "
                    f"repeats row {gss_seen[row.gss_code]}"
                )
            gss_seen.setdefault(row.gss_code, row.line)
    for row in rows:
        for column, code in (
            ("county-la", row.county_code),
            ("combined-authority", row.combined_authority_code),
        ):
            if code and code not in by_code:
                problems.append(
                    f"{_label(row)}, field '{column}': {code!r} is not a code in this file"
                )


def _assign_unique_slugs(rows: list[RegisterRow]) -> None:
    # Current councils get the plain slug; a former council sharing it gets its code added.
    taken: set[str] = set()
    for row in sorted(rows, key=lambda r: (not r.is_current, r.line)):
        if row.slug in taken or not row.slug:
            row.slug = f"{row.slug}-{row.register_code.lower()}".strip("-")
        taken.add(row.slug)


def read_register(path: Path) -> list[RegisterRow]:
    """Every row of the register file, validated; raises RegisterImportError naming each fault."""
    problems: list[str] = []
    try:
        with csv_rows(path, required_columns=REQUIRED_COLUMNS, what="The register") as numbered:
            rows = [_read_row(line, raw, problems) for line, raw in numbered]
    except ImportFileError as error:
        raise RegisterImportError(error.problems) from None
    if not rows:
        problems.append("The file has no rows after its header")
    _check_whole_file(rows, problems)
    if problems:
        raise RegisterImportError(problems)
    _assign_unique_slugs(rows)
    return rows


def _upsert(
    row: RegisterRow, existing: Organisation | None, summary: ImportSummary, *, is_demo: bool
) -> Organisation:
    values = row.values(is_demo=is_demo)
    if existing is None:
        summary.count(row.register_code, created=True)
        return Organisation.objects.create(register_code=row.register_code, **values)
    changed = {name: value for name, value in values.items() if getattr(existing, name) != value}
    if changed:
        for name, value in changed.items():
            setattr(existing, name, value)
        existing.save(update_fields=[*changed, "updated_at"])
    summary.count(row.register_code, changed=bool(changed))
    return existing


def _link(row: RegisterRow, organisation: Organisation, by_code: dict[str, Organisation]) -> bool:
    parent = by_code.get(row.county_code) if row.county_code else None
    combined = by_code.get(row.combined_authority_code) if row.combined_authority_code else None
    if organisation.parent_id == (
        parent.pk if parent else None
    ) and organisation.combined_authority_id == (combined.pk if combined else None):
        return False
    organisation.parent = parent
    organisation.combined_authority = combined
    organisation.save(update_fields=["parent", "combined_authority", "updated_at"])
    return True


def register_import(
    *,
    rows: list[RegisterRow],
    dry_run: bool = False,
    mark_demo: bool = False,
    progress: Callable[[int], None] | None = None,
) -> ImportSummary:
    """Create or update an organisation for every register row, all or nothing.

    `mark_demo` is for the demo seed's extract of the register; the real register's
    rows are facts and clear the demo mark."""
    summary = ImportSummary(dry_run=dry_run)
    try:
        with transaction.atomic():
            existing = Organisation.objects.in_bulk(
                [row.register_code for row in rows], field_name="register_code"
            )
            _check_gss_codes_are_free(rows)
            _release_moving_gss_codes(rows, existing)
            # Free the slugs rows will take: a demo record may hold one under another code.
            _release_conflicting_slugs(rows, existing)
            by_code = {}
            for row in rows:
                by_code[row.register_code] = _upsert(
                    row, existing.get(row.register_code), summary, is_demo=mark_demo
                )
                if progress:
                    progress(1)
            for row in rows:
                linked = _link(row, by_code[row.register_code], by_code)
                if linked and row.register_code not in summary.changed_keys:
                    # Counted as unchanged by _upsert; only its links moved.
                    summary.unchanged -= 1
                    summary.count(row.register_code, changed=True)
            if dry_run:
                raise DryRunRollback
    except DryRunRollback:
        pass
    return summary


def _check_gss_codes_are_free(rows: list[RegisterRow]) -> None:
    """A GSS code is unique: one the file gives a council must not be held by a council the
    file leaves alone (the file can move codes between its own councils)."""
    codes = {row.gss_code: row for row in rows if row.gss_code}
    in_file = {row.register_code for row in rows}
    problems = [
        f"{_label(codes[holder.gss_code])}, field 'gss-code': {holder.gss_code!r} is held by "
        f"{holder.name} ({holder.register_code or 'no register code'}), not in this file"
        for holder in Organisation.objects.filter(gss_code__in=codes)
        if holder.register_code not in in_file
    ]
    if problems:
        raise RegisterImportError(problems)


def _release_moving_gss_codes(rows: list[RegisterRow], existing: dict[str, Organisation]) -> None:
    # Codes that move between councils of the file are cleared first, so no write collides.
    moving = [
        existing[row.register_code].pk
        for row in rows
        if row.register_code in existing and existing[row.register_code].gss_code != row.gss_code
    ]
    Organisation.objects.filter(pk__in=moving).update(gss_code=None)


def _release_conflicting_slugs(rows: list[RegisterRow], existing: dict[str, Organisation]) -> None:
    wanted = {row.slug: row.register_code for row in rows}
    holders = Organisation.objects.filter(slug__in=wanted)
    for holder in holders:
        if holder.register_code != wanted[holder.slug]:
            holder.slug = f"{holder.slug}-{holder.pk}"
            holder.save(update_fields=["slug"])
            if holder.register_code in existing:
                existing[holder.register_code].slug = holder.slug
