"""Months, days and the small Polars formulas the simulator draws dates and choices with."""

from __future__ import annotations

import calendar
import datetime as dt
import math
from dataclasses import dataclass

import polars as pl

from kuntakokeilu.rules.deadlines import holidays_in

DAY = dt.timedelta(days=1)
#: Bands of whole numbers (ages, months) are looked up up to this number.
MOST_BANDED = 1200


@dataclass(frozen=True)
class Month:
    """One calendar month of the run."""

    first: dt.date

    @property
    def last(self) -> dt.date:
        return self.first.replace(day=calendar.monthrange(self.first.year, self.first.month)[1])

    @property
    def number(self) -> int:
        """Months since year 0: the key of this month's random numbers."""
        return self.first.year * 12 + self.first.month - 1

    @property
    def days(self) -> int:
        return self.last.day

    @property
    def payday(self) -> dt.date:
        """The last working day of the month (benefits are paid in arrears, monthly here)."""
        day = self.last
        while day.weekday() >= 5 or day in holidays_in(day.year):
            day -= DAY
        return day

    def __str__(self) -> str:
        return f"{self.first:%Y-%m}"


def months_from(start: dt.date, count: int) -> list[Month]:
    months, first = [], start
    for _ in range(count):
        months.append(Month(first))
        first = Month(first).last + DAY
    return months


def month_number(day: pl.Expr) -> pl.Expr:
    return day.dt.year().cast(pl.Int32) * 12 + day.dt.month().cast(pl.Int32) - 1


# -- drawing with uniforms -----------------------------------------------------------------------


def plus_days(day: pl.Expr, days: pl.Expr | int) -> pl.Expr:
    return day + pl.duration(days=days)


def day_between(u: pl.Expr, first: pl.Expr | dt.date, last: pl.Expr | dt.date) -> pl.Expr:
    """A day from ``first`` to ``last`` (both included), uniformly by ``u``."""
    first = pl.lit(first) if isinstance(first, dt.date) else first
    last = pl.lit(last) if isinstance(last, dt.date) else last
    span = (last - first).dt.total_days() + 1
    return plus_days(first, (u * span).floor().cast(pl.Int64))


def whole_days(u: pl.Expr, low: int, high: int) -> pl.Expr:
    """A whole number of days from ``low`` to ``high`` (both included), uniformly by ``u``."""
    return (low + (u * (high - low + 1)).floor()).cast(pl.Int64)


def exponential(u: pl.Expr, mean: float) -> pl.Expr:
    return -(1.0 - u).log() * mean


def normal(u1: pl.Expr, u2: pl.Expr) -> pl.Expr:
    """A standard normal number from two uniforms (Box-Muller)."""
    return (-2.0 * u1.log()).sqrt() * (2.0 * math.pi * u2).cos()


def pick(u: pl.Expr, weights: dict, dtype: pl.DataType | None = None) -> pl.Expr:
    """The key whose share of (0, 1) holds ``u``; shares proportional to ``weights``."""
    labels, total = list(weights), float(sum(weights.values()))
    literal = (lambda v: pl.lit(v, dtype=dtype)) if dtype is not None else pl.lit
    chosen, upper = None, 0.0
    for label in labels[:-1]:
        upper += weights[label] / total
        chosen = (chosen.when(u < upper) if chosen is not None else pl.when(u < upper)).then(
            literal(label)
        )
    last = literal(labels[-1])
    return chosen.otherwise(last) if chosen is not None else last


def by_bands(value: pl.Expr, bands: tuple[tuple, ...]) -> pl.Expr:
    """The factor of the band [from, to) that holds the whole number ``value``; bands are
    (from, to, factor), contiguous; below the first band the first factor, above the last the
    last (one hash lookup, not a chain of comparisons: this runs over every person monthly)."""
    table = {}
    for low, high, factor in bands:
        table.update({n: float(factor) for n in range(low, min(high, MOST_BANDED))})
    first, last = float(bands[0][2]), float(bands[-1][2])
    clipped = value.clip(bands[0][0], MOST_BANDED - 1)
    looked_up = clipped.replace_strict(table, default=last, return_dtype=pl.Float64)
    return pl.when(value < bands[0][0]).then(first).otherwise(looked_up)


def step_by(value: pl.Expr, steps: tuple[tuple[float, float], ...]) -> pl.Expr:
    """The value of the last step (from, value) whose ``from`` is at most the whole number
    ``value`` (steps start at 0)."""
    bands = tuple(
        (int(low), int(steps[i + 1][0]) if i + 1 < len(steps) else MOST_BANDED, result)
        for i, (low, result) in enumerate(steps)
    )
    return by_bands(value, bands)


def age_on(born: pl.Expr, day: pl.Expr | dt.date) -> pl.Expr:
    """Completed years on ``day`` (the birthday completes the year; ``target_group.age_on``)."""
    day = pl.lit(day) if isinstance(day, dt.date) else day
    years = day.dt.year().cast(pl.Int32) - born.dt.year().cast(pl.Int32)
    before_birthday = (day.dt.month().cast(pl.Int32) * 100 + day.dt.day().cast(pl.Int32)) < (
        born.dt.month().cast(pl.Int32) * 100 + born.dt.day().cast(pl.Int32)
    )
    return years - before_birthday.cast(pl.Int32)


def weekdays(first: pl.Expr, last: pl.Expr) -> pl.Expr:
    """Mondays to Fridays from ``first`` to ``last``, both included (0 when last < first):
    unemployment benefit is paid for five days a calendar week, weekday holidays included."""
    count = pl.business_day_count(first, plus_days(last, 1))
    return pl.when(last >= first).then(count).otherwise(0).cast(pl.Int32)


def in_force(params, name: str, day: dt.date):
    """The parameter's value on ``day``; before its first value, the first value (the simulator
    may start in 2020, before the 2021 values of e.g. ``work_trial`` were written down)."""
    parameter = params[name]
    return parameter.value(max(day, parameter.values[0].valid_from))
