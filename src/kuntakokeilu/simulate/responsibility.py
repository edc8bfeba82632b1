"""Who is responsible for each person: the TE office or an experiment area's municipality.

The target-group rules are ``rules.target_group``'s, evaluated with ``decide_register`` on the
division and the area membership in force on the day (``reference``). Twice a month:

- on the first day, for everyone already registered: this is when the experiment starts (the
  transfer of 1.3.2021), ends, or when membership changes (all on a first day);
- on the last day, for everyone still registered: the changes of the month (a registration, a
  change of state, the 30th birthday, earnings-related allowance running out) refer a person, or
  return them to the TE office, within ``REFERRAL_DAYS`` of the change (Act 1269/2020 §5).

Someone who registers and leaves within the month is never referred (short cases are not
transferred). From ``REFORM_DAY`` (1.1.2025) the municipalities are responsible for everyone:
organisation ``municipality`` with no experiment area, without an event (the change is by law,
not a referral). The employment areas of 2025 are not in the reference data.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from functools import cache

import polars as pl

from kuntakokeilu.reference import ReferenceData
from kuntakokeilu.rules.parameters import Parameters
from kuntakokeilu.rules.target_group import Context, decide_register, in_target_group_expr
from kuntakokeilu.simulate import calibration as c

TE_OFFICE, MUNICIPALITY = "te_office", "municipality"
#: The parameters the target-group rules read; before all have a value there is no experiment.
RULE_PARAMETERS = (
    "experiment_period",
    "target_group_age_limit",
    "target_group_statuses",
    "native_languages",
)


class Responsibility:
    """The target-group rules and the experiment period, answered for a day (cached)."""

    def __init__(self, params: Parameters, ref: ReferenceData) -> None:
        self.params, self.ref = params, ref
        self.rules_from = max(params[name].values[0].valid_from for name in RULE_PARAMETERS)
        self.context = cache(self._context)

    def _context(self, day: dt.date) -> Context:
        return Context.on_date(day, self.params, self.ref)

    def in_period(self, day: dt.date) -> bool:
        """Whether ``day`` is inside the experiment period in force on it."""
        if day < self.rules_from or day >= c.REFORM_DAY:
            return False
        period = self.params.value("experiment_period", day)
        return period["start"] <= day <= period["end"]

    def decides(self, day: dt.date) -> bool:
        """Whether referral rules apply on ``day`` (the Act in force, before the reform)."""
        return self.rules_from <= day < c.REFORM_DAY

    def default(self, day: dt.date) -> tuple[str, None]:
        """Who is responsible for someone not referred on ``day``."""
        return (MUNICIPALITY if day >= c.REFORM_DAY else TE_OFFICE), None

    def areas(self, people: pl.DataFrame, day: dt.date) -> pl.Series:
        """The experiment area each person is referred to on ``day`` (null: not referred)."""
        if not self.decides(day):
            return pl.Series("area", [None] * people.height, dtype=pl.String)
        frame = people.select(
            pl.col("municipality").alias("home_municipality"),
            "status",
            "earnings_related",
            "immigrant",
            "language",
            pl.col("born").alias("birth_date"),
        )
        decided = decide_register(frame, self.context(day)).select("area").collect()
        return decided["area"]

    def target_group(self, people: pl.DataFrame, day_column: str) -> pl.Series:
        """Whether each person belongs to the target group on their ``day_column`` day, by the
        rules in force then (before the Act, by its first rules: the group it would have been)."""
        frame = people.select(
            pl.int_range(pl.len()).alias("_row"),
            pl.col(day_column).alias("_day"),
            "status",
            "earnings_related",
            "immigrant",
            "language",
            pl.col("born").alias("birth_date"),
        )
        parts = []
        for day in frame["_day"].unique().sort():
            ctx = dataclasses.replace(self.context(max(day, self.rules_from)), on=day)
            rows = frame.filter(pl.col("_day") == day)
            parts.append(rows.select("_row", in_target_group_expr(ctx).alias("target_group")))
        if not parts:
            return pl.Series("target_group", [], dtype=pl.Boolean)
        return pl.concat(parts).sort("_row")["target_group"]


def changes(current: pl.DataFrame, decided_area: pl.Series, day_of_change: pl.Expr) -> pl.DataFrame:
    """Who changes responsibility: person, the day, the new organisation and area, and the event
    kind (``referred`` to a new area, ``returned_to_te_office``)."""
    frame = current.select("person", "area", day_of_change.alias("changed_on")).with_columns(
        decided_area.alias("new_area")
    )
    changed = frame.filter(pl.col("area").ne_missing(pl.col("new_area"))).with_columns(
        pl.when(pl.col("new_area").is_not_null())
        .then(pl.lit("referred"))
        .otherwise(pl.lit("returned_to_te_office"))
        .alias("kind"),
        pl.when(pl.col("new_area").is_not_null())
        .then(pl.lit(MUNICIPALITY))
        .otherwise(pl.lit(TE_OFFICE))
        .alias("new_organisation"),
    )
    return changed.select("person", "changed_on", "kind", "new_organisation", "new_area")
