"""Indicators 08 (work and functional ability), 09 (customer satisfaction) and 10 (staff
wellbeing): the scored answers of the self-assessment and the two surveys."""

from __future__ import annotations

import polars as pl

from kuntakokeilu.events.schema import SCORE_RANGES
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

#: a survey answer of 4 or 5 on the 1-5 scale counts as satisfied / doing well ("top two")
GOOD_ANSWER = 4
MONTHLY = "calendar month of the answer × home municipality at the month's end"


def _scored(sources: Sources, kind: str, *, with_change: bool = False) -> pl.LazyFrame:
    """The monitored group's scored events of ``kind`` (with the change since the same
    person's previous score, counted over all their scores, when asked)."""
    scored = sources.client_events((kind,)).filter(pl.col("score").is_not_null())
    if with_change:
        scored = _with_change_since_previous(scored)
    return scored.filter(pl.col("target_group").fill_null(False))


def _score_range(kind: str) -> tuple[float, float]:
    low, high = SCORE_RANGES[kind]
    return float(low), float(high)


def _with_change_since_previous(frame: pl.LazyFrame) -> pl.LazyFrame:
    """Each score's change from the same person's previous score (null for the first)."""
    previous_same_person = pl.col("client_key").shift(1) == pl.col("client_key")
    return frame.sort("client_key", "on").with_columns(
        pl.when(previous_same_person)
        .then(pl.col("score").cast(pl.Int16) - pl.col("score").shift(1).cast(pl.Int16))
        .alias("change")
    )


def work_ability(sources: Sources) -> pl.LazyFrame:
    kind = "work_ability_assessed"
    assessments = _scored(sources, kind, with_change=True)
    wide = by_municipality_and_month(
        assessments,
        pl.len().alias("assessments"),
        pl.col("client_key").n_unique().alias("assessed"),
        pl.col("score").cast(pl.Int64).sum().alias("score_sum"),
        pl.col("change").cast(pl.Int64).sum().alias("change_sum"),
        pl.col("change").count().alias("repeated"),
        pl.col("client_key").filter(pl.col("change").is_not_null()).n_unique().alias("reassessed"),
    )
    return long_parts(
        "08",
        wide,
        {
            "work_ability_assessments": ("assessments", None, "assessed"),
            "work_ability_mean": ("score_sum", "assessments", "assessed"),
            "work_ability_change_mean": ("change_sum", "repeated", "reassessed"),
        },
    )


_LOW, _HIGH = _score_range("work_ability_assessed")
WORK_ABILITY = register(
    Indicator(
        number="08",
        name="Work and functional ability",
        objective="arbets- och funktionsförmågans utveckling",
        grain=MONTHLY,
        filters="monitored group; assessments with a score",
        source_events=("work_ability_assessed",),
        measures=(
            Measure(
                "work_ability_assessments",
                COUNT,
                "assessments",
                "self-assessments of work and functional ability in the month",
                persons="people assessed",
            ),
            Measure(
                "work_ability_mean",
                MEAN,
                f"score {_LOW:.0f}–{_HIGH:.0f}",
                "Σ scores of the month's assessments",
                "assessments in the month",
                persons="people assessed",
                range=(_LOW, _HIGH),
            ),
            Measure(
                "work_ability_change_mean",
                MEAN,
                "score points",
                "Σ (score − the same person's previous score) over the month's assessments "
                "that have an earlier one",
                "assessments in the month with an earlier one",
                persons="people reassessed",
                range=(_LOW - _HIGH, _HIGH - _LOW),
            ),
        ),
        parts=work_ability,
        notes=(
            "Development is measured within persons (change since their previous "
            "self-assessment), so that a changing mix of clients does not pass for change. "
            "Scores of the service-needs assessment are not used: the monitoring object names "
            "the self-assessment tool.",
        ),
    )
)


def _survey(number: str, prefix: str, answers: pl.LazyFrame, people: pl.Expr) -> pl.LazyFrame:
    good = pl.col("score") >= GOOD_ANSWER
    wide = by_municipality_and_month(
        answers,
        pl.len().alias("answers"),
        people.alias("people"),
        pl.col("score").cast(pl.Int64).sum().alias("score_sum"),
        count(good).alias("good"),
    )
    good_name = "satisfied_share" if prefix == "satisfaction" else "wellbeing_good_share"
    return long_parts(
        number,
        wide,
        {
            f"{prefix}_answers": ("answers", None, "people"),
            f"{prefix}_mean": ("score_sum", "answers", "people"),
            good_name: ("good", "answers", "people"),
        },
    )


def satisfaction(sources: Sources) -> pl.LazyFrame:
    answers = _scored(sources, "customer_satisfaction_answered")
    return _survey("09", "satisfaction", answers, pl.col("client_key").n_unique())


def wellbeing(sources: Sources) -> pl.LazyFrame:
    answers = sources.events.filter(
        (pl.col("kind") == "staff_wellbeing_answered")
        & pl.col("score").is_not_null()
        & (pl.col("on") <= sources.last_day)
    ).with_columns(pl.col("on").dt.month_start().alias("month"))
    # answers are anonymous: each counts as one person, so small units are suppressed
    return _survey("10", "wellbeing", answers, pl.len())


def _survey_measures(prefix: str, kind: str, who: str, good_name: str) -> tuple[Measure, ...]:
    low, high = _score_range(kind)
    return (
        Measure(
            f"{prefix}_answers",
            COUNT,
            "answers",
            f"{who}'s answers in the month",
            persons="people who answered",
        ),
        Measure(
            f"{prefix}_mean",
            MEAN,
            f"score {low:.0f}–{high:.0f}",
            "Σ scores of the month's answers",
            "answers in the month",
            persons="people who answered",
            range=(low, high),
        ),
        Measure(
            good_name,
            SHARE,
            "share",
            f"answers scoring {GOOD_ANSWER} or more",
            "answers in the month",
            persons="people who answered",
            range=(0.0, 1.0),
        ),
    )


SATISFACTION = register(
    Indicator(
        number="09",
        name="Customer satisfaction",
        objective="kundnöjdhet",
        grain=MONTHLY,
        filters="monitored group; answers with a score",
        source_events=("customer_satisfaction_answered",),
        measures=_survey_measures(
            "satisfaction",
            "customer_satisfaction_answered",
            "monitored clients",
            "satisfied_share",
        ),
        parts=satisfaction,
    )
)

WELLBEING = register(
    Indicator(
        number="10",
        name="Staff wellbeing at work",
        objective="personalens välbefinnande i arbetet",
        grain="calendar month of the answer × municipality of the answering unit",
        filters="answers with a score (staff of the municipal units and the TE offices)",
        source_events=("staff_wellbeing_answered",),
        measures=_survey_measures(
            "wellbeing", "staff_wellbeing_answered", "staff", "wellbeing_good_share"
        ),
        parts=wellbeing,
        notes=(
            "Answers are anonymous: persons is the number of answers, so that the dashboards "
            "suppress the figures of small units.",
        ),
    )
)
