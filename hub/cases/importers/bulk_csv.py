"""Import good practice records in bulk from the programme team's CSV template
(`docs/templates/good-practice-bulk-template.csv`; the README lists its columns).

Every row is validated before anything is written: each field is checked, and every
organisation, LGSL service and theme a row names must already be in the Hub. Then all rows
are written in one transaction, so a bad file changes nothing. Records are keyed by the
`key` column (`csv:<key>`), so a second run of the same file changes nothing and says so.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils import timezone

from hub.cases.importers.common import ResourceImportSummary, SlugAllocator, reindex_for_search
from hub.cases.models import (
    CONTRIBUTOR_LICENCES,
    SUMMARY_WORD_LIMIT,
    Licence,
    Resource,
    ResourceKind,
    Sector,
    Stage,
    Status,
    Supplier,
    Technology,
)
from hub.core.importing import DryRunRollback, ImportFileError, RowReader, csv_rows
from hub.organisations.models import Organisation
from hub.taxonomy.models import EvidenceLevel, ServiceArea, Theme

KEY_PREFIX = "csv:"
KEY_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
MAX_KEY_LENGTH = 100
MAX_SECTION_LENGTH = 20_000
# The case study's sections: the template's column, then the record's field.
SECTIONS = {
    "problem": "problem",
    "what_was_done": "approach",
    "technology_and_suppliers": "technology_notes",
    "cost": "cost_notes",
    "benefits": "benefits_notes",
    "lessons": "lessons",
    "do_differently": "do_differently",
}
TEMPLATE_COLUMNS = (
    "key",
    "kind",
    "title",
    "summary",
    *SECTIONS,
    "lead_organisation_gss_code",
    "lead_organisation_slug",
    "partner_organisation_gss_codes",
    "sector",
    "lgsl_codes",
    "themes",
    "technologies",
    "suppliers",
    "stage",
    "start_date",
    "end_date",
    "investment_pounds",
    "evidence_level",
    "licence",
    "status",
    "source_url",
)
REQUIRED_COLUMNS = {"key", "title", "summary"}
STATUSES = (Status.DRAFT, Status.PUBLISHED)
RELATED_FIELDS = ("partner_organisations", "service_areas", "themes")


@dataclass
class Vocabulary:
    """What rows may name, loaded once: organisations, LGSL services and themes."""

    organisations_by_gss: dict[str, int]
    organisations_by_slug: dict[str, int]
    service_areas: dict[str, int]
    themes: dict[str, int]

    @classmethod
    def load(cls) -> Vocabulary:
        organisations = Organisation.objects.values_list("pk", "gss_code", "slug")
        return cls(
            organisations_by_gss={gss: pk for pk, gss, _ in organisations if gss},
            organisations_by_slug={slug: pk for pk, _, slug in organisations},
            service_areas={
                str(code): pk for pk, code in ServiceArea.objects.values_list("pk", "lgsl_code")
            },
            themes={slug: pk for pk, slug in Theme.objects.values_list("pk", "slug")},
        )


@dataclass
class CaseRow:
    line: int
    source_key: str
    status: str
    values: dict
    related: dict[str, set[int]]
    technologies: list[str] = field(default_factory=list)
    suppliers: list[str] = field(default_factory=list)


class _Fields:
    """Reads one row's fields beyond what RowReader knows: lists, references and ranges."""

    def __init__(self, reader: RowReader, vocabulary: Vocabulary):
        self.reader, self.vocabulary = reader, vocabulary

    def items(self, column: str, *, max_length: int = 200) -> list[str]:
        value = self.reader.text(column, max_length=5000)
        items = list(dict.fromkeys(item.strip() for item in value.split(";") if item.strip()))
        for item in items:
            if len(item) > max_length:
                self.reader.problem(column, f"{item[:40]!r}... is longer than {max_length}")
        return items

    def references(self, column: str, known: dict[str, int], what: str) -> set[int]:
        ids = set()
        for item in self.items(column):
            if item in known:
                ids.add(known[item])
            else:
                self.reader.problem(column, f"{item!r} is not {what}")
        return ids

    def lead_organisation(self) -> int | None:
        gss = self.reader.text("lead_organisation_gss_code", max_length=9)
        slug = self.reader.text("lead_organisation_slug", max_length=120)
        by_gss = self.vocabulary.organisations_by_gss.get(gss) if gss else None
        by_slug = self.vocabulary.organisations_by_slug.get(slug) if slug else None
        if gss and by_gss is None:
            self.reader.problem(
                "lead_organisation_gss_code", f"{gss!r} is not the GSS code of an organisation"
            )
        if slug and by_slug is None:
            self.reader.problem("lead_organisation_slug", f"{slug!r} is not an organisation")
        if not gss and not slug:
            self.reader.problem(
                "lead_organisation_gss_code",
                "is empty, and so is lead_organisation_slug: give one of them",
            )
        if by_gss and by_slug and by_gss != by_slug:
            self.reader.problem(
                "lead_organisation_slug", "names another organisation than the GSS code does"
            )
        return by_gss or by_slug

    def summary(self) -> str:
        summary = self.reader.text("summary", required=True, max_length=5000)
        if len(summary.split()) > SUMMARY_WORD_LIMIT:
            self.reader.problem("summary", f"is longer than {SUMMARY_WORD_LIMIT} words")
        return summary

    def dates(self) -> tuple:
        start, end = self.reader.date("start_date"), self.reader.date("end_date")
        if start and end and end < start:
            self.reader.problem("end_date", "is before start_date")
        return start, end

    def evidence_level(self) -> int | None:
        level = self.reader.whole_number("evidence_level")
        if level is not None and level not in EvidenceLevel.values:
            self.reader.problem("evidence_level", f"{level} is not a level from 1 to 5")
            return None
        return level

    def source_url(self) -> str:
        url = self.reader.text("source_url", max_length=500)
        if url:
            try:
                URLValidator(schemes=["http", "https"])(url)
            except ValidationError:
                self.reader.problem("source_url", f"{url!r} is not a web address")
        return url

    def key(self) -> str:
        key = self.reader.text("key", required=True, max_length=MAX_KEY_LENGTH)
        if key and not KEY_PATTERN.match(key):
            self.reader.problem(
                "key", f"{key!r} may use only letters, digits, dots, hyphens and underscores"
            )
        return key


def _read_row(line: int, raw: dict, problems: list[str], vocabulary: Vocabulary) -> CaseRow:
    reader = RowReader(line, raw, problems, key_column="key")
    fields = _Fields(reader, vocabulary)
    key = fields.key()
    start_date, end_date = fields.dates()
    values = {
        "kind": reader.choice("kind", ResourceKind.values, required=False)
        or ResourceKind.CASE_STUDY,
        "title": reader.text("title", required=True, max_length=200),
        "summary": fields.summary(),
        **{
            name: reader.text(column, max_length=MAX_SECTION_LENGTH)
            for column, name in SECTIONS.items()
        },
        "lead_organisation_id": fields.lead_organisation(),
        "sector": reader.choice("sector", Sector.values, required=False) or Sector.LOCAL_GOVERNMENT,
        "stage": reader.choice("stage", Stage.values, required=False),
        "start_date": start_date,
        "end_date": end_date,
        "investment_pounds": reader.whole_number("investment_pounds"),
        "evidence_level": fields.evidence_level(),
        "licence": reader.choice("licence", CONTRIBUTOR_LICENCES, required=False) or Licence.OGL_3,
        "source_url": fields.source_url(),
    }
    organisations = vocabulary.organisations_by_gss
    related = {
        "partner_organisations": fields.references(
            "partner_organisation_gss_codes", organisations, "the GSS code of an organisation"
        ),
        "service_areas": fields.references(
            "lgsl_codes", vocabulary.service_areas, "an LGSL code in the Hub"
        ),
        "themes": fields.references("themes", vocabulary.themes, "a theme in the Hub"),
    }
    return CaseRow(
        line=line,
        source_key=f"{KEY_PREFIX}{key}",
        status=reader.choice("status", STATUSES, required=False) or Status.DRAFT,
        values=values,
        related=related,
        technologies=fields.items("technologies", max_length=120),
        suppliers=fields.items("suppliers", max_length=200),
    )


def _check_header(path: Path, problems: list[str]) -> None:
    with path.open(newline="", encoding="utf-8-sig") as handle:
        header = next(csv.reader(handle), [])
    unknown = [column for column in header if column not in TEMPLATE_COLUMNS]
    if unknown:
        problems.append(f"Row 1 (header): the columns {', '.join(unknown)} are not in the template")


def _repeated_keys(rows: list[CaseRow], problems: list[str]) -> None:
    first_line: dict[str, int] = {}
    for row in rows:
        key = row.source_key.removeprefix(KEY_PREFIX)
        if key and row.source_key in first_line:
            problems.append(
                f"Row {row.line} ({key}), field 'key': repeats row {first_line[row.source_key]}"
            )
        first_line.setdefault(row.source_key, row.line)


def read_cases_csv(path: Path) -> list[CaseRow]:
    """Every row of a bulk template file, validated against the Hub; raises ImportFileError
    naming each row and field at fault."""
    what = f"The file {path.name}"
    problems: list[str] = []
    vocabulary = Vocabulary.load()
    with csv_rows(path, required_columns=REQUIRED_COLUMNS, what=what) as numbered:
        _check_header(path, problems)
        rows = [_read_row(line, raw, problems, vocabulary) for line, raw in numbered]
    if not rows:
        problems.append("The file has no rows after its header")
    _repeated_keys(rows, problems)
    if problems:
        raise ImportFileError(problems, what=what)
    return rows


def _named(model, names: list[str]) -> set[int]:
    """The technologies or suppliers with these names (any case), adding any not there."""
    ids = set()
    for name in names:
        instance = model.objects.filter(name__iexact=name).first()
        ids.add((instance or model.objects.create(name=name)).pk)
    return ids


def _set_related(resource: Resource, row: CaseRow, *, created: bool) -> bool:
    wanted = {
        **row.related,
        "technologies": _named(Technology, row.technologies),
        "suppliers": _named(Supplier, row.suppliers),
    }
    changed = False
    for name, ids in wanted.items():
        current = set() if created else {item.pk for item in getattr(resource, name).all()}
        if current != ids:
            getattr(resource, name).set(ids)
            changed = True
    return changed


def _upsert(
    row: CaseRow, existing: Resource | None, slugs: SlugAllocator, summary: ResourceImportSummary
) -> None:
    if existing is None:
        # Status is set when a record is first imported; after that, editors moderate it.
        published = row.status == Status.PUBLISHED
        resource = Resource.objects.create(
            source_key=row.source_key,
            slug=slugs.allocate(row.values["title"]),
            status=row.status,
            published_at=timezone.now() if published else None,
            **row.values,
        )
        _set_related(resource, row, created=True)
        summary.count(row.source_key, created=True)
        return
    changed = [name for name, value in row.values.items() if getattr(existing, name) != value]
    for name in changed:
        setattr(existing, name, row.values[name])
    if changed:
        existing.save(update_fields=[*changed, "updated_at"])
    related_changed = _set_related(existing, row, created=False)
    summary.count(row.source_key, changed=bool(changed or related_changed))


def cases_csv_import(
    *,
    rows: list[CaseRow],
    dry_run: bool = False,
    progress: Callable[[int], None] | None = None,
) -> ResourceImportSummary:
    """Create or update a record for every row, all or nothing; then re-index good practice
    for search once if anything changed."""
    summary = ResourceImportSummary(dry_run=dry_run)
    try:
        with transaction.atomic():
            existing = Resource.objects.prefetch_related(
                *RELATED_FIELDS, "technologies", "suppliers"
            ).in_bulk([row.source_key for row in rows], field_name="source_key")
            slugs = SlugAllocator()
            for row in rows:
                _upsert(row, existing.get(row.source_key), slugs, summary)
                if progress:
                    progress(1)
            reindex_for_search(summary)
            if dry_run:
                raise DryRunRollback
    except DryRunRollback:
        pass
    return summary
