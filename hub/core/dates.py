"""Calendar arithmetic the programme's rules are written in (months, not days)."""

import calendar
from datetime import date


def add_months(day: date, months: int) -> date:
    """The same day `months` later (or earlier), or the month's last day if it has no such
    day: 31 August + 6 months is 28 (or 29) February."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))
