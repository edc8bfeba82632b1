"""Who the simulated people are: the register at the start, former and new job seekers.

The register at the start is ``register.synthetic.generate_register`` on the first day (seeded,
calibrated to Finland), turned into the simulator's person state: identity codes and names are
dropped at once (only the birth date is kept, for ages), every person gets a running number
(``person``) from which the pseudonymous ``client_key`` is hashed.

Former job seekers (people who left the register in the last years and may come back) and new job
seekers (never registered before) are made in the image of the register at the start: each takes
the language and immigrant background of a random job seeker of the same municipality, so the
mix of each municipality is kept. New job seekers get their own ages (younger) and their own
earnings-related entitlement. How many new job seekers a municipality gets each month is fixed
before the run from its size at the start (``arrival_counts``), so it never depends on the effect.
"""

from __future__ import annotations

import datetime as dt

import polars as pl

from kuntakokeilu.reference import ReferenceData
from kuntakokeilu.register.synthetic import generate_register
from kuntakokeilu.rules.identity import birth_date_expr
from kuntakokeilu.rules.parameters import Parameters
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
    weekdays,
)
from kuntakokeilu.simulate.draws import Draws

#: The state of a person on the register (``active``).
ACTIVE: dict[str, pl.DataType] = {
    "person": pl.UInt32(),
    "born": pl.Date(),
    "municipality": pl.String(),
    "language": pl.String(),
    "immigrant": pl.Boolean(),
    "earnings_related": pl.Boolean(),  # entitled to earnings-related allowance now
    "basic_allowance": pl.Boolean(),  # entitled to basic allowance now (not earnings-related)
    "daily_eur": pl.Float64(),  # the earnings-related daily allowance when entitled
    "entitlement_days": pl.Int32(),  # days of earnings-related or basic allowance used
    "receives_benefit": pl.Boolean(),
    "financing_days": pl.Int32(),  # the financing counter (labour_market_subsidy_financing)
    "segment": pl.String(),
    "registered_on": pl.Date(),
    "status": pl.String(),  # REGISTER.md status
    "spell_start": pl.Date(),  # the current unemployment spell (kept through services)
    "organisation": pl.String(),
    "area": pl.String(),
    # the service process (rules.deadlines' state; clock_on: last contact or missed due day)
    "initial_on": pl.Date(),
    "supplementary_done": pl.Int8(),
    "six_month_done": pl.Int8(),
    "clock_on": pl.Date(),
    "due_kind": pl.String(),
    "due_on": pl.Date(),
    # the running service episode
    "service": pl.String(),
    "service_key": pl.UInt64(),
    "service_end": pl.Date(),
    "after_service": pl.Float64(),  # factor on leaving for work after a service ...
    "after_service_until": pl.Date(),  # ... until this day
}
#: What is kept of a person off the register (former job seekers, leavers).
OFF: dict[str, pl.DataType] = {
    "person": pl.UInt32(),
    "born": pl.Date(),
    "municipality": pl.String(),
    "language": pl.String(),
    "immigrant": pl.Boolean(),
    "earnings_related": pl.Boolean(),
    "basic_allowance": pl.Boolean(),
    "daily_eur": pl.Float64(),
    "entitlement_days": pl.Int32(),
    "receives_benefit": pl.Boolean(),
    "financing_days": pl.Int32(),
    "left_on": pl.Date(),
    "destination": pl.String(),
}
#: A person's attributes copied from a job seeker of the same municipality.
TEMPLATE_COLUMNS = ("municipality", "language", "immigrant", "born")

#: Register statuses in the service process (interviews and discussions fall due).
IN_PROCESS = (
    "unemployed",
    "laid_off",
    "short_week",
    "in_services",
    "in_training",
    "subsidised_employment",
)
IN_SERVICE = ("in_services", "in_training", "subsidised_employment")
UNEMPLOYED = ("unemployed", "laid_off")


# -- the register at the start ------------------------------------------------------------------


def opening_register(
    start: dt.date,
    scale: float,
    draws: Draws,
    ref: ReferenceData,
    params: Parameters,
    say,
) -> pl.DataFrame:
    """``generate_register`` on the first day, without identity codes or names."""
    register = generate_register(start, scale, draws.seed, ref=ref, params=params, progress=say)
    return register.select(
        pl.int_range(pl.len(), dtype=pl.UInt32).alias("person"),
        birth_date_expr(pl.col("person_id")).alias("born"),
        pl.col("home_municipality").alias("municipality"),
        "language",
        "immigrant",
        "earnings_related",
        "status",
        "registered_on",
        "unemployed_since",
    )


def templates(register: pl.DataFrame) -> pl.DataFrame:
    """The register at the start numbered within each municipality, to copy people from."""
    return register.select(
        *TEMPLATE_COLUMNS,
        pl.int_range(pl.len(), dtype=pl.Int64).over("municipality").alias("slot"),
        pl.len().over("municipality").cast(pl.Int64).alias("slots"),
    )


def copied_from_templates(
    people: pl.DataFrame, template: pl.DataFrame, draws: Draws, stream: str, month: int
) -> pl.DataFrame:
    """``people`` (person, municipality) with the attributes of a random job seeker of their
    municipality."""
    sizes = template.group_by("municipality").agg(pl.col("slots").first())
    chosen = (
        people.join(sizes, on="municipality", how="left")
        .with_columns(draws.uniform(stream, month, people["person"]).alias("_u"))
        .with_columns((pl.col("_u") * pl.col("slots")).floor().cast(pl.Int64).alias("slot"))
        .drop("_u", "slots")
    )
    return chosen.join(template.drop("slots"), on=["municipality", "slot"], how="left").drop("slot")


def entitlement(draws: Draws, month: int, persons: pl.Series, prefix: str) -> pl.DataFrame:
    """Uniforms for drawing a person's benefit entitlement (see ``entitlement_columns``)."""
    names = ("earnings", "basic", "daily_1", "daily_2", "receives")
    return pl.DataFrame(
        [draws.uniform(f"{prefix}_{n}", month, persons).alias(f"_u_{n}") for n in names]
    )


def earnings_related_share(age: pl.Expr, laid_off: pl.Expr) -> pl.Expr:
    by_age = by_bands(age, c.EARNINGS_RELATED_BY_AGE)
    base = pl.when(laid_off).then(c.EARNINGS_RELATED_LAID_OFF).otherwise(by_age)
    return base * pl.when(pl.col("immigrant")).then(c.EARNINGS_RELATED_IMMIGRANT).otherwise(1.0)


def entitlement_columns(earnings_related: pl.Expr) -> list[pl.Expr]:
    """Basic allowance, daily amount and benefit receipt, from the ``_u_*`` uniforms."""
    daily = (
        c.EARNINGS_RELATED_DAILY_MEDIAN
        * (
            c.EARNINGS_RELATED_DAILY_SIGMA * normal(pl.col("_u_daily_1"), pl.col("_u_daily_2"))
        ).exp()
    )
    return [
        earnings_related.alias("earnings_related"),
        (~earnings_related & (pl.col("_u_basic") < c.BASIC_ALLOWANCE)).alias("basic_allowance"),
        daily.round(2).alias("daily_eur"),
        (pl.col("_u_receives") < c.RECEIVES_BENEFIT).alias("receives_benefit"),
    ]


def opening_people(
    register: pl.DataFrame, start: dt.date, draws: Draws, params: Parameters
) -> pl.DataFrame:
    """The person state of everyone on the register at the start (before responsibility and the
    service process are set)."""
    month = Month(start).number
    persons = register["person"]
    uniforms = entitlement(draws, month, persons, "opening").with_columns(
        draws.uniform("opening_segment", month, persons).alias("_u_segment")
    )
    unemployed_since = pl.col("unemployed_since")
    in_service = pl.col("status").is_in(IN_SERVICE)
    spell_start = pl.when(in_service).then(pl.col("registered_on")).otherwise(unemployed_since)
    frame = pl.concat([register, uniforms], how="horizontal").with_columns(
        *entitlement_columns(pl.col("earnings_related")),
        spell_start.alias("spell_start"),
    )
    return frame.with_columns(
        _opening_entitlement_days(start, params).alias("entitlement_days"),
        _opening_counter(start, params).alias("financing_days"),
        _opening_segment(start).alias("segment"),
    )


def _days_on_benefit(start: dt.date) -> pl.Expr:
    return weekdays(pl.coalesce("spell_start", "registered_on"), pl.lit(start - DAY))


def _opening_entitlement_days(start: dt.date, params: Parameters) -> pl.Expr:
    longest = int(in_force(params, "unemployment_benefit", start)["earnings_related_max_days"])
    entitled = pl.col("earnings_related") | pl.col("basic_allowance")
    used = pl.min_horizontal(_days_on_benefit(start), pl.lit(longest - 1))
    return pl.when(entitled & pl.col("spell_start").is_not_null()).then(used).otherwise(0)


def _opening_counter(start: dt.date, params: Parameters) -> pl.Expr:
    """The financing counter at the start: the weekdays of the current unemployment spell on
    labour market subsidy (from 2025: on any benefit); half the job search for those in services
    (assumed, see calibration)."""
    counts_all = counted_days(params, start) == "all_basic_benefit_days"
    on_subsidy = ~(pl.col("earnings_related") | pl.col("basic_allowance")) | counts_all
    days = _days_on_benefit(start)
    share = pl.when(pl.col("status").is_in(IN_SERVICE)).then(c.COUNTER_SHARE_IN_SERVICES)
    counted = (days * share.otherwise(1.0)).round().cast(pl.Int32)
    eligible = pl.col("receives_benefit") & pl.col("spell_start").is_not_null() & on_subsidy
    return pl.when(eligible).then(counted).otherwise(0).cast(pl.Int32)


def _opening_segment(start: dt.date) -> pl.Expr:
    since = pl.coalesce("spell_start", "registered_on")
    long_term = (pl.lit(start) - since).dt.total_days() >= c.LONG_TERM_DAYS
    u = pl.col("_u_segment")
    return pl.when(long_term).then(pick(u, c.SEGMENTS_LONG)).otherwise(pick(u, c.SEGMENTS_SHORT))


def counted_days(params: Parameters, on: dt.date) -> str:
    """Which benefit days the financing counter counts on ``on`` (the parameter's rule)."""
    return in_force(params, "labour_market_subsidy_financing", on)["counted_days"]


# -- former job seekers ---------------------------------------------------------------------------


def former_job_seekers(
    template: pl.DataFrame, start: dt.date, first_person: int, draws: Draws
) -> pl.DataFrame:
    """People who left the register before the start and may come back (off the register)."""
    month = Month(start).number
    counts = template.group_by("municipality").agg(pl.col("slots").first()).sort("municipality")
    counts = counts.with_columns(
        (pl.col("slots") * c.FORMER_PER_REGISTERED + 0.5).floor().cast(pl.Int64).alias("n")
    ).filter(pl.col("n") > 0)
    people = numbered(counts, first_person)
    people = copied_from_templates(people, template, draws, "former_copy", month)
    persons = people["person"]
    left = draws.uniform("former_left", month, persons)
    where = draws.uniform("former_destination", month, persons)
    age = age_on(pl.col("born"), start)
    earnings = pl.col("_u_earnings") < earnings_related_share(age, pl.lit(False))
    frame = pl.concat(
        [people, entitlement(draws, month, persons, "former")], how="horizontal"
    ).with_columns(
        *entitlement_columns(earnings),
        pl.lit(0, pl.Int32).alias("entitlement_days"),
        pl.lit(0, pl.Int32).alias("financing_days"),
        plus_days(
            pl.lit(start - DAY), -(left * c.FORMER_LEFT_WITHIN_DAYS).floor().cast(pl.Int64)
        ).alias("left_on"),
        pick(where, c.FORMER_DESTINATIONS).alias("destination"),
    )
    return conform(frame.filter(age < c.LEAVES_FOR_GOOD_AGE), OFF)


def numbered(counts: pl.DataFrame, first_person: int) -> pl.DataFrame:
    """One row per person for ``counts`` (municipality, n), numbered from ``first_person``."""
    rows = counts.select("municipality", pl.int_ranges(0, pl.col("n")).alias("_k")).explode("_k")
    return rows.select(
        (pl.int_range(pl.len(), dtype=pl.Int64) + first_person).cast(pl.UInt32).alias("person"),
        "municipality",
    )


# -- new job seekers ------------------------------------------------------------------------------


def arrival_counts(template: pl.DataFrame, months: list[Month], draws: Draws) -> pl.DataFrame:
    """New job seekers per municipality and month: the municipality's register size at the start
    x ``NEW_JOB_SEEKERS_PER_REGISTERED`` x the month's season, rounded so that the running
    total keeps to the expected one (a random offset per municipality, fixed for the run)."""
    sizes = template.group_by("municipality").agg(pl.col("slots").first()).sort("municipality")
    codes = sizes["municipality"].cast(pl.Int64)
    offset = draws.uniform("arrival_offset", 0, codes).alias("offset")
    season = pl.DataFrame(
        {
            "month": [m.number for m in months],
            "weight": [c.REGISTRATION_SEASON[m.first.month] for m in months],
        }
    ).with_columns(pl.col("weight").cum_sum().alias("cumulative"))
    expected = pl.col("slots") * c.NEW_JOB_SEEKERS_PER_REGISTERED * pl.col("cumulative")
    return (
        sizes.with_columns(offset)
        .join(season, how="cross")
        .sort("municipality", "month")
        .with_columns((expected + pl.col("offset")).floor().cast(pl.Int64).alias("running"))
        .with_columns(
            (
                pl.col("running") - pl.col("running").shift(1, fill_value=0).over("municipality")
            ).alias("n")
        )
        .select("month", "municipality", "n")
    )


def new_job_seekers(
    counts: pl.DataFrame,
    template: pl.DataFrame,
    month: Month,
    first_person: int,
    draws: Draws,
) -> pl.DataFrame:
    """This month's new job seekers: person, municipality, copied background, a new birth date
    and the registration day (``registered_on``), off-register columns for the rest."""
    here = counts.filter((pl.col("month") == month.number) & (pl.col("n") > 0))
    people = numbered(here.select("municipality", "n"), first_person)
    if people.is_empty():
        return pl.DataFrame(schema={**OFF, "registered_on": pl.Date()})
    people = copied_from_templates(people, template, draws, "new_copy", month.number)
    persons = people["person"]
    day = day_between(pl.col("_u_day"), month.first, month.last)
    age = _new_age(pl.col("_u_age_band"), pl.col("_u_age"))
    born = plus_days(day, -(age * 365.25).floor().cast(pl.Int64))
    uniforms = pl.DataFrame(
        [
            draws.uniform(f"new_{n}", month.number, persons).alias(f"_u_{n}")
            for n in ("day", "age_band", "age")
        ]
    )
    frame = pl.concat([people, uniforms], how="horizontal").with_columns(
        day.alias("registered_on"), born.alias("born")
    )
    return conform(
        frame.with_columns(
            pl.lit(False).alias("earnings_related"),
            pl.lit(0, pl.Int32).alias("entitlement_days"),
            pl.lit(0, pl.Int32).alias("financing_days"),
        ),
        {**OFF, "registered_on": pl.Date()},
    )


def _new_age(band_u: pl.Expr, within_u: pl.Expr) -> pl.Expr:
    bands = {i: weight for i, (_, _, weight) in enumerate(c.NEW_JOB_SEEKER_AGES)}
    band = pick(band_u, bands)
    low = band.replace_strict({i: lo for i, (lo, _, _) in enumerate(c.NEW_JOB_SEEKER_AGES)})
    width = band.replace_strict({i: hi - lo for i, (lo, hi, _) in enumerate(c.NEW_JOB_SEEKER_AGES)})
    return low + within_u * width


def conform(frame: pl.DataFrame, schema: dict[str, pl.DataType]) -> pl.DataFrame:
    """``frame`` with exactly the columns of ``schema`` (missing ones null), cast and in order."""
    present = set(frame.columns)
    return frame.select(
        [
            (pl.col(name) if name in present else pl.lit(None)).cast(dtype).alias(name)
            for name, dtype in schema.items()
        ]
    )
