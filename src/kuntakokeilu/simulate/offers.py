"""Job offers and what comes of them; reports to the TE office.

Offers go to the unemployed and the part-time unemployed who stay on the register, at a monthly
rate that rose with the Nordic model; they are applied for, refused or left unanswered. A share of
those who leave for work got the job through an offer: an offer in the weeks before, answered
``hired`` on the day they leave. Offers follow leaving for work, never the other way round, so the
effect on leaving for work shows in ``hired`` answers and nowhere else.

A municipality's client who refuses or does not answer a binding offer, or misses an interview, is
reported to the TE office for a labour-policy statement (until the reform, when the municipality
gives the statements itself); so is, now and then, someone neglecting their plan.
"""

from __future__ import annotations

import numpy as np
import polars as pl

from kuntakokeilu.rules.parameters import parameters
from kuntakokeilu.simulate import calibration as c
from kuntakokeilu.simulate.days import Month, day_between, pick, plus_days, whole_days
from kuntakokeilu.simulate.draws import Draws
from kuntakokeilu.simulate.records import event

OFFERED = ("unemployed", "short_week")
REPORTS = {"refused": "job_offer_refused", "no_answer": "job_offer_unanswered"}


def job_offers(active: pl.DataFrame, month: Month, draws: Draws) -> tuple[list, pl.DataFrame]:
    """This month's offers and answers, and the answered offers that may be reported
    (person, ``answered_on``, outcome, binding)."""
    persons = active["person"]
    frame = active.with_columns(
        draws.uniform(f"offer_{n}", month.number, persons).alias(f"_u_{n}")
        for n in ("made", "day", "answer", "outcome", "hired", "before")
    )
    first_day = pl.max_horizontal(pl.col("registered_on"), pl.lit(month.first))
    rate = c.OFFERS[
        "nordic_model" if month.first >= c.NORDIC_MODEL_FROM else "interview_every_3_months"
    ]
    offered = frame.filter(
        pl.col("exit_on").is_null() & pl.col("status").is_in(OFFERED) & (pl.col("_u_made") < rate)
    )
    offered = offered.with_columns(
        day_between(pl.col("_u_day"), first_day, pl.lit(month.last)).alias("_offered_on"),
        pick(pl.col("_u_outcome"), c.OFFER_OUTCOMES).alias("_outcome"),
        draws.item_keys("offer", month.number, offered["person"]).alias("_key"),
    ).with_columns(
        plus_days(
            pl.col("_offered_on"), whole_days(pl.col("_u_answer"), *c.OFFER_ANSWER_DAYS)
        ).alias("_answered_on"),
    )
    hired = _offers_behind_jobs(frame, month, draws, first_day)
    events = [
        event(offered, "job_offer_made", "_offered_on", item_key=pl.col("_key")),
        event(
            offered,
            "job_offer_answered",
            "_answered_on",
            subtype=pl.col("_outcome"),
            item_key=pl.col("_key"),
        ),
        event(hired, "job_offer_made", "_offered_on", item_key=pl.col("_key")),
        event(
            hired, "job_offer_answered", "exit_on", subtype=pl.lit("hired"), item_key=pl.col("_key")
        ),
    ]
    answered = offered.filter(pl.col("_outcome").is_in(list(REPORTS))).select(
        "person",
        pl.col("_answered_on").alias("answered_on"),
        pl.col("_outcome").alias("outcome"),
        _binding().alias("binding"),
    )
    return events, answered


def _binding() -> pl.Expr:
    """Binding from the start before the Nordic model; under it, from the months after the
    initial interview of the dated parameter ``job_offer_binding_months`` (its value on the
    Nordic model's first day: it has one value so far)."""
    months = parameters().value("job_offer_binding_months", c.NORDIC_MODEL_FROM)
    after = pl.col("initial_on").dt.offset_by(f"{months}mo")
    nordic = pl.col("_offered_on") >= c.NORDIC_MODEL_FROM
    return ~nordic | (pl.col("initial_on").is_not_null() & (pl.col("_offered_on") >= after))


def _offers_behind_jobs(
    frame: pl.DataFrame, month: Month, draws: Draws, first_day: pl.Expr
) -> pl.DataFrame:
    hired = frame.filter(
        (pl.col("destination") == "employed") & (pl.col("_u_hired") < c.HIRED_THROUGH_OFFER)
    )
    before = whole_days(pl.col("_u_before"), 3, 20)
    offered_on = pl.max_horizontal(first_day, plus_days(pl.col("exit_on"), -before))
    return hired.with_columns(
        pl.min_horizontal(offered_on, pl.col("exit_on")).alias("_offered_on"),
        draws.item_keys("offer", month.number, hired["person"], sequence=1).alias("_key"),
    )


def reports(
    answered: pl.DataFrame,
    missed: pl.DataFrame,
    clients: pl.DataFrame,
    month: Month,
    draws: Draws,
) -> pl.DataFrame:
    """Reports to the TE office about the month's refused and unanswered binding offers, missed
    interviews and neglected plans, for the municipalities' clients (``clients``: person and
    ``organisation`` at the month's end) before the reform."""
    if month.first >= c.REFORM_DAY:
        return pl.DataFrame(schema={"person": pl.UInt32})
    municipal = clients.filter(pl.col("organisation") == "municipality").select("person")
    offers = answered.join(municipal, on="person", how="semi").filter(pl.col("binding"))
    offers = offers.select(
        "person",
        pl.col("answered_on").alias("_source_on"),
        pl.col("outcome").replace_strict(REPORTS).alias("_cause"),
        pl.col("outcome")
        .replace_strict({"refused": c.REPORT_REFUSED, "no_answer": c.REPORT_NO_ANSWER})
        .alias("_share"),
    )
    missed_rows = missed.join(municipal, on="person", how="semi").select(
        "person",
        pl.max_horizontal(pl.col("due_on"), pl.lit(month.first)).alias("_source_on"),
        pl.lit("interview_missed").alias("_cause"),
        pl.lit(c.REPORT_MISSED_INTERVIEW).alias("_share"),
    )
    persons = municipal["person"]
    neglect = municipal.with_columns(
        draws.uniform("report_neglect", month.number, persons).alias("_u")
    ).filter(pl.col("_u") < c.REPORT_PLAN_NEGLECTED)
    neglect = neglect.select(
        "person",
        pl.lit(month.first).alias("_source_on"),
        pl.lit("plan_neglected").alias("_cause"),
        pl.lit(1.0).alias("_share"),
    )
    causes = pl.concat([offers, missed_rows, neglect], how="vertical_relaxed")
    ordinal = pl.int_range(pl.len(), dtype=pl.UInt32).over("person")
    causes = causes.sort("person", "_cause", "_source_on").with_columns(ordinal.alias("_n"))
    stream = pl.concat_str(pl.col("_cause"), pl.col("_n").cast(pl.String))
    u_share = _uniform_by_stream(causes, stream, "report_share", month, draws)
    u_day = _uniform_by_stream(causes, stream, "report_day", month, draws)
    made = causes.with_columns(u_share.alias("_u_share"), u_day.alias("_u_day")).filter(
        pl.col("_u_share") < pl.col("_share")
    )
    lag = whole_days(pl.col("_u_day"), *c.REPORT_AFTER_DAYS)
    neglect_day = day_between(pl.col("_u_day"), month.first, month.last)
    day = (
        pl.when(pl.col("_cause") == "plan_neglected")
        .then(neglect_day)
        .otherwise(plus_days(pl.col("_source_on"), lag))
    )
    return event(made, "te_report_made", day, subtype=pl.col("_cause"))


def _uniform_by_stream(
    frame: pl.DataFrame, stream: pl.Expr, name: str, month: Month, draws: Draws
) -> pl.Series:
    """One uniform per row, keyed by the person and the row's own stream (cause and ordinal),
    so a person's numbers do not depend on other people's rows."""
    keys = frame.select(stream.alias("_stream"))["_stream"]
    out = np.zeros(frame.height)
    for key in keys.unique().to_list():
        rows = (keys == key).to_numpy()
        persons = frame["person"].to_numpy()[rows]
        out[rows] = draws.uniform(f"{name}_{key}", month.number, persons).to_numpy()
    return pl.Series(name, out)
