"""The programme team's bulk CSV template: the template imports, each bad field is named,
nothing is half written, and a second run changes nothing."""

import csv
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from hub.cases.importers.bulk_csv import TEMPLATE_COLUMNS, cases_csv_import, read_cases_csv
from hub.cases.models import Licence, Resource, Stage, Status
from hub.core.importing import ImportFileError
from hub.demo.services import DEMO_COUNCILS_CSV, DEMO_LGSL_DIR
from hub.organisations.importers.register import read_register, register_import
from hub.search.models import SearchDocument
from hub.taxonomy.importers.lgsl import lgsl_import, read_lgsl

pytestmark = pytest.mark.django_db

TEMPLATE = Path(settings.BASE_DIR) / "docs" / "templates" / "good-practice-bulk-template.csv"


@pytest.fixture(autouse=True)
def councils_and_services():
    """The demo extracts of the register and the LGSL, which the template's rows name."""
    register_import(rows=read_register(DEMO_COUNCILS_CSV))
    lgsl_import(data=read_lgsl(DEMO_LGSL_DIR))


def template_rows() -> tuple[list[str], list[dict]]:
    with TEMPLATE.open(newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        return list(reader.fieldnames), list(reader)


def write(path: Path, fieldnames: list[str], rows: list[dict]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=fieldnames)
        writer.writeheader()
        writer.writerows(rows)
    return path


def changed_copy(tmp_path: Path, line: int, **changes) -> Path:
    fieldnames, rows = template_rows()
    rows[line - 2].update(changes)
    return write(tmp_path / "cases.csv", fieldnames, rows)


def test_the_template_has_every_column_in_order():
    fieldnames, rows = template_rows()
    assert tuple(fieldnames) == TEMPLATE_COLUMNS
    assert len(rows) == 2


def test_the_template_imports_cleanly():
    summary = cases_csv_import(rows=read_cases_csv(TEMPLATE))
    assert (summary.created, summary.updated, summary.unchanged) == (2, 0, 0)
    bulky = Resource.objects.get(source_key="csv:example-bulky-waste-booking")
    assert bulky.lead_organisation.gss_code == "E08000003"
    assert sorted(org.gss_code for org in bulky.partner_organisations.all()) == [
        "E08000006",
        "E08000007",
    ]
    assert sorted(area.lgsl_code for area in bulky.service_areas.all()) == [524, 528]
    assert sorted(theme.slug for theme in bulky.themes.all()) == [
        "channel-shift",
        "redesign-services-around-users",
    ]
    assert sorted(t.name for t in bulky.technologies.all()) == ["GOV.UK Notify", "GOV.UK Pay"]
    assert (bulky.stage, bulky.investment_pounds, bulky.evidence_level) == (Stage.LIVE, 40000, 2)
    assert bulky.approach.startswith("The team mapped the journey")
    assert (bulky.status, bulky.licence) == (Status.PUBLISHED, Licence.OGL_3)
    assert bulky.published_at is not None
    draft = Resource.objects.get(source_key="csv:example-garden-waste-renewals")
    assert (draft.status, draft.published_at, draft.lead_organisation.slug) == (
        Status.DRAFT,
        None,
        "leeds",
    )
    assert SearchDocument.objects.filter(kind="case", object_id=bulky.pk).exists()
    assert not SearchDocument.objects.filter(kind="case", object_id=draft.pk).exists()


def test_a_second_run_changes_nothing_and_says_so():
    cases_csv_import(rows=read_cases_csv(TEMPLATE))
    before = list(Resource.objects.values_list("pk", "updated_at").order_by("pk"))
    again = cases_csv_import(rows=read_cases_csv(TEMPLATE))
    assert (again.created, again.updated, again.unchanged) == (0, 0, 2)
    assert "Nothing changed" in str(again)
    assert again.reindexed is None
    assert list(Resource.objects.values_list("pk", "updated_at").order_by("pk")) == before


def test_a_changed_row_is_updated_including_its_lists(tmp_path):
    cases_csv_import(rows=read_cases_csv(TEMPLATE))
    path = changed_copy(tmp_path, 2, lgsl_codes="524", title="Booking bulky waste online")
    summary = cases_csv_import(rows=read_cases_csv(path))
    assert (summary.created, summary.updated, summary.unchanged) == (0, 1, 1)
    bulky = Resource.objects.get(source_key="csv:example-bulky-waste-booking")
    assert bulky.title == "Booking bulky waste online"
    assert [area.lgsl_code for area in bulky.service_areas.all()] == [524]
    assert bulky.slug == "example-row-booking-bulky-waste-collections-online"


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        (
            {"lead_organisation_gss_code": "E08999999"},
            "Row 2 (example-bulky-waste-booking), field 'lead_organisation_gss_code': "
            "'E08999999' is not the GSS code of an organisation",
        ),
        (
            {"partner_organisation_gss_codes": "E08000006;W06000099"},
            "field 'partner_organisation_gss_codes': 'W06000099' is not the GSS code",
        ),
        (
            {"lgsl_codes": "524;99999"},
            "Row 2 (example-bulky-waste-booking), field 'lgsl_codes': "
            "'99999' is not an LGSL code in the Hub",
        ),
        (
            {"start_date": "01/04/2024"},
            "Row 2 (example-bulky-waste-booking), field 'start_date': "
            "'01/04/2024' is not a date in the form YYYY-MM-DD",
        ),
        (
            {"end_date": "2023-01-01"},
            "field 'end_date': is before start_date",
        ),
        (
            {"themes": "channel-shift;blockchain"},
            "Row 2 (example-bulky-waste-booking), field 'themes': 'blockchain' is not a theme",
        ),
        ({"title": ""}, "field 'title': is empty but is required"),
        ({"summary": "word " * 121}, "field 'summary': is longer than 120 words"),
        ({"kind": "blog"}, "field 'kind': 'blog' is not one of"),
        ({"licence": "ogl-2"}, "field 'licence': 'ogl-2' is not one of: cc-by-4, ogl-3"),
        ({"status": "archived"}, "field 'status': 'archived' is not one of: draft, published"),
        ({"evidence_level": "7"}, "field 'evidence_level': 7 is not a level from 1 to 5"),
        ({"investment_pounds": "lots"}, "field 'investment_pounds': 'lots' is not a number"),
        ({"source_url": "not a link"}, "field 'source_url': 'not a link' is not a web address"),
        ({"key": "has spaces"}, "field 'key': 'has spaces' may use only letters"),
        (
            {"key": "example-garden-waste-renewals"},
            "Row 3 (example-garden-waste-renewals), field 'key': repeats row 2",
        ),
        (
            {"lead_organisation_gss_code": "", "lead_organisation_slug": ""},
            "field 'lead_organisation_gss_code': is empty, and so is lead_organisation_slug",
        ),
    ],
)
def test_a_bad_field_stops_the_import_naming_row_and_field(tmp_path, changes, message):
    path = changed_copy(tmp_path, 2, **changes)
    with pytest.raises(ImportFileError) as raised:
        read_cases_csv(path)
    assert message in str(raised.value)
    assert "nothing was written" in str(raised.value)
    assert Resource.objects.count() == 0


def test_an_unknown_column_is_named(tmp_path):
    fieldnames, rows = template_rows()
    path = write(tmp_path / "cases.csv", [*fieldnames, "lgsl_code"], rows)
    with pytest.raises(ImportFileError, match="the columns lgsl_code are not in the template"):
        read_cases_csv(path)


def test_a_missing_required_column_is_named(tmp_path):
    fieldnames, rows = template_rows()
    fieldnames.remove("summary")
    for row in rows:
        row.pop("summary")
    with pytest.raises(ImportFileError, match="the columns summary are missing"):
        read_cases_csv(write(tmp_path / "cases.csv", fieldnames, rows))


def test_dry_run_reports_and_writes_nothing():
    summary = cases_csv_import(rows=read_cases_csv(TEMPLATE), dry_run=True)
    assert str(summary).startswith("Would create 2")
    assert Resource.objects.count() == 0
    assert SearchDocument.objects.count() == 0


def test_the_command_imports_and_reports(capsys):
    call_command("import_cases_csv", str(TEMPLATE), verbosity=0)
    out = capsys.readouterr().out
    assert "Read 2 rows" in out
    assert "Created 2, updated 0, unchanged 0." in out


def test_the_command_dry_run_writes_nothing(capsys):
    call_command("import_cases_csv", str(TEMPLATE), dry_run=True, verbosity=0)
    assert "Dry run: nothing was written." in capsys.readouterr().out
    assert Resource.objects.count() == 0


def test_the_command_reports_a_bad_file_as_a_command_error(tmp_path):
    path = changed_copy(tmp_path, 3, lgsl_codes="abc")
    with pytest.raises(CommandError, match=r"Row 3 .*field 'lgsl_codes'"):
        call_command("import_cases_csv", str(path), verbosity=0)
    assert Resource.objects.count() == 0


def test_the_command_fails_cleanly_on_a_missing_file(tmp_path):
    with pytest.raises(CommandError, match="There is no file at"):
        call_command("import_cases_csv", str(tmp_path / "nowhere.csv"), verbosity=0)
