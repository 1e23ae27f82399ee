"""Fuzzing the register importer: valid rows mixed with hostile ones and damaged files."""

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from hub.core.tests.fuzzing import (
    FUZZ,
    ImportOutcomes,
    csv_text,
    damaged,
    spoiled,
    table_counts,
)
from hub.organisations.importers.register import (
    REGISTER_KINDS,
    REQUIRED_COLUMNS,
    RegisterImportError,
    read_register,
    register_import,
)
from hub.organisations.models import Nation, Organisation, Region

COLUMNS = sorted(REQUIRED_COLUMNS)
# A small pool of codes, so that repeats within a file and across runs are common.
codes = st.sampled_from(["FZA", "FZB", "FZC", "FZD", "FZE"])
gss_codes = st.sampled_from(["E06000901", "E06000902", "E06000903", "E06000904"])


@st.composite
def valid_row(draw):
    current = draw(st.booleans())
    return {
        "local-authority-code": draw(codes),
        "official-name": draw(st.text(min_size=1, max_size=40).filter(str.strip)),
        "nice-name": draw(st.text(max_size=20)),
        "gss-code": draw(gss_codes) if current else "",
        "start-date": draw(st.sampled_from(["", "2009-04-01", "1974-04-01"])),
        "end-date": "" if current else "2023-03-31",
        "replaced-by": "",
        "nation": draw(st.sampled_from(Nation.values)),
        "region": draw(st.sampled_from(Region.values)),
        "local-authority-type": draw(st.sampled_from(sorted(REGISTER_KINDS))),
        "county-la": "",
        "combined-authority": "",
        "current-authority": str(current),
        "gov-uk-slug": draw(st.sampled_from(["", "fuzz-council"])),
        "pop-2020": draw(st.sampled_from(["", "12345.0", "800000"])),
    }


@st.composite
def row(draw):
    return spoiled(draw, draw(valid_row()), COLUMNS)


@st.composite
def register_file(draw):
    header = list(COLUMNS)
    if draw(st.integers(0, 9)) == 0:
        header.remove(draw(st.sampled_from(header)))
    rows = draw(st.lists(row(), max_size=6))
    return draw(damaged(csv_text(header, [[r.get(c, "") for c in header] for r in rows])))


def import_file(path):
    rows = read_register(path)
    register_import(rows=rows)
    return rows


def good_row_file(rows):
    return csv_text(COLUMNS, [[r[c] for c in COLUMNS] for r in rows]).encode()


@pytest.mark.django_db
def test_the_register_importer_imports_all_or_nothing_and_names_each_fault(tmp_path):
    path = tmp_path / "register.csv"

    @FUZZ
    @given(data=register_file())
    @example(data=good_row_file([_plain_row()]))  # imported
    # A population beyond the database's integer once crashed the write.
    @example(data=good_row_file([{**_plain_row(), "pop-2020": "9" * 40}]))
    # "inf" and "nan" once crashed the number check itself.
    @example(data=good_row_file([{**_plain_row(), "pop-2020": "inf"}]))
    @example(data=good_row_file([{**_plain_row(), "pop-2020": "nan"}]))
    # Bytes that are not UTF-8, and a NUL byte, once crashed the reader.
    @example(data=good_row_file([_plain_row()]).replace(b"Fuzz", b"F\xe9zz"))
    @example(data=good_row_file([{**_plain_row(), "official-name": "a\x00b"}]))
    def check(data):
        path.write_bytes(data)
        rows = outcomes.run(lambda: import_file(path))
        if rows is None:
            return
        for imported in rows:
            organisation = Organisation.objects.get(register_code=imported.register_code)
            assert organisation.name == imported.name
            assert organisation.gss_code == imported.gss_code
            assert organisation.is_current == imported.is_current

    outcomes = ImportOutcomes("organisations", error=RegisterImportError)
    check()
    outcomes.assert_both_paths()


@pytest.mark.django_db
def test_a_gss_code_held_by_a_council_outside_the_file_is_a_clear_error(tmp_path):
    # Found by the fuzzing above: this once crashed the write with an IntegrityError.
    path = tmp_path / "register.csv"
    path.write_bytes(good_row_file([_plain_row()]))
    register_import(rows=read_register(path))
    path.write_bytes(good_row_file([{**_plain_row(), "local-authority-code": "FZZ"}]))
    before = table_counts("organisations")

    with pytest.raises(RegisterImportError) as raised:
        register_import(rows=read_register(path))

    assert raised.value.problems == [
        "Row 2 (FZZ), field 'gss-code': 'E06000901' is held by Fuzz Council (FZA), not in this file"
    ]
    assert table_counts("organisations") == before


@pytest.mark.django_db
def test_the_register_can_move_a_gss_code_between_its_own_councils(tmp_path):
    path = tmp_path / "register.csv"
    first = {**_plain_row(), "local-authority-code": "FZB", "gss-code": "E06000902"}
    path.write_bytes(good_row_file([_plain_row(), first]))
    register_import(rows=read_register(path))
    swapped = [{**_plain_row(), "gss-code": "E06000902"}, {**first, "gss-code": "E06000901"}]
    path.write_bytes(good_row_file(swapped))

    register_import(rows=read_register(path))

    assert Organisation.objects.get(register_code="FZA").gss_code == "E06000902"
    assert Organisation.objects.get(register_code="FZB").gss_code == "E06000901"


def _plain_row():
    return {
        "local-authority-code": "FZA",
        "official-name": "Fuzz Council",
        "nice-name": "Fuzz",
        "gss-code": "E06000901",
        "start-date": "2009-04-01",
        "end-date": "",
        "replaced-by": "",
        "nation": Nation.values[0],
        "region": Region.values[0],
        "local-authority-type": "UA",
        "county-la": "",
        "combined-authority": "",
        "current-authority": "True",
        "gov-uk-slug": "",
        "pop-2020": "1000",
    }
