"""Import OCDS release packages and record packages (OCDS 1.0 and 1.1), from a file or a URL.

A file is read whole and checked first: one that is not JSON, or holds no `releases` or
`records` list, raises `OCDSFileError` naming the problem and writes nothing. Each release is
then checked; a bad one (no ocid, a date that is not a date, an amount that is not a number)
is skipped with its row, field and reason in the run's report. The good releases of each ocid
are compiled into one release with `ocdsmerge` (later releases win; awards merged by id). The
merger is given empty merge rules so it needs no schema download: arrays of objects merge by
`id`, other values are replaced by the latest release's; that is all the fields we keep need.
A record's own `compiledRelease` is used when present, else its releases are compiled.

Everything is written in one transaction: one Contract per ocid (created, updated or
unchanged), its awards and their suppliers. A second run of the same file changes nothing.
Procurement contacts' names, emails and phones are never read.

Framework rule: a contract is recorded as called off a framework when
`tender.techniques.hasFrameworkAgreement` is true, or the word "framework" appears in
`tender.procurementMethodDetails` or the description; the recorded name is the few words
before "framework" in that text (e.g. "ESPO 509_23 framework"), or "Framework agreement".
"""

from __future__ import annotations

import datetime as dt
import json
import re
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

import ocdsmerge
from django.db import transaction
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime

from hub.core.importing import ImportFileError
from hub.market.importers.matching import (
    BuyerMatcher,
    SupplierResolver,
    queue_buyer_review,
    usable_identifier,
)
from hub.market.models import Award, Contract, ImportRun, ImportStatus, MatchStatus, Source

URL_TIMEOUT = 30
MAX_BYTES = 50 * 1024 * 1024
OCID_SOURCES = {
    "ocds-b5fd17": Source.CONTRACTS_FINDER,
    "ocds-h6vhtk": Source.FIND_A_TENDER,
    "ocds-r6ebe6": Source.PUBLIC_CONTRACTS_SCOTLAND,
    "ocds-kuma6s": Source.SELL2WALES,
}
_FRAMEWORK_NAME = re.compile(r"((?:[\w/.&-]+\s+){0,3}framework(?:\s+agreement)?)", re.IGNORECASE)
_CPV_SCHEMES = {"CPV", "CPVS", ""}


class OCDSFileError(ImportFileError):
    """The file is not an OCDS package: nothing was written."""

    def __init__(self, problem: str):
        super().__init__([problem], what="The OCDS file")


@dataclass
class Skips:
    items: list[dict] = field(default_factory=list)

    def add(self, row, field_name: str, reason: str) -> None:
        self.items.append({"row": str(row)[:200], "field": field_name, "reason": reason})


# ---- reading -------------------------------------------------------------------------------


def read_location(location: str) -> bytes:
    """The bytes at a path or an http(s) address."""
    if re.match(r"^https?://", location):
        try:
            with urllib.request.urlopen(location, timeout=URL_TIMEOUT) as response:  # noqa: S310
                data = response.read(MAX_BYTES + 1)
        except (OSError, ValueError) as error:
            raise OCDSFileError(f"{location} could not be read: {error}") from None
    else:
        path = Path(location)
        if not path.is_file():
            raise OCDSFileError(f"There is no file at {location}")
        data = path.read_bytes()
    if len(data) > MAX_BYTES:
        raise OCDSFileError(f"{location} is larger than {MAX_BYTES // (1024 * 1024)} MB")
    return data


def _without_nul(value):
    """The value with every NUL character taken out of its strings and keys: the database
    cannot store one, and JSON may hold one as \\u0000."""
    if isinstance(value, str):
        return value.replace("\x00", "")
    if isinstance(value, list):
        return [_without_nul(item) for item in value]
    if isinstance(value, dict):
        return {_without_nul(key): _without_nul(item) for key, item in value.items()}
    return value


def parse_package(data: bytes | str) -> tuple[list[tuple[object, object]], str]:
    """(row label, release) pairs of a package, and whether it held releases or records."""
    try:
        package = json.loads(data)
    except (ValueError, UnicodeDecodeError) as error:
        raise OCDSFileError(f"The file is not JSON: {error}") from None
    except RecursionError:
        raise OCDSFileError("The file is not usable JSON: it nests too deeply") from None
    if not isinstance(package, dict):
        raise OCDSFileError("The file is not an OCDS package: it is not a JSON object")
    text = data if isinstance(data, str) else data.decode(json.detect_encoding(data), "replace")
    if "\\u0000" in text:
        package = _without_nul(package)
    if isinstance(package.get("releases"), list):
        return [(i, release) for i, release in enumerate(package["releases"])], "releases"
    if isinstance(package.get("records"), list):
        return [(i, record) for i, record in enumerate(package["records"])], "records"
    raise OCDSFileError("The file is not an OCDS package: it has no 'releases' or 'records' list")


# ---- checking one release ------------------------------------------------------------------


def _d(value) -> dict:
    return value if isinstance(value, dict) else {}


def _l(value) -> list:
    return value if isinstance(value, list) else []


def _s(value, limit: int = 500) -> str:
    return value.strip()[:limit] if isinstance(value, str) else ""


class BadValue(ValueError):
    def __init__(self, field_name: str, reason: str):
        self.field_name, self.reason = field_name, reason


def to_datetime(value, field_name: str) -> dt.datetime | None:
    if value in (None, ""):
        return None
    parsed = None
    if isinstance(value, str):
        try:
            parsed = parse_datetime(value.strip())
            if parsed is None:
                day = parse_date(value.strip())
                parsed = dt.datetime.combine(day, dt.time()) if day else None
        except ValueError:
            parsed = None
    if parsed is None:
        raise BadValue(field_name, f"{str(value)[:60]!r} is not a date")
    if timezone.is_naive(parsed):
        parsed = parsed.replace(tzinfo=dt.UTC)
    return parsed


def to_date(value, field_name: str) -> dt.date | None:
    parsed = to_datetime(value, field_name)
    return parsed.date() if parsed else None


def to_amount(value, field_name: str) -> Decimal | None:
    amount = _d(value).get("amount")
    if amount in (None, ""):
        return None
    if isinstance(amount, bool) or not isinstance(amount, int | float | str):
        raise BadValue(field_name, f"{str(amount)[:60]!r} is not a number")
    try:
        number = Decimal(str(amount).replace(",", "").strip())
    except InvalidOperation:
        raise BadValue(field_name, f"{str(amount)[:60]!r} is not a number") from None
    if not number.is_finite() or abs(number) >= Decimal(10) ** 14:
        raise BadValue(field_name, f"{str(amount)[:60]!r} is not a usable amount")
    return number.quantize(Decimal("0.01"))


def check_release(release) -> None:
    """Raise BadValue for the first field that makes a release unusable."""
    if not isinstance(release, dict):
        raise BadValue("release", "is not a JSON object")
    if not _s(release.get("ocid"), 200):
        raise BadValue("ocid", "is missing")
    if not _s(release.get("date")):
        raise BadValue("date", "is missing")
    to_datetime(release.get("date"), "date")
    tender = _d(release.get("tender"))
    to_amount(tender.get("value"), "tender.value.amount")
    for name in ("tenderPeriod", "contractPeriod"):
        period = _d(tender.get(name))
        to_date(period.get("startDate"), f"tender.{name}.startDate")
        to_date(period.get("endDate"), f"tender.{name}.endDate")
    for n, award in enumerate(_l(release.get("awards"))):
        award = _d(award)
        to_amount(award.get("value"), f"awards[{n}].value.amount")
        to_date(award.get("date"), f"awards[{n}].date")
        period = _d(award.get("contractPeriod"))
        to_date(period.get("startDate"), f"awards[{n}].contractPeriod.startDate")
        to_date(period.get("endDate"), f"awards[{n}].contractPeriod.endDate")
        for supplier in _l(award.get("suppliers")):
            if not isinstance(supplier, dict):
                raise BadValue(f"awards[{n}].suppliers", "holds something that is not an object")
        if "id" in award and not isinstance(award["id"], str | int):
            raise BadValue(f"awards[{n}].id", "is not text")


# ---- what a compiled release says ----------------------------------------------------------


@dataclass
class ParsedAward:
    award_id: str
    status: str
    date: dt.date | None
    value: Decimal | None
    currency: str
    contract_start: dt.date | None
    contract_end: dt.date | None
    suppliers: list[tuple[str, str, bool | None]]  # (name, identifier, is_sme)


def _party_identifier(party: dict) -> str:
    identifier = _d(party.get("identifier"))
    scheme, ident = _s(identifier.get("scheme"), 40), _s(str(identifier.get("id") or ""), 80)
    if scheme and ident:
        return f"{scheme}-{ident}"
    return _s(str(party.get("id") or ""), 120)


def framework_of(tender: dict, description: str) -> str:
    details = _s(tender.get("procurementMethodDetails"))
    for text in (details, description):
        if "framework" in text.lower():
            found = _FRAMEWORK_NAME.search(text)
            return (found.group(1).strip() if found else "Framework agreement")[:300]
    if _d(tender.get("techniques")).get("hasFrameworkAgreement") is True:
        return "Framework agreement"
    return ""


def cpv_codes_of(tender: dict) -> list[str]:
    codes: list[str] = []
    classifications = [tender.get("classification")]
    for item in _l(tender.get("items")):
        item = _d(item)
        classifications += [item.get("classification"), *_l(item.get("additionalClassifications"))]
    for classification in classifications:
        classification = _d(classification)
        code = _s(str(classification.get("id") or ""), 20)
        if code and _s(classification.get("scheme")).upper() in _CPV_SCHEMES and code not in codes:
            codes.append(code)
    return codes


def awards_of(release: dict, ocid: str, parties_by_id: dict) -> tuple[list[ParsedAward], list]:
    problems: list = []
    awards: list[ParsedAward] = []
    seen_ids: set[str] = set()
    for n, award in enumerate(_l(release.get("awards"))):
        award = _d(award)
        award_id = _s(str(award.get("id") or ""), 200) or f"{ocid}-award-{n + 1}"
        if award_id in seen_ids:
            continue
        seen_ids.add(award_id)
        suppliers = []
        for supplier in _l(award.get("suppliers")):
            name, identifier, is_sme = supplier_of(supplier, parties_by_id)
            if not name:
                problems.append((ocid, f"awards[{n}].suppliers", "a supplier has no name"))
                continue
            suppliers.append((name, identifier, is_sme))
        period = _d(award.get("contractPeriod"))
        awards.append(
            ParsedAward(
                award_id=award_id,
                status=_s(award.get("status"), 40),
                date=to_date(award.get("date"), "award.date"),
                value=to_amount(award.get("value"), "award.value"),
                currency=_s(_d(award.get("value")).get("currency"), 3),
                contract_start=to_date(period.get("startDate"), "award.contractPeriod"),
                contract_end=to_date(period.get("endDate"), "award.contractPeriod"),
                suppliers=suppliers,
            )
        )
    return awards, problems


def supplier_of(supplier: dict, parties_by_id: dict) -> tuple[str, str, bool | None]:
    party = parties_by_id.get(str(supplier.get("id")), {})
    name = _s(supplier.get("name"), 300) or _s(party.get("name"), 300)
    scale = _s(_d(party.get("details")).get("scale")).lower()
    is_sme = {"sme": True, "micro": True, "small": True, "medium": True, "large": False}.get(scale)
    return name, usable_identifier(_party_identifier(party or supplier)), is_sme


def url_of(release: dict, tender: dict) -> str:
    documents = list(_l(tender.get("documents")))
    for award in _l(release.get("awards")):
        documents += _l(_d(award).get("documents"))
    for document in documents:
        url = _s(_d(document).get("url"))
        if url.startswith("http") and len(url) <= 500:
            return url
    return ""


def contract_fields(release: dict, source: str) -> tuple[dict, list[ParsedAward], list]:
    """The Contract fields, awards and problems (row, field, reason) of a compiled release."""
    tender = _d(release.get("tender"))
    parties = [_d(p) for p in _l(release.get("parties"))]
    parties_by_id = {str(p.get("id")): p for p in parties if p.get("id") is not None}
    buyer = _d(release.get("buyer"))
    if not _s(buyer.get("name")):
        buyer = next((p for p in parties if "buyer" in _l(p.get("roles"))), buyer)
    buyer_party = parties_by_id.get(str(buyer.get("id")), buyer)
    description = _s(tender.get("description"), 20000)
    tenderers = tender.get("numberOfTenderers")
    if not (isinstance(tenderers, int) and not isinstance(tenderers, bool) and tenderers >= 0):
        listed = tender.get("tenderers")
        tenderers = len(listed) if isinstance(listed, list) and listed else None
    tender_period = _d(tender.get("tenderPeriod"))
    contract_period = _d(tender.get("contractPeriod"))
    value = _d(tender.get("value"))
    ocid = _s(release.get("ocid"), 200)
    fields = {
        "source": source,
        "title": _s(tender.get("title")) or _s(release.get("title")) or ocid,
        "description": description,
        "buyer_name": _s(buyer.get("name") or buyer_party.get("name"), 300),
        "buyer_identifier": _party_identifier(_d(buyer_party))[:120],
        "cpv_codes": cpv_codes_of(tender),
        "category": _s(tender.get("mainProcurementCategory"), 40),
        "status": _s(tender.get("status"), 40),
        "procurement_method": _s(tender.get("procurementMethod"), 60),
        "framework": framework_of(tender, description),
        "value": to_amount(value, "tender.value.amount"),
        "currency": _s(value.get("currency"), 3),
        "tender_start": to_date(tender_period.get("startDate"), "tenderPeriod"),
        "tender_end": to_date(tender_period.get("endDate"), "tenderPeriod"),
        "number_of_tenderers": min(tenderers, 2**31 - 1) if tenderers is not None else None,
        "contract_start": to_date(contract_period.get("startDate"), "contractPeriod"),
        "contract_end": to_date(contract_period.get("endDate"), "contractPeriod"),
        "published_at": to_datetime(release.get("date"), "date"),
    }
    awards, problems = awards_of(release, ocid, parties_by_id)
    fields["url"] = url_of(release, tender)
    if fields["contract_end"] is None and awards:
        ends = [a.contract_end for a in awards if a.contract_end]
        fields["contract_end"] = max(ends) if ends else None
        starts = [a.contract_start for a in awards if a.contract_start]
        fields["contract_start"] = fields["contract_start"] or (min(starts) if starts else None)
    return fields, awards, problems


def source_of(ocid: str, default: str = Source.OTHER_OCDS) -> str:
    for prefix, source in OCID_SOURCES.items():
        if ocid.startswith(prefix):
            return source
    return default


# ---- writing -------------------------------------------------------------------------------

_MERGER = ocdsmerge.Merger(merge_rules={})


def compile_releases(releases: list[dict]) -> dict:
    ordered = sorted(releases, key=lambda r: to_datetime(r.get("date"), "date"))
    return _MERGER.create_compiled_release(ordered)


def record_releases(index, record, skips: Skips) -> tuple[str, list[dict], int]:
    """A record's good releases (its compiledRelease alone when it has one)."""
    if not isinstance(record, dict):
        skips.add(index, "record", "is not a JSON object")
        return "", [], 0
    ocid = _s(record.get("ocid"), 200)
    own = record.get("compiledRelease")
    candidates = [own] if isinstance(own, dict) else _l(record.get("releases"))
    if not candidates:
        skips.add(ocid or index, "releases", "the record has no releases")
        return ocid, [], 0
    good = []
    for release in candidates:
        if isinstance(release, dict) and ocid and not release.get("ocid"):
            release = {**release, "ocid": ocid}
        try:
            check_release(release)
        except BadValue as bad:
            skips.add(ocid or index, bad.field_name, bad.reason)
            continue
        good.append(release)
    return (_s(good[0]["ocid"], 200) if good else ocid), good, len(candidates)


def gather(items: list, kind: str, skips: Skips) -> tuple[dict[str, dict], int]:
    """Compiled release per ocid; the count of releases read."""
    by_ocid: dict[str, list[dict]] = {}
    compiled: dict[str, dict] = {}
    read = 0
    for index, item in items:
        if kind == "records":
            ocid, good, n_read = record_releases(index, item, skips)
            read += n_read
            if good:
                by_ocid.setdefault(ocid, []).extend(good)
            continue
        read += 1
        try:
            check_release(item)
        except BadValue as bad:
            label = _s(item.get("ocid"), 200) if isinstance(item, dict) else ""
            skips.add(label or index, bad.field_name, bad.reason)
            continue
        by_ocid.setdefault(_s(item["ocid"], 200), []).append(item)
    for ocid, releases in by_ocid.items():
        try:
            compiled[ocid] = releases[0] if len(releases) == 1 else compile_releases(releases)
        except Exception as error:  # noqa: BLE001 - ocdsmerge raises several kinds
            skips.add(ocid, "releases", f"could not be compiled: {error}"[:300])
    return compiled, read


_COMPARED = (
    "source", "title", "description", "buyer_name", "buyer_identifier", "cpv_codes", "category",
    "status", "procurement_method", "framework", "value", "currency", "tender_start",
    "tender_end", "number_of_tenderers", "contract_start", "contract_end", "published_at", "url",
)  # fmt: skip


def write_contracts(parsed: dict, *, run, counts: dict, progress=None) -> None:
    """Write every parsed contract in one transaction: all of the file's contracts, or none."""
    matcher, resolver = BuyerMatcher(), SupplierResolver()
    with transaction.atomic():
        for ocid, (fields, awards) in parsed.items():
            write_contract(
                ocid, fields, awards, run=run, matcher=matcher, resolver=resolver, counts=counts
            )
            if progress:
                progress(1)
        counts["suppliers_created"] = resolver.created
        counts["supplier_reviews"] = resolver.reviews


def write_contract(ocid, fields, awards, *, run, matcher, resolver, counts) -> None:
    contract = Contract.objects.filter(ocid=ocid).first()
    older = False
    if contract is None:
        contract = Contract(ocid=ocid, import_run=run, **fields)
        match = matcher.match(fields["buyer_name"], fields["buyer_identifier"], fields["title"])
        contract.buyer, contract.buyer_match = match.organisation, match.status
        if match.status == MatchStatus.UNCERTAIN:
            contract.buyer = None
        contract.save()
        counts["contracts_created"] += 1
        counts["buyer_reviews"] += queue_buyer_review(contract, match)
    else:
        # A file may hold fewer or older releases of an ocid than one imported before (the
        # Contracts Finder search package is a subset): an older compiled release changes
        # nothing, and an empty value never erases one the Hub has.
        older = (
            contract.published_at
            and fields["published_at"]
            and fields["published_at"] < contract.published_at
        )
        changed = [
            name
            for name in _COMPARED
            if not older
            and fields[name] not in (None, "", [])
            and getattr(contract, name) != fields[name]
        ]
        if changed:
            buyer_changed = "buyer_name" in changed or "buyer_identifier" in changed
            for name in changed:
                setattr(contract, name, fields[name])
            if buyer_changed:
                match = matcher.match(
                    contract.buyer_name, contract.buyer_identifier, contract.title
                )
                contract.buyer_match = match.status
                contract.buyer = match.organisation if match.status == MatchStatus.MATCHED else None
                counts["buyer_reviews"] += queue_buyer_review(contract, match)
            contract.import_run = run
            contract.save()
            counts["contracts_updated"] += 1
        else:
            counts["contracts_unchanged"] += 1
    write_awards(contract, awards, older=older, resolver=resolver, counts=counts)


def write_awards(contract, awards, *, older, resolver, counts) -> None:
    existing = {award.award_id: award for award in contract.awards.all()}
    for parsed in awards:
        if parsed.award_id in existing and older:
            continue
        values = {
            "status": parsed.status,
            "date": parsed.date,
            "value": parsed.value,
            "currency": parsed.currency,
            "contract_start": parsed.contract_start,
            "contract_end": parsed.contract_end,
        }
        award = existing.get(parsed.award_id)
        if award is None:
            award = Award.objects.create(contract=contract, award_id=parsed.award_id, **values)
            counts["awards_created"] += 1
        elif any(getattr(award, k) != v for k, v in values.items()):
            for k, v in values.items():
                setattr(award, k, v)
            award.save()
            counts["awards_updated"] += 1
        supplier_ids = {
            resolver.resolve(name, identifier, is_sme).pk
            for name, identifier, is_sme in parsed.suppliers
        }
        if supplier_ids != set(award.suppliers.values_list("pk", flat=True)):
            award.suppliers.set(supplier_ids)


def new_counts() -> dict:
    return {
        key: 0
        for key in (
            "releases", "contracts", "contracts_created", "contracts_updated",
            "contracts_unchanged", "awards_in_releases", "awards_created", "awards_updated",
            "suppliers_created", "buyer_reviews", "supplier_reviews", "skipped",
        )
    }  # fmt: skip


def import_ocds(
    location: str,
    *,
    run: ImportRun | None = None,
    data: bytes | None = None,
    source: str | None = None,
    progress: Callable[[int], None] | None = None,
) -> ImportRun:
    """Import one OCDS package; returns its ImportRun (DONE, or FAILED with the error)."""
    if run is None:
        run = ImportRun.objects.create(source=source or Source.OTHER_OCDS, location=location[:500])
    skips = Skips()
    counts = new_counts()
    try:
        raw = data if data is not None else read_location(location)
        items, kind = parse_package(raw)
        compiled, read = gather(items, kind, skips)
        counts["releases"] = read
        counts["contracts"] = len(compiled)
        if compiled and source is None:
            run.source = source_of(next(iter(compiled)))
        run.counts = counts
        run.save(update_fields=["counts", "source", "updated_at"])
        parsed = {}
        for ocid, release in compiled.items():
            try:
                fields, awards, problems = contract_fields(release, source or source_of(ocid))
            except BadValue as bad:
                skips.add(ocid, bad.field_name, bad.reason)
                continue
            for problem in problems:
                skips.add(*problem)
            parsed[ocid] = (fields, awards)
        for items_release in (r for _, r in items if isinstance(r, dict)):
            counts["awards_in_releases"] += len(_l(items_release.get("awards")))
        write_contracts(parsed, run=run, counts=counts, progress=progress)
    except ImportFileError as error:
        run.status, run.error = ImportStatus.FAILED, str(error)
        run.skipped, run.finished_at = skips.items, timezone.now()
        run.counts = {}
        run.save()
        raise
    counts["skipped"] = len(skips.items)
    run.counts, run.skipped = counts, skips.items
    run.status, run.finished_at = ImportStatus.DONE, timezone.now()
    run.save()
    return run
