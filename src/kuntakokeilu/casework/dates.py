"""Dates as people in Finland write them (1.3.2021), in every language of the service."""

from __future__ import annotations

import datetime as dt

#: Accepted in forms: the Finnish form and ISO 8601.
INPUT_FORMATS = ["%d.%m.%Y", "%Y-%m-%d"]
#: For the ``date`` template filter.
TEMPLATE_FORMAT = "j.n.Y"


def finnish(day: dt.date) -> str:
    return f"{day.day}.{day.month}.{day.year}"
