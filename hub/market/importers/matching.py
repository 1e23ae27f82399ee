"""Matching imported names: buyers to the register, and suppliers to each other.

Buyers (`BuyerMatcher`):
1. an identifier that is a GSS code matches the organisation with that code: MATCHED;
2. otherwise the name is normalised (lower case, text in brackets dropped, "&" read as "and",
   punctuation dropped, and the words of a council's form dropped: "the", "council", "city",
   "borough of", "metropolitan", "county", "district", "of", "and", "MBC", "CBC") and compared
   with the same normalised form of each organisation's name, short name and slug, and of the
   register's name lookup (`uk-local-authorities/lookup_name_to_registry.csv` in the shared
   data, when it is there). One exact match: MATCHED;
3. a close one (difflib ratio >= 0.85): UNCERTAIN, for a person to review;
4. a buyer recorded as an intermediary ("Spend Network") or not matched: the authority is
   looked for in the title before its first ":" ("South Gloucestershire Council: Housing...").
Else UNMATCHED.

Suppliers (`SupplierResolver`) are de-duplicated by identifier and by normalised name (ltd,
limited, plc, llp, uk and punctuation dropped). An identifier shared by very different names
(ratio below 0.6) is not trusted: the supplier is kept apart and a supplier review is queued.
"""

from __future__ import annotations

import csv
import difflib
import re
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.utils.text import slugify

from hub.market.models import MatchReview, MatchStatus, ReviewKind, ReviewStatus, Supplier
from hub.organisations.models import GSS_CODE_PATTERN, Organisation

NAME_LOOKUP = "lookup_name_to_registry.csv"
CLOSE_MATCH = 0.85
SAME_SUPPLIER_NAME = 0.6
INTERMEDIARIES = {"spend network", "spend network ltd"}

_PUNCTUATION = re.compile(r"[^\w\s]")
_SPACES = re.compile(r"\s+")
_PARENTHESES = re.compile(r"\([^)]*\)")
_BUYER_PHRASES = ("london borough of", "royal borough of", "borough of", "city of", "county of")
_BUYER_WORDS = {
    "the", "council", "city", "borough", "metropolitan", "county", "district", "of", "and",
    "mbc", "cc", "dc", "bc", "cbc",
}  # fmt: skip
_SUPPLIER_WORDS = {"ltd", "limited", "plc", "llp", "uk", "the"}
_GSS = re.compile(GSS_CODE_PATTERN)
# Identifiers that many unrelated suppliers share in the data (placeholders).
_UNUSABLE_IDENTIFIER = re.compile(r"^(?:[A-Z-]*-)?(?:0+|n/?a|none|unknown|tbc)?$", re.IGNORECASE)


def _clean(name: str) -> str:
    text = _PARENTHESES.sub(" ", (name or "").lower()).replace("&", " and ")
    text = _PUNCTUATION.sub(" ", text)
    return _SPACES.sub(" ", text).strip()


def normalise_buyer(name: str) -> str:
    text = _clean(name)
    for phrase in _BUYER_PHRASES:
        text = re.sub(rf"\b{phrase}\b", " ", text)
    return " ".join(word for word in text.split() if word not in _BUYER_WORDS)


def normalise_supplier(name: str) -> str:
    return " ".join(word for word in _clean(name).split() if word not in _SUPPLIER_WORDS)


@dataclass
class BuyerMatch:
    organisation: Organisation | None
    status: str
    score: float = 0.0
    name: str = ""


class BuyerMatcher:
    """The register's names, read once per import."""

    def __init__(self):
        self.by_gss: dict[str, Organisation] = {}
        self.by_key: dict[str, list[Organisation]] = {}
        for org in Organisation.objects.all():
            if org.gss_code:
                self.by_gss[org.gss_code] = org
            for variant in {org.name, org.short_name, org.slug.replace("-", " ")}:
                key = normalise_buyer(variant)
                if key and org not in self.by_key.setdefault(key, []):
                    self.by_key[key].append(org)
        self._add_register_lookup()
        self.keys = list(self.by_key)

    def _add_register_lookup(self) -> None:
        """The register's own name variants (mySociety's name-to-register lookup), when the
        shared data holds it: e.g. "Armagh, Banbridge and Craigavon" for ABC."""
        path = Path(settings.HUB_SHARED_DATA_DIR) / "uk-local-authorities" / NAME_LOOKUP
        if not path.is_file():
            return
        by_code = {
            org.register_code: org for org in Organisation.objects.filter(register_code__gt="")
        }
        with path.open(newline="", encoding="utf-8-sig") as handle:
            for row in csv.DictReader(handle):
                org = by_code.get((row.get("local-authority-code") or "").strip())
                key = normalise_buyer(row.get("la-name") or "")
                if org and key and org not in self.by_key.setdefault(key, []):
                    self.by_key[key].append(org)

    def _by_name(self, name: str) -> BuyerMatch:
        key = normalise_buyer(name)
        if not key:
            return BuyerMatch(None, MatchStatus.UNMATCHED, name=name)
        found = self.by_key.get(key)
        if found:
            current = [org for org in found if org.is_current] or found
            status = MatchStatus.MATCHED if len(current) == 1 else MatchStatus.UNCERTAIN
            return BuyerMatch(current[0], status, 1.0, name)
        close = difflib.get_close_matches(key, self.keys, n=1, cutoff=CLOSE_MATCH)
        if close:
            score = difflib.SequenceMatcher(None, key, close[0]).ratio()
            return BuyerMatch(self.by_key[close[0]][0], MatchStatus.UNCERTAIN, score, name)
        return BuyerMatch(None, MatchStatus.UNMATCHED, name=name)

    def match(self, name: str, identifier: str = "", title: str = "") -> BuyerMatch:
        code = (identifier or "").rsplit("-", 1)[-1].strip().upper()
        if _GSS.match(code) and code in self.by_gss:
            return BuyerMatch(self.by_gss[code], MatchStatus.MATCHED, 1.0, name)
        result = (
            BuyerMatch(None, MatchStatus.UNMATCHED, name=name)
            if _clean(name) in INTERMEDIARIES
            else self._by_name(name)
        )
        if result.status != MatchStatus.MATCHED and ":" in (title or ""):
            from_title = self._by_name(title.split(":", 1)[0])
            if from_title.organisation and (
                result.organisation is None or from_title.score > result.score
            ):
                return from_title
        return result


def usable_identifier(identifier: str) -> str:
    identifier = (identifier or "").strip()
    return "" if _UNUSABLE_IDENTIFIER.match(identifier) else identifier[:120]


class SupplierResolver:
    """Finds or creates the supplier a name and identifier stand for, within one import."""

    def __init__(self):
        self.created = 0
        self.reviews = 0

    def _unique_slug(self, name: str) -> str:
        base = (slugify(name) or "supplier")[:300]
        slug, n = base, 2
        while Supplier.objects.filter(slug=slug).exists():
            slug, n = f"{base}-{n}", n + 1
        return slug

    def _create(self, name: str, normalised: str, identifier: str, is_sme) -> Supplier:
        self.created += 1
        return Supplier.objects.create(
            name=name[:300],
            normalised_name=normalised[:300],
            identifier=identifier,
            slug=self._unique_slug(name),
            is_sme=is_sme,
        )

    def resolve(self, name: str, identifier: str = "", is_sme: bool | None = None) -> Supplier:
        name = _SPACES.sub(" ", name).strip()
        normalised = normalise_supplier(name) or _clean(name)
        identifier = usable_identifier(identifier)
        if identifier:
            same_id = (
                Supplier.objects.filter(identifier=identifier, merged_into=None)
                .order_by("pk")
                .first()
            )
            if same_id is not None:
                ratio = difflib.SequenceMatcher(None, normalised, same_id.normalised_name).ratio()
                if ratio >= SAME_SUPPLIER_NAME:
                    return same_id
                # A shared identifier: keep the names apart, and ask a person.
                supplier = (
                    Supplier.objects.filter(normalised_name=normalised, merged_into=None)
                    .order_by("pk")
                    .first()
                ) or self._create(name, normalised, "", is_sme)
                _, made = MatchReview.objects.get_or_create(
                    kind=ReviewKind.SUPPLIER,
                    supplier=supplier,
                    candidate_supplier=same_id,
                    defaults={"raw_name": name[:300], "score": round(ratio, 3)},
                )
                self.reviews += made
                return supplier
        by_name = (
            Supplier.objects.filter(normalised_name=normalised, merged_into=None)
            .order_by("pk")
            .first()
        )
        if by_name is not None:
            return by_name
        return self._create(name, normalised, identifier, is_sme)


def queue_buyer_review(contract, match: BuyerMatch) -> bool:
    """Queue an uncertain buyer match once a contract; True when a review was added."""
    if match.status != MatchStatus.UNCERTAIN or match.organisation is None:
        return False
    if MatchReview.objects.filter(kind=ReviewKind.BUYER, contract=contract).exists():
        return False
    MatchReview.objects.create(
        kind=ReviewKind.BUYER,
        status=ReviewStatus.PENDING,
        raw_name=(match.name or contract.buyer_name)[:300],
        score=round(match.score, 3),
        contract=contract,
        organisation=match.organisation,
    )
    return True
