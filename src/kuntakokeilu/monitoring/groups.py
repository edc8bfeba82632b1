"""Which groups a municipality's figures add up into (``results.GROUPINGS``), from reference data.

- ``municipality``: the municipality itself (the events' home municipality code);
- ``area``: the experiment area the municipality is a member of (the reference data's dated
  memberships, ``ReferenceData.memberships``). The membership is held fixed over every month,
  also those before and after the experiment, so that an area's months before and during the
  experiment compare the same municipalities (a municipality with several memberships takes
  the latest one valid in the data's period);
- ``ely``: the ELY area of the municipality in the municipal division in force in the month;
- ``rest_of_finland``: the municipalities in no experiment area, together (group ``rest``);
- ``country``: every municipality (group ``FI``);
- ``experiment_vs_comparison``: the experiment municipalities together (``experiment``) against
  the rest of Finland (``comparison``).

A municipality code that no division knows still counts in the country and in the rest of
Finland (the quality checks report it); it has no ELY area.
"""

from __future__ import annotations

import datetime as dt

import polars as pl

from kuntakokeilu.reference import ReferenceData

EXPERIMENT_AREA = "experiment_area"
KEYS = ["indicator", "measure", "grouping", "group", "month"]


def experiment_areas(ref: ReferenceData, first: dt.date, last: dt.date) -> pl.DataFrame:
    """Municipality code -> experiment area. Every municipality that is a member of an
    experiment area at any time belongs to it, also in months before or after the membership
    (the experiment's before-period is those municipalities' history). A municipality with
    several memberships takes the latest one valid in the period, else the latest one."""
    members = ref.memberships
    if members.is_empty():
        return pl.DataFrame(schema={"municipality": pl.String, "area": pl.String})
    in_period = (pl.col("valid_from") <= last) & (pl.col("valid_to") >= first)
    return (
        members.filter(pl.col("kind") == EXPERIMENT_AREA)
        .sort(in_period, "valid_from")
        .group_by("code")
        .agg(pl.col("area_id").last())
        .select(pl.col("code").alias("municipality"), pl.col("area_id").alias("area"))
    )


def ely_by_month(ref: ReferenceData, months: list[dt.date]) -> pl.DataFrame:
    """Municipality code -> ELY area for each month, by the division in force then. A code the
    month's division lacks (merged away) takes its ELY area from the latest division with it."""
    fallback = pl.concat(
        [d.municipalities.select("code", "ely_code") for d in ref.divisions]
    ).unique(subset="code", keep="last")
    first_division = ref.divisions[0].valid_from
    frames = []
    for month in months:
        # months before the first division known take the first one
        in_force = ref.municipalities(max(month, first_division)).select("code", "ely_code")
        codes = pl.concat([in_force, fallback.join(in_force, on="code", how="anti")])
        frames.append(codes.with_columns(pl.lit(month).alias("month")))
    return pl.concat(frames).select(
        pl.col("code").alias("municipality"), "month", pl.col("ely_code").alias("ely")
    )


def memberships(
    municipalities: list[str], months: list[dt.date], ref: ReferenceData
) -> pl.DataFrame:
    """One row per (municipality, month, grouping, group) the municipality's figures count in."""
    if not months:
        return pl.DataFrame(
            schema={c: pl.String for c in ("municipality", "grouping", "group")}
            | {"month": pl.Date}
        )
    areas = experiment_areas(ref, months[0], months[-1] + dt.timedelta(days=31))
    base = (
        pl.DataFrame({"municipality": municipalities}, schema={"municipality": pl.String})
        .join(pl.DataFrame({"month": months}), how="cross")
        .join(areas, on="municipality", how="left")
        .join(ely_by_month(ref, months), on=["municipality", "month"], how="left")
    )
    in_experiment = pl.col("area").is_not_null()
    rows = {
        "municipality": pl.col("municipality"),
        "area": pl.col("area"),
        "ely": pl.col("ely"),
        "rest_of_finland": pl.when(~in_experiment).then(pl.lit("rest")),
        "country": pl.lit("FI"),
        "experiment_vs_comparison": pl.when(in_experiment)
        .then(pl.lit("experiment"))
        .otherwise(pl.lit("comparison")),
    }
    return pl.concat(
        [
            base.select(
                "municipality", "month", pl.lit(grouping).alias("grouping"), group.alias("group")
            )
            for grouping, group in rows.items()
        ]
    ).filter(pl.col("group").is_not_null())


def roll_up(parts: pl.LazyFrame, members: pl.DataFrame) -> pl.LazyFrame:
    """Sum the municipality parts into every group they count in. Sums of nothing stay null
    (a denominator a count does not have, persons a sum of euros does not have)."""

    def total(column: str) -> pl.Expr:
        return pl.when(pl.col(column).count() > 0).then(pl.col(column).sum())

    return (
        parts.join(members.lazy(), on=["municipality", "month"], how="inner")
        .group_by(KEYS)
        .agg(total("numerator"), total("denominator"), total("persons"))
    )
