"""Import the Digital Marketplace opportunities CSV (Digital Outcomes and Specialists, 2016-18).

One Contract per opportunity (source digital_marketplace, ocid "dm-<ID>"); an awarded
opportunity's winning supplier becomes an Award ("dm-<ID>-award") with the contract amount
and start date. The header is checked first: a file that is not a CSV with the columns below
raises `DMFileError` and writes nothing. A bad row (no numeric ID, no title, a date or amount
that is not one) is skipped with its line number, field and reason. Everything is written in
one transaction; a second run changes nothing.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Callable
from decimal import Decimal, InvalidOperation

from django.utils import timezone

from hub.core.importing import ImportFileError, decoded_text
from hub.market.importers.ocds import ParsedAward, Skips, new_counts, read_location, write_contracts
from hub.market.models import ImportRun, ImportStatus, Source

REQUIRED_COLUMNS = {
    "ID", "Opportunity", "Link", "Framework", "Category", "Organisation Name", "Published At",
    "Total Organisations", "Status", "Winning supplier", "Size of supplier", "Contract amount",
    "Contract start date",
}  # fmt: skip
SME_SIZES = {"micro": True, "small": True, "medium": True, "large": False}


class DMFileError(ImportFileError):
    def __init__(self, problem: str):
        super().__init__([problem], what="The Digital Marketplace file")


class BadRow(ValueError):
    def __init__(self, field_name: str, reason: str):
        self.field_name, self.reason = field_name, reason


def _date(value: str, column: str) -> dt.date | None:
    value = (value or "").strip()
    if not value:
        return None
    try:
        return dt.datetime.strptime(value[:10], "%Y-%m-%d").date()
    except ValueError:
        raise BadRow(column, f"{value[:60]!r} is not a date (YYYY-MM-DD)") from None


def _amount(value: str, column: str) -> Decimal | None:
    value = (value or "").strip().lstrip("£").replace(",", "")
    if not value:
        return None
    try:
        number = Decimal(value)
    except InvalidOperation:
        raise BadRow(column, f"{value[:60]!r} is not a number") from None
    if not number.is_finite() or number < 0 or number >= Decimal(10) ** 14:
        raise BadRow(column, f"{value[:60]!r} is not a usable amount")
    return number.quantize(Decimal("0.01"))


def _count(value: str, column: str) -> int | None:
    number = _amount(value, column)
    if number is None:
        return None
    if number != int(number) or number > 2**31 - 1:
        raise BadRow(column, f"{value[:60]!r} is not a whole number")
    return int(number)


def parse_row(raw: dict) -> tuple[str, dict, list[ParsedAward], list[tuple[str, str]]]:
    """(ocid, contract fields, awards, supplier problems) of a row; BadRow when unusable."""
    row = {k: (v or "").strip() if isinstance(v, str) else "" for k, v in raw.items() if k}
    ident = row.get("ID", "")
    if not ident.isdigit():
        raise BadRow("ID", "is missing" if not ident else f"{ident[:60]!r} is not a number")
    title = row.get("Opportunity", "")[:500]
    if not title:
        raise BadRow("Opportunity", "is empty")
    published = _date(row.get("Published At", ""), "Published At")
    ocid = f"dm-{int(ident)}"
    amount = _amount(row.get("Contract amount", ""), "Contract amount")
    start = _date(row.get("Contract start date", ""), "Contract start date")
    link = row.get("Link", "")
    fields = {
        "source": Source.DIGITAL_MARKETPLACE,
        "title": title,
        "description": "",
        "buyer_name": row.get("Organisation Name", "")[:300],
        "buyer_identifier": "",
        "cpv_codes": [],
        "category": row.get("Category", "")[:40],
        "status": row.get("Status", "")[:40],
        "procurement_method": "selective",
        "framework": row.get("Framework", "")[:300],
        "value": amount,
        "currency": "GBP" if amount is not None else "",
        "tender_start": published,
        "tender_end": None,
        "number_of_tenderers": _count(row.get("Total Organisations", ""), "Total Organisations"),
        "contract_start": start,
        "contract_end": None,
        "published_at": (
            dt.datetime.combine(published, dt.time(), tzinfo=dt.UTC) if published else None
        ),
        "url": link if link.startswith("http") and len(link) <= 500 else "",
    }
    awards, problems = [], []
    supplier = row.get("Winning supplier", "")[:300]
    if row.get("Status") == "awarded" or supplier:
        suppliers = []
        if supplier:
            suppliers = [(supplier, "", SME_SIZES.get(row.get("Size of supplier", "").lower()))]
        else:
            problems.append(
                ("Winning supplier", "the opportunity is awarded but names no supplier")
            )
        awards.append(
            ParsedAward(
                award_id=f"{ocid}-award",
                status="active",
                date=start,
                value=amount,
                currency="GBP" if amount is not None else "",
                contract_start=start,
                contract_end=None,
                suppliers=suppliers,
            )
        )
    return ocid, fields, awards, problems


def read_rows(data: bytes | str) -> list[tuple[int, dict]]:
    raw = data.encode("utf-8", errors="surrogatepass") if isinstance(data, str) else data
    try:
        text = decoded_text(raw, what="The Digital Marketplace file")  # UTF-8, no NUL byte
    except ImportFileError as error:
        raise DMFileError(error.problems[0]) from None
    try:
        reader = csv.DictReader(io.StringIO(text, newline=""))
        missing = REQUIRED_COLUMNS - set(reader.fieldnames or [])
        if missing:
            raise DMFileError(
                f"Row 1 (header): the columns {', '.join(sorted(missing))} are missing"
            )
        return list(enumerate(reader, start=2))
    except csv.Error as error:
        raise DMFileError(f"The file is not a readable CSV: {error}") from None


def import_digital_marketplace(
    location: str,
    *,
    run: ImportRun | None = None,
    data: bytes | None = None,
    progress: Callable[[int], None] | None = None,
) -> ImportRun:
    if run is None:
        run = ImportRun.objects.create(source=Source.DIGITAL_MARKETPLACE, location=location[:500])
    skips, counts = Skips(), new_counts()
    try:
        rows = read_rows(data if data is not None else read_location(location))
        parsed: dict[str, tuple] = {}
        for line, raw in rows:
            counts["releases"] += 1
            try:
                ocid, fields, awards, problems = parse_row(raw)
            except BadRow as bad:
                skips.add(line, bad.field_name, bad.reason)
                continue
            if ocid in parsed:
                skips.add(line, "ID", f"{ocid[3:]} is also in an earlier row")
                continue
            for field_name, reason in problems:
                skips.add(line, field_name, reason)
            counts["awards_in_releases"] += len(awards)
            parsed[ocid] = (fields, awards)
        counts["contracts"] = len(parsed)
        run.counts = counts
        run.save(update_fields=["counts", "updated_at"])
        write_contracts(parsed, run=run, counts=counts, progress=progress)
    except ImportFileError as error:
        run.status, run.error, run.counts = ImportStatus.FAILED, str(error), {}
        run.skipped, run.finished_at = skips.items, timezone.now()
        run.save()
        raise
    counts["skipped"] = len(skips.items)
    run.counts, run.skipped = counts, skips.items
    run.status, run.finished_at = ImportStatus.DONE, timezone.now()
    run.save()
    return run
