"""Indicator 07: job offers and their results."""

from __future__ import annotations

import polars as pl

from kuntakokeilu.events.schema import OFFER_OUTCOMES
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

KINDS = ("job_offer_made", "job_offer_answered")


def _persons_where(condition: pl.Expr) -> pl.Expr:
    return pl.col("client_key").filter(condition).n_unique()


def job_offers(sources: Sources) -> pl.LazyFrame:
    events = sources.client_events(KINDS).filter(pl.col("target_group").fill_null(False))
    made = pl.col("kind") == "job_offer_made"
    answered = pl.col("kind") == "job_offer_answered"

    def outcome(name: str) -> pl.Expr:
        return answered & (pl.col("subtype") == name)

    wide = by_municipality_and_month(
        events,
        count(made).alias("made"),
        _persons_where(made).alias("offered"),
        count(answered).alias("answered"),
        _persons_where(answered).alias("answering"),
        *[count(outcome(name)).alias(name) for name in OFFER_OUTCOMES],
        *[_persons_where(outcome(name)).alias(f"{name}_persons") for name in OFFER_OUTCOMES],
    )
    return long_parts(
        "07",
        wide,
        {
            "job_offers_made": ("made", None, "offered"),
            "job_offer_results": ("answered", None, "answering"),
            **{
                f"job_offer_results_{name}": (name, None, f"{name}_persons")
                for name in OFFER_OUTCOMES
            },
            "hired_share": ("hired", "answered", "answering"),
        },
    )


JOB_OFFERS = register(
    Indicator(
        number="07",
        name="Job offers and their results",
        objective="antalet arbetserbjudanden och resultaten av dem",
        grain="calendar month of the event × home municipality at the month's end",
        filters="monitored group",
        source_events=KINDS,
        measures=(
            Measure(
                "job_offers_made",
                COUNT,
                "offers",
                "job_offer_made events of monitored people in the month",
                persons="people who were offered a job",
            ),
            Measure(
                "job_offer_results",
                COUNT,
                "results",
                "job_offer_answered events (results of offers) recorded in the month",
                persons="people whose offer got a result",
            ),
            *[
                Measure(
                    f"job_offer_results_{name}",
                    COUNT,
                    "results",
                    f"results recorded in the month with the outcome {name}",
                    persons=f"people with the outcome {name}",
                )
                for name in OFFER_OUTCOMES
            ],
            Measure(
                "hired_share",
                SHARE,
                "share",
                "results with the outcome hired",
                "results recorded in the month",
                persons="people whose offer got a result",
                range=(0.0, 1.0),
            ),
        ),
        parts=job_offers,
        notes=(
            "A result is counted in the month it is recorded, which may be later than the "
            "month of the offer.",
        ),
    )
)
