"""The import_ocds and import_digital_marketplace commands."""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from hub.market.models import Contract, ImportRun

pytestmark = pytest.mark.django_db


def test_import_ocds_reports_counts_then_nothing_changed(tmp_path):
    path = tmp_path / "p.json"
    path.write_text(
        json.dumps({"releases": [{"ocid": "ocds-x-1", "date": "2025-01-01", "tag": ["tender"]}]})
    )
    out = StringIO()
    call_command("import_ocds", str(path), stdout=out, stderr=StringIO())
    assert "contracts created 1" in out.getvalue()
    out = StringIO()
    call_command("import_ocds", "--dir", str(tmp_path), stdout=out, stderr=StringIO())
    assert "Nothing changed" in out.getvalue()
    assert Contract.objects.count() == 1
    assert ImportRun.objects.count() == 2


def test_import_ocds_fails_clearly_on_a_broken_file(tmp_path):
    path = tmp_path / "p.json"
    path.write_text("{")
    with pytest.raises(CommandError, match="not JSON"):
        call_command("import_ocds", str(path), stdout=StringIO(), stderr=StringIO())
    assert not Contract.objects.exists()


def test_import_digital_marketplace_fails_clearly_on_a_missing_file(tmp_path):
    with pytest.raises(CommandError, match="There is no file"):
        call_command(
            "import_digital_marketplace",
            "--path",
            str(tmp_path / "none.csv"),
            stdout=StringIO(),
            stderr=StringIO(),
        )
