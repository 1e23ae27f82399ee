import csv
import shutil
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from hub.core.importing import ImportFileError
from hub.taxonomy.importers.lgsl import lgsl_import, read_lgsl
from hub.taxonomy.models import ServiceArea, ServiceFunction, Theme, ThemeKind

pytestmark = pytest.mark.django_db

DEMO_LGSL = Path(__file__).resolve().parents[2] / "demo" / "data" / "lgsl"
REAL_LGSL = settings.HUB_SHARED_DATA_DIR / "lgsl-services"


def copy_with_change(tmp_path: Path, filename: str, line: int, column: str, value: str) -> Path:
    shutil.copytree(DEMO_LGSL, tmp_path / "lgsl")
    path = tmp_path / "lgsl" / filename
    with path.open(newline="", encoding="utf-8-sig") as handle:
        reader = csv.DictReader(handle)
        fieldnames, rows = reader.fieldnames, list(reader)
    rows[line - 2][column] = value
    with path.open("w", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=fieldnames)
        writer.writeheader()
        writer.writerows(rows)
    return tmp_path / "lgsl"


def test_import_creates_functions_with_parents_and_services():
    summary = lgsl_import(data=read_lgsl(DEMO_LGSL))
    assert ServiceFunction.objects.count() == 113
    assert ServiceFunction.objects.filter(parent=None).count() == 13
    assert ServiceFunction.objects.get(identifier=2).parent.label == "Advice and benefits"
    assert ServiceArea.objects.get(lgsl_code=524).label == "Household waste collection"
    assert summary.created == 113 + ServiceArea.objects.count()


def test_a_second_run_changes_nothing():
    lgsl_import(data=read_lgsl(DEMO_LGSL))
    again = lgsl_import(data=read_lgsl(DEMO_LGSL))
    assert not again.changed_anything
    assert "Nothing changed" in str(again)


@pytest.mark.parametrize(
    ("filename", "column", "value", "message"),
    [
        ("esd_services.csv", "Identifier", "five", "field 'Identifier': 'five' is not a number"),
        ("esd_services.csv", "Label", "", "field 'Label': is empty but is required"),
        ("esd_services.csv", "Type", "Function", "field 'Type': 'Function' is not one of: Service"),
        (
            "esd_functions.csv",
            "Parent identifiers",
            "999",
            "field 'Parent identifiers': 999 is not a function",
        ),
    ],
)
def test_bad_rows_stop_the_import_naming_row_and_field(tmp_path, filename, column, value, message):
    folder = copy_with_change(tmp_path, filename, 3, column, value)
    with pytest.raises(ImportFileError) as raised:
        read_lgsl(folder)
    assert "Row 3" in str(raised.value)
    assert message in str(raised.value)
    assert ServiceArea.objects.count() == 0


def test_the_command_fails_cleanly_on_a_missing_folder(tmp_path):
    with pytest.raises(CommandError, match="There is no file at"):
        call_command("import_lgsl", dir=tmp_path / "nowhere", verbosity=0)


def test_dry_run_writes_nothing(capsys):
    call_command("import_lgsl", dir=DEMO_LGSL, dry_run=True, verbosity=0)
    assert "Would create" in capsys.readouterr().out
    assert ServiceArea.objects.count() == 0


@pytest.mark.skipif(not REAL_LGSL.exists(), reason=f"the shared LGSL is not at {REAL_LGSL}")
def test_the_real_lgsl_imports_every_service_in_the_file():
    with (REAL_LGSL / "esd_services.csv").open(newline="", encoding="utf-8-sig") as handle:
        codes = {int(row["Identifier"]) for row in csv.DictReader(handle)}
    lgsl_import(data=read_lgsl(REAL_LGSL))
    assert set(ServiceArea.objects.values_list("lgsl_code", flat=True)) == codes
    assert len(codes) == 1519


def test_the_themes_migration_made_the_declaration_principles_and_digital_themes():
    assert Theme.objects.filter(kind=ThemeKind.DECLARATION_PRINCIPLE).count() == 5
    assert (
        Theme.objects.filter(
            slug__in=[
                "channel-shift",
                "artificial-intelligence",
                "cyber-security",
                "digital-inclusion",
                "cloud",
                "automation",
                "data-sharing",
            ]
        ).count()
        == 7
    )
