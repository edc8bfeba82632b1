"""How long a quota period is, in months: the pro-rating factor of a yearly quota."""

from __future__ import annotations

import calendar
import datetime as dt

MONTHS_IN_YEAR = 12


def add_months(day: dt.date, months: int) -> dt.date:
    """``day`` moved by ``months``, on the last day of the month when it has fewer days."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return dt.date(year, month + 1, min(day.day, last))


def period_months(start: dt.date, end: dt.date) -> float:
    """Months from ``start`` to ``end``, both inclusive: whole months, then the rest of the
    days as a share of the month after them. 1.3.2021–31.12.2021 is 10; a calendar year is 12."""
    if end < start:
        raise ValueError(f"the period ends ({end}) before it starts ({start})")
    after = end + dt.timedelta(days=1)
    whole = (after.year - start.year) * 12 + after.month - start.month
    if add_months(start, whole) > after:
        whole -= 1
    anchor, following = add_months(start, whole), add_months(start, whole + 1)
    months = whole + (after - anchor).days / (following - anchor).days
    if months > MONTHS_IN_YEAR:
        raise ValueError(f"a quota period is at most a year; {start}–{end} is longer")
    return months
