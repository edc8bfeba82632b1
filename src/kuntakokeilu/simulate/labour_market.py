"""Registrations, leaving the register, and changes of state while registered.

Every transition is a monthly probability (``calibration``) compared with the person's own
uniform number for the month (``draws``). Leaving for work is the one place the treatment effect
enters: for a person whose responsible organisation at the month's start is an experiment area's
municipality, inside the experiment period, the probability is multiplied by (1 + effect). The
other destinations use a second, independent number, so the effect changes nothing else.

Someone who registers during the month is at risk for the rest of it: the monthly probability p
becomes 1 - (1 - p) ** (days left / days in the month).
"""

from __future__ import annotations

import polars as pl

from kuntakokeilu.rules.parameters import Parameters
from kuntakokeilu.rules.target_group import last_birth_date_of_age
from kuntakokeilu.simulate import calibration as c
from kuntakokeilu.simulate.days import (
    DAY,
    Month,
    age_on,
    by_bands,
    day_between,
    in_force,
    normal,
    pick,
    plus_days,
    step_by,
)
from kuntakokeilu.simulate.draws import Draws
from kuntakokeilu.simulate.people import (
    ACTIVE,
    OFF,
    UNEMPLOYED,
    conform,
    earnings_related_share,
    entitlement,
    entitlement_columns,
)
from kuntakokeilu.simulate.records import event, replace_rows, state_of

DAYS_A_MONTH = 30.44
DESTINATIONS = ("education", "outside_labour_force", "unknown")


# -- registering ------------------------------------------------------------------------------


def returning_job_seekers(
    off: pl.DataFrame, month: Month, draws: Draws
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Former job seekers who register again this month (with ``registered_on``), and those who
    stay off the register (less those who leave for good)."""
    u = [draws.uniform(f"return_{n}", month.number, off["person"]) for n in ("u", "day", "leave")]
    away = ((pl.lit(month.first) - pl.col("left_on")).dt.total_days() / DAYS_A_MONTH).floor()
    chance = pl.col("destination").replace_strict(c.REREGISTRATION, return_dtype=pl.Float64)
    chance = chance * by_bands(away.cast(pl.Int32), c.REREGISTRATION_BY_MONTHS_AWAY)
    frame = off.with_columns(*u).with_columns(
        ((pl.col("left_on") < month.first) & (pl.col("return_u") < chance)).alias("_returns"),
        day_between(pl.col("return_day"), month.first, month.last).alias("registered_on"),
    )
    old = pl.col("born") <= last_birth_date_of_age(month.first, c.LEAVES_FOR_GOOD_AGE)
    leaves = ~pl.col("_returns") & (old | (pl.col("return_leave") < c.LEAVES_FOR_GOOD))
    returning = frame.filter(pl.col("_returns")).select(*OFF, "registered_on")
    staying = frame.filter(~pl.col("_returns") & ~leaves).select(*OFF)
    return returning, staying


def start_job_search(
    people: pl.DataFrame, month: Month, draws: Draws, organisation: str
) -> pl.DataFrame:
    """The person state of people registering this month (``OFF`` columns + ``registered_on``;
    new job seekers have no ``left_on``). A new job seeker, or one back after working at least
    ``NEW_WORK_REQUIREMENT_DAYS``, gets their entitlement drawn again and the counters reset."""
    persons = people["person"]
    uniforms = entitlement(draws, month.number, persons, "registration").with_columns(
        draws.uniform(f"registration_{n}", month.number, persons).alias(f"_u_{n}")
        for n in ("status", "segment")
    )
    away = (pl.col("registered_on") - pl.col("left_on")).dt.total_days()
    renewed = pl.col("left_on").is_null() | (
        (pl.col("destination") == "employed") & (away >= c.NEW_WORK_REQUIREMENT_DAYS)
    )
    status = pick(pl.col("_u_status"), c.REGISTRATION_STATES)
    frame = pl.concat([people, uniforms], how="horizontal").with_columns(status.alias("status"))
    age = age_on(pl.col("born"), pl.col("registered_on"))
    drawn = pl.col("_u_earnings") < earnings_related_share(age, pl.col("status") == "laid_off")
    fresh = {expr.meta.output_name(): expr for expr in entitlement_columns(drawn)}
    frame = frame.with_columns(
        *(
            pl.when(renewed).then(new).otherwise(pl.col(name)).alias(name)
            for name, new in fresh.items()
        ),
        pl.when(renewed).then(0).otherwise(pl.col("entitlement_days")).alias("entitlement_days"),
        pl.when(renewed).then(0).otherwise(pl.col("financing_days")).alias("financing_days"),
        pick(pl.col("_u_segment"), c.SEGMENTS_SHORT).alias("segment"),
        pl.when(pl.col("status").is_in(UNEMPLOYED))
        .then(pl.col("registered_on"))
        .alias("spell_start"),
        pl.lit(organisation).alias("organisation"),
        pl.lit(0, pl.Int8).alias("supplementary_done"),
        pl.lit(0, pl.Int8).alias("six_month_done"),
    )
    return conform(frame, ACTIVE)


def registration_events(registering: pl.DataFrame, target_group: pl.Series) -> pl.DataFrame:
    return event(
        registering.with_columns(target_group.alias("target_group")),
        "registered",
        "registered_on",
        subtype=state_of(pl.col("status")),
        age_years=age_on(pl.col("born"), pl.col("registered_on")),
        immigrant=pl.col("immigrant"),
        language=pl.col("language"),
        target_group=pl.col("target_group"),
    )


# -- leaving the register --------------------------------------------------------------------


def _age_and_months(month: Month) -> list[pl.Expr]:
    """Age and whole months unemployed on the month's first day (computed once a month)."""
    months = (pl.lit(month.first) - pl.col("spell_start")).dt.total_days() / DAYS_A_MONTH
    return [
        age_on(pl.col("born"), month.first).alias("_age"),
        months.floor().fill_null(0).cast(pl.Int32).alias("_months"),
    ]


def work_chance(month: Month, effect: float) -> pl.Expr:
    """The monthly probability of leaving for work, the effect included for the treated (needs
    ``_age`` and ``_months``)."""
    by_duration = step_by(pl.col("_months"), c.WORK_BY_MONTHS_UNEMPLOYED)
    base = (
        pl.when(pl.col("status") == "unemployed")
        .then(by_duration)
        .otherwise(pl.col("status").replace_strict(c.WORK_BY_STATUS, default=0.0))
    )
    after_service = (
        pl.when(pl.col("after_service_until") >= month.first)
        .then(pl.col("after_service"))
        .otherwise(1.0)
    )
    chance = (
        base
        * by_bands(pl.col("_age"), c.WORK_BY_AGE)
        * pl.col("segment").replace_strict(c.WORK_BY_SEGMENT, return_dtype=pl.Float64)
        * pl.when(pl.col("immigrant")).then(c.WORK_IMMIGRANT).otherwise(1.0)
        * c.WORK_SEASON[month.first.month]
        * after_service
    )
    treated = pl.when(pl.col("treated")).then(1.0 + effect).otherwise(1.0)
    return (chance * treated).clip(0.0, c.MOST_LIKELY_WORK)


def other_chances() -> dict[str, pl.Expr]:
    """Monthly probabilities of leaving for education, outside the labour force, unknown
    (needs ``_age``)."""
    age = pl.col("_age")
    status = pl.col("status")
    chances = {
        name: status.replace_strict(
            {s: rates[name] for s, rates in c.OTHER_EXITS.items()}, return_dtype=pl.Float64
        )
        for name in DESTINATIONS
    }
    young = pl.when(age < 25).then(c.EDUCATION_UNDER_25).otherwise(1.0)
    chances["education"] = chances["education"] * young
    older = pl.when(age >= 60).then(c.OUTSIDE_LABOUR_FORCE_FROM_60).otherwise(1.0)
    outside = chances["outside_labour_force"] * older
    chances["outside_labour_force"] = (
        pl.when(age >= c.PENSION_AGE).then(c.PENSION).otherwise(outside)
    )
    return chances


def exposed(chance: pl.Expr, month: Month) -> pl.Expr:
    """``chance`` for the days at risk this month (after the registration day)."""
    start = pl.max_horizontal(pl.col("registered_on"), pl.lit(month.first - DAY))
    share = (pl.lit(month.last) - start).dt.total_days() / month.days
    return pl.when(share >= 1).then(chance).otherwise(1.0 - (1.0 - chance) ** share)


def leaving(active: pl.DataFrame, month: Month, draws: Draws, effect: float) -> pl.DataFrame:
    """``active`` with ``exit_on`` and ``destination`` for those who leave the register."""
    persons = active["person"]
    others = other_chances()
    other_total = 1.0 - (
        (1.0 - pl.col("_education"))
        * (1.0 - pl.col("_outside_labour_force"))
        * (1.0 - pl.col("_unknown"))
    )
    frame = (
        active.lazy()
        .with_columns(
            *(
                draws.uniform(f"exit_{n}", month.number, persons).alias(f"_u_{n}")
                for n in ("work", "other", "which", "day")
            ),
            *_age_and_months(month),
        )
        .with_columns(
            work_chance(month, effect).alias("_p_work"),
            *(share.alias(f"_{name}") for name, share in others.items()),
        )
        .with_columns(
            exposed(pl.col("_p_work"), month).alias("_work"),
            exposed(other_total, month).alias("_other"),
        )
    )
    to_work = pl.col("_u_work") < pl.col("_work")
    elsewhere = ~to_work & (pl.col("_u_other") < pl.col("_other"))
    total = pl.col("_education") + pl.col("_outside_labour_force") + pl.col("_unknown")
    where = (
        pl.when(pl.col("_u_which") * total < pl.col("_education"))
        .then(pl.lit("education"))
        .when(pl.col("_u_which") * total < pl.col("_education") + pl.col("_outside_labour_force"))
        .then(pl.lit("outside_labour_force"))
        .otherwise(pl.lit("unknown"))
    )
    first_day = pl.max_horizontal(plus_days(pl.col("registered_on"), 1), pl.lit(month.first))
    return (
        frame.with_columns(
            pl.when(to_work)
            .then(pl.lit("employed"))
            .when(elsewhere)
            .then(where)
            .alias("destination"),
            pl.when(to_work | elsewhere)
            .then(day_between(pl.col("_u_day"), first_day, pl.lit(month.last)))
            .alias("exit_on"),
        )
        .drop("^_.*$")
        .collect()
    )


def leaving_events(active: pl.DataFrame) -> pl.DataFrame:
    leavers = active.filter(pl.col("exit_on").is_not_null())
    return event(leavers, "deregistered", "exit_on", subtype=pl.col("destination"))


# -- changes of state ------------------------------------------------------------------------


def service_months(params: Parameters, month: Month) -> dict[str, tuple[float, float, float]]:
    """Each service's duration (median, sigma, longest months), the longest from the dated
    parameters where there is one (work trial with one organiser, start-up grant period)."""
    months = dict(c.SERVICE_MONTHS)
    trial = in_force(params, "work_trial", month.first)["max_months_per_organiser"]
    median, sigma, _ = months["work_trial"]
    months["work_trial"] = (median, sigma, float(trial))
    grant = float(in_force(params, "start_up_grant", month.first)["period_months"])
    months["start_up_grant"] = (grant, 0.0, grant)
    return months


def _duration_days(months: dict[str, tuple[float, float, float]]) -> pl.Expr:
    service = pl.col("service")
    median = service.replace_strict({k: m for k, (m, _, _) in months.items()})
    sigma = service.replace_strict({k: s for k, (_, s, _) in months.items()})
    longest = service.replace_strict({k: x for k, (_, _, x) in months.items()})
    drawn = median * (sigma * normal(pl.col("_u_length_1"), pl.col("_u_length_2"))).exp()
    return (pl.min_horizontal(drawn, longest) * DAYS_A_MONTH).round().clip(lower_bound=1)


def _decided_amount(params: Parameters, month: Month, days: pl.Expr) -> pl.Expr:
    """The decided euros of a wage subsidy or start-up grant (null for other services)."""
    months = days / DAYS_A_MONTH
    unemployed = (pl.col("changed_on") - pl.col("spell_start")).dt.total_days() / DAYS_A_MONTH
    kinds = in_force(params, "wage_subsidy", month.first)["kinds"]
    if "standard" in kinds:
        usual, special = kinds["standard"], kinds["aged_55_plus"]
        qualifies = (age_on(pl.col("born"), month.first) >= 55) & (unemployed >= 24)
    else:
        usual, special = kinds["skills"], kinds["long_unemployed"]
        qualifies = unemployed >= 12

    def monthly(kind: dict) -> float:
        return min(kind["monthly_cap_eur"], kind["percent"] / 100 * c.WAGE_SUBSIDY_PAY_EUR)

    wage = pl.when(qualifies.fill_null(False)).then(monthly(special)).otherwise(monthly(usual))
    grant = in_force(params, "start_up_grant", month.first)
    grant_monthly = grant["daily_eur"] * grant["days_a_week"] * 52 / 12
    return (
        pl.when(pl.col("service") == "wage_subsidy")
        .then(wage * months)
        .when(pl.col("service") == "start_up_grant")
        .then(grant_monthly * months)
        .round(2)
    )


def _service_choice() -> pl.Expr:
    chosen = pl.lit(None, dtype=pl.String)
    for segment, mix in c.SERVICE_MIX.items():
        chosen = (
            pl.when(pl.col("segment") == segment)
            .then(pick(pl.col("_u_which"), mix))
            .otherwise(chosen)
        )
    return chosen


def _service_start_chance() -> pl.Expr:
    """Starting a service this month, by status (and segment for the unemployed)."""
    by_segment = pl.col("segment").replace_strict(c.SERVICE_START, return_dtype=pl.Float64)
    return (
        pl.when(pl.col("status") == "unemployed")
        .then(by_segment)
        .when(pl.col("status") == "short_week")
        .then(by_segment * c.SERVICE_START_SHORT_WEEK)
        .when(pl.col("status") == "laid_off")
        .then(c.SERVICE_START_LAID_OFF)
        .otherwise(0.0)
    )


def _other_change_chance() -> pl.Expr:
    """Unemployed to part-time, part-time or laid off to unemployed, this month."""
    chances = {
        "unemployed": c.UNEMPLOYED_TO_SHORT_WEEK,
        "short_week": c.SHORT_WEEK_TO_UNEMPLOYED,
        "laid_off": c.LAID_OFF_TO_UNEMPLOYED,
    }
    return pl.col("status").replace_strict(chances, default=0.0)


def _change(month: Month) -> pl.Expr:
    """Which change a person staying on the register has this month, if any: a running service
    ends (always, when its end falls in the month), or a service starts, or another change."""
    staying = pl.col("exit_on").is_null()
    ends = (pl.col("service_end") <= month.last).fill_null(False)
    starts = ~ends & (pl.col("_u_service") < _service_start_chance())
    other = ~ends & ~starts & (pl.col("_u_other") < _other_change_chance())
    return (
        pl.when(staying & ends)
        .then(pl.lit("ends"))
        .when(staying & starts)
        .then(pl.lit("starts"))
        .when(staying & other)
        .then(pl.lit("other"))
    )


def changes_of_state(
    active: pl.DataFrame, month: Month, draws: Draws, params: Parameters
) -> tuple[pl.DataFrame, list[pl.DataFrame]]:
    """Services end and start, the part-time and the laid off become unemployed and back; one
    change a month at most, none for those who leave. Adds ``changed_on`` and
    ``status_before``; returns the events."""
    persons = active["person"]
    first_day = pl.max_horizontal(pl.col("registered_on"), pl.lit(month.first))
    day = day_between(pl.col("_u_day"), first_day, pl.lit(month.last))
    frame = (
        active.with_columns(
            draws.uniform(f"change_{n}", month.number, persons).alias(f"_u_{n}")
            for n in ("service", "other", "which", "day", "length_1", "length_2")
        )
        .with_columns(pl.col("status").alias("status_before"), _change(month).alias("_change"))
        .with_columns(
            pl.when(pl.col("_change") == "ends")
            .then(pl.col("service_end"))
            .when(pl.col("_change").is_not_null())
            .then(day)
            .alias("changed_on")
        )
    )
    ended, end_events = _end_services(frame, month)
    started, start_events = _start_services(frame, month, draws, params)
    moved, move_events = _other_changes(frame)
    events = [*end_events, *start_events, *move_events, *_services_ending_on_exit(frame)]
    changed = pl.concat([ended, started, moved], how="vertical").sort("person")
    return replace_rows(frame.drop("^_.*$"), changed), events


def _end_services(frame: pl.DataFrame, month: Month) -> tuple[pl.DataFrame, list]:
    ending = frame.filter(pl.col("_change") == "ends")
    factor = pl.col("service").replace_strict(c.AFTER_SERVICE, return_dtype=pl.Float64)
    until = pl.col("changed_on").dt.offset_by(f"{c.AFTER_SERVICE_MONTHS}mo")
    updated = ending.select(
        "person",
        pl.lit("unemployed").alias("status"),
        pl.coalesce("spell_start", "changed_on").alias("spell_start"),
        pl.lit(None, pl.String).alias("service"),
        pl.lit(None, pl.UInt64).alias("service_key"),
        pl.lit(None, pl.Date).alias("service_end"),
        factor.alias("after_service"),
        until.alias("after_service_until"),
    )
    events = [
        event(
            ending,
            "service_ended",
            "changed_on",
            subtype=pl.col("service"),
            item_key=pl.col("service_key"),
        ),
        event(ending, "state_changed", "changed_on", subtype=pl.lit("unemployed")),
    ]
    return updated, events


def _start_services(
    frame: pl.DataFrame, month: Month, draws: Draws, params: Parameters
) -> tuple[pl.DataFrame, list]:
    starting = frame.filter(pl.col("_change") == "starts").with_columns(
        _service_choice().alias("service")
    )
    days = _duration_days(service_months(params, month))
    starting = starting.with_columns(
        days.cast(pl.Int64).alias("_days"),
        draws.item_keys("service", month.number, starting["person"]).alias("service_key"),
    ).with_columns(
        # at least into the next month: one change of state a month
        pl.max_horizontal(
            plus_days(pl.col("changed_on"), pl.col("_days") - 1), pl.lit(month.last + DAY)
        ).alias("service_end"),
        _decided_amount(params, month, pl.col("_days").cast(pl.Float64)).alias("_amount"),
        pl.col("service").replace_strict(c.SERVICE_STATUS).alias("_status"),
    )
    updated = starting.select(
        "person",
        pl.col("_status").alias("status"),
        pl.coalesce("spell_start", "changed_on").alias("spell_start"),
        "service",
        "service_key",
        "service_end",
        pl.lit(None, pl.Float64).alias("after_service"),
        pl.lit(None, pl.Date).alias("after_service_until"),
    )
    events = [
        event(
            starting,
            "service_started",
            "changed_on",
            subtype=pl.col("service"),
            item_key=pl.col("service_key"),
            amount_eur=pl.col("_amount"),
        ),
        event(starting, "state_changed", "changed_on", subtype=pl.lit("in_service")),
    ]
    return updated, events


def _other_changes(frame: pl.DataFrame) -> tuple[pl.DataFrame, list]:
    moving = frame.filter(pl.col("_change") == "other").with_columns(
        pl.col("status")
        .replace_strict(
            {"unemployed": "short_week", "short_week": "unemployed", "laid_off": "unemployed"}
        )
        .alias("_to")
    )
    spell = (
        pl.when(pl.col("_to") == "short_week")
        .then(None)
        .when(pl.col("status") == "short_week")
        .then(pl.col("changed_on"))
        .otherwise(pl.col("spell_start"))
    )
    updated = moving.select(
        "person",
        pl.col("_to").alias("status"),
        spell.alias("spell_start"),
        "service",
        "service_key",
        "service_end",
        "after_service",
        "after_service_until",
    )
    return updated, [event(moving, "state_changed", "changed_on", subtype=state_of(pl.col("_to")))]


def _services_ending_on_exit(frame: pl.DataFrame) -> list:
    """A service running when its person leaves the register ends then (or earlier)."""
    leaving_in_service = frame.filter(
        pl.col("exit_on").is_not_null() & pl.col("service").is_not_null()
    )
    day = pl.min_horizontal("service_end", "exit_on")
    return [
        event(
            leaving_in_service,
            "service_ended",
            day,
            subtype=pl.col("service"),
            item_key=pl.col("service_key"),
        )
    ]
