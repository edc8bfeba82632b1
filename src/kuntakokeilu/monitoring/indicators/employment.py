"""Indicators 01 (employment level) and 04 (transitions from unemployment to work or education)."""

from __future__ import annotations

import polars as pl

from kuntakokeilu.monitoring.indicators.base import (
    COUNT,
    SHARE,
    Indicator,
    Measure,
    Sources,
    by_municipality_and_month,
    count,
    long_parts,
    register,
)
from kuntakokeilu.monitoring.panel import UNEMPLOYED

#: how long after their last registration people stay in the followed group of indicator 01
FOLLOW_UP_MONTHS = 12
MONTHLY = "calendar month × home municipality at the month's end"
STATE_EVENTS = ("registered", "state_changed", "deregistered")


def _employed() -> pl.Expr:
    return pl.col("state") == "employed"


def employment_level(sources: Sources) -> pl.LazyFrame:
    followed = sources.monitored().filter(pl.col("months_since_registered") <= FOLLOW_UP_MONTHS)
    newly = _employed() & (pl.col("state_previous_month") != "employed")
    wide = by_municipality_and_month(
        followed,
        pl.len().alias("followed"),
        count(_employed()).alias("employed"),
        count(newly).alias("newly_employed"),
    )
    return long_parts(
        "01",
        wide,
        {
            "employed_stock": ("employed", None, "employed"),
            "employment_rate": ("employed", "followed", "followed"),
            "transitions_to_employment": ("newly_employed", None, "newly_employed"),
        },
    )


EMPLOYMENT_LEVEL = register(
    Indicator(
        number="01",
        name="Employment level",
        objective="sysselsättningsnivåns utveckling",
        grain=MONTHLY,
        filters=(
            "monitored group (target group by the latest registration); followed for "
            f"{FOLLOW_UP_MONTHS} months after the last month in which they were registered on "
            "some day"
        ),
        source_events=STATE_EVENTS,
        measures=(
            Measure(
                "employed_stock",
                COUNT,
                "people",
                "followed people whose state at the month's end is employed (registered or not)",
                persons="the same people",
            ),
            Measure(
                "employment_rate",
                SHARE,
                "share",
                "followed people employed at the month's end",
                "followed people",
                persons="followed people",
                range=(0.0, 1.0),
            ),
            Measure(
                "transitions_to_employment",
                COUNT,
                "people",
                "followed people employed at the month's end who were not employed at the end "
                "of the previous month (from any state; not counted in a person's first month)",
                persons="the same people",
            ),
        ),
        parts=employment_level,
        notes=(
            "Employment after deregistration is known only from the deregistration's "
            "destination; a person who later loses the job without registering again stays "
            "employed in the panel. Part-time work while registered is not counted as employed.",
        ),
    )
)


def transitions(sources: Sources) -> pl.LazyFrame:
    at_risk = sources.monitored().filter(
        pl.col("registered_previous_month").fill_null(False)
        & pl.col("state_previous_month").is_in(UNEMPLOYED)
    )
    to_work = _employed()
    to_education = pl.col("state") == "education"
    wide = by_municipality_and_month(
        at_risk,
        pl.len().alias("at_risk"),
        count(to_work).alias("to_work"),
        count(to_education).alias("to_education"),
        count(to_work | to_education).alias("to_either"),
    )
    return long_parts(
        "04",
        wide,
        {
            "unemployed_at_previous_month_end": ("at_risk", None, "at_risk"),
            "transitions_to_work": ("to_work", None, "to_work"),
            "transitions_to_education": ("to_education", None, "to_education"),
            "transition_rate": ("to_either", "at_risk", "at_risk"),
            "transition_rate_to_work": ("to_work", "at_risk", "at_risk"),
        },
    )


TRANSITIONS = register(
    Indicator(
        number="04",
        name="Transitions from unemployment to work or education",
        objective="övergångar från arbetslöshet till arbete eller utbildning",
        grain=MONTHLY,
        filters=(
            "monitored group; registered and unemployed (unemployed or laid off) at the end of "
            "the previous month"
        ),
        source_events=STATE_EVENTS,
        measures=(
            Measure(
                "unemployed_at_previous_month_end",
                COUNT,
                "people",
                "monitored people registered as unemployed or laid off at the end of the "
                "previous month (those who can make the transition)",
                persons="the same people",
            ),
            Measure(
                "transitions_to_work",
                COUNT,
                "people",
                "of them, employed at the end of the month",
                persons="the same people",
            ),
            Measure(
                "transitions_to_education",
                COUNT,
                "people",
                "of them, in education at the end of the month",
                persons="the same people",
            ),
            Measure(
                "transition_rate",
                SHARE,
                "share per month",
                "of them, employed or in education at the end of the month",
                "monitored people unemployed at the end of the previous month",
                persons="the denominator's people",
                range=(0.0, 1.0),
            ),
            Measure(
                "transition_rate_to_work",
                SHARE,
                "share per month",
                "of them, employed at the end of the month",
                "monitored people unemployed at the end of the previous month",
                persons="the denominator's people",
                range=(0.0, 1.0),
            ),
        ),
        parts=transitions,
        notes=(
            "States are compared month end to month end: a person who finds work and loses it "
            "within the same month is not counted.",
        ),
    )
)
