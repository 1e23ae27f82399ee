"""Matching buyers to the register and de-duplicating suppliers."""

import pytest

from hub.market.importers.matching import (
    BuyerMatcher,
    SupplierResolver,
    normalise_buyer,
    normalise_supplier,
)
from hub.market.models import MatchReview, MatchStatus, ReviewKind
from hub.organisations.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("London Borough of Merton", "merton"),
        ("Merton Council", "merton"),
        ("The Royal Borough of Kensington & Chelsea", "kensington chelsea"),
        ("Bristol City Council", "bristol"),
        ("Wigan Metropolitan Borough Council", "wigan"),
    ],
)
def test_buyer_names_normalise(name, key):
    assert normalise_buyer(name) == key


def test_supplier_names_normalise():
    assert normalise_supplier("Acme (UK) Limited") == normalise_supplier("ACME Ltd.") == "acme"


def test_a_buyer_matches_by_gss_then_exact_name_then_close_name():
    merton = OrganisationFactory(name="London Borough of Merton", short_name="Merton")
    bristol = OrganisationFactory(name="Bristol City Council", gss_code="E06000023")
    matcher = BuyerMatcher()
    by_code = matcher.match("Someone", "GB-GSS-E06000023")
    assert (by_code.organisation, by_code.status) == (bristol, MatchStatus.MATCHED)
    exact = matcher.match("Merton Council")
    assert (exact.organisation, exact.status) == (merton, MatchStatus.MATCHED)
    close = matcher.match("Mertonn Council")
    assert (close.organisation, close.status) == (merton, MatchStatus.UNCERTAIN)
    assert 0.85 <= close.score < 1
    assert matcher.match("Ministry of Nothing").status == MatchStatus.UNMATCHED


def test_an_intermediary_buyer_is_matched_from_the_title():
    south_glos = OrganisationFactory(name="South Gloucestershire Council")
    matcher = BuyerMatcher()
    found = matcher.match("Spend Network", title="South Gloucestershire Council: Housing Advice")
    assert (found.organisation, found.status) == (south_glos, MatchStatus.MATCHED)


def test_suppliers_merge_by_identifier_and_name_but_not_a_shared_identifier():
    resolver = SupplierResolver()
    acme = resolver.resolve("Acme Ltd", "GB-COH-01")
    assert resolver.resolve("ACME Limited", "GB-COH-01") == acme
    assert resolver.resolve("Acme", "") == acme
    other = resolver.resolve("Zebra Consulting Services", "GB-COH-01")
    assert other != acme
    review = MatchReview.objects.get()
    assert (review.kind, review.supplier, review.candidate_supplier) == (
        ReviewKind.SUPPLIER,
        other,
        acme,
    )
    assert resolver.resolve("Blank Id Co", "GB-CFS-0").identifier == ""


def test_bracketed_abbreviations_and_cbc_are_ignored():
    rct = OrganisationFactory(name="Rhondda Cynon Taf County Borough Council")
    gla = OrganisationFactory(name="Greater London Authority")
    matcher = BuyerMatcher()
    assert matcher.match("Rhondda Cynon Taf CBC").organisation == rct
    assert matcher.match("Greater London Authority ( GLA )").status == MatchStatus.MATCHED
    assert matcher.match("Greater London Authority (GLA)").organisation == gla


def test_the_registers_name_lookup_adds_variants(settings, tmp_path):
    folder = tmp_path / "uk-local-authorities"
    folder.mkdir()
    (folder / "lookup_name_to_registry.csv").write_text(
        "la-name,local-authority-code\nArmagh Banbridge Craigavon,ABC\n"
    )
    settings.HUB_SHARED_DATA_DIR = tmp_path
    abc = OrganisationFactory(
        name="Armagh City, Banbridge and Craigavon Borough Council", register_code="ABC"
    )
    found = BuyerMatcher().match("Armagh Banbridge Craigavon")
    assert (found.organisation, found.status) == (abc, MatchStatus.MATCHED)
