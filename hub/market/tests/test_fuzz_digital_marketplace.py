"""Fuzzing the Digital Marketplace importer: rows valid and hostile, files whole and damaged.

A bad row is skipped with its line, field and reason (ADR 0021); a file that cannot be read
fails its run, writing nothing but the run's record of the failure."""

import csv
import io

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from hub.core.tests.fuzzing import FUZZ, ImportOutcomes, csv_text, damaged, spoiled
from hub.market.importers.digital_marketplace import DMFileError, import_digital_marketplace
from hub.market.models import Contract, ImportRun, ImportStatus

# The real file's columns (opportunity-data.csv), the extra ones included.
HEADER = [
    "ID", "Opportunity", "Link", "Framework", "Category", "Specialist", "Organisation Name",
    "Buyer Domain", "Location Of The Work", "Published At", "Open For",
    "Expected Contract Length", "Applications from SMEs", "Applications from Large Organisations",
    "Total Organisations", "Status", "Winning supplier", "Size of supplier", "Contract amount",
    "Contract start date",
]  # fmt: skip
WRITES_TO = ("market", "organisations")


@st.composite
def opportunity(draw):
    awarded = draw(st.booleans())
    values = {
        "ID": draw(st.integers(1, 6).map(str)),
        "Opportunity": draw(st.text(min_size=1, max_size=40).filter(str.strip)),
        "Link": "https://www.digitalmarketplace.service.gov.uk/opportunities/9",
        "Framework": "digital-outcomes-and-specialists",
        "Category": draw(st.sampled_from(["digital-outcomes", "digital-specialists"])),
        "Organisation Name": draw(st.sampled_from(["Home Office", "Fuzz Borough Council"])),
        "Published At": draw(st.sampled_from(["2016-07-13", "2017-01-02"])),
        "Total Organisations": draw(st.sampled_from(["", "12.0"])),
        "Status": "awarded" if awarded else draw(st.sampled_from(["closed", "cancelled"])),
        "Winning supplier": draw(st.sampled_from(["Fuzz Ltd", "Café Ltd"])) if awarded else "",
        "Size of supplier": draw(st.sampled_from(["small", "large", ""])) if awarded else "",
        "Contract amount": draw(st.sampled_from(["", "£120,000", "99999.5"])) if awarded else "",
        "Contract start date": "2017-03-01" if awarded else "",
    }
    return spoiled(draw, values, HEADER)


@st.composite
def marketplace_file(draw):
    header = list(HEADER)
    if draw(st.integers(0, 9)) == 0:
        header.remove(draw(st.sampled_from(header)))
    rows = draw(st.lists(opportunity(), max_size=5))
    return draw(damaged(csv_text(header, [[row.get(c, "") for c in header] for row in rows])))


def plain_file(**changes):
    row = {"ID": "7", "Opportunity": "Alpha", "Status": "closed"} | changes
    return csv_text(HEADER, [[row.get(column, "") for column in HEADER]]).encode()


@pytest.mark.django_db
def test_the_marketplace_importer_skips_bad_rows_and_writes_nothing_from_a_bad_file():
    @FUZZ
    @given(data=marketplace_file())
    @example(data=plain_file())  # imported
    # NUL in a row: PostgreSQL refuses it in text.
    @example(data=plain_file(Opportunity="A\x00B"))
    @example(data=plain_file(Opportunity="x" * 200_000))  # over the csv module's field limit
    def check(data):
        # Each file starts from no contracts: an older row never overwrites a newer one.
        Contract.objects.all().delete()
        run = outcomes.run(lambda: import_digital_marketplace("fuzz.csv", data=data))
        if run is None:
            failed = ImportRun.objects.latest("pk")
            assert failed.status == ImportStatus.FAILED
            assert failed.error
            return
        assert run.status == ImportStatus.DONE
        skipped = {int(skip["row"]) for skip in run.skipped if skip["field"] != "Winning supplier"}
        for skip in run.skipped:
            assert set(skip) == {"row", "field", "reason"}
            assert skip["field"] in HEADER
        reader = csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline=""))
        for line, row in enumerate(reader, start=2):
            if line not in skipped:
                contract = Contract.objects.get(ocid=f"dm-{int(row['ID'])}")
                assert contract.title == row["Opportunity"].strip()[:500]

    outcomes = ImportOutcomes(*WRITES_TO, error=DMFileError, ignore=("market.ImportRun",))
    check()
    outcomes.assert_both_paths()
