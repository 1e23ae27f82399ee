"""The Markdown importer on small collections: mapping, cleaning, validation, all or
nothing, idempotence and the command."""

import csv
import datetime as dt
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.core.management import CommandError, call_command

from hub.cases.importers.markdown import content_import, read_collection
from hub.cases.models import Licence, Resource, ResourceKind, Sector, Stage, Status
from hub.core.importing import ImportFileError
from hub.organisations.models import Organisation, OrganisationKind
from hub.search.models import SearchDocument

pytestmark = pytest.mark.django_db

COMMIT = "0123456789abcdef0123456789abcdef01234567"
DH_COLUMNS = [
    "doc_id",
    "source_repo",
    "source_path",
    "source_commit",
    "organisation",
    "title",
    "date",
    "author",
    "file",
]
SM_COLUMNS = ["doc_id", "source_path", "source_commit", "title", "phases", "file"]

# Fictional people: the surnames say so.
FIRST_POST = """---
title: Checking a teacher's record
description: How we made it quicker for employers to check a record.
date: 2024-03-05
author:
  name: Jo Fictional
  url: mailto:jo.fictional@example.gov.uk
tags:
  - check-a-record
---
{% from "figure/macro.njk" import appFigure with context %}
We asked 12 employers how they check a teacher's record. Write to
jo.fictional@example.gov.uk with questions.

{{ appFigure({
  image: { file: "start.png", alt: "The start page" },
  caption: "The start page after round 2"
}) }}

![A screenshot of the results page](results.png)

Prototype password: sunshine42
<!-- a note the team left for itself -->
"""

SECOND_POST = """---
title: Screening invitations
date: 2025-08-13
---
## Why we did this

People invited to breast screening told us the letter was hard to follow. We rewrote it
with them over three rounds of research.
"""


def write_collection(folder: Path, columns: list[str], rows: list[dict], files: dict) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    with (folder / "manifest.csv").open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns)
        writer.writeheader()
        writer.writerows(rows)
    return folder


def design_history_rows() -> list[dict]:
    return [
        {
            "doc_id": "tra-design-history:posts/check-a-record.md",
            "source_repo": "DFE-Digital/tra-digital-design-history",
            "source_path": "app/posts/check-a-record.md",
            "source_commit": COMMIT,
            "organisation": "Department for Education (Teaching Regulation Agency)",
            "title": "Checking a teacher's record",
            "date": "2024-03-05",
            "author": "Jo Fictional",
            "file": "posts/tra/check-a-record.md",
        },
        {
            "doc_id": "prevention-design-history:screening/index.md",
            "source_repo": "NHSDigital/prevention-services-design-history",
            "source_path": "app/screening/index.md",
            "source_commit": COMMIT,
            "organisation": "NHS England (NHS Digital)",
            "title": "Screening invitations",
            "date": "2025-08-13",
            "author": "",
            "file": "posts/nhs/screening/index.md",
        },
    ]


@pytest.fixture
def design_histories(tmp_path):
    def make(rows=None, files=None) -> Path:
        files = {
            "posts/tra/check-a-record.md": FIRST_POST,
            "posts/nhs/screening/index.md": SECOND_POST,
            **(files or {}),
        }
        return write_collection(tmp_path / "dh", DH_COLUMNS, rows or design_history_rows(), files)

    return make


def import_design_histories(folder: Path, **options):
    return content_import(
        content=read_collection(name="design-histories", folder=folder), **options
    )


def test_design_histories_become_published_case_studies_with_their_source(design_histories):
    summary = import_design_histories(design_histories())
    assert (summary.created, summary.updated, summary.unchanged) == (2, 0, 0)
    record = Resource.objects.get(source_key="dh:tra-design-history:posts/check-a-record.md")
    assert (record.kind, record.status, record.licence, record.sector) == (
        ResourceKind.CASE_STUDY,
        Status.PUBLISHED,
        Licence.MIT,
        Sector.CENTRAL_GOVERNMENT,
    )
    assert record.title == "Checking a teacher's record"
    assert record.summary == "How we made it quicker for employers to check a record."
    assert record.start_date == record.source_date == dt.date(2024, 3, 5)
    assert record.published_at == dt.datetime(2024, 3, 5, tzinfo=ZoneInfo("Europe/London"))
    assert record.source_url == (
        f"https://github.com/DFE-Digital/tra-digital-design-history/blob/{COMMIT}/"
        "app/posts/check-a-record.md"
    )
    assert record.source_name == "DFE-Digital/tra-digital-design-history"
    assert record.slug == "checking-a-teachers-record"


def test_the_body_is_cleaned_and_the_author_is_never_imported(design_histories):
    import_design_histories(design_histories())
    body = Resource.objects.get(source_key__endswith="check-a-record.md").body
    assert body.startswith("We asked 12 employers how they check a teacher's record.")
    assert "[email address removed]" in body
    assert "The start page after round 2" in body
    assert "Image: A screenshot of the results page" in body
    assert "Prototype [password removed]" in body
    for gone in ("{%", "{{", "<!--", "jo.fictional", "Jo Fictional", "sunshine42", ".png"):
        assert gone not in body
    assert not Resource.objects.filter(summary__icontains="Fictional").exists()
    assert not [field for field in Resource._meta.get_fields() if "author" in field.name]


def test_without_a_description_the_summary_is_the_first_paragraph(design_histories):
    import_design_histories(design_histories())
    record = Resource.objects.get(source_key__endswith="screening/index.md")
    assert record.summary == (
        "People invited to breast screening told us the letter was hard to follow. "
        "We rewrote it with them over three rounds of research."
    )


def test_central_and_nhs_bodies_become_organisations_with_proper_names(design_histories):
    summary = import_design_histories(design_histories())
    tra = Resource.objects.get(source_key__endswith="check-a-record.md")
    assert tra.lead_organisation.name == "Teaching Regulation Agency"
    assert [org.name for org in tra.partner_organisations.all()] == ["Department for Education"]
    nhs = Resource.objects.get(source_key__endswith="screening/index.md")
    assert (nhs.lead_organisation.name, nhs.lead_organisation.kind, nhs.sector) == (
        "NHS England",
        OrganisationKind.NHS_BODY,
        Sector.HEALTH,
    )
    assert sorted(summary.organisations_created) == [
        "Department for Education",
        "NHS England",
        "Teaching Regulation Agency",
    ]
    assert "Added 3 organisations" in str(summary)


def test_an_organisation_already_in_the_hub_is_used_by_name(design_histories):
    existing = Organisation.objects.create(
        name="NHS England", slug="nhs-england-existing", kind=OrganisationKind.NHS_BODY
    )
    import_design_histories(design_histories())
    nhs = Resource.objects.get(source_key__endswith="screening/index.md")
    assert nhs.lead_organisation == existing
    assert Organisation.objects.filter(name="NHS England").count() == 1


def test_a_second_run_changes_nothing_and_says_so(design_histories):
    folder = design_histories()
    import_design_histories(folder)
    before = list(Resource.objects.values_list("pk", "slug", "updated_at").order_by("pk"))
    organisations = Organisation.objects.count()
    again = import_design_histories(folder)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 2)
    assert "Nothing changed" in str(again)
    assert list(Resource.objects.values_list("pk", "slug", "updated_at").order_by("pk")) == before
    assert Organisation.objects.count() == organisations


def test_a_changed_file_updates_its_record_and_keeps_its_slug(design_histories):
    import_design_histories(design_histories())
    changed = design_histories(
        files={"posts/nhs/screening/index.md": SECOND_POST.replace("Screening", "Better screening")}
    )
    summary = import_design_histories(changed)
    assert (summary.created, summary.updated, summary.unchanged) == (0, 1, 1)
    record = Resource.objects.get(source_key__endswith="screening/index.md")
    assert (record.title, record.slug) == ("Better screening invitations", "screening-invitations")


def test_an_editors_archive_stands_after_a_re_import(design_histories):
    folder = design_histories()
    import_design_histories(folder)
    Resource.objects.filter(source_key__endswith="screening/index.md").update(
        status=Status.ARCHIVED
    )
    assert not import_design_histories(folder).changed_anything
    assert Resource.objects.get(source_key__endswith="screening/index.md").status == "archived"


def test_published_records_are_indexed_for_search_once_written(design_histories):
    summary = import_design_histories(design_histories())
    assert summary.reindexed == 2
    assert SearchDocument.objects.filter(kind="case").count() == 2


def test_dry_run_reports_and_writes_nothing(design_histories):
    summary = import_design_histories(design_histories(), dry_run=True)
    assert summary.created == 2
    assert str(summary).startswith("Would create 2")
    assert "Would add 3 organisations" in str(summary)
    assert Resource.objects.count() == Organisation.objects.count() == 0
    assert SearchDocument.objects.count() == 0


def broken(rows: list[dict], index: int, **changes) -> list[dict]:
    rows[index].update(changes)
    return rows


@pytest.mark.parametrize(
    ("rows", "files", "message"),
    [
        (
            broken(design_history_rows(), 1, file="posts/nhs/missing.md"),
            {},
            "Row 3 (prevention-design-history:screening/index.md), field 'file': "
            "there is no file at posts/nhs/missing.md",
        ),
        (
            design_history_rows(),
            {"posts/nhs/screening/index.md": "---\ntitle: [unclosed\ndate: 2025-08-13\n---\nText"},
            "Row 3 (prevention-design-history:screening/index.md), field 'front matter': "
            "is not valid YAML",
        ),
        (
            broken(design_history_rows(), 1, title=""),
            {"posts/nhs/screening/index.md": "---\ndate: 2025-08-13\n---\nSome words here."},
            "Row 3 (prevention-design-history:screening/index.md), field 'title': is empty",
        ),
        (
            design_history_rows(),
            {"posts/nhs/screening/index.md": "---\ntitle: A\ndate: 2025-13-45\n---\nText"},
            "Row 3 (prevention-design-history:screening/index.md), field 'date': "
            "'2025-13-45' is not a date",
        ),
        (
            broken(design_history_rows(), 0, organisation="Ministry of Magic"),
            {},
            "Row 2 (tra-design-history:posts/check-a-record.md), field 'organisation': "
            "'Ministry of Magic' is neither an organisation in the Hub",
        ),
        (
            broken(design_history_rows(), 1, doc_id=""),
            {},
            "Row 3, field 'doc_id': is empty but is required",
        ),
        (
            broken(design_history_rows(), 1, file="../../outside.md"),
            {},
            "field 'file': '../../outside.md' is outside the collection's folder",
        ),
        (
            broken(design_history_rows(), 1, doc_id="tra-design-history:posts/check-a-record.md"),
            {},
            "Row 3 (dh:tra-design-history:posts/check-a-record.md), field 'doc_id': repeats row 2",
        ),
    ],
    ids=[
        "missing file",
        "bad YAML",
        "missing title",
        "bad date",
        "unknown organisation",
        "missing doc_id",
        "file outside",
        "repeated doc_id",
    ],
)
def test_a_bad_row_stops_the_import_naming_row_and_field(design_histories, rows, files, message):
    folder = design_histories(rows=rows, files=files)
    with pytest.raises(ImportFileError) as raised:
        read_collection(name="design-histories", folder=folder)
    assert message in str(raised.value)
    assert "nothing was written" in str(raised.value)
    assert Resource.objects.count() == Organisation.objects.count() == 0


def test_a_missing_manifest_column_is_named(tmp_path):
    folder = write_collection(tmp_path / "dh", ["doc_id", "title", "file"], [], {})
    with pytest.raises(ImportFileError, match="columns date, organisation, source_commit"):
        read_collection(name="design-histories", folder=folder)


def test_a_failure_while_writing_leaves_nothing_written(design_histories, monkeypatch):
    content = read_collection(name="design-histories", folder=design_histories())
    from hub.cases.importers import markdown

    def fail(summary):
        raise RuntimeError("disk full")

    monkeypatch.setattr(markdown, "reindex_for_search", fail)
    with pytest.raises(RuntimeError):
        content_import(content=content)
    assert Resource.objects.count() == Organisation.objects.count() == 0


SERVICE_MANUAL_PAGE = """---
layout: detailed-guidance
title: Governing the alpha phase
subtitle: What to expect
category: governance
phases:
  - alpha
breadcrumbs:
  - title: Home
    url: /service-manual
---

In the alpha phase your team builds prototypes to test different ideas with users.
"""


def test_service_manual_pages_become_guidance_from_gds_with_one_phase_as_stage(tmp_path):
    rows = [
        {
            "doc_id": "governance/governing-the-alpha-phase",
            "source_path": "service-manual/governance/governing-the-alpha-phase.md",
            "source_commit": COMMIT,
            "title": "Governing the alpha phase",
            "phases": "alpha",
            "file": "pages/governance/governing-the-alpha-phase.md",
        },
        {
            "doc_id": "agile/index",
            "source_path": "service-manual/agile/index.md",
            "source_commit": COMMIT,
            "title": "Agile",
            "phases": "discovery|alpha",
            "file": "pages/agile/index.md",
        },
    ]
    folder = write_collection(
        tmp_path / "sm",
        SM_COLUMNS,
        rows,
        {
            "pages/governance/governing-the-alpha-phase.md": SERVICE_MANUAL_PAGE,
            "pages/agile/index.md": "---\ntitle: Agile\nsubtitle: What it is and why it works\n"
            "phases: [discovery, alpha]\n---\n## Guides\n\n* [Features of agile](/a)\n",
        },
    )
    content_import(content=read_collection(name="service-manual", folder=folder))
    alpha = Resource.objects.get(source_key="sm:governance/governing-the-alpha-phase")
    assert (alpha.kind, alpha.licence, alpha.sector, alpha.stage) == (
        ResourceKind.GUIDANCE,
        Licence.OGL_2,
        Sector.CENTRAL_GOVERNMENT,
        Stage.ALPHA,
    )
    assert alpha.lead_organisation.name == "Government Digital Service"
    assert alpha.source_name == "GOV.UK Service Manual (first edition)"
    assert alpha.source_url.startswith(
        "https://github.com/alphagov/government-service-design-manual/blob/"
    )
    assert alpha.source_date == dt.date(2016, 12, 20)
    assert alpha.start_date is None
    agile = Resource.objects.get(source_key="sm:agile/index")
    assert agile.stage == ""
    assert agile.summary == "What it is and why it works"


def test_the_command_imports_and_reports(design_histories, capsys):
    folder = design_histories()
    call_command("import_markdown_content", collection="design-histories", dir=folder, verbosity=0)
    call_command("import_markdown_content", collection="design-histories", dir=folder, verbosity=0)
    out = capsys.readouterr().out
    assert "Read 2 documents" in out
    assert "Created 2, updated 0, unchanged 0." in out
    assert "Created 0, updated 0, unchanged 2. Nothing changed" in out


def test_the_command_dry_run_writes_nothing(design_histories, capsys):
    call_command(
        "import_markdown_content",
        collection="design-histories",
        dir=design_histories(),
        dry_run=True,
        verbosity=0,
    )
    assert "Dry run: nothing was written." in capsys.readouterr().out
    assert Resource.objects.count() == 0


def test_the_command_reports_a_bad_collection_as_a_command_error(design_histories):
    folder = design_histories(rows=broken(design_history_rows(), 0, file="nope.md"))
    with pytest.raises(CommandError, match=r"Row 2 .*field 'file'"):
        call_command(
            "import_markdown_content", collection="design-histories", dir=folder, verbosity=0
        )
    assert Resource.objects.count() == 0


def test_the_command_fails_cleanly_on_a_missing_folder(tmp_path):
    with pytest.raises(CommandError, match="There is no file at"):
        call_command(
            "import_markdown_content",
            collection="service-manual",
            dir=tmp_path / "nowhere",
            verbosity=0,
        )
