"""`/api/v1/market`: contracts with filters, one contract with awards and suppliers, suppliers
with totals, a council's market; public, paged, errors in the one envelope."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from hub.market.models import Source
from hub.market.tests.factories import AwardFactory, ContractFactory, SupplierFactory
from hub.organisations.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db

BASE = "/api/v1/market"


def ending_in(days, **fields):
    return ContractFactory(contract_end=timezone.localdate() + timedelta(days=days), **fields)


def test_contracts_are_public_paged_and_filtered(client, django_assert_max_num_queries):
    council = OrganisationFactory()
    mine = ending_in(30, buyer=council, cpv_codes=["72212000"], title="Mine")
    ending_in(30, cpv_codes=["48000000"], title="Software elsewhere")
    ending_in(
        900,
        source=Source.DIGITAL_MARKETPLACE,
        buyer=None,
        title="Later, no buyer",
        cpv_codes=["79000000"],
    )

    with django_assert_max_num_queries(3):
        body = client.get(f"{BASE}/contracts").json()
    assert body["count"] == 3
    assert {"count", "page", "page_size", "pages", "items"} <= set(body)

    def titles(query):
        return [item["title"] for item in client.get(f"{BASE}/contracts?{query}").json()["items"]]

    assert titles(f"buyer={council.slug}") == ["Mine"]
    assert titles("cpv=72") == ["Mine"]
    assert titles("cpv=7221") == ["Mine"]
    assert sorted(titles("cpv=4")) == ["Software elsewhere"]
    assert titles("source=digital_marketplace") == ["Later, no buyer"]
    before = (timezone.localdate() + timedelta(days=100)).isoformat()
    assert sorted(titles(f"ending_before={before}")) == ["Mine", "Software elsewhere"]
    item = client.get(f"{BASE}/contracts?buyer={council.slug}").json()["items"][0]
    assert item["id"] == mine.pk
    assert item["buyer"] == council.slug
    assert item["url"].endswith(f"/market/contracts/{mine.pk}/")


def test_bad_filters_answer_the_error_envelope(client):
    response = client.get(f"{BASE}/contracts?cpv=abc")
    assert response.status_code == 422
    assert response.json()["error"]["code"] == "invalid_request"


def test_one_contract_with_its_awards_and_suppliers(client):
    supplier = SupplierFactory(name="Acme Digital Ltd")
    award = AwardFactory(suppliers=[supplier], value=Decimal("1200.50"))
    body = client.get(f"{BASE}/contracts/{award.contract.pk}").json()
    assert body["description"] == award.contract.description
    assert body["awards"][0]["value"] == 1200.5
    assert body["awards"][0]["suppliers"][0]["slug"] == supplier.slug
    assert body["awards"][0]["suppliers"][0]["name"] == "Acme Digital Ltd"
    text = str(body).lower()
    assert "email" not in text
    assert "telephone" not in text
    missing = client.get(f"{BASE}/contracts/999999")
    assert missing.status_code == 404
    assert missing.json()["error"]["code"] == "not_found"


def test_suppliers_with_their_totals(client):
    supplier = SupplierFactory(name="Acme Digital Ltd")
    duplicate = SupplierFactory(name="ACME Digital Limited", merged_into=supplier)
    one = AwardFactory(suppliers=[supplier], value=Decimal("100"))
    AwardFactory(suppliers=[supplier], value=Decimal("50"), contract=one.contract)
    AwardFactory(suppliers=[duplicate], value=Decimal("25"))
    SupplierFactory(name="Other Ltd")

    listed = client.get(f"{BASE}/suppliers").json()
    assert [item["name"] for item in listed["items"]] == ["Acme Digital Ltd", "Other Ltd"]
    assert client.get(f"{BASE}/suppliers?q=acme").json()["count"] == 1

    body = client.get(f"{BASE}/suppliers/{supplier.slug}").json()
    assert body["merged"] == [duplicate.slug]
    assert body["totals"]["awards"] == 3
    assert body["totals"]["contracts"] == 2
    assert body["totals"]["value"] == 175.0
    assert len(body["contracts"]) == 2
    assert client.get(f"{BASE}/suppliers/nobody").status_code == 404


def test_a_councils_market(client):
    council = OrganisationFactory()
    big = SupplierFactory(name="Big Systems Ltd")
    small = SupplierFactory(name="Small Studio Ltd")
    AwardFactory(
        contract=ending_in(60, buyer=council, cpv_codes=["48000000"], value=Decimal("900")),
        suppliers=[big],
        value=Decimal("900"),
    )
    AwardFactory(
        contract=ending_in(1000, buyer=council, cpv_codes=["72000000"], value=Decimal("100")),
        suppliers=[small],
        value=Decimal("100"),
    )
    ending_in(30, cpv_codes=["48000000"])  # another council's

    body = client.get(f"{BASE}/councils/{council.slug}").json()
    assert body["contracts"] == 2
    assert body["value"] == 1000.0
    assert [(d["division"], d["contracts"], d["value"]) for d in body["divisions"]] == [
        ("48", 1, 900.0),
        ("72", 1, 100.0),
    ]
    assert body["divisions"][0]["description"] == "Software package and information systems"
    assert [s["name"] for s in body["top_suppliers"]] == ["Big Systems Ltd", "Small Studio Ltd"]
    assert body["top_suppliers"][0]["value"] == 900.0
    assert len(body["expiring"]) == 1
    assert body["expiring"][0]["value"] == 900.0
    assert client.get(f"{BASE}/councils/nowhere").status_code == 404


def test_schema_names_are_prefixed(client):
    schemas = client.get("/api/v1/openapi.json").json()["components"]["schemas"]
    ours = [name for name in schemas if "Supplier" in name or "Contract" in name]
    assert ours
    assert all(name.startswith("Market") or "Paged" in name for name in ours)


def test_a_nul_byte_in_a_filter_is_dropped_not_sent_to_the_database(client):
    # PostgreSQL refuses text with a NUL byte (schemathesis found a 500 there):
    # hub.core.middleware.NulBytesMiddleware drops it.
    SupplierFactory(name="Civic Systems Ltd", slug="civic-systems")
    response = client.get("/api/v1/market/suppliers", {"q": "Civic\x00"})
    assert response.status_code == 200
    assert [item["slug"] for item in response.json()["items"]] == ["civic-systems"]
    assert client.get("/api/v1/market/contracts", {"buyer": "x\x00y"}).status_code == 200
