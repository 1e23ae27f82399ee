"""Load a bench corpus (`corpus-docs.jsonl`, `corpus-lgsl.jsonl`) as published good practice,
through the Hub's own content importer, so the benchmark searches exactly what the site does.

Each corpus document becomes a Resource keyed by its corpus id (`source_key`), built the way
`import_markdown_content` builds design histories and Service Manual pages: the body cleaned
of template macros, comments, images, email addresses and passwords; the summary its first
paragraph of prose; the lead organisation resolved from the `organisation` field. The
importer writes them in bulk and rebuilds the search index of kind "case" once, through
`hub.search.services.search_rebuild`, which computes embeddings when a model is available.

Kinds by source: design histories are case studies; Service Manual pages and LGSL services
are guidance. An LGSL service's former names (from its `history_notes`) are kept as one
"Also called" line under its scope note, as synonyms a reader would see.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from zoneinfo import ZoneInfo

from hub.cases.importers.cleaning import clean_markdown, first_paragraph, plain_text, trim_words
from hub.cases.importers.markdown import ContentFile, Document, content_import
from hub.cases.importers.organisations import bodies_for, sector_for
from hub.cases.models import Licence, Resource, ResourceKind, Sector, Stage
from hub.search.bench.collection import read_jsonl
from hub.taxonomy.importers.lgsl import LgslFile, ServiceRow, lgsl_import

LONDON = ZoneInfo("Europe/London")
MAX_TITLE_LENGTH = 200
# The archived Service Manual's last commit: its pages carry no date of their own.
SERVICE_MANUAL_DATE = dt.date(2016, 12, 20)
LGSL_SOURCE_NAME = "Local Government Service List"
QUOTED_NAME = re.compile(r"'([^']+)'")


@dataclass(frozen=True)
class LoadedCorpus:
    """A corpus in the database: each record's corpus id, by the record's primary key."""

    doc_ids: dict[int, str]
    created: int
    reindexed: int | None


def former_names(history_notes: str, title: str) -> list[str]:
    """The names an LGSL service had before, from notes like "Term name changed from 'A' to
    'B' in version 3.00", without its current name or repeats."""
    names: dict[str, str] = {}
    for name in QUOTED_NAME.findall(history_notes or ""):
        name = " ".join(name.split())
        if name and name.lower() != title.lower():
            names.setdefault(name.lower(), name)
    return list(names.values())


def _published_at(date: dt.date | None) -> dt.datetime | None:
    return dt.datetime.combine(date, dt.time.min, tzinfo=LONDON) if date else None


def _date(value) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(value)[:10]) if value else None
    except ValueError:
        return None


def _summary(body: str, title: str, subtitle: str = "") -> str:
    """As the Markdown importer writes it when a document has no description."""

    return trim_words(
        first_paragraph(body) or subtitle or first_paragraph(body, prose_only=False) or title
    )


def _title(raw: str) -> str:

    return plain_text(clean_markdown(raw or ""))[:MAX_TITLE_LENGTH] or "Untitled"


def _lgsl_document(row: dict):

    title = _title(row["title"])
    scope_note = clean_markdown((row.get("body") or "").strip().lstrip('"').strip())
    names = former_names(row.get("history_notes") or "", title)
    body = scope_note
    if names:
        body += ("\n\n" if body else "") + "Also called: " + "; ".join(names) + "."
    date = _date(row.get("created"))
    values = {
        "kind": ResourceKind.GUIDANCE,
        "title": title,
        "summary": _summary(scope_note, title),
        "body": body,
        "sector": Sector.LOCAL_GOVERNMENT,
        "stage": "",
        "start_date": None,
        "licence": Licence.OGL_3,
        "published_at": _published_at(date),
        "source_url": "",
        "source_name": LGSL_SOURCE_NAME,
        "source_date": date,
    }
    return Document(line=0, source_key=row["id"], values=values)


def _stage(phases) -> str:

    phases = [str(phase).strip().lower() for phase in phases or [] if str(phase).strip()]
    return phases[0] if len(phases) == 1 and phases[0] in Stage.values else ""


def _content_document(row: dict):

    manual = row["id"].startswith("sm:")
    title = _title(row["title"])
    body = clean_markdown(row.get("body") or "")
    subtitle = plain_text(clean_markdown(row.get("subtitle") or ""))
    lead, partners = None, ()
    if row.get("organisation"):
        try:
            lead, partners = bodies_for(row["organisation"])
        except LookupError:
            pass
    date = SERVICE_MANUAL_DATE if manual else _date(row.get("date"))
    repo = row.get("source_repo") or ""
    values = {
        "kind": ResourceKind.GUIDANCE if manual else ResourceKind.CASE_STUDY,
        "title": title,
        "summary": _summary(body, title, subtitle),
        "body": body,
        "sector": sector_for(lead) if lead else Sector.CENTRAL_GOVERNMENT,
        "stage": _stage(row.get("tags")) if manual else "",
        "start_date": None if manual else date,
        "licence": Licence.OGL_2 if manual else Licence.MIT,
        "published_at": _published_at(date),
        "source_url": f"https://github.com/{repo}" if repo else "",
        "source_name": "GOV.UK Service Manual (first edition)" if manual else repo,
        "source_date": date,
    }
    return Document(line=0, source_key=row["id"], values=values, lead=lead, partners=partners)


def corpus_document(row: dict):
    """The importer's Document for one corpus row: an LGSL service, a post or a manual page."""
    if not row.get("id") or not row.get("title"):
        raise ValueError(f"A corpus row needs an id and a title: {str(row)[:100]}")
    return _lgsl_document(row) if "lgsl_code" in row else _content_document(row)


def load_rows(
    rows: Iterable[dict], *, progress: Callable[[int], None] | None = None
) -> LoadedCorpus:
    """Import corpus rows as published records and index them for search, in bulk."""

    documents = [corpus_document(row) for row in rows]
    content = ContentFile(collection=None, folder=Path("."), documents=documents)
    summary = content_import(content=content, progress=progress)
    keys = {document.source_key for document in documents}
    doc_ids = {
        pk: key
        for pk, key in Resource.objects.values_list("pk", "source_key").iterator(chunk_size=5000)
        if key in keys
    }
    return LoadedCorpus(doc_ids=doc_ids, created=summary.created, reindexed=summary.reindexed)


def load_corpus(path: Path, **kwargs) -> LoadedCorpus:
    return load_rows(read_jsonl(path), **kwargs)


def load_service_list(path: Path) -> int:
    """The LGSL taxonomy, from an LGSL corpus file, through the Hub's own LGSL importer: a
    site always has it (`make seed` imports the list, or a demo extract of it), and the
    search vocabulary draws on its labels and former names. Returns how many services."""
    services = [
        ServiceRow(
            lgsl_code=int(row["lgsl_code"]),
            label=row["title"],
            description=row.get("body") or "",
            history_notes=row.get("history_notes") or "",
        )
        for row in read_jsonl(path)
        if "lgsl_code" in row
    ]
    lgsl_import(data=LgslFile(functions=[], services=services))
    return len(services)
