"""The service process: interviews and discussions on the dated schedule, plans, assessments.

What falls due and when is ``rules.deadlines`` (both regimes: an interview every 3 months until
1.5.2022, the Nordic model from 2.5.2022), fed with each person's process state. Each item that
falls due in the month is held on time (on one of the ``ON_TIME_WINDOW_DAYS`` before its due day),
late (``LATE_MEAN_DAYS`` on average after it) or missed. A missed follow-up is never held: the next
item is counted from the day it was due (the state's ``clock_on``), so a missed discussion does
not stay overdue for ever. A missed initial interview is held very late instead (every job seeker
gets one). Held items write ``interview_held`` with ``due_on``; the initial interview also the
service-needs assessment and the employment (or integration) plan; any interview may bring a
work-ability self-assessment and a customer-satisfaction answer.
"""

from __future__ import annotations

import polars as pl

from kuntakokeilu.rules.deadlines import (
    INITIAL_INTERVIEW,
    SIX_MONTH_DISCUSSION,
    SUPPLEMENTARY_DISCUSSION,
    next_due_frame,
)
from kuntakokeilu.rules.parameters import Parameters
from kuntakokeilu.simulate import calibration as c
from kuntakokeilu.simulate.days import (
    Month,
    exponential,
    month_number,
    normal,
    pick,
    plus_days,
    whole_days,
)
from kuntakokeilu.simulate.draws import Draws
from kuntakokeilu.simulate.people import IN_PROCESS
from kuntakokeilu.simulate.records import event, replace_rows

STATE = ("initial_on", "supplementary_done", "six_month_done", "clock_on", "due_kind", "due_on")


def with_next_due(frame: pl.DataFrame, params: Parameters) -> pl.DataFrame:
    """``frame`` with ``due_kind`` and ``due_on`` from its process state (null out of process)."""
    in_process = frame.filter(pl.col("status").is_in(IN_PROCESS))
    state = in_process.select(
        "person",
        "registered_on",
        pl.col("initial_on").alias("initial_interview_on"),
        pl.col("supplementary_done"),
        pl.col("six_month_done"),
        pl.col("clock_on").alias("last_discussion_on"),
    )
    due = (
        next_due_frame(state, params)
        .select("person", pl.col("due_kind"), pl.col("due_on"), pl.col("regime"))
        .collect()
    )
    return frame.drop("due_kind", "due_on").join(
        due.drop("regime"), on="person", how="left", maintain_order="left"
    )


def regime_expr(params: Parameters, day: pl.Expr) -> pl.Expr:
    """The service-process regime in force on ``day`` (null before the first)."""
    versions = params["service_process"].values
    chosen = pl.lit(None, dtype=pl.String)
    for version in versions:
        chosen = (
            pl.when(day >= version.valid_from)
            .then(pl.lit(version.value["regime"]))
            .otherwise(chosen)
        )
    return chosen


def plan_keys(frame: pl.DataFrame, draws: Draws) -> pl.Series:
    """The key of each job search's employment plan (one plan per registration)."""
    months = frame.select(month_number(pl.col("registered_on")))
    return draws.item_keys("plan", months.to_series(), frame["person"])


def hold_interviews(
    active: pl.DataFrame, month: Month, draws: Draws, params: Parameters
) -> tuple[pl.DataFrame, list[pl.DataFrame], pl.DataFrame]:
    """Hold what falls due this month: the updated people, their events, and the missed items
    (person, day) that may be reported to the TE office."""
    produced, missed = [], []
    for round_ in range(c.ROUNDS_A_MONTH):
        due = _falling_due(active, month)
        if due.is_empty():
            break
        outcome = _outcomes(due, month, draws, round_)
        produced.extend(_interview_events(outcome, month, draws, params, round_))
        missed.append(outcome.filter(pl.col("missed")).select("person", pl.col("due_on")))
        active = _advance(active, outcome, params)
    missed_frame = (
        pl.concat(missed)
        if missed
        else pl.DataFrame(schema={"person": pl.UInt32, "due_on": pl.Date})
    )
    return active, produced, missed_frame


def _falling_due(active: pl.DataFrame, month: Month) -> pl.DataFrame:
    """People in the process whose next item falls due by the month's end and who are still
    registered then."""
    return active.filter(
        pl.col("status").is_in(IN_PROCESS)
        & (pl.col("due_on") <= month.last)
        & (
            pl.col("exit_on").is_null()
            | (pl.col("exit_on") > pl.max_horizontal("due_on", pl.lit(month.first)))
        )
    ).select(
        "person",
        "registered_on",
        "segment",
        "immigrant",
        "initial_on",
        "clock_on",
        "due_kind",
        "due_on",
        "exit_on",
    )


def _outcomes(due: pl.DataFrame, month: Month, draws: Draws, round_: int) -> pl.DataFrame:
    """On time, late or missed, and the day held (null when missed and never held)."""
    persons = due["person"]
    u = {
        name: draws.uniform(f"interview_{name}_{round_}", month.number, persons)
        for name in ("outcome", "day", "late")
    }
    frame = due.with_columns(*(series.alias(f"_u_{name}") for name, series in u.items()))
    initial = pl.col("due_kind") == INITIAL_INTERVIEW
    earliest = (
        pl.when(initial).then(pl.col("registered_on")).otherwise(plus_days(pl.col("clock_on"), 1))
    )
    window = pl.min_horizontal(
        pl.lit(c.ON_TIME_WINDOW_DAYS), (pl.col("due_on") - earliest).dt.total_days()
    ).clip(lower_bound=0)
    on_time_day = plus_days(
        pl.col("due_on"), -(pl.col("_u_day") * (window + 1)).floor().cast(pl.Int64)
    )
    late_days = (1 + exponential(pl.col("_u_late"), c.LATE_MEAN_DAYS).floor()).clip(
        upper_bound=c.LATE_LONGEST_DAYS
    )
    very_late = c.MISSED_INITIAL_DAYS + exponential(pl.col("_u_late"), c.MISSED_INITIAL_MEAN_DAYS)
    outcome = pl.col("_u_outcome")
    on_time = outcome < c.INTERVIEW_ON_TIME
    late = ~on_time & (outcome < c.INTERVIEW_ON_TIME + c.INTERVIEW_LATE)
    held = (
        pl.when(on_time)
        .then(on_time_day)
        .when(late)
        .then(plus_days(pl.col("due_on"), late_days.cast(pl.Int64)))
        .when(initial)
        .then(plus_days(pl.col("due_on"), very_late.floor().cast(pl.Int64)))
    )
    held = pl.when(held.is_not_null()).then(pl.max_horizontal(held, earliest, pl.lit(month.first)))
    frame = frame.with_columns(held.alias("held_on"), (~on_time & ~late & ~initial).alias("missed"))
    # held after leaving the register: not held at all (the person has gone)
    gone = pl.col("exit_on").is_not_null() & (pl.col("held_on") > pl.col("exit_on"))
    return frame.with_columns(
        pl.when(gone).then(None).otherwise(pl.col("held_on")).alias("held_on")
    )


def _advance(active: pl.DataFrame, outcome: pl.DataFrame, params: Parameters) -> pl.DataFrame:
    """The process state after the items: counters, the clock, the next due item."""
    kind = pl.col("due_kind")
    done = pl.col("held_on").is_not_null() | pl.col("missed")
    contact = pl.when(pl.col("missed")).then(pl.col("due_on")).otherwise(pl.col("held_on"))
    moved = outcome.filter(done).select(
        "person",
        pl.when(kind == INITIAL_INTERVIEW)
        .then(pl.col("held_on"))
        .otherwise(pl.col("initial_on"))
        .alias("initial_on"),
        (kind == SUPPLEMENTARY_DISCUSSION).cast(pl.Int8).alias("_supplementary"),
        (kind == SIX_MONTH_DISCUSSION).cast(pl.Int8).alias("_six_month"),
        contact.alias("clock_on"),
    )
    before = active[active["person"].search_sorted(moved["person"])]
    updated = before.with_columns(
        moved["initial_on"],
        moved["clock_on"],
        pl.col("supplementary_done") + moved["_supplementary"],
        pl.col("six_month_done") + moved["_six_month"],
    )
    updated = with_next_due(updated, params).select("person", *STATE)
    # an item held only after its person left: nothing more falls due for them this month
    stopped = outcome.filter(~done).select("person", pl.lit(None, pl.Date).alias("due_on"))
    return replace_rows(replace_rows(active, updated), stopped)


def _interview_events(
    outcome: pl.DataFrame, month: Month, draws: Draws, params: Parameters, round_: int
) -> list[pl.DataFrame]:
    held = outcome.filter(pl.col("held_on").is_not_null())
    if held.is_empty():
        return []
    persons = held["person"]
    names = ("score_1", "score_2", "asked", "ability", "ability_1", "ability_2", "plan")
    names += ("plan_later", "integration", "revised", "satisfied", "satisfaction", "answer_day")
    held = held.with_columns(
        draws.uniform(f"contact_{name}_{round_}", month.number, persons).alias(f"_u_{name}")
        for name in names
    )
    initial = held.filter(pl.col("due_kind") == INITIAL_INTERVIEW)
    follow_up = held.filter(pl.col("due_kind") != INITIAL_INTERVIEW)
    return [
        event(
            held, "interview_held", "held_on", subtype=pl.col("due_kind"), due_on=pl.col("due_on")
        ),
        *_initial_interview_events(initial, draws, params),
        *_follow_up_events(follow_up, draws),
        *_survey_events(held),
    ]


def _work_ability(u1: str, u2: str) -> pl.Expr:
    mean = pl.col("segment").replace_strict({k: m for k, (m, _) in c.WORK_ABILITY.items()})
    sd = pl.col("segment").replace_strict({k: s for k, (_, s) in c.WORK_ABILITY.items()})
    return (mean + sd * normal(pl.col(u1), pl.col(u2))).round().clip(0, 10).cast(pl.Int8)


def _initial_interview_events(initial: pl.DataFrame, draws: Draws, params: Parameters) -> list:
    if initial.is_empty():
        return []
    regime = regime_expr(params, pl.col("held_on"))
    same_day = pl.col("_u_plan") < regime.replace_strict(c.PLAN_SAME_DAY, return_dtype=pl.Float64)
    later = (1 + exponential(pl.col("_u_plan_later"), c.PLAN_LATER_MEAN_DAYS)).floor()
    plan_day = (
        pl.when(same_day)
        .then(pl.col("held_on"))
        .otherwise(plus_days(pl.col("held_on"), later.cast(pl.Int64)))
    )
    integration = pl.col("immigrant") & (pl.col("_u_integration") < c.INTEGRATION_PLAN)
    plans = initial.with_columns(
        plan_day.alias("plan_on"),
        plan_keys(initial, draws).alias("plan_key"),
    )
    asked = pl.col("_u_asked") < c.ASSESSMENT_ASKS_WORK_ABILITY
    return [
        event(
            initial,
            "service_needs_assessed",
            "held_on",
            subtype=pl.col("segment"),
            score=pl.when(asked).then(_work_ability("_u_score_1", "_u_score_2")),
        ),
        event(
            plans,
            "plan_made",
            "plan_on",
            subtype=pl.when(integration)
            .then(pl.lit("integration"))
            .otherwise(pl.lit("employment")),
            item_key=pl.col("plan_key"),
        ),
        event(
            initial.filter(pl.col("_u_ability") < c.WORK_ABILITY_AT_INITIAL),
            "work_ability_assessed",
            "held_on",
            score=_work_ability("_u_ability_1", "_u_ability_2"),
        ),
    ]


def _follow_up_events(follow_up: pl.DataFrame, draws: Draws) -> list:
    if follow_up.is_empty():
        return []
    revised = follow_up.filter(pl.col("_u_revised") < c.PLAN_REVISED)
    return [
        event(
            revised.with_columns(plan_keys(revised, draws).alias("plan_key")),
            "plan_made",
            "held_on",
            subtype=pl.lit("employment"),
            item_key=pl.col("plan_key"),
        ),
        event(
            follow_up.filter(pl.col("_u_ability") < c.WORK_ABILITY_AT_FOLLOW_UP),
            "work_ability_assessed",
            "held_on",
            score=_work_ability("_u_ability_1", "_u_ability_2"),
        ),
    ]


def _survey_events(held: pl.DataFrame) -> list:
    answered = held.filter(pl.col("_u_satisfied") < c.SATISFACTION_ANSWERED)
    day = plus_days(
        pl.col("held_on"), whole_days(pl.col("_u_answer_day"), 1, c.SATISFACTION_LATEST_DAYS)
    )
    return [
        event(
            answered.with_columns(day.alias("answered_on")),
            "customer_satisfaction_answered",
            "answered_on",
            score=pick(pl.col("_u_satisfaction"), c.SATISFACTION_SCORES, pl.Int8),
        )
    ]
