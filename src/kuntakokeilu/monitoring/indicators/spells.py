"""Indicators 05 (length of unemployment spells) and 06 (long-term and structural unemployment).

What a spell is, is written in ``monitoring.panel``: an unbroken run of registered unemployment
(unemployed or laid off), counted in days."""

from __future__ import annotations

import polars as pl

from kuntakokeilu.monitoring.indicators.base import (
    COUNT,
    MEAN,
    SHARE,
    Indicator,
    Measure,
    Sources,
    by_municipality_and_month,
    count,
    long_parts,
    register,
)
from kuntakokeilu.monitoring.panel import STRUCTURAL_WINDOW_MONTHS, UNEMPLOYED

#: Statistics Finland's and the ministry's definition of long-term unemployment: unemployed
#: without a break for at least twelve months
LONG_TERM_MONTHS = 12
#: months of the structural window that must be spent unemployed or in services
STRUCTURAL_MONTHS = 12
MONTHLY = "calendar month × home municipality at the month's end"
STATE_EVENTS = ("registered", "state_changed", "deregistered")
LEFT_CENSORED = (
    "Spells that began before the first day of the data are counted from the person's first "
    "event, so the lengths and the long-term counts are understated in the data's first year."
)


def _unemployed_at_end() -> pl.Expr:
    return pl.col("registered") & pl.col("state").is_in(UNEMPLOYED)


def spell_lengths(sources: Sources) -> pl.LazyFrame:
    ongoing = _unemployed_at_end()
    wide = by_municipality_and_month(
        sources.monitored(),
        pl.col("spells_completed").cast(pl.Int64).sum().alias("completed"),
        pl.col("completed_spell_days").cast(pl.Int64).sum().alias("completed_days"),
        count(pl.col("spells_completed") > 0).alias("completers"),
        count(ongoing).alias("ongoing"),
        pl.when(ongoing).then(pl.col("spell_days")).cast(pl.Int64).sum().alias("ongoing_days"),
    )
    return long_parts(
        "05",
        wide,
        {
            "completed_spells": ("completed", None, "completers"),
            "completed_spell_mean_days": ("completed_days", "completed", "completers"),
            "ongoing_spells": ("ongoing", None, "ongoing"),
            "ongoing_spell_mean_days": ("ongoing_days", "ongoing", "ongoing"),
        },
    )


SPELL_LENGTHS = register(
    Indicator(
        number="05",
        name="Average length of unemployment spells",
        objective="arbetslöshetsperiodernas genomsnittliga längd",
        grain=MONTHLY + " (a completed spell counts in the month it ended)",
        filters="monitored group",
        source_events=STATE_EVENTS,
        measures=(
            Measure(
                "completed_spells",
                COUNT,
                "spells",
                "unemployment spells of monitored people that ended in the month (by a change "
                "to another state or by deregistration)",
                persons="people whose spell ended",
            ),
            Measure(
                "completed_spell_mean_days",
                MEAN,
                "days",
                "Σ length in days of the spells that ended in the month (start day to end day)",
                "spells that ended in the month",
                persons="people whose spell ended",
                range=(0.0, float("inf")),
            ),
            Measure(
                "ongoing_spells",
                COUNT,
                "people",
                "monitored people unemployed at the month's end",
                persons="the same people",
            ),
            Measure(
                "ongoing_spell_mean_days",
                MEAN,
                "days",
                "Σ days from the start of the ongoing spell to the month's end (included)",
                "monitored people unemployed at the month's end",
                persons="the same people",
                range=(0.0, float("inf")),
            ),
        ),
        parts=spell_lengths,
        notes=(LEFT_CENSORED,),
    )
)


def long_term(sources: Sources) -> pl.LazyFrame:
    unemployed = _unemployed_at_end()
    in_service = pl.col("registered") & (
        (pl.col("state") == "in_service") | (pl.col("services_active") > 0)
    )
    either = unemployed | in_service
    structural = either & (pl.col("months_unemployed_or_in_service") >= STRUCTURAL_MONTHS)
    wide = by_municipality_and_month(
        sources.monitored(),
        count(unemployed).alias("unemployed"),
        count(unemployed & (pl.col("spell_months") >= LONG_TERM_MONTHS)).alias("long_term"),
        count(either).alias("unemployed_or_in_services"),
        count(structural).alias("structural"),
    )
    return long_parts(
        "06",
        wide,
        {
            "unemployed": ("unemployed", None, "unemployed"),
            "long_term_unemployed": ("long_term", None, "long_term"),
            "long_term_share": ("long_term", "unemployed", "unemployed"),
            "structurally_unemployed": ("structural", None, "structural"),
            "structural_share": (
                "structural",
                "unemployed_or_in_services",
                "unemployed_or_in_services",
            ),
        },
    )


LONG_TERM = register(
    Indicator(
        number="06",
        name="Long-term and structurally unemployed",
        objective="utvecklingen av antalet långtidsarbetslösa/strukturellt arbetslösa",
        grain=MONTHLY,
        filters="monitored group; registered at the month's end",
        source_events=(*STATE_EVENTS, "service_started", "service_ended"),
        measures=(
            Measure(
                "unemployed",
                COUNT,
                "people",
                "monitored people unemployed (or laid off) at the month's end",
                persons="the same people",
            ),
            Measure(
                "long_term_unemployed",
                COUNT,
                "people",
                f"of them, in a spell of at least {LONG_TERM_MONTHS} whole calendar months",
                persons="the same people",
            ),
            Measure(
                "long_term_share",
                SHARE,
                "share",
                "long-term unemployed",
                "monitored people unemployed at the month's end",
                persons="the denominator's people",
                range=(0.0, 1.0),
            ),
            Measure(
                "structurally_unemployed",
                COUNT,
                "people",
                "monitored people unemployed or in a service at the month's end who were "
                f"unemployed or in a service at {STRUCTURAL_MONTHS} or more of the last "
                f"{STRUCTURAL_WINDOW_MONTHS} month ends (this one included)",
                persons="the same people",
            ),
            Measure(
                "structural_share",
                SHARE,
                "share",
                "structurally unemployed",
                "monitored people unemployed or in a service at the month's end",
                persons="the denominator's people",
                range=(0.0, 1.0),
            ),
        ),
        parts=long_term,
        notes=(
            "Structural unemployment is defined here, honestly and simply, as long-lasting "
            "unemployment that services have not broken: time at month ends spent unemployed "
            "or in services, whatever the order. It includes every long-term unemployed "
            "person, the repeatedly unemployed and those cycling between unemployment and "
            "services. The ministry's rakennetyöttömyys (long-term unemployed, the repeatedly "
            f"unemployed with {STRUCTURAL_MONTHS} months in {STRUCTURAL_WINDOW_MONTHS}, and "
            "those coming from services to unemployment or from one service to another) counts "
            "days, not month ends, so the figures are close to it but not the same.",
            LEFT_CENSORED,
        ),
    )
)
