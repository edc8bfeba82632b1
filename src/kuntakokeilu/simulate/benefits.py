"""Unemployment benefits paid monthly, and the financing counter.

Each month, on its last working day, a person paid unemployment benefit gets one payment per
benefit for the weekdays of the month they were registered in a state that is paid
(``PAID_SHARE``: unemployed, laid off, in a service other than wage subsidy or start-up grant;
half days when part-time). Earnings-related allowance (or basic allowance, for the entitled who
are not fund members) is paid until the entitlement's maximum days
(``unemployment_benefit.earnings_related_max_days``), then labour market subsidy; from
``EXTRA_DAYS_AGE`` the entitled keep earnings-related allowance.

``counter_before`` is the person's financing counter before the payment, counted as the dated
parameter ``labour_market_subsidy_financing`` says on the payment day: until 2024 the labour
market subsidy days paid on the basis of unemployment (not those in services); from 2025 every
basic benefit day, services included. Two payments on one day are counted in the order written
(earnings-related first), so for each person the next payment's ``counter_before`` is this one's
plus the days of it that count.
"""

from __future__ import annotations

import polars as pl

from kuntakokeilu.rules.parameters import Parameters
from kuntakokeilu.simulate import calibration as c
from kuntakokeilu.simulate.days import (
    DAY,
    Month,
    age_on,
    in_force,
    plus_days,
    weekdays,
    whole_days,
)
from kuntakokeilu.simulate.draws import Draws
from kuntakokeilu.simulate.people import counted_days
from kuntakokeilu.simulate.records import event

PLENTY = 1_000_000


def _paid_days(status: str, first: pl.Expr, last: pl.Expr) -> pl.Expr:
    share = pl.col(status).replace_strict(c.PAID_SHARE, return_dtype=pl.Float64)
    return (weekdays(first, last) * share).round().cast(pl.Int32)


def _segments(month: Month) -> list[pl.Expr]:
    """Paid days before a change of state (``_days_a``) and from it (``_days_b``)."""
    first = pl.max_horizontal(pl.col("registered_on"), pl.lit(month.first))
    last = (
        pl.when(pl.col("exit_on").is_not_null())
        .then(pl.col("exit_on") - DAY)
        .otherwise(pl.lit(month.last))
    )
    change = pl.col("changed_on")
    before_end = pl.when(change.is_not_null()).then(change - DAY).otherwise(last)
    before_end = pl.min_horizontal(before_end, last)
    receives = pl.col("receives_benefit")
    days_a = _paid_days("status_before", first, before_end)
    days_b = pl.when(change.is_not_null()).then(_paid_days("status", change, last)).otherwise(0)
    return [
        pl.when(receives).then(days_a).otherwise(0).alias("_days_a"),
        pl.when(receives).then(days_b).otherwise(0).alias("_days_b"),
    ]


def _split(month: Month, longest: int) -> list[pl.Expr]:
    """Days of earnings-related (or basic) allowance within the entitlement left, the rest as
    labour market subsidy, for each part of the month."""
    entitled = pl.col("earnings_related") | pl.col("basic_allowance")
    extra = pl.col("earnings_related") & (age_on(pl.col("born"), month.first) >= c.EXTRA_DAYS_AGE)
    left = (
        pl.when(extra)
        .then(PLENTY)
        .when(entitled)
        .then((longest - pl.col("entitlement_days")).clip(lower_bound=0))
        .otherwise(0)
    )
    allowance_a = pl.min_horizontal("_days_a", left)
    allowance_b = pl.min_horizontal(pl.col("_days_b"), left - allowance_a)
    return [
        allowance_a.alias("_allowance_a"),
        allowance_b.alias("_allowance_b"),
        extra.alias("_extra"),
    ]


def _counted(rule: str) -> list[pl.Expr]:
    """Days of each payment that count for the financing counter under ``rule``."""
    allowance = pl.col("_allowance_a") + pl.col("_allowance_b")
    subsidy_a = pl.col("_days_a") - pl.col("_allowance_a")
    subsidy_b = pl.col("_days_b") - pl.col("_allowance_b")
    if rule == "all_basic_benefit_days":
        return [allowance.alias("_counted_allowance"), (subsidy_a + subsidy_b).alias("_counted")]
    on_a = pl.col("status_before").is_in(c.ON_UNEMPLOYMENT).cast(pl.Int32)
    on_b = pl.col("status").is_in(c.ON_UNEMPLOYMENT).cast(pl.Int32)
    return [
        pl.lit(0, pl.Int32).alias("_counted_allowance"),
        (subsidy_a * on_a + subsidy_b * on_b).alias("_counted"),
    ]


def pay_benefits(
    active: pl.DataFrame, month: Month, draws: Draws, params: Parameters
) -> tuple[pl.DataFrame, list[pl.DataFrame]]:
    """This month's payments; the people with their entitlement and counter moved on and an
    ``exhausted`` flag for those whose earnings-related (or basic) allowance ran out."""
    payday = month.payday
    terms = in_force(params, "unemployment_benefit", payday)
    longest, basic = int(terms["earnings_related_max_days"]), float(terms["basic_daily_eur"])
    frame = (
        active.with_columns(_segments(month))
        .with_columns(_split(month, longest))
        .with_columns(_counted(counted_days(params, payday)))
        .with_columns(
            (pl.col("_allowance_a") + pl.col("_allowance_b")).alias("_allowance"),
            (
                pl.col("_days_a")
                + pl.col("_days_b")
                - pl.col("_allowance_a")
                - pl.col("_allowance_b")
            ).alias("_subsidy"),
            pl.lit(payday).alias("_payday"),
        )
    )
    events = _payment_events(frame, basic) + _plans_on_the_way(frame, month, draws)
    used = pl.col("entitlement_days") + pl.col("_allowance")
    exhausted = (
        (pl.col("earnings_related") | pl.col("basic_allowance"))
        & ~pl.col("_extra")
        & (used >= longest)
        & (pl.col("_allowance") > 0)
    )
    frame = frame.with_columns(
        used.alias("entitlement_days"),
        (pl.col("financing_days") + pl.col("_counted_allowance") + pl.col("_counted")).alias(
            "financing_days"
        ),
        exhausted.alias("exhausted"),
    ).with_columns(
        (pl.col("earnings_related") & ~pl.col("exhausted")).alias("earnings_related"),
        (pl.col("basic_allowance") & ~pl.col("exhausted")).alias("basic_allowance"),
    )
    return frame.drop("^_.*$"), events


def _payment_events(frame: pl.DataFrame, basic: float) -> list[pl.DataFrame]:
    allowance = frame.filter(pl.col("_allowance") > 0)
    subsidy = frame.filter(pl.col("_subsidy") > 0)
    allowance_kind = (
        pl.when(pl.col("earnings_related"))
        .then(pl.lit("earnings_related_allowance"))
        .otherwise(pl.lit("basic_allowance"))
    )
    daily = pl.when(pl.col("earnings_related")).then(pl.col("daily_eur")).otherwise(basic)
    return [
        event(
            allowance,
            "benefit_paid",
            "_payday",
            subtype=allowance_kind,
            days=pl.col("_allowance"),
            amount_eur=(pl.col("_allowance") * daily).round(2),
            counter_before=pl.col("financing_days"),
        ),
        event(
            subsidy,
            "benefit_paid",
            "_payday",
            subtype=pl.lit("labour_market_subsidy"),
            days=pl.col("_subsidy"),
            amount_eur=(pl.col("_subsidy") * basic).round(2),
            counter_before=pl.col("financing_days") + pl.col("_counted_allowance"),
        ),
    ]


def _plans_on_the_way(frame: pl.DataFrame, month: Month, draws: Draws) -> list[pl.DataFrame]:
    """A multisectoral plan when the counter passes 300 days, an activation plan for the
    under-25s when it passes 180 (a share of them; DOMAIN.md §3)."""
    after = pl.col("financing_days") + pl.col("_counted_allowance") + pl.col("_counted")

    def passes(days: int) -> pl.Expr:
        return (pl.col("financing_days") < days) & (after >= days)

    young = age_on(pl.col("born"), month.first) < c.ACTIVATION_AGE
    candidates = frame.filter(passes(c.MULTISECTORAL_DAYS) | (young & passes(c.ACTIVATION_DAYS)))
    if candidates.is_empty():
        return []
    persons = candidates["person"]
    candidates = candidates.with_columns(
        draws.uniform("plan_share", month.number, persons).alias("_u_share"),
        draws.uniform("plan_day", month.number, persons).alias("_u_day"),
    ).with_columns(plus_days(pl.col("_payday"), whole_days(pl.col("_u_day"), 1, 20)).alias("_on"))
    multisectoral = candidates.filter(
        passes(c.MULTISECTORAL_DAYS) & (pl.col("_u_share") < c.MULTISECTORAL)
    )
    activation = candidates.filter(
        young & passes(c.ACTIVATION_DAYS) & (pl.col("_u_share") < c.ACTIVATION)
    )
    return [
        _plan(multisectoral, "multisectoral", month, draws),
        _plan(activation, "activation", month, draws),
    ]


def _plan(frame: pl.DataFrame, kind: str, month: Month, draws: Draws) -> pl.DataFrame:
    keys = draws.item_keys(f"{kind}_plan", month.number, frame["person"])
    return event(
        frame.with_columns(keys.alias("_key")),
        "plan_made",
        "_on",
        subtype=pl.lit(kind),
        item_key=pl.col("_key"),
    )
