"""Demo supplier market: a few fictional contracts of demo councils, so the market pages have
something to show without ../shared/data (where it is there, `make run` imports the real OCDS
samples and Digital Marketplace opportunities as well).

Suppliers' names end in "Example Ltd" to say they are fictional. Among the contracts: one
with a single bidder and a short tender period, one priced far above the rest of its category,
and several ending within 18 months, so every flag and the expiry list show."""

import datetime as dt
from decimal import Decimal

from django.utils import timezone
from django.utils.text import slugify

from hub.market.models import Award, Contract, MatchStatus, Source, Supplier
from hub.organisations.models import Organisation

SUPPLIERS = ["Civic Systems Example Ltd", "Bright Cloud Example Ltd", "Open Forms Example Ltd"]

# (ocid suffix, buyer code, title, CPV, value £, supplier index, tenderers, tender days,
#  months since start, contract months)
CONTRACTS = [
    ("rb-plymouth", "PLY", "Revenues and benefits system", "48000000", 420_000, 0, 3, 45, 40, 48),
    ("rb-bristol", "BST", "Revenues and benefits system", "48000000", 380_000, 0, 4, 40, 30, 48),
    ("rb-cornwall", "CON", "Revenues and benefits software", "48000000", 510_000, 0, 2, 35, 20, 60),
    (
        "rb-wiltshire",
        "WIL",
        "Council tax and benefits system",
        "48000000",
        455_000,
        0,
        3,
        42,
        36,
        48,
    ),
    ("rb-leeds", "LDS", "Revenues and benefits platform", "48000000", 600_000, 1, 5, 50, 10, 60),
    ("rb-kent", "KEN", "Revenues and benefits system", "48000000", 2_900_000, 0, 1, 12, 6, 48),
    ("forms-cambridge", "CAB", "Online forms platform", "72000000", 85_000, 2, 6, 35, 22, 24),
    ("hosting-manchester", "MAN", "Cloud hosting", "72000000", 240_000, 1, 3, 30, 30, 36),
]


def seed_market(summary) -> None:
    if Contract.objects.filter(ocid__startswith="demo-").exists():
        summary.add("market contracts", False)
        return
    suppliers = [
        Supplier.objects.create(
            name=name,
            normalised_name=name.lower().replace(" ltd", ""),
            slug=slugify(name),
            is_sme=index == 2,
        )
        for index, name in enumerate(SUPPLIERS)
    ]
    today = timezone.localdate()
    for key, code, title, cpv, value, supplier, tenderers, tender_days, since, months in CONTRACTS:
        buyer = Organisation.objects.filter(register_code=code).first()
        start = today - dt.timedelta(days=30 * since)
        contract = Contract.objects.create(
            source=Source.OTHER_OCDS,
            ocid=f"demo-{key}",
            title=title,
            description=f"{title} for {buyer.name if buyer else 'a council'} (demo contract).",
            buyer=buyer,
            buyer_name=buyer.name if buyer else "",
            buyer_match=MatchStatus.MATCHED if buyer else MatchStatus.UNMATCHED,
            cpv_codes=[cpv],
            category="services",
            status="active",
            procurement_method="open",
            value=Decimal(value),
            currency="GBP",
            tender_start=start - dt.timedelta(days=tender_days + 60),
            tender_end=start - dt.timedelta(days=60),
            number_of_tenderers=tenderers,
            contract_start=start,
            contract_end=start + dt.timedelta(days=30 * months),
            published_at=timezone.now() - dt.timedelta(days=30 * since + 30),
        )
        award = Award.objects.create(
            contract=contract,
            award_id=f"demo-{key}-1",
            status="active",
            date=start - dt.timedelta(days=30),
            value=Decimal(value),
            currency="GBP",
            contract_start=contract.contract_start,
            contract_end=contract.contract_end,
        )
        award.suppliers.set([suppliers[supplier]])
    summary.add("market contracts", True)
