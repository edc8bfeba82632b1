"""Indicator 02: labour market subsidy savings for municipalities and the state."""

from __future__ import annotations

import polars as pl

from kuntakokeilu.monitoring import financing
from kuntakokeilu.monitoring.indicators.base import (
    DERIVED,
    SUM,
    Indicator,
    Measure,
    Sources,
    long_parts,
    register,
)

SUBSIDY = "labour_market_subsidy"
COMPARISON = ("experiment_vs_comparison", "comparison")


def _payments(sources: Sources) -> pl.LazyFrame:
    on, counter, days = pl.col("on"), pl.col("counter_before"), pl.col("days")
    params = sources.parameters
    municipality_eur = financing.municipality_share_eur(
        on, counter, days, pl.col("amount_eur"), params
    )
    return (
        sources.events.filter(
            (pl.col("kind") == "benefit_paid")
            & (pl.col("subtype") == SUBSIDY)
            & (on <= sources.last_day)
        )
        .select(
            "client_key",
            "municipality",
            on.dt.month_start().alias("month"),
            days.cast(pl.Int64).alias("days"),
            pl.col("amount_eur"),
            municipality_eur.alias("municipality_eur"),
            *[
                financing.days_at_share(on, counter, days, share, params).alias(
                    _share_measure(share)
                )
                for share in financing.municipality_shares(params)
            ],
        )
        .with_columns((pl.col("amount_eur") - pl.col("municipality_eur")).alias("state_eur"))
    )


def _share_measure(share: float) -> str:
    return f"subsidy_days_municipality_share_{financing.share_label(share)}"


def subsidy(sources: Sources) -> pl.LazyFrame:
    shares = [_share_measure(s) for s in financing.municipality_shares(sources.parameters)]
    summed = ["days", "amount_eur", "municipality_eur", "state_eur", *shares]
    # per recipient first, then per municipality and month: counting the recipients is then
    # counting rows (measured faster than a distinct count of clients for each measure)
    per_recipient = (
        _payments(sources).group_by("municipality", "month", "client_key").agg(pl.col(summed).sum())
    )
    wide = per_recipient.group_by("municipality", "month").agg(
        pl.col(summed).sum(),
        pl.len().alias("recipients"),
        *[(pl.col(name) > 0).sum().alias(f"{name}_people") for name in shares],
    )
    return long_parts(
        "02",
        wide,
        {
            "subsidy_days": ("days", None, "recipients"),
            "subsidy_eur": ("amount_eur", None, None),
            "municipality_share_eur": ("municipality_eur", None, None),
            "state_share_eur": ("state_eur", None, None),
            **{name: (name, None, f"{name}_people") for name in shares},
        },
    )


def _year_earlier(rolled: pl.DataFrame, measure: str) -> pl.DataFrame:
    """This month's and the same month a year earlier's figure of ``measure`` per group."""
    figures = rolled.filter(pl.col("measure") == measure).select(
        "grouping", "group", "month", "numerator"
    )
    earlier = figures.select(
        "grouping",
        "group",
        pl.col("month").dt.offset_by("12mo"),
        pl.col("numerator").alias("year_earlier"),
    )
    return figures.join(earlier, on=["grouping", "group", "month"], how="inner")


def _saving(rolled: pl.DataFrame, payer: str) -> pl.DataFrame:
    both = _year_earlier(rolled, f"{payer}_share_eur")
    saving = pl.col("year_earlier") - pl.col("numerator")
    return both.select(
        pl.lit("02").alias("indicator"),
        pl.lit(f"{payer}_saving_eur").alias("measure"),
        "grouping",
        "group",
        "month",
        saving.alias("value"),
        saving.alias("numerator"),
        pl.lit(None, dtype=pl.Float64).alias("denominator"),
        pl.lit(None, dtype=pl.Int64).alias("persons"),
    )


def _change(rolled: pl.DataFrame) -> pl.DataFrame:
    both = _year_earlier(rolled, "subsidy_eur").filter(pl.col("year_earlier") > 0)
    return both.select(
        pl.lit("02").alias("indicator"),
        pl.lit("subsidy_eur_change").alias("measure"),
        "grouping",
        "group",
        "month",
        (pl.col("numerator") / pl.col("year_earlier") - 1).alias("value"),
        pl.col("numerator"),
        pl.col("year_earlier").alias("denominator"),
        pl.lit(None, dtype=pl.Int64).alias("persons"),
    )


def _change_vs_comparison(change: pl.DataFrame) -> pl.DataFrame:
    grouping, group = COMPARISON
    comparison = change.filter(
        (pl.col("grouping") == grouping) & (pl.col("group") == group)
    ).select("month", pl.col("value").alias("comparison"))
    return change.join(comparison, on="month", how="inner").select(
        pl.lit("02").alias("indicator"),
        pl.lit("subsidy_eur_change_vs_comparison").alias("measure"),
        "grouping",
        "group",
        "month",
        (pl.col("value") - pl.col("comparison")).alias("value"),
        pl.col("value").alias("numerator"),
        pl.col("comparison").alias("denominator"),
        pl.lit(None, dtype=pl.Int64).alias("persons"),
    )


def savings(rolled: pl.DataFrame) -> pl.DataFrame:
    """Savings against the same month a year earlier, and the change against the comparison
    group's change, from the rolled-up euros."""
    change = _change(rolled)
    return pl.concat(
        [
            _saving(rolled, "municipality"),
            _saving(rolled, "state"),
            change,
            _change_vs_comparison(change),
        ]
    )


def _share_measures() -> tuple[Measure, ...]:
    described = []
    for share in financing.municipality_shares():
        bands = [
            f"days {b.first_day}–{b.last_day or ''} from {r.valid_from.isoformat()}"
            for r in financing.regimes()
            for b in r.bands
            if b.municipality_share == share
        ]
        described.append(
            Measure(
                _share_measure(share),
                SUM,
                "benefit days",
                f"subsidy days of the month's payments in bands where the municipality pays "
                f"{share:.0%} ({'; '.join(bands)})",
                persons="recipients with days in those bands",
            )
        )
    return tuple(described)


SUBSIDY_SAVINGS = register(
    Indicator(
        number="02",
        name="Labour market subsidy savings for municipalities and the state",
        objective="besparingar i arbetsmarknadsstödet hos kommunerna och staten",
        grain="calendar month of the payment day × home municipality of the payment event",
        filters=(
            "benefit_paid events of labour market subsidy (all recipients: the municipality is "
            "billed for every resident, and nearly all recipients are in the target group, "
            "having no earnings-related allowance)"
        ),
        source_events=("benefit_paid",),
        measures=(
            Measure(
                "subsidy_days",
                SUM,
                "benefit days",
                "labour market subsidy days paid in the month",
                persons="recipients in the municipality in the month (a person paid in two "
                "municipalities in one month counts in both)",
            ),
            Measure("subsidy_eur", SUM, "euros", "labour market subsidy paid (gross)"),
            Measure(
                "municipality_share_eur",
                SUM,
                "euros",
                "Σ payment amount × (Σ over bands of days in band × municipality share) / days, "
                "bands of the regime in force on the payment day (labour_market_subsidy_"
                "financing)",
            ),
            Measure("state_share_eur", SUM, "euros", "subsidy paid less the municipality share"),
            *_share_measures(),
            Measure(
                "municipality_saving_eur",
                DERIVED,
                "euros",
                "municipality share in the same month a year earlier less this month's",
            ),
            Measure(
                "state_saving_eur",
                DERIVED,
                "euros",
                "state share in the same month a year earlier less this month's",
            ),
            Measure(
                "subsidy_eur_change",
                DERIVED,
                "relative change",
                "subsidy paid this month",
                "subsidy paid in the same month a year earlier (value: ratio less 1)",
            ),
            Measure(
                "subsidy_eur_change_vs_comparison",
                DERIVED,
                "difference of relative changes",
                "the group's subsidy_eur_change",
                "the comparison group's (rest of Finland) subsidy_eur_change; value: the "
                "difference, negative when the group's subsidy fell more (or grew less)",
            ),
        ),
        parts=subsidy,
        derive=savings,
        notes=(
            "From 1.1.2025 the municipality also pays a share of the basic allowance and of "
            "the basic part of earnings-related allowance; this indicator covers labour market "
            "subsidy only. A change of regime (2025) shows in the savings as a change of "
            "shares, not of spending.",
        ),
    )
)
