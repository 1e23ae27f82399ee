"""Import a collection of Markdown documents with YAML front matter: the GOV.UK design
histories and the first GOV.UK Service Manual, from the shared data folder.

A collection is a folder with `manifest.csv`, one row per document, naming each file. Every
row and file is read and validated before anything is written; then every record is written
in one transaction, so a bad collection changes nothing. Records are keyed by collection and
`doc_id` (`dh:...`, `sm:...`), so a second run of the same files changes nothing and says so.

Bodies are cleaned before they are stored (see `cleaning.py`): no template macros, comments,
missing images, email addresses or passwords. Front-matter `author` fields are never read.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote
from zoneinfo import ZoneInfo

import yaml
from django.db import transaction
from django.utils import timezone

from hub.cases.importers.cleaning import (
    clean_markdown,
    first_paragraph,
    plain_text,
    trim_words,
)
from hub.cases.importers.common import ResourceImportSummary, SlugAllocator, reindex_for_search
from hub.cases.importers.organisations import (
    GOVERNMENT_DIGITAL_SERVICE,
    Body,
    OrganisationResolver,
    bodies_for,
    sector_for,
)
from hub.cases.models import Licence, Resource, ResourceKind, Sector, Stage, Status
from hub.core.importing import DryRunRollback, ImportFileError, RowReader, csv_rows

MANIFEST_FILENAME = "manifest.csv"
LONDON = ZoneInfo("Europe/London")
COMMIT_PATTERN = re.compile(r"^[0-9a-f]{40}$")
REPOSITORY_PATTERN = re.compile(r"^[\w.-]+/[\w.-]+$")
FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?)^(?:---|\.\.\.)[ \t]*$\n?", re.DOTALL | re.MULTILINE)
ISO_DATE_START = re.compile(r"^\d{4}-\d{2}-\d{2}(?:[ T]|$)")


class FrontMatterLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """YAML's safe loader (libyaml's when PyYAML has it: much faster), building only plain
    data. Dates stay text, so that an impossible date is reported, not raised."""


FrontMatterLoader.add_constructor(
    "tag:yaml.org,2002:timestamp", lambda loader, node: loader.construct_scalar(node)
)
MAX_KEY_LENGTH = 300
MAX_TITLE_LENGTH = 200
MAX_URL_LENGTH = 500

# The fields an import owns: a re-import brings them back into line with the files.
# Status is set when a record is first imported; after that, editors publish or archive it.
IMPORTED_FIELDS = (
    "kind",
    "title",
    "summary",
    "body",
    "sector",
    "stage",
    "start_date",
    "licence",
    "published_at",
    "source_url",
    "source_name",
    "source_date",
    "lead_organisation_id",
)


@dataclass(frozen=True)
class Collection:
    name: str
    folder: str
    key_prefix: str
    kind: str
    licence: str
    required_columns: frozenset[str]
    # Where the manifest has no `source_repo` column, every document comes from this one.
    source_repo: str = ""
    # The source's name when it is not the repository's.
    source_name: str = ""
    # The date of a document without one (the snapshot the collection comes from).
    default_date: dt.date | None = None
    # One body leads every record, whatever the manifest says.
    lead_body: Body | None = None
    stage_from_phases: bool = False


COLLECTIONS = {
    "design-histories": Collection(
        name="design-histories",
        folder="govuk-design-histories",
        key_prefix="dh",
        kind=ResourceKind.CASE_STUDY,
        licence=Licence.MIT,
        required_columns=frozenset(
            {
                "doc_id",
                "source_repo",
                "source_path",
                "source_commit",
                "organisation",
                "title",
                "date",
                "file",
            }
        ),
    ),
    "service-manual": Collection(
        name="service-manual",
        folder="gds-service-design-manual-v1",
        key_prefix="sm",
        kind=ResourceKind.GUIDANCE,
        licence=Licence.OGL_2,
        required_columns=frozenset({"doc_id", "source_path", "source_commit", "title", "file"}),
        source_repo="alphagov/government-service-design-manual",
        source_name="GOV.UK Service Manual (first edition)",
        # The archived repository's last commit: the manual was replaced in December 2016.
        default_date=dt.date(2016, 12, 20),
        lead_body=GOVERNMENT_DIGITAL_SERVICE,
        stage_from_phases=True,
    ),
}


@dataclass
class Document:
    line: int
    source_key: str
    values: dict
    lead: Body | None = None
    partners: tuple[Body, ...] = ()


@dataclass
class ContentFile:
    collection: Collection
    folder: Path
    documents: list[Document] = field(default_factory=list)


class _Row:
    """One manifest row and its file, read through a RowReader that records each problem."""

    def __init__(self, collection: Collection, folder: Path, reader: RowReader):
        self.collection, self.folder, self.reader = collection, folder, reader

    def path(self) -> Path | None:
        name = self.reader.text("file", required=True, max_length=500)
        if not name:
            return None
        try:
            path = (self.folder / name).resolve()
            inside = path.is_relative_to(self.folder.resolve())
            is_file = inside and path.is_file()
        except (OSError, ValueError) as error:  # a name too long, or one the system refuses
            self.reader.problem(
                "file", f"{name[:80]!r} cannot be opened ({error.__class__.__name__})"
            )
            return None
        if not inside:
            self.reader.problem("file", f"{name!r} is outside the collection's folder")
        elif not is_file:
            self.reader.problem("file", f"there is no file at {name}")
        else:
            return path
        return None

    def read(self, path: Path) -> tuple[dict, str]:
        """The front matter as a dictionary, and the Markdown body."""
        try:
            text = path.read_text(encoding="utf-8").lstrip("\ufeff")
        except UnicodeDecodeError as error:
            self.reader.problem("file", f"is not UTF-8 text ({error.reason} at byte {error.start})")
            return {}, ""
        if "\x00" in text:
            self.reader.problem("file", f"has a NUL byte at character {text.index(chr(0))}")
            return {}, ""
        text = text.replace("\r\n", "\n")
        match = FRONT_MATTER.match(text)
        if not match:
            return {}, text
        try:
            front = yaml.load(match[1], Loader=FrontMatterLoader) or {}  # noqa: S506 - it is safe
        except yaml.YAMLError as error:
            where = getattr(error, "problem_mark", None)
            at = f" at line {where.line + 2}" if where else ""
            problem = getattr(error, "problem", None) or str(error).split("\n")[0]
            self.reader.problem("front matter", f"is not valid YAML{at}: {problem}")
            return {}, ""
        if not isinstance(front, dict):
            self.reader.problem("front matter", "is not a set of 'name: value' fields")
            return {}, ""
        return front, text[match.end() :]

    def title(self, front: dict) -> str:
        title = plain_text(clean_markdown(str(front.get("title") or "")))
        title = title or self.reader.text("title", max_length=1000)
        if not title:
            self.reader.problem("title", "is empty in the manifest and the front matter")
        elif len(title) > MAX_TITLE_LENGTH:
            self.reader.problem("title", f"is longer than {MAX_TITLE_LENGTH} characters")
        return title

    def date(self, front: dict) -> dt.date | None:
        value = front.get("date")
        if value in (None, "") and "date" in self.reader.raw:
            value = self.reader.text("date")
        if value in (None, ""):
            if self.collection.default_date is None:
                self.reader.problem("date", "is empty in the manifest and the front matter")
            return self.collection.default_date
        value = str(value).strip()
        try:
            return dt.datetime.fromisoformat(value).date()
        except ValueError:
            pass
        try:
            if ISO_DATE_START.match(value):
                return dt.date.fromisoformat(value[:10])
        except ValueError:
            pass
        self.reader.problem("date", f"{value!r} is not a date in the form YYYY-MM-DD")
        return None

    def stage(self, front: dict) -> str:
        if not self.collection.stage_from_phases:
            return ""
        phases = front.get("phases") or []
        if isinstance(phases, str):
            phases = re.split(r"[|,\s]+", phases.strip())
        elif not isinstance(phases, list):
            phases = [phases]
        phases = [str(phase).strip().lower() for phase in phases if str(phase).strip()]
        unknown = [phase for phase in phases if phase not in Stage.values]
        if unknown:
            self.reader.problem("phases", f"{', '.join(unknown)} is not a phase of a service")
            return ""
        return phases[0] if len(phases) == 1 else ""

    def source_url(self) -> tuple[str, str]:
        """The file's address on GitHub at the commit read, and the source's name."""
        repo = self.collection.source_repo or self.reader.text("source_repo", required=True)
        commit = self.reader.text("source_commit", required=True)
        path = self.reader.text("source_path", required=True, max_length=400)
        if repo and not REPOSITORY_PATTERN.match(repo):
            self.reader.problem("source_repo", f"{repo!r} is not a repository like owner/name")
        if commit and not COMMIT_PATTERN.match(commit):
            self.reader.problem("source_commit", f"{commit!r} is not a 40-character commit hash")
        url = f"https://github.com/{repo}/blob/{commit}/{quote(path)}"
        if len(url) > MAX_URL_LENGTH:
            self.reader.problem("source_path", f"makes an address over {MAX_URL_LENGTH} characters")
        return url, self.collection.source_name or repo

    def organisations(self) -> tuple[Body | None, tuple[Body, ...]]:
        if self.collection.lead_body:
            return self.collection.lead_body, ()
        name = self.reader.text("organisation")
        if not name:
            return None, ()
        try:
            return bodies_for(name)
        except LookupError as error:
            self.reader.problem("organisation", str(error))
            return None, ()


def _summary(front: dict, body: str, title: str) -> str:
    description = plain_text(clean_markdown(str(front.get("description") or "")))
    subtitle = plain_text(clean_markdown(str(front.get("subtitle") or "")))
    text = (
        description
        or first_paragraph(body)
        or subtitle
        or first_paragraph(body, prose_only=False)
        or title
    )
    return trim_words(text)


def _published_at(date: dt.date | None) -> dt.datetime | None:
    return dt.datetime.combine(date, dt.time.min, tzinfo=LONDON) if date else None


def _read_document(
    collection: Collection, folder: Path, line: int, raw: dict, problems: list[str]
) -> Document | None:
    reader = RowReader(line, raw, problems, key_column="doc_id")
    row = _Row(collection, folder, reader)
    doc_id = reader.text("doc_id", required=True, max_length=MAX_KEY_LENGTH)
    path = row.path()
    front, text = row.read(path) if path else ({}, "")
    title, date, stage = row.title(front), row.date(front), row.stage(front)
    source_url, source_name = row.source_url()
    lead, partners = row.organisations()
    source_key = f"{collection.key_prefix}:{doc_id}"
    if len(source_key) > MAX_KEY_LENGTH:
        reader.problem("doc_id", f"is longer than {MAX_KEY_LENGTH - 3} characters")
    body = clean_markdown(text)
    values = {
        "kind": collection.kind,
        "title": title,
        "summary": _summary(front, body, title),
        "body": body,
        "sector": sector_for(lead) if lead else Sector.CENTRAL_GOVERNMENT,
        "stage": stage,
        "start_date": None if collection.default_date else date,
        "licence": collection.licence,
        "published_at": _published_at(date),
        "source_url": source_url,
        "source_name": source_name,
        "source_date": date,
    }
    for name, value in values.items():
        # YAML can write a NUL as "\0"; the database cannot store one.
        if isinstance(value, str) and "\x00" in value:
            reader.problem("front matter", f"has a NUL character in the {name}")
    return Document(line, source_key, values, lead, partners) if doc_id else None


def _repeated_keys(documents: list[Document], problems: list[str]) -> None:
    first_line: dict[str, int] = {}
    for document in documents:
        if document.source_key in first_line:
            problems.append(
                f"Row {document.line} ({document.source_key}), field 'doc_id': "
                f"repeats row {first_line[document.source_key]}"
            )
        first_line.setdefault(document.source_key, document.line)


def read_collection(
    *, name: str, folder: Path, progress: Callable[[int], None] | None = None
) -> ContentFile:
    """Every document of a collection, read, cleaned and validated; raises ImportFileError
    naming each manifest row and field at fault."""
    collection = COLLECTIONS[name]
    what = f"The {name} collection"
    problems: list[str] = []
    content = ContentFile(collection=collection, folder=folder)
    with csv_rows(
        folder / MANIFEST_FILENAME, required_columns=set(collection.required_columns), what=what
    ) as numbered:
        for line, raw in numbered:
            document = _read_document(collection, folder, line, raw, problems)
            if document:
                content.documents.append(document)
            if progress:
                progress(1)
    if not content.documents and not problems:
        problems.append(f"{MANIFEST_FILENAME} has no rows after its header")
    _repeated_keys(content.documents, problems)
    if problems:
        raise ImportFileError(problems, what=what)
    return content


def manifest_rows(folder: Path) -> int:
    """How many documents a collection's manifest names: the progress bar's length."""
    path = folder / MANIFEST_FILENAME
    if not path.exists():
        return 0
    with csv_rows(path, required_columns=set(), what="The manifest") as numbered:
        return sum(1 for _ in numbered)


class _Writer:
    """Creates new records in bulk and updates changed ones in bulk, in the caller's
    transaction, counting each in the summary."""

    def __init__(self, documents: list[Document], summary: ResourceImportSummary):
        self.summary = summary
        self.organisations = OrganisationResolver(summary.organisations_created)
        self.existing = Resource.objects.in_bulk(
            [document.source_key for document in documents], field_name="source_key"
        )
        through = Resource.partner_organisations.through
        self.partners: dict[int, set[int]] = {}
        for resource_id, organisation_id in through.objects.filter(
            resource__source_key__in=list(self.existing)
        ).values_list("resource_id", "organisation_id"):
            self.partners.setdefault(resource_id, set()).add(organisation_id)
        self.slugs = SlugAllocator()
        self.now = timezone.now()
        self.created: list[tuple[Resource, list[int]]] = []
        self.updated: dict[int, Resource] = {}
        self.updated_fields: set[str] = set()
        self.new_partners: list = []

    def add(self, document: Document) -> None:
        values = dict(document.values)
        lead = self.organisations.resolve(document.lead) if document.lead else None
        values["lead_organisation_id"] = lead.pk if lead else None
        partner_ids = [self.organisations.resolve(body).pk for body in document.partners]
        resource = self.existing.get(document.source_key)
        if resource is None:
            resource = Resource(
                source_key=document.source_key,
                slug=self.slugs.allocate(values["title"]),
                status=Status.PUBLISHED,
                **values,
            )
            self.created.append((resource, partner_ids))
            self.summary.count(document.source_key, created=True)
            return
        changed = [name for name, value in values.items() if getattr(resource, name) != value]
        for name in changed:
            setattr(resource, name, values[name])
        # Partners an editor added stay; the import only adds the ones it names.
        missing = set(partner_ids) - self.partners.get(resource.pk, set())
        self.new_partners += [(resource.pk, organisation_id) for organisation_id in missing]
        if changed:
            resource.updated_at = self.now
            self.updated[resource.pk] = resource
            self.updated_fields.update(changed)
        self.summary.count(document.source_key, changed=bool(changed or missing))

    def save(self) -> None:
        Resource.objects.bulk_create([resource for resource, _ in self.created], batch_size=500)
        self.new_partners += [
            (resource.pk, organisation_id)
            for resource, partner_ids in self.created
            for organisation_id in partner_ids
        ]
        if self.updated:
            Resource.objects.bulk_update(
                list(self.updated.values()),
                fields=[*sorted(self.updated_fields), "updated_at"],
                batch_size=200,
            )
        through = Resource.partner_organisations.through
        through.objects.bulk_create(
            [
                through(resource_id=resource_id, organisation_id=organisation_id)
                for resource_id, organisation_id in self.new_partners
            ],
            batch_size=500,
        )


def content_import(
    *,
    content: ContentFile,
    dry_run: bool = False,
    progress: Callable[[int], None] | None = None,
) -> ResourceImportSummary:
    """Create or update a published record for every document of a collection, all or
    nothing, then re-index good practice for search once if anything changed."""
    summary = ResourceImportSummary(dry_run=dry_run)
    try:
        with transaction.atomic():
            writer = _Writer(content.documents, summary)
            for document in content.documents:
                writer.add(document)
                if progress:
                    progress(1)
            writer.save()
            reindex_for_search(summary)
            if dry_run:
                raise DryRunRollback
    except DryRunRollback:
        pass
    return summary
