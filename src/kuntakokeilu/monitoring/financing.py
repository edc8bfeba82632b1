"""Who pays a labour market subsidy payment: the home municipality's share by benefit duration.

The rule is the dated parameter ``labour_market_subsidy_financing`` (rules/parameters): each
regime, from the day it takes effect, lists bands ``[first day, last day or open, municipality
share]`` of the person's financing-day counter; the state pays the rest. A payment covers the
counter days ``counter_before + 1 ... counter_before + days`` and is split across the bands it
crosses; the regime is the one in force on the payment day, and the bill goes to the home
municipality of the payment event (DOMAIN.md §6). Nothing here copies a band or a share: the
expressions are built from the parameter's values, so a new dated value changes the result.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import polars as pl

from kuntakokeilu.rules.parameters import Parameters, parameters

PARAMETER = "labour_market_subsidy_financing"


@dataclass(frozen=True)
class Band:
    first_day: int
    last_day: int | None  # None: open-ended
    municipality_share: float


@dataclass(frozen=True)
class Regime:
    """The bands in force from ``valid_from`` until the next regime."""

    valid_from: dt.date
    valid_until: dt.date | None  # the day the next regime takes effect
    bands: tuple[Band, ...]


def regimes(params: Parameters | None = None) -> tuple[Regime, ...]:
    values = (params or parameters())[PARAMETER].values
    starts = [v.valid_from for v in values]
    return tuple(
        Regime(
            value.valid_from,
            starts[i + 1] if i + 1 < len(starts) else None,
            tuple(Band(*band) for band in value.value["bands"]),
        )
        for i, value in enumerate(values)
    )


def municipality_shares(params: Parameters | None = None) -> tuple[float, ...]:
    """Every municipality share any regime uses, lowest first."""
    return tuple(sorted({b.municipality_share for r in regimes(params) for b in r.bands}))


def _days_in_band(band: Band, counter_before: pl.Expr, days: pl.Expr) -> pl.Expr:
    """How many of the payment's counter days fall in ``band``."""
    first = counter_before + 1
    last = counter_before + days
    top = last if band.last_day is None else pl.min_horizontal(last, pl.lit(band.last_day))
    return (top - pl.max_horizontal(first, pl.lit(band.first_day)) + 1).clip(lower_bound=0)


def _in_force(regime: Regime, on: pl.Expr) -> pl.Expr:
    started = on >= regime.valid_from
    return started if regime.valid_until is None else started & (on < regime.valid_until)


def _sum_over_bands(on: pl.Expr, term, params: Parameters | None) -> pl.Expr:
    """Σ over the regime in force on ``on`` of ``term(band)``; null before the first regime."""
    total = pl.lit(None, dtype=pl.Float64)
    for regime in regimes(params):
        in_regime = sum((term(band) for band in regime.bands), pl.lit(0.0))
        total = pl.when(_in_force(regime, on)).then(in_regime).otherwise(total)
    return total


def municipality_weighted_days(
    on: pl.Expr, counter_before: pl.Expr, days: pl.Expr, params: Parameters | None = None
) -> pl.Expr:
    """Σ over bands of (days in band × municipality share): the payment's days the
    municipality pays for (the share of the amount it pays is this divided by ``days``)."""
    counter, paid = counter_before.cast(pl.Int64), days.cast(pl.Int64)
    return _sum_over_bands(
        on, lambda band: _days_in_band(band, counter, paid) * band.municipality_share, params
    )


def days_at_share(
    on: pl.Expr,
    counter_before: pl.Expr,
    days: pl.Expr,
    share: float,
    params: Parameters | None = None,
) -> pl.Expr:
    """The payment's days that fall in bands where the municipality pays ``share``."""
    counter, paid = counter_before.cast(pl.Int64), days.cast(pl.Int64)
    return _sum_over_bands(
        on,
        lambda band: (
            _days_in_band(band, counter, paid).cast(pl.Float64)
            * float(band.municipality_share == share)
        ),
        params,
    )


def municipality_share_eur(
    on: pl.Expr,
    counter_before: pl.Expr,
    days: pl.Expr,
    amount: pl.Expr,
    params: Parameters | None = None,
) -> pl.Expr:
    """The euros of a payment billed to the home municipality (the state pays the rest)."""
    weighted = municipality_weighted_days(on, counter_before, days, params)
    return pl.when(days > 0).then(amount * weighted / days.cast(pl.Float64)).otherwise(0.0)


def share_label(share: float) -> str:
    """``0.5`` -> ``"50pct"``: the suffix of the days-by-share measure names."""
    return f"{round(share * 100):02d}pct"
