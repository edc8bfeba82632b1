"""Amounts as people in Finland write them, in every language of the service: a no-break space
between thousands and a decimal comma (``12 345,50 €``, ``45,7 %``), from CLDR through Babel."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from babel.numbers import format_currency, format_decimal, format_percent

LOCALE = "fi_FI"


def euros(amount: Decimal | float | int) -> str:
    """``Decimal("12345.5")`` → ``"12 345,50 €"``."""
    return format_currency(amount, "EUR", locale=LOCALE)


def count(number: int | float) -> str:
    """A whole number of places or clients: ``12345`` → ``"12 345"``."""
    return format_decimal(number, format="#,##0", locale=LOCALE)


def share(fraction: float | None) -> str:
    """``0.4567`` → ``"45,7 %"``; an undefined share is a dash."""
    if fraction is None:
        return "–"
    return format_percent(fraction, format="#,##0.0\xa0%", locale=LOCALE)


def day(date: dt.date) -> str:
    """``2021-03-01`` → ``"1.3.2021"``."""
    return f"{date.day}.{date.month}.{date.year}"
