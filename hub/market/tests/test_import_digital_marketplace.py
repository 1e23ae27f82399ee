"""The Digital Marketplace opportunities importer."""

import csv
import io
from pathlib import Path

import pytest
from django.conf import settings

from hub.market.importers.digital_marketplace import (
    REQUIRED_COLUMNS,
    DMFileError,
    import_digital_marketplace,
)
from hub.market.models import Award, Contract, ImportStatus, Source, Supplier

DM_FILE = (
    Path(settings.HUB_SHARED_DATA_DIR)
    / "digital-marketplace-opportunities"
    / "opportunity-data.csv"
)
pytestmark = pytest.mark.django_db
COLUMNS = sorted(REQUIRED_COLUMNS)


def csv_text(rows):
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS)
    writer.writeheader()
    for row in rows:
        writer.writerow({column: "" for column in COLUMNS} | row)
    return out.getvalue()


def write(tmp_path, text):
    path = tmp_path / "dm.csv"
    path.write_text(text)
    return str(path)


@pytest.mark.skipif(not DM_FILE.is_file(), reason="no ../shared/data Digital Marketplace file")
def test_the_real_file_imports_and_a_second_run_changes_nothing():
    run = import_digital_marketplace(str(DM_FILE))
    assert run.status == ImportStatus.DONE
    # SOURCE.md: 2,118 opportunities, 606 with a winning supplier; 10 awarded name none.
    assert run.counts["releases"] == 2118
    assert run.counts["contracts_created"] + run.counts["skipped"] >= 2118 - 10
    assert Contract.objects.filter(source=Source.DIGITAL_MARKETPLACE).count() == 2118
    assert Award.objects.filter(suppliers__isnull=False).distinct().count() == 606
    assert {s["field"] for s in run.skipped} == {"Winning supplier"}
    assert len(run.skipped) == 10
    contract = Contract.objects.get(ocid="dm-9")
    assert contract.title == "HSCIC Dev Ops Contract - SOW 1 - Spine"
    assert contract.number_of_tenderers == 12
    totals = (Contract.objects.count(), Award.objects.count(), Supplier.objects.count())
    again = import_digital_marketplace(str(DM_FILE)).counts
    assert again["contracts_created"] == again["contracts_updated"] == 0
    assert again["contracts_unchanged"] == 2118
    assert (Contract.objects.count(), Award.objects.count(), Supplier.objects.count()) == totals


def test_an_award_with_supplier_value_and_start(tmp_path):
    text = csv_text(
        [
            {
                "ID": "7",
                "Opportunity": "Discovery",
                "Organisation Name": "Hackney Council",
                "Status": "awarded",
                "Winning supplier": "Acme Digital Ltd",
                "Size of supplier": "small",
                "Contract amount": "43750.0",
                "Contract start date": "2016-7-29",
                "Published At": "2016-05-01",
            }
        ]
    )
    import_digital_marketplace(write(tmp_path, text))
    contract = Contract.objects.get(ocid="dm-7")
    award = contract.awards.get()
    assert award.value == 43750
    assert str(award.contract_start) == "2016-07-29"
    supplier = award.suppliers.get()
    assert (supplier.name, supplier.is_sme) == ("Acme Digital Ltd", True)
    assert contract.buyer_name == "Hackney Council"


def test_bad_rows_are_skipped_with_their_line(tmp_path):
    text = csv_text(
        [
            {"ID": "", "Opportunity": "No id"},
            {"ID": "2", "Opportunity": "Bad date", "Published At": "soon"},
            {"ID": "3", "Opportunity": "Bad amount", "Contract amount": "lots"},
            {"ID": "4", "Opportunity": "Good"},
        ]
    )
    run = import_digital_marketplace(write(tmp_path, text))
    assert [(s["row"], s["field"]) for s in run.skipped] == [
        ("2", "ID"),
        ("3", "Published At"),
        ("4", "Contract amount"),
    ]
    assert list(Contract.objects.values_list("ocid", flat=True)) == ["dm-4"]


def test_a_file_without_the_columns_writes_nothing(tmp_path):
    with pytest.raises(DMFileError, match="columns"):
        import_digital_marketplace(write(tmp_path, "a,b\n1,2\n"))
    assert not Contract.objects.exists()
