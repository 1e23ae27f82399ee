"""Fuzzing the OCDS importer at the level of the file's bytes: packages valid and hostile,
whole and damaged (cut short, other encodings, NUL, nesting too deep). test_import_fuzz.py
fuzzes the package's structure; this adds the damage and counts every market table.

A bad release is skipped with its row, field and reason (ADR 0021); a file that cannot be
read fails its run, writing nothing but the run's record of the failure."""

import json

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from hub.core.tests.fuzzing import FUZZ, ImportOutcomes, damaged, hostile_text
from hub.market.importers.ocds import OCDSFileError, import_ocds
from hub.market.models import Contract, ImportRun, ImportStatus

WRITES_TO = ("market", "organisations")
json_value = st.recursive(
    st.one_of(
        st.none(),
        st.booleans(),
        st.integers(min_value=-(10**30), max_value=10**30),
        st.floats(),
        hostile_text,
    ),
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=5), children, max_size=3)
    ),
    max_leaves=6,
)


@st.composite
def release(draw):
    """A release shaped like Contracts Finder's (contracts_finder_releases_2025.json)."""
    ocid = draw(st.sampled_from(["ocds-b5fd17-f1", "ocds-b5fd17-f2", "ocds-b5fd17-f3"]))
    tender = {
        "id": "MRTN001",
        "title": draw(st.text(min_size=1, max_size=40)),
        "description": draw(st.text(max_size=80)),
        "status": "complete",
        "classification": {"scheme": "CPV", "id": "63712400"},
        "value": {"amount": draw(st.integers(0, 10**9)), "currency": "GBP"},
        "procurementMethod": "direct",
        "contractPeriod": {"startDate": "2025-01-06T00:00:00Z", "endDate": "2026-01-05T23:59:59Z"},
    }
    value = {
        "ocid": ocid,
        "id": f"{ocid}-{draw(st.integers(1, 3))}",
        "date": draw(st.sampled_from(["2025-01-23T22:10:19Z", "2025-02-01T00:00:00Z"])),
        "tag": ["award"],
        "tender": tender,
        "buyer": {"id": "GB-CFS-1", "name": "London Borough of Merton"},
        "parties": [{"id": "GB-CFS-1", "name": "London Borough of Merton", "roles": ["buyer"]}],
        "awards": [
            {
                "id": "1",
                "status": "active",
                "value": {"amount": 372032, "currency": "GBP"},
                "suppliers": [{"id": "GB-COH-1", "name": draw(st.text(min_size=1, max_size=20))}],
            }
        ],
    }
    if draw(st.integers(0, 3)) == 0:
        part = draw(st.sampled_from([value, tender]))
        part[draw(st.sampled_from(sorted(part)))] = draw(json_value)
    return value


@st.composite
def package(draw) -> bytes:
    text = json.dumps({"uri": "x", "releases": draw(st.lists(release(), max_size=4))})
    return draw(damaged(text))


def one_release(**tender):
    return json.dumps(
        {
            "releases": [
                {"ocid": "ocds-b5fd17-f9", "id": "r1", "date": "2025-01-01", "tender": tender}
            ]
        }
    ).encode()


@pytest.mark.django_db
def test_the_ocds_importer_skips_bad_releases_and_writes_nothing_from_a_bad_file():
    @FUZZ
    @given(data=package())
    @example(data=one_release(title="Parking"))  # imported
    # JSON nested deeper than Python's recursion limit once crashed the reader.
    @example(data=b"[" * 100_000)
    # NUL written \u0000 in JSON: PostgreSQL refuses it in text.
    @example(data=one_release(title="A\u0000B", description="\u0000"))
    def check(data):
        run = outcomes.run(lambda: import_ocds("fuzz.json", data=data))
        if run is None:
            failed = ImportRun.objects.latest("pk")
            assert failed.status == ImportStatus.FAILED
            assert failed.error
            return
        assert run.status == ImportStatus.DONE
        for skip in run.skipped:
            assert set(skip) == {"row", "field", "reason"}
            assert skip["row"]
            assert skip["field"]
        skipped = {skip["row"] for skip in run.skipped}
        releases = [r for r in json.loads(data)["releases"] if isinstance(r, dict)]
        ocids = {r.get("ocid").strip() for r in releases if isinstance(r.get("ocid"), str)}
        for ocid in ocids - skipped - {""}:
            assert Contract.objects.filter(ocid=ocid).exists(), ocid

    outcomes = ImportOutcomes(*WRITES_TO, error=OCDSFileError, ignore=("market.ImportRun",))
    check()
    outcomes.assert_both_paths()
