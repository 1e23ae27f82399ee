"""The register importer on small files: validation, all-or-nothing, idempotence."""

import csv
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from hub.demo.services import DEMO_COUNCILS_CSV
from hub.organisations.importers.register import RegisterImportError, read_register, register_import
from hub.organisations.models import Organisation, OrganisationKind

pytestmark = pytest.mark.django_db


def rows_of(path: Path) -> tuple[list[str], list[dict]]:
    with path.open(newline="") as handle:
        reader = csv.DictReader(handle)
        return list(reader.fieldnames), list(reader)


def write(path: Path, fieldnames: list[str], rows: list[dict]) -> Path:
    with path.open("w", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=fieldnames)
        writer.writeheader()
        writer.writerows(rows)
    return path


def broken_copy(tmp_path: Path, line: int, column: str, value: str) -> Path:
    fieldnames, rows = rows_of(DEMO_COUNCILS_CSV)
    rows[line - 2][column] = value
    return write(tmp_path / "register.csv", fieldnames, rows)


def test_import_creates_councils_with_kind_region_and_links():
    summary = register_import(rows=read_register(DEMO_COUNCILS_CSV))
    assert summary.created == Organisation.objects.count() > 50
    manchester = Organisation.objects.get(register_code="MAN")
    assert (manchester.gss_code, manchester.kind, manchester.region) == (
        "E08000003",
        OrganisationKind.METROPOLITAN_DISTRICT,
        "North West",
    )
    assert manchester.combined_authority.register_code == "GMCA"
    assert Organisation.objects.get(register_code="MAI").parent.register_code == "KEN"
    assert Organisation.objects.get(register_code="GLG").kind == OrganisationKind.UNITARY
    assert not Organisation.objects.get(register_code="BMH").is_current


def test_a_second_run_changes_nothing_and_says_so():
    rows = read_register(DEMO_COUNCILS_CSV)
    register_import(rows=rows)
    before = list(Organisation.objects.values_list("pk", "updated_at").order_by("pk"))
    summary = register_import(rows=read_register(DEMO_COUNCILS_CSV))
    assert (summary.created, summary.updated, summary.unchanged) == (0, 0, len(rows))
    assert "Nothing changed" in str(summary)
    assert list(Organisation.objects.values_list("pk", "updated_at").order_by("pk")) == before


def test_a_changed_row_is_updated_and_counted(tmp_path):
    register_import(rows=read_register(DEMO_COUNCILS_CSV))
    changed = broken_copy(tmp_path, 3, "official-name", "Manchester City Council (renamed)")
    summary = register_import(rows=read_register(changed))
    assert (summary.created, summary.updated) == (0, 1)
    assert Organisation.objects.get(register_code="MAN").name.endswith("(renamed)")


@pytest.mark.parametrize(
    ("column", "value", "message"),
    [
        ("gss-code", "E0800000X", "Row 3 (MAN), field 'gss-code': 'E0800000X' is not a GSS code"),
        ("gss-code", "", "Row 3 (MAN), field 'gss-code': is empty but is required"),
        ("region", "Mercia", "Row 3 (MAN), field 'region': 'Mercia' is not one of"),
        ("local-authority-type", "XYZ", "Row 3 (MAN), field 'local-authority-type': 'XYZ'"),
        (
            "current-authority",
            "yes",
            "Row 3 (MAN), field 'current-authority': 'yes' is not True or False",
        ),
        ("start-date", "01/04/1974", "Row 3 (MAN), field 'start-date': '01/04/1974' is not a date"),
        (
            "combined-authority",
            "NOPE",
            "Row 3 (MAN), field 'combined-authority': 'NOPE' is not a code",
        ),
        ("pop-2020", "lots", "Row 3 (MAN), field 'pop-2020': 'lots' is not a number"),
        ("local-authority-code", "GMCA", "field 'local-authority-code': 'GMCA' repeats row 2"),
    ],
)
def test_a_bad_row_stops_the_import_naming_row_and_field(tmp_path, column, value, message):
    path = broken_copy(tmp_path, 3, column, value)
    with pytest.raises(RegisterImportError) as raised:
        read_register(path)
    assert message in str(raised.value)
    assert "nothing was written" in str(raised.value)
    assert Organisation.objects.count() == 0


def test_a_missing_column_is_named(tmp_path):
    fieldnames, rows = rows_of(DEMO_COUNCILS_CSV)
    fieldnames.remove("gss-code")
    for row in rows:
        row.pop("gss-code")
    with pytest.raises(RegisterImportError, match="columns gss-code are missing"):
        read_register(write(tmp_path / "r.csv", fieldnames, rows))


def test_a_failure_while_writing_leaves_nothing_half_written(monkeypatch):
    rows = read_register(DEMO_COUNCILS_CSV)
    from hub.organisations.importers import register as register_module

    real_link = register_module._link
    calls = {"n": 0}

    def failing_link(*args):
        calls["n"] += 1
        if calls["n"] == 10:
            raise RuntimeError("disk full")
        return real_link(*args)

    monkeypatch.setattr(register_module, "_link", failing_link)
    with pytest.raises(RuntimeError):
        register_import(rows=rows)
    assert Organisation.objects.count() == 0


def test_dry_run_reports_and_writes_nothing():
    summary = register_import(rows=read_register(DEMO_COUNCILS_CSV), dry_run=True)
    assert summary.created > 50
    assert str(summary).startswith("Would create")
    assert Organisation.objects.count() == 0


def test_the_command_reports_a_bad_file_as_a_command_error(tmp_path):
    path = broken_copy(tmp_path, 4, "nation", "Atlantis")
    with pytest.raises(CommandError, match="Row 4 .*field 'nation'"):
        call_command("import_register", path=path, verbosity=0)
    assert Organisation.objects.count() == 0


def test_the_command_prints_a_summary(capsys):
    call_command("import_register", path=DEMO_COUNCILS_CSV, verbosity=0)
    call_command("import_register", path=DEMO_COUNCILS_CSV, verbosity=0)
    out = capsys.readouterr().out
    assert "Created 53, updated 0, unchanged 0." in out
    assert "Created 0, updated 0, unchanged 53. Nothing changed" in out


def test_a_demo_record_holding_a_slug_gives_it_up(tmp_path):
    Organisation.objects.create(name="Squatter", slug="manchester", kind=OrganisationKind.OTHER)
    register_import(rows=read_register(DEMO_COUNCILS_CSV))
    assert Organisation.objects.get(register_code="MAN").slug == "manchester"
    assert Organisation.objects.get(name="Squatter").slug.startswith("manchester-")
