"""Fuzzing the LGSL importer: both files with valid rows mixed with hostile ones, and damage."""

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from hub.core.importing import ImportFileError
from hub.core.tests.fuzzing import (
    FUZZ,
    ImportOutcomes,
    csv_text,
    damaged,
    spoiled,
)
from hub.taxonomy.importers.lgsl import (
    FUNCTIONS_FILENAME,
    SERVICES_FILENAME,
    lgsl_import,
    read_lgsl,
)
from hub.taxonomy.models import ServiceArea, ServiceFunction

# The real files' columns (esd_functions.csv, esd_services.csv), extra ones included.
FUNCTION_HEADER = [
    "Identifier",
    "Label",
    "Description",
    "Created",
    "Modified",
    "History notes",
    "Type",
    "Parent identifiers",
    "Parent labels",
    "",
]
SERVICE_HEADER = [
    "Identifier",
    "Label",
    "Description",
    "Created",
    "Modified",
    "History notes",
    "Type",
    "",
]
identifiers = st.integers(1, 8).map(str)  # few, so that repeats are common


def import_folder(folder):
    data = read_lgsl(folder)
    lgsl_import(data=data)
    return data


@st.composite
def function_row(draw):
    values = {
        "Identifier": draw(identifiers),
        "Label": draw(st.text(min_size=1, max_size=30).filter(str.strip)),
        "Type": "Function",
        "Parent identifiers": draw(st.sampled_from(["", "", "", "1"])),
        "Created": "2013-04-03",
    }
    return spoiled(draw, values, FUNCTION_HEADER)


@st.composite
def service_row(draw):
    values = {
        "Identifier": draw(st.integers(1000, 1010).map(str)),
        "Label": draw(st.text(min_size=1, max_size=30).filter(str.strip)),
        "Description": draw(st.text(max_size=60)),
        "History notes": draw(st.sampled_from(["", "Added in version 4.00."])),
        "Type": "Service",
    }
    return spoiled(draw, values, SERVICE_HEADER)


def identifier(row):
    return row["Identifier"]


def with_a_repeat(draw, rows):
    """Identifiers are drawn apart; one file in five repeats a row."""
    if rows and draw(st.integers(0, 4)) == 0:
        rows.append(dict(draw(st.sampled_from(rows))))
    return rows


def as_csv(header, rows, *, drop_column=None):
    header = [column for column in header if column != drop_column]
    return csv_text(header, [[row.get(column, "") for column in header] for row in rows])


@st.composite
def lgsl_files(draw):
    drop = draw(st.sampled_from([None, None, None, "Identifier", "Label", "Type"]))
    functions = as_csv(
        FUNCTION_HEADER,
        with_a_repeat(draw, draw(st.lists(function_row(), max_size=5, unique_by=identifier))),
        drop_column=drop if draw(st.booleans()) else None,
    )
    services = as_csv(
        SERVICE_HEADER,
        with_a_repeat(draw, draw(st.lists(service_row(), max_size=5, unique_by=identifier))),
        drop_column=drop if draw(st.booleans()) else None,
    )
    # One of the two files may be damaged; the other is kept whole.
    if draw(st.booleans()):
        return draw(damaged(functions)), services.encode()
    return functions.encode(), draw(damaged(services))


def plain_files(*, function_id="1", service_id="1001", parent=""):
    functions = as_csv(
        FUNCTION_HEADER,
        [
            {
                "Identifier": function_id,
                "Label": "Advice",
                "Type": "Function",
                "Parent identifiers": parent,
            }
        ],
    )
    services = as_csv(
        SERVICE_HEADER, [{"Identifier": service_id, "Label": "Bursary", "Type": "Service"}]
    )
    return functions.encode(), services.encode()


@pytest.mark.django_db
def test_the_lgsl_importer_imports_all_or_nothing_and_names_each_fault(tmp_path):
    @FUZZ
    @given(files=lgsl_files())
    @example(files=plain_files())  # imported
    # Identifiers beyond the database's integer once crashed the write.
    @example(files=plain_files(function_id="9" * 20))
    @example(files=plain_files(service_id="1e400"))
    def check(files):
        (tmp_path / FUNCTIONS_FILENAME).write_bytes(files[0])
        (tmp_path / SERVICES_FILENAME).write_bytes(files[1])
        data = outcomes.run(lambda: import_folder(tmp_path))
        if data is None:
            return
        for function in data.functions:
            saved = ServiceFunction.objects.get(identifier=function.identifier)
            assert saved.label == function.label
            assert (saved.parent.identifier if saved.parent else None) == function.parent_identifier
        for service in data.services:
            saved = ServiceArea.objects.get(lgsl_code=service.lgsl_code)
            assert (saved.label, saved.description) == (service.label, service.description)

    outcomes = ImportOutcomes("taxonomy", error=ImportFileError)
    check()
    outcomes.assert_both_paths()
