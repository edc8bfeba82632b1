"""Event rows as the simulator makes them: the person's running number, kind, day, attributes.

Where the event happened (municipality, area, organisation) and the pseudonymous ``client_key``
are added when the month is put together (``engine``), from who was responsible on the day.
"""

from __future__ import annotations

import polars as pl

#: The event schema's state (``events.schema.STATES``) of each register status.
STATE_OF_STATUS = {
    "unemployed": "unemployed",
    "laid_off": "laid_off",
    "in_services": "in_service",
    "in_training": "in_service",
    "subsidised_employment": "in_service",
    "short_week": "part_time",
    "employed": "employed",
    "other": "outside_labour_force",
}


def state_of(status: pl.Expr) -> pl.Expr:
    return status.replace_strict(STATE_OF_STATUS, return_dtype=pl.String)


def event(frame: pl.DataFrame, kind: str, on: str | pl.Expr, **attributes: pl.Expr) -> pl.DataFrame:
    """One ``kind`` event per row of ``frame`` (which has ``person``), on the day ``on``."""
    day = pl.col(on) if isinstance(on, str) else on
    return frame.select(
        pl.col("person"),
        pl.lit(kind).alias("kind"),
        day.alias("on"),
        *(expression.alias(name) for name, expression in attributes.items()),
    )


def replace_rows(frame: pl.DataFrame, changed: pl.DataFrame) -> pl.DataFrame:
    """``frame`` (sorted by ``person``) with the rows of the people in ``changed`` taking its
    values in the columns ``changed`` has (nulls included). Found by binary search and written
    in place of those rows: cheaper than a join over the whole register for a few thousand."""
    if changed.is_empty():
        return frame
    rows = frame["person"].search_sorted(changed["person"])
    columns = [name for name in changed.columns if name != "person"]
    replaced = [
        frame[name].clone().scatter(rows, changed[name].cast(frame.schema[name]))
        for name in columns
    ]
    return frame.with_columns(replaced)
