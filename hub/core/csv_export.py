"""CSV downloads of lists, streamed so that a large export does not sit in memory."""

import csv
from collections.abc import Callable, Iterable
from decimal import Decimal

from django.http import StreamingHttpResponse

# Cells that a spreadsheet would run as a formula are prefixed, so exports are safe to open.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


class _Echo:
    def write(self, value: str) -> str:
        return value


def _safe(value) -> str:
    # A number is never a formula: a negative one stays a number a spreadsheet can add up.
    if isinstance(value, int | float | Decimal):
        return str(value)
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_STARTS) else text


def csv_response(
    *, filename: str, columns: list[tuple[str, Callable]], rows: Iterable
) -> StreamingHttpResponse:
    """Stream `rows` as CSV; `columns` pairs a heading with a function of one row."""
    writer = csv.writer(_Echo())

    def lines():
        yield writer.writerow([heading for heading, _ in columns])
        for row in rows:
            yield writer.writerow([_safe(value(row)) for _, value in columns])

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
