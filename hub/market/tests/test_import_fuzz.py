"""Fuzzing the importers: any input either imports (skipping what is bad) or raises the
importer's own clear error having written nothing. Never another exception, never a part."""

import csv
import io
import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hub.core.importing import ImportFileError
from hub.market.importers.digital_marketplace import REQUIRED_COLUMNS, import_digital_marketplace
from hub.market.importers.ocds import import_ocds
from hub.market.models import Award, Contract, Supplier

pytestmark = pytest.mark.django_db
FUZZ = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**20), max_value=10**20),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=20),
    st.sampled_from(["2025-01-01", "2025-13-45", "2025-02-01T10:00:00Z", "", "1e400", "12.5"]),
)
any_json = st.recursive(
    scalars,
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=20,
)
amount = st.fixed_dictionaries(
    {}, optional={"amount": scalars, "currency": st.sampled_from(["GBP", "EUR", "", None])}
)
period = st.fixed_dictionaries({}, optional={"startDate": scalars, "endDate": scalars})
party = st.fixed_dictionaries(
    {},
    optional={
        "id": st.one_of(st.text(max_size=6), st.integers(), st.none()),
        "name": st.one_of(st.text(max_size=30), st.none(), st.integers()),
        "roles": st.one_of(st.lists(st.sampled_from(["buyer", "supplier", "x"])), scalars),
        "identifier": st.one_of(
            any_json, st.fixed_dictionaries({"scheme": scalars, "id": scalars})
        ),
        "details": st.one_of(any_json, st.fixed_dictionaries({"scale": scalars})),
    },
)
award = st.fixed_dictionaries(
    {},
    optional={
        "id": st.one_of(st.text(max_size=4), st.integers(), any_json),
        "status": scalars,
        "date": scalars,
        "value": st.one_of(amount, any_json),
        "suppliers": st.one_of(st.lists(party, max_size=3), any_json),
        "contractPeriod": st.one_of(period, any_json),
    },
)
tender = st.fixed_dictionaries(
    {},
    optional={
        "title": scalars,
        "description": scalars,
        "value": st.one_of(amount, any_json),
        "numberOfTenderers": scalars,
        "tenderers": st.one_of(st.lists(party, max_size=3), any_json),
        "classification": st.one_of(
            any_json, st.fixed_dictionaries({"scheme": scalars, "id": scalars})
        ),
        "items": st.one_of(st.lists(any_json, max_size=3), any_json),
        "tenderPeriod": st.one_of(period, any_json),
        "contractPeriod": st.one_of(period, any_json),
        "procurementMethodDetails": scalars,
        "techniques": any_json,
    },
)
release = st.fixed_dictionaries(
    {},
    optional={
        "ocid": st.one_of(st.sampled_from(["ocds-b5fd17-1", "ocds-b5fd17-2", "x"]), scalars),
        "id": scalars,
        "date": st.one_of(st.sampled_from(["2025-01-01", "2025-02-01T00:00:00Z"]), scalars),
        "tag": any_json,
        "tender": st.one_of(tender, any_json),
        "buyer": st.one_of(party, any_json),
        "parties": st.one_of(st.lists(party, max_size=3), any_json),
        "awards": st.one_of(st.lists(award, max_size=3), any_json),
    },
)
package = st.one_of(
    any_json,
    st.fixed_dictionaries({"releases": st.lists(st.one_of(release, any_json), max_size=5)}),
    st.fixed_dictionaries(
        {
            "records": st.lists(
                st.fixed_dictionaries(
                    {"ocid": scalars},
                    optional={
                        "releases": st.lists(release, max_size=3),
                        "compiledRelease": st.one_of(release, any_json),
                    },
                ),
                max_size=3,
            )
        }
    ),
)


def written():
    return (Contract.objects.count(), Award.objects.count(), Supplier.objects.count())


@FUZZ
@given(data=st.one_of(package.map(json.dumps), st.binary(max_size=60).map(repr)))
def test_the_ocds_importer_never_crashes_nor_writes_part_of_a_broken_file(data):
    before = written()
    try:
        run = import_ocds("fuzz.json", data=data.encode())
    except ImportFileError:
        assert written() == before
        return
    assert run.status == "done"
    for skip in run.skipped:
        assert set(skip) == {"row", "field", "reason"}


columns = sorted(REQUIRED_COLUMNS)
cell = st.one_of(
    st.text(max_size=15),
    st.sampled_from(["", "1", "42", "2016-7-29", "2016-13-01", "awarded", "small", "1e9", "-5"]),
)


@FUZZ
@given(
    header=st.one_of(st.just(columns), st.lists(st.sampled_from([*columns, "x"]), max_size=6)),
    rows=st.lists(st.lists(cell, min_size=0, max_size=len(columns) + 2), max_size=6),
)
def test_the_dm_importer_never_crashes_nor_writes_part_of_a_broken_file(header, rows):
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    writer.writerows(rows)
    before = written()
    try:
        run = import_digital_marketplace("fuzz.csv", data=out.getvalue().encode())
    except ImportFileError:
        assert written() == before
        return
    assert run.status == "done"
