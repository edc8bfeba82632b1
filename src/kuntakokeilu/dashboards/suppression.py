"""Small cells: a figure that stands on 1 to ``SMALL_CELL_LIMIT`` persons is never shown.

Every frame the dashboards show or export goes through ``suppress`` first: the figure's numbers
(value, numerator, denominator, persons) become null and ``suppressed`` is true; the pages show
the suppression mark ``..`` (Statistics Finland's sign for a figure withheld) and the exports an
empty cell with ``suppressed`` = yes. A figure of 0 persons (nobody) and a figure that is not about
persons (``persons`` null, such as euros) are shown.
"""

from __future__ import annotations

import polars as pl
from django.conf import settings

DEFAULT_LIMIT = 5
NUMBERS = ("value", "numerator", "denominator", "persons")
MARK = ".."


def small_cell_limit() -> int:
    """The largest number of persons whose figure is withheld (setting ``SMALL_CELL_LIMIT``)."""
    limit = getattr(settings, "SMALL_CELL_LIMIT", DEFAULT_LIMIT)
    if isinstance(limit, bool) or not isinstance(limit, int) or limit < 0:
        raise ValueError(f"SMALL_CELL_LIMIT must be a whole number >= 0, got {limit!r}")
    return limit


def is_small(persons: pl.Expr, limit: int) -> pl.Expr:
    return persons.is_between(1, limit).fill_null(False) if limit > 0 else pl.lit(False)


def suppress(
    frame: pl.DataFrame,
    *,
    persons: str = "persons",
    numbers: tuple[str, ...] = NUMBERS,
    limit: int | None = None,
    flag: str = "suppressed",
) -> pl.DataFrame:
    """``frame`` with its small cells emptied and a ``suppressed`` column (``flag``) saying
    which (see the module); ``persons`` names the column of persons, ``numbers`` those to empty."""
    small = is_small(pl.col(persons), small_cell_limit() if limit is None else limit)
    present = [column for column in numbers if column in frame.columns]
    return frame.with_columns(small.alias(flag)).with_columns(
        pl.when(pl.col(flag)).then(None).otherwise(pl.col(c)).alias(c) for c in present
    )
