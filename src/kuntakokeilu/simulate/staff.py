"""Staff of the TE offices and the experiment areas, and their wellbeing survey (indicator 10).

A unit is a TE office (its region; before the reform), an experiment area (during the
experiment), or after the reform a former TE-office region whose municipalities now run the
services (the 45 employment areas of 2025 are not in the reference data). Its staff is sized from
its clients by service-need segment with the ``staff_clients_per_worker`` parameter, once, when
the unit is set up: at the start of the run, when the experiment starts, at the reform. Sizing
only then keeps staff numbers free of the treatment effect. A unit's municipality is its largest
member municipality (standing in for its seat).

In each survey month every staff member answers with a probability; answers have no client.
"""

from __future__ import annotations

import polars as pl

from kuntakokeilu.reference import ReferenceData
from kuntakokeilu.rules.parameters import Parameters
from kuntakokeilu.simulate import calibration as c
from kuntakokeilu.simulate.days import Month, day_between, in_force, pick

UNITS: dict[str, pl.DataType] = {
    "unit": pl.String(),
    "organisation": pl.String(),
    "area": pl.String(),
    "municipality": pl.String(),
    "staff": pl.Int64(),
}


def _seats(members: pl.DataFrame, key: str, ref: ReferenceData, day) -> pl.DataFrame:
    """The largest municipality of each ``key`` group (``members``: key, code)."""
    population = ref.population(day).select("code", "population")
    return (
        members.join(population, on="code", how="left")
        .sort(key, "population", "code", descending=[False, True, False], nulls_last=True)
        .group_by(key, maintain_order=True)
        .agg(pl.col("code").first().alias("seat"))
    )


def staff_units(active: pl.DataFrame, day, ref: ReferenceData, params: Parameters) -> pl.DataFrame:
    """The units responsible for ``active`` on ``day`` and their staff."""
    offices = (
        ref.municipalities(day)
        .select(pl.col("code").alias("municipality"), pl.col("te_office_fi").alias("te_office"))
        .filter(pl.col("te_office").is_not_null() & (pl.col("te_office") != ""))
    )
    clients = active.join(offices, on="municipality", how="inner").with_columns(
        pl.when(pl.col("area").is_not_null())
        .then(pl.concat_str(pl.lit("area:"), pl.col("area")))
        .otherwise(pl.concat_str(pl.lit("office:"), pl.col("te_office")))
        .alias("unit")
    )
    per_worker = in_force(params, "staff_clients_per_worker", day)
    workload = pl.col("segment").replace_strict(per_worker, return_dtype=pl.Float64)
    sized = clients.group_by("unit").agg(
        (1.0 / workload).sum().alias("_workers"),
        pl.col("organisation").first(),
        pl.col("area").first(),
        pl.col("te_office").first(),
    )
    office_seats = _seats(offices.rename({"municipality": "code"}), "te_office", ref, day)
    area_members = (
        active.filter(pl.col("area").is_not_null())
        .select("area", pl.col("municipality").alias("code"))
        .unique()
    )
    area_seats = _seats(area_members, "area", ref, day).rename({"seat": "area_seat"})
    staff = (pl.col("_workers") + 0.5).floor().cast(pl.Int64).clip(lower_bound=1)
    return (
        sized.join(office_seats, on="te_office", how="left")
        .join(area_seats, on="area", how="left")
        .select(
            "unit",
            "organisation",
            "area",
            pl.coalesce("area_seat", "seat").alias("municipality"),
            staff.alias("staff"),
        )
        .sort("unit")
    )


def wellbeing_answers(units: pl.DataFrame, month: Month, draws) -> pl.DataFrame:
    """The staff-wellbeing answers of a survey month (none in other months)."""
    if month.first.month not in c.STAFF_SURVEY_MONTHS or units.is_empty():
        return pl.DataFrame(schema={"person": pl.UInt32})
    staff = (
        units.with_row_index("_unit")
        .with_columns(pl.int_ranges(0, pl.col("staff")).alias("_member"))
        .explode("_member")
    )
    ids = staff.select(
        pl.col("_unit").cast(pl.UInt64) * (1 << 20) + pl.col("_member").cast(pl.UInt64)
    ).to_series()
    staff = staff.with_columns(
        draws.uniform(f"staff_{n}", month.number, ids).alias(f"_u_{n}")
        for n in ("answers", "day", "score")
    ).filter(pl.col("_u_answers") < c.STAFF_ANSWERED)
    return staff.select(
        pl.lit(None, pl.UInt32).alias("person"),
        pl.lit("staff_wellbeing_answered").alias("kind"),
        day_between(pl.col("_u_day"), month.first, month.last).alias("on"),
        pick(pl.col("_u_score"), c.STAFF_SCORES, pl.Int8).alias("score"),
        "municipality",
        "area",
        "organisation",
    )
