"""Councils' watches on the supplier market, and the alerts they send.

A watch is either
- *expiring*: the watching council's own contracts (its matched buyer) that end between today
  and `months_ahead` months from today; or
- *category*: contracts whose CPV codes start with `cpv_prefix` and/or whose title or
  description hold every one of `keywords`' words.

Category matching is a database filter, not the search service: contracts are not registered
for search. The CPV prefix is matched on the JSON text of `cpv_codes` (each code follows a
quote mark there, so `"72` finds 72000000 and 72212000), which works the same in SQLite and
PostgreSQL; words are matched case-insensitively in the title or the description.

Alerts email the watch's user each matching contract once (an AlertSent row a watch and a
contract): for expiring watches, every contract ending within the window; for category
watches, only contracts published since the watch was made. One email a watch a run lists its
new contracts; an expiry alert names, for each contract, up to three published good-practice
cases found by the one search service (hub.cases.selectors.case_search, as the assessment's
recommendations and peer challenge signposting use it) with the contract's title and the
description of its CPV code.
"""

import logging
from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.db.models import Q, QuerySet, TextField
from django.db.models.functions import Cast
from django.urls import reverse
from django.utils import timezone

from hub.cases.filters import CaseQuery
from hub.cases.selectors import case_search, published_resources
from hub.core.dates import add_months
from hub.core.notify import absolute_url, email_on_commit
from hub.market.models import AlertSent, Contract, Watch, WatchKind

logger = logging.getLogger(__name__)

CASES_PER_CONTRACT = 3
PREVIEW_SIZE = 5

# CPV 2008 divisions (the first two digits), and the groups most used for digital work.
CPV_DIVISIONS = {
    "03": "Agricultural, farming, fishing, forestry and related products",
    "09": "Petroleum products, fuel, electricity and other sources of energy",
    "14": "Mining, basic metals and related products",
    "15": "Food, beverages, tobacco and related products",
    "16": "Agricultural machinery",
    "18": "Clothing, footwear, luggage articles and accessories",
    "19": "Leather and textile fabrics, plastic and rubber materials",
    "22": "Printed matter and related products",
    "24": "Chemical products",
    "30": "Office and computing machinery, equipment and supplies",
    "31": "Electrical machinery, apparatus, equipment and consumables; lighting",
    "32": "Radio, television, communication, telecommunication and related equipment",
    "33": "Medical equipments, pharmaceuticals and personal care products",
    "34": "Transport equipment and auxiliary products to transportation",
    "35": "Security, fire-fighting, police and defence equipment",
    "37": "Musical instruments, sport goods, games, toys, handicraft, art materials",
    "38": "Laboratory, optical and precision equipments",
    "39": "Furniture, furnishings, domestic appliances and cleaning products",
    "41": "Collected and purified water",
    "42": "Industrial machinery",
    "43": "Machinery for mining, quarrying, construction equipment",
    "44": "Construction structures and materials",
    "45": "Construction work",
    "48": "Software package and information systems",
    "50": "Repair and maintenance services",
    "51": "Installation services",
    "55": "Hotel, restaurant and retail trade services",
    "60": "Transport services",
    "63": "Supporting and auxiliary transport services; travel agencies services",
    "64": "Postal and telecommunications services",
    "65": "Public utilities",
    "66": "Financial and insurance services",
    "70": "Real estate services",
    "71": "Architectural, construction, engineering and inspection services",
    "72": "IT services: consulting, software development, Internet and support",
    "73": "Research and development services and related consultancy services",
    "75": "Administration, defence and social security services",
    "76": "Services related to the oil and gas industry",
    "77": "Agricultural, forestry, horticultural, aquacultural and apiarian services",
    "79": "Business services: law, marketing, consulting, recruitment, printing and security",
    "80": "Education and training services",
    "85": "Health and social work services",
    "90": "Sewage, refuse, cleaning and environmental services",
    "92": "Recreational, cultural and sporting services",
    "98": "Other community, social and personal services",
}
CPV_GROUPS = {
    "302": "Computer equipment and supplies",
    "482": "Networking, Internet and intranet software package",
    "484": "Transaction and personal business software package",
    "485": "Communication and multimedia software package",
    "486": "Database and operating software package",
    "487": "Software package utilities",
    "488": "Information systems and servers",
    "489": "Miscellaneous software package and computer systems",
    "722": "Software programming and consultancy services",
    "723": "Data services",
    "724": "Internet services",
    "725": "Computer-related services",
    "726": "Computer support and consultancy services",
    "729": "Computer back-up and catalogue conversion services",
}


def cpv_description(code: str) -> str:
    """The name of a CPV code's group (three digits) or else its division (two), or ""."""
    digits = "".join(ch for ch in (code or "") if ch.isdigit())
    return CPV_GROUPS.get(digits[:3]) or CPV_DIVISIONS.get(digits[:2], "")


def window_end(watch: Watch, today: date | None = None) -> date:
    return add_months(today or timezone.localdate(), watch.months_ahead)


def with_cpv_prefix(contracts: QuerySet, prefix: str) -> QuerySet:
    """Contracts with a CPV code starting with `prefix` (digits only)."""
    if not prefix.isdigit():
        return contracts.none()
    return contracts.annotate(_cpv_text=Cast("cpv_codes", TextField())).filter(
        _cpv_text__contains=f'"{prefix}'
    )


def with_words(contracts: QuerySet, keywords: str) -> QuerySet:
    for word in keywords.split():
        contracts = contracts.filter(Q(title__icontains=word) | Q(description__icontains=word))
    return contracts


def category_contracts(cpv_prefix: str = "", keywords: str = "") -> QuerySet:
    contracts = Contract.objects.all()
    if cpv_prefix:
        contracts = with_cpv_prefix(contracts, cpv_prefix)
    if keywords.strip():
        contracts = with_words(contracts, keywords)
    return contracts


def watch_matches(watch: Watch, *, today: date | None = None) -> QuerySet:
    """What a watch matches now: for an expiring watch, its council's contracts ending within
    the window, soonest first; for a category watch, the category's contracts, newest first."""
    today = today or timezone.localdate()
    if watch.kind == WatchKind.EXPIRING:
        return Contract.objects.filter(
            buyer_id=watch.organisation_id,
            contract_end__gte=today,
            contract_end__lte=window_end(watch, today),
        ).order_by("contract_end", "pk")
    if not (watch.cpv_prefix or watch.keywords.strip()):
        return Contract.objects.none()
    return category_contracts(watch.cpv_prefix, watch.keywords).order_by("-published_at", "pk")


def alert_candidates(watch: Watch, *, today: date | None = None) -> QuerySet:
    """The matches a watch alerts about and has not alerted yet. A category watch alerts
    only contracts published since it was made."""
    contracts = watch_matches(watch, today=today)
    if watch.kind == WatchKind.CATEGORY:
        contracts = contracts.filter(published_at__gte=watch.created_at)
    sent = AlertSent.objects.filter(watch=watch).values("contract_id")
    return contracts.exclude(pk__in=sent)


@dataclass(frozen=True)
class CaseLink:
    title: str
    url: str


def replacement_cases(contract: Contract, limit: int = CASES_PER_CONTRACT) -> list[CaseLink]:
    """Published good-practice cases about the kind of system a contract buys: the search
    service's best matches for its title and its CPV code's description."""
    main_cpv = contract.cpv_codes[0] if contract.cpv_codes else ""
    text = " ".join(part for part in (contract.title, cpv_description(main_cpv)) if part)
    if not text.strip():
        return []
    found = case_search(CaseQuery(q=text), with_facets=False)
    ids = found.ordered_ids(limit=limit)
    records = published_resources().in_bulk(ids)
    return [
        CaseLink(records[pk].title, absolute_url(records[pk].get_absolute_url()))
        for pk in ids
        if pk in records
    ]


def _money(contract: Contract) -> str:
    if contract.value is None:
        return "value not published"
    symbol = "£" if contract.currency in ("", "GBP") else f"{contract.currency} "
    return f"{symbol}{contract.value:,.0f}"


def alert_body(watch: Watch, contracts: list[Contract]) -> str:
    lines = []
    if watch.kind == WatchKind.EXPIRING:
        lines.append(
            f"These contracts of {watch.organisation} end within {watch.months_ahead} months:"
        )
    else:
        lines.append(f"New contracts in the category you watch ({_category_label(watch)}):")
    for contract in contracts:
        lines.append("")
        lines.append(f"* {contract.title}")
        lines.append(f"  Buyer: {contract.buyer_name or 'not published'}; {_money(contract)}")
        if contract.contract_end:
            lines.append(f"  Ends: {contract.contract_end:%-d %B %Y}")
        lines.append(f"  {absolute_url(contract.get_absolute_url())}")
        if watch.kind == WatchKind.EXPIRING:
            cases = replacement_cases(contract)
            if cases:
                lines.append("  Good practice from councils that replaced this kind of system:")
                lines.extend(f"  - {case.title}: {case.url}" for case in cases)
    lines.append("")
    lines.append(f"Change or remove your watches: {absolute_url(reverse('market:watches'))}")
    return "\n".join(lines)


def _category_label(watch: Watch) -> str:
    parts = []
    if watch.cpv_prefix:
        described = cpv_description(watch.cpv_prefix)
        parts.append(f"CPV {watch.cpv_prefix}" + (f", {described}" if described else ""))
    if watch.keywords.strip():
        parts.append(f"“{watch.keywords.strip()}”")
    return "; ".join(parts)


def watch_label(watch: Watch) -> str:
    if watch.kind == WatchKind.EXPIRING:
        return f"{watch.organisation}: contracts ending within {watch.months_ahead} months"
    return f"Category: {_category_label(watch)}"


def alert_watch(watch_id: int, *, dry_run: bool = False) -> int:
    """Alert one watch's new matches; returns how many contracts it alerted (or would)."""
    with transaction.atomic():
        watch = (
            Watch.objects.select_for_update()
            .select_related("user", "organisation")
            .filter(pk=watch_id)
            .first()
        )
        if watch is None:
            return 0
        contracts = list(alert_candidates(watch))
        if not contracts or dry_run:
            return len(contracts)
        AlertSent.objects.bulk_create(
            [AlertSent(watch=watch, contract=contract) for contract in contracts],
            ignore_conflicts=True,
        )
        plural = "" if len(contracts) == 1 else "s"
        if watch.kind == WatchKind.EXPIRING:
            subject = f"{len(contracts)} contract{plural} of {watch.organisation} ending soon"
        else:
            subject = f"{len(contracts)} new contract{plural} in a category you watch"
        email_on_commit(to=[watch.user.email], subject=subject, body=alert_body(watch, contracts))
        logger.info("market alert watch=%s contracts=%d", watch.pk, len(contracts))
        return len(contracts)


def market_alerts_send(*, dry_run: bool = False) -> int:
    """Alert every watch; returns how many contracts were alerted (or would be)."""
    ids = list(Watch.objects.order_by("pk").values_list("pk", flat=True))
    return sum(alert_watch(pk, dry_run=dry_run) for pk in ids)
