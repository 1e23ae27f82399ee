"""The supplier market's public pages: home, council, supplier dossier, contracts."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from hub.market.flags import RULES
from hub.market.models import Source
from hub.market.tests.factories import AwardFactory, ContractFactory, SupplierFactory
from hub.market.views import insight
from hub.organisations.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def _queries(client, url, params=None) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, params or {})
        assert response.status_code == 200
    return len(captured)


def _csv(response) -> str:
    return b"".join(response.streaming_content).decode()


def test_home_explains_the_tool_and_its_sources_and_picks_a_council(client):
    council = OrganisationFactory(name="Testshire Borough Council")
    ContractFactory(buyer=council)
    response = client.get(reverse("market:home"))
    page = response.content.decode()
    assert response.status_code == 200
    for text in (
        "before you meet a vendor",
        "Contracts Finder",
        "Find a Tender",
        "Digital Marketplace",
        "Open Government Licence",
        "Testshire Borough Council",
    ):
        assert text in page
    assert reverse("market:suppliers") in page
    assert reverse("market:contracts") in page
    picked = client.get(reverse("market:home"), {"council": council.slug})
    assert picked.url == reverse("market:council", args=[council.slug])


def test_council_page_what_it_buys_from_whom_and_what_expires(client):
    council = OrganisationFactory()
    today = timezone.localdate()
    soon = ContractFactory(
        buyer=council,
        title="Ends soon",
        contract_end=today + timedelta(days=30),
        cpv_codes=["48000000"],
        value=Decimal(1000),
    )
    later = ContractFactory(
        buyer=council,
        title="Ends within the window",
        contract_end=today + timedelta(days=500),
        cpv_codes=["72000000"],
        value=Decimal(3000),
    )
    ContractFactory(buyer=council, title="Ends after", contract_end=today + timedelta(days=600))
    ContractFactory(buyer=council, title="Ended", contract_end=today - timedelta(days=1))
    ContractFactory(title="Another council's")
    big = SupplierFactory(name="Big Supplier Ltd")
    AwardFactory(contract=later, value=Decimal(3000), suppliers=[big])
    AwardFactory(contract=soon, value=Decimal(1000), suppliers=[SupplierFactory()])

    response = client.get(reverse("market:council", args=[council.slug]))
    page = response.content.decode()
    report = response.context["report"]
    assert [c.title for c in report.expiring] == ["Ends soon", "Ends within the window"]
    assert report.suppliers[0] == big
    assert {t.label: t.count for t in report.divisions} == {"48": 3, "72": 1}
    assert "council-divisions" in page
    assert "Big Supplier Ltd" in page
    assert "Another council&#x27;s" not in page
    assert "Another council's" not in page

    csv = _csv(client.get(reverse("market:council-csv", args=[council.slug])))
    assert "Ends soon" in csv
    assert "Another council" not in csv


def test_council_page_runs_a_fixed_number_of_queries(client):
    council = OrganisationFactory()
    AwardFactory(contract=ContractFactory(buyer=council))
    url = reverse("market:council", args=[council.slug])
    few = _queries(client, url)
    for _ in range(6):
        AwardFactory(contract=ContractFactory(buyer=council), suppliers=[SupplierFactory()])
    assert _queries(client, url) == few


def test_contract_list_filters_and_a_fixed_number_of_queries(client):
    today = timezone.localdate()
    ContractFactory(
        buyer_name="Northshire",
        buyer=None,
        title="Ending",
        contract_end=today + timedelta(days=40),
        cpv_codes=["72500000"],
    )
    ContractFactory(title="Marketplace", source=Source.DIGITAL_MARKETPLACE)
    url = reverse("market:contracts")

    def titles(**params):
        return {c.title for c in client.get(url, params).context["pagination"].object_list}

    assert titles(buyer="northshire") == {"Ending"}
    assert titles(cpv="72") == {"Ending"}
    assert titles(source=Source.DIGITAL_MARKETPLACE) == {"Marketplace"}
    assert titles(ending_within=2) == {"Ending"}
    assert "Ending" in _csv(client.get(reverse("market:contracts-csv"), {"cpv": "72"}))

    AwardFactory()  # awards and suppliers present from the start: their prefetches run
    few = _queries(client, url)
    for _ in range(6):
        AwardFactory(suppliers=[SupplierFactory(), SupplierFactory()])
    assert _queries(client, url) == few


def test_contract_detail_shows_fields_awards_flags_and_the_notice(client):
    contract = ContractFactory(
        number_of_tenderers=1,
        url="https://www.contractsfinder.service.gov.uk/Notice/abc",
        framework="G-Cloud 13",
    )
    AwardFactory(contract=contract, suppliers=[SupplierFactory(name="Sole Bidder Ltd")])
    page = client.get(reverse("market:contract", args=[contract.pk])).content.decode()
    assert "Sole Bidder Ltd" in page
    assert "G-Cloud 13" in page
    assert "https://www.contractsfinder.service.gov.uk/Notice/abc" in page
    assert 'govuk-tag--red">Single bidder' in page
    for rule in RULES:
        assert escape(rule.threshold) in page
    assert client.get(reverse("market:contract", args=[999999])).status_code == 404


def test_supplier_dossier_shows_contracts_buyers_frameworks_and_flags_with_rules(client):
    supplier = SupplierFactory(name="Flagged Ltd")
    buyer = OrganisationFactory(name="Riverside Council")
    start = timezone.localdate() - timedelta(days=100)
    flagged = ContractFactory(
        buyer=buyer,
        number_of_tenderers=1,
        framework="Digital Outcomes 6",
        tender_start=start,
        tender_end=start + timedelta(days=10),
        value=Decimal(900000),
    )
    AwardFactory(contract=flagged, value=Decimal(900000), suppliers=[supplier])
    for value in (100, 110, 120, 130):  # four comparables plus the flagged one: five
        ContractFactory(value=Decimal(value))

    response = client.get(reverse("market:supplier", args=[supplier.slug]))
    page = response.content.decode()
    codes = {f.rule.code for f in response.context["dossier"].assessments[flagged.pk].flags}
    assert codes == {"single_bidder", "short_tender", "high_value"}
    assert "Riverside Council" in page
    assert "Digital Outcomes 6" in page
    assert "Tender period of 10 days" in page
    assert "30 days is the usual minimum" in page
    assert response.context["dossier"].total_value == Decimal(900000)
    csv = _csv(client.get(reverse("market:supplier-csv", args=[supplier.slug])))
    assert flagged.title in csv


def test_dossier_says_when_the_value_was_not_assessed(client):
    supplier = SupplierFactory()
    AwardFactory(contract=ContractFactory(value=Decimal(5)), suppliers=[supplier])
    page = client.get(reverse("market:supplier", args=[supplier.slug])).content.decode()
    assert "Value far above the category&#x27;s range not assessed: Fewer than 5" in page


def test_merged_supplier_redirects_to_the_one_kept_with_its_contracts(client):
    kept = SupplierFactory()
    merged = SupplierFactory(merged_into=kept)
    contract = ContractFactory(title="From the duplicate")
    AwardFactory(contract=contract, suppliers=[merged])
    response = client.get(reverse("market:supplier", args=[merged.slug]))
    assert response.url == reverse("market:supplier", args=[kept.slug])
    page = client.get(response.url).content.decode()
    assert "From the duplicate" in page
    listed = client.get(reverse("market:suppliers")).context["pagination"].object_list
    assert merged not in listed
    assert kept in listed


def test_supplier_list_searches_with_a_fixed_number_of_queries(client):
    SupplierFactory(name="Acme Digital Ltd")
    SupplierFactory(name="Other Ltd")
    url = reverse("market:suppliers")
    found = client.get(url, {"q": "acme"}).context["pagination"].object_list
    assert [s.name for s in found] == ["Acme Digital Ltd"]
    few = _queries(client, url)
    for _ in range(6):
        AwardFactory()
    assert _queries(client, url) == few


def test_supplier_dossier_runs_a_fixed_number_of_queries(client):
    supplier = SupplierFactory()
    AwardFactory(suppliers=[supplier])
    url = reverse("market:supplier", args=[supplier.slug])
    few = _queries(client, url)
    for _ in range(5):
        AwardFactory(suppliers=[supplier, SupplierFactory()])
    assert _queries(client, url) == few


def test_pages_are_public(client):
    contract = ContractFactory()
    supplier = SupplierFactory()
    for url in (
        reverse("market:home"),
        reverse("market:contracts"),
        reverse("market:contract", args=[contract.pk]),
        reverse("market:council", args=[contract.buyer.slug]),
        reverse("market:category") + "?cpv=48",
        reverse("market:suppliers"),
        reverse("market:supplier", args=[supplier.slug]),
    ):
        assert client.get(url).status_code == 200, url


@pytest.mark.parametrize(
    ("top", "unit", "maximum", "step"),
    [
        (0, 1, 1, 0.2),
        (999, 1, 1000, 200),
        (250_000, 1e3, 250, 50),
        (1_234_567, 1e3, 1500, 500),
        (3e9, 1e6, 3000, 1000),
    ],
)
def test_money_axis_has_short_tick_labels_and_round_steps(top, unit, maximum, step):
    found_unit, _name, found_maximum, found_step = insight._axis(top)
    assert found_unit == unit
    assert found_maximum == pytest.approx(maximum)
    assert found_step == pytest.approx(step)
    assert found_maximum / found_step <= 5
