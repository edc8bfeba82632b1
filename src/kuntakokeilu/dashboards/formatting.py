"""Figures and months as people in Finland write them, in every language of the service: a
no-break space between thousands and a decimal comma (``quotas.formatting``), months as ``6/2021``
in tables and charts and by name in headings (``kesäkuu 2021``, ``juni 2021``, ``June 2021``)."""

from __future__ import annotations

import datetime as dt

from babel.dates import format_date
from babel.numbers import format_decimal
from django.utils.translation import get_language

from kuntakokeilu.dashboards.definitions import unit_kind
from kuntakokeilu.quotas import formatting

LOCALE = formatting.LOCALE
BABEL_LOCALES = {"fi": "fi_FI", "sv": "sv_FI", "en": "en_GB"}


def finnish(text: str) -> str:
    """Python's ``1,234.5`` as Finns write it: ``1 234,5`` (a no-break space, a comma)."""
    return text.replace(",", "\xa0").replace(".", ",")


def number(value: float | None, digits: int = 3) -> str:
    """``1234.5678`` → ``"1 234,568"``: at most ``digits`` decimals, no trailing zeros; a
    missing value is a dash. The same as Babel's ``#,##0.###`` for fi_FI (a test holds them
    equal), written out here because a national page formats tens of thousands of figures and
    Babel takes about 0.1 ms for each."""
    if value is None:
        return "–"
    text = f"{value:,.{digits}f}"
    if digits:
        text = text.rstrip("0").rstrip(".")
    return finnish(text)


def share(fraction: float | None) -> str:
    """``0.4567`` → ``"45,7 %"``, as ``quotas.formatting.share`` (Babel) writes it."""
    if fraction is None:
        return "–"
    return finnish(f"{fraction * 100:,.1f}") + "\xa0%"


def babel_number(value: float, digits: int = 3) -> str:
    """The reference ``number`` is held to."""
    return format_decimal(value, format="#,##0." + "#" * digits, locale=LOCALE)


def figure(value: float | None, unit: str = "") -> str:
    """A figure in its unit: a share as per cent, euros with the sign, else a number."""
    if value is None:
        return "–"
    kind = unit_kind(unit)
    if kind == "share":
        return share(value)
    if kind == "percent":
        return f"{number(value, 1)}\xa0%"
    if kind == "euros":
        return formatting.euros(round(value, 2))
    return number(value)


def month_short(month: dt.date | None) -> str:
    return f"{month.month}/{month.year}" if month else ""


def month_name(month: dt.date | None, language: str | None = None) -> str:
    """``2021-06-01`` → ``kesäkuu 2021`` / ``juni 2021`` / ``June 2021``."""
    if month is None:
        return ""
    locale = BABEL_LOCALES.get((language or get_language() or "fi")[:2], "fi_FI")
    return format_date(month, "LLLL yyyy", locale=locale)


def parse_month(text: str) -> dt.date | None:
    """``2021-06`` (or ``6/2021``) → the first day of the month; None when it is not a month."""
    text = (text or "").strip()
    try:
        if "/" in text:
            month, year = text.split("/")
            return dt.date(int(year), int(month), 1)
        year, month = text.split("-")[:2]
        return dt.date(int(year), int(month), 1)
    except ValueError:
        return None


def month_value(month: dt.date) -> str:
    """The form value of a month: ``2021-06``."""
    return f"{month:%Y-%m}"
