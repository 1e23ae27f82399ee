"""The OCDS importer, on the real UK samples and on small hand-made packages."""

import json
from pathlib import Path

import pytest
from django.conf import settings

from hub.core.importing import ImportFileError
from hub.market.importers.ocds import OCDSFileError, import_ocds
from hub.market.models import Award, Contract, ImportStatus, MatchStatus, Supplier
from hub.organisations.tests.factories import OrganisationFactory

SAMPLES = Path(settings.HUB_SHARED_DATA_DIR) / "ocds-uk-samples"
needs_samples = pytest.mark.skipif(not SAMPLES.is_dir(), reason="no ../shared/data samples")

# From SOURCE.md: releases in each file; awards in the releases (147 in the 2025 file, 143
# distinct award ids across its 190 ocids, as later releases repeat an award).
EXPECTED = {
    "contracts_finder_releases_2025.json": {"releases": 200, "awards_in_releases": 147},
    "contracts_finder_search_package_2025-01.json": {"releases": 100, "awards_in_releases": 59},
    "public_contracts_scotland_releases.json": {"releases": 90, "awards_in_releases": 0},
    "sell2wales_releases_2025.json": {"releases": 90, "awards_in_releases": 0},
    "contracts_finder_releases_2014-2015_ocds1.0.json": {
        "releases": 200,
        "awards_in_releases": 0,
    },
}

pytestmark = pytest.mark.django_db


def write(tmp_path, package, name="package.json"):
    path = tmp_path / name
    path.write_text(json.dumps(package) if not isinstance(package, str) else package)
    return str(path)


def release(ocid="ocds-test-1", date="2025-01-01T00:00:00Z", **extra):
    return {"ocid": ocid, "id": f"{ocid}-{date}", "date": date, "tag": ["tender"], **extra}


@needs_samples
def test_the_real_samples_import_with_their_counts_and_a_second_run_changes_nothing():
    OrganisationFactory(name="London Borough of Merton", short_name="Merton", slug="merton")
    runs = {}
    for name, expected in EXPECTED.items():
        run = import_ocds(str(SAMPLES / name))
        assert run.status == ImportStatus.DONE
        for key, value in expected.items():
            assert run.counts[key] == value, (name, key)
        runs[name] = run
        # A second run of the same file changes nothing. (Two files may differ: the search
        # package keeps the publisher's line breaks where the 2025 fixtures lost them.)
        totals = (Contract.objects.count(), Award.objects.count(), Supplier.objects.count())
        again = import_ocds(str(SAMPLES / name)).counts
        assert again["contracts_created"] == again["contracts_updated"] == 0, name
        assert again["awards_created"] == again["awards_updated"] == 0, name
        assert again["suppliers_created"] == 0, name
        assert again["contracts_unchanged"] == run.counts["contracts"], name
        assert (Contract.objects.count(), Award.objects.count(), Supplier.objects.count()) == totals
    first = runs["contracts_finder_releases_2025.json"].counts
    assert first["contracts_created"] == 190
    assert first["awards_created"] == 143
    # The OCDS 1.0 file: one contract per release.
    assert runs["contracts_finder_releases_2014-2015_ocds1.0.json"].counts["contracts"] == 200
    assert (
        Contract.objects.count() == 190 + 200 + 90 + 90
    )  # the search package is a subset of the 2025 file
    merton = Contract.objects.get(ocid="ocds-b5fd17-e3b5f385-5989-4cf1-8849-01c247fc9c30")
    assert merton.buyer.name == "London Borough of Merton"
    assert merton.buyer_match == MatchStatus.MATCHED
    assert merton.cpv_codes == ["63712400"]
    assert "framework" in merton.framework.lower()
    assert merton.awards.get().suppliers.get().name == "Marstons holdings plc"


@pytest.mark.parametrize(
    ("content", "words"),
    [
        ("not json {", "not JSON"),
        ("[1, 2]", "not a JSON object"),
        ('{"uri": "x"}', "no 'releases' or 'records' list"),
        ('{"releases": {"a": 1}}', "no 'releases' or 'records' list"),
    ],
)
def test_a_broken_file_raises_a_clear_error_and_writes_nothing(tmp_path, content, words):
    path = write(tmp_path, content)
    with pytest.raises(OCDSFileError, match=words):
        import_ocds(path)
    assert not Contract.objects.exists()


def test_a_missing_file_is_a_clear_error(tmp_path):
    with pytest.raises(ImportFileError, match="There is no file"):
        import_ocds(str(tmp_path / "nothing.json"))


def test_bad_releases_are_skipped_with_their_reason(tmp_path):
    package = {
        "releases": [
            {"date": "2025-01-01"},
            release("ocds-bad-date", date="yesterday"),
            release("ocds-bad-amount", tender={"value": {"amount": "lots"}}),
            release(
                "ocds-good",
                tender={"title": "Good", "value": {"amount": 1200, "currency": "GBP"}},
                buyer={"name": "Somewhere Council", "contactPoint": {"email": "a@b.c"}},
                awards=[{"id": "1", "suppliers": [{"name": ""}, {"name": "Acme Ltd"}]}],
            ),
        ]
    }
    run = import_ocds(write(tmp_path, package))
    skipped = {(s["row"], s["field"]) for s in run.skipped}
    assert skipped == {
        ("0", "ocid"),
        ("ocds-bad-date", "date"),
        ("ocds-bad-amount", "tender.value.amount"),
        ("ocds-good", "awards[0].suppliers"),
    }
    good = Contract.objects.get()
    assert good.value == 1200
    assert good.buyer_name == "Somewhere Council"
    assert "a@b.c" not in str(Contract.objects.values().get())
    assert [s.name for s in good.awards.get().suppliers.all()] == ["Acme Ltd"]


def test_releases_of_one_ocid_compile_with_later_values_winning(tmp_path):
    package = {
        "version": "1.1",
        "releases": [
            release(
                date="2025-02-01T00:00:00Z",
                tag=["award"],
                awards=[{"id": "a1", "status": "active", "value": {"amount": 50}}],
            ),
            release(
                date="2025-01-01T00:00:00Z",
                tender={"title": "First", "numberOfTenderers": 3, "procurementMethod": "open"},
                parties=[{"id": "B", "name": "Kent County Council", "roles": ["buyer"]}],
            ),
        ],
    }
    run = import_ocds(write(tmp_path, package))
    contract = Contract.objects.get()
    assert contract.title == "First"
    assert contract.number_of_tenderers == 3
    assert contract.buyer_name == "Kent County Council"
    assert contract.awards.get().value == 50
    assert run.counts["contracts_created"] == 1


def test_record_packages_use_the_compiled_release_or_compile_the_releases(tmp_path):
    package = {
        "records": [
            {
                "ocid": "ocds-r-1",
                "compiledRelease": release(
                    "ocds-r-1", tender={"title": "Compiled", "tenderers": [{"id": 1}, {"id": 2}]}
                ),
                "releases": [],
            },
            {
                "ocid": "ocds-r-2",
                "releases": [
                    release("ocds-r-2", tender={"title": "Old"}),
                    release("ocds-r-2", date="2025-03-01", tender={"title": "New"}),
                ],
            },
        ]
    }
    import_ocds(write(tmp_path, package))
    assert Contract.objects.get(ocid="ocds-r-1").number_of_tenderers == 2
    assert Contract.objects.get(ocid="ocds-r-2").title == "New"


def test_a_changed_release_updates_its_contract(tmp_path):
    import_ocds(write(tmp_path, {"releases": [release(tender={"title": "A"})]}))
    run = import_ocds(write(tmp_path, {"releases": [release(tender={"title": "B"})]}))
    assert run.counts["contracts_updated"] == 1
    assert Contract.objects.get().title == "B"


def test_framework_rule(tmp_path):
    package = {
        "releases": [
            release("o-1", tender={"techniques": {"hasFrameworkAgreement": True}}),
            release("o-2", tender={"procurementMethodDetails": "Call-off from a framework"}),
            release("o-3", tender={"description": "An open tender"}),
        ]
    }
    import_ocds(write(tmp_path, package))
    frameworks = dict(Contract.objects.values_list("ocid", "framework"))
    assert frameworks == {
        "o-1": "Framework agreement",
        "o-2": "Call-off from a framework",
        "o-3": "",
    }
