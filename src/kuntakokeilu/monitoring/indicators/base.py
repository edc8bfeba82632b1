"""An indicator is a registered object: its written definition beside the code that computes it.

Every indicator computes **parts** per home municipality and month: for each of its measures a
numerator, a denominator (for shares and means) and the number of people behind the figure.
Parts add up: ``groups.roll_up`` sums them into areas, ELY areas, the rest of Finland, the
country and the experiment/comparison pair, and only then is a share or mean divided out. That
is why an area's count is always the sum of its municipalities' counts, and an area's share is
the share of the area's people (not a mean of its municipalities' shares).

Measures that cannot be added up (a change against the same month a year earlier, a difference
against the comparison group) are ``derived`` from the rolled-up figures by the indicator's
``derive`` function.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable
from dataclasses import dataclass, field

import polars as pl

from kuntakokeilu.monitoring.panel import Panel
from kuntakokeilu.rules.parameters import Parameters

#: what a measure is, which decides how its value is formed from its parts
COUNT, SUM, SHARE, MEAN, DERIVED = "count", "sum", "share", "mean", "derived"
DIVIDED = (SHARE, MEAN)

#: the columns of the parts every indicator returns
PARTS: dict[str, pl.DataType] = {
    "indicator": pl.String(),
    "measure": pl.String(),
    "municipality": pl.String(),
    "month": pl.Date(),
    "numerator": pl.Float64(),
    "denominator": pl.Float64(),
    "persons": pl.Int64(),
}


@dataclass(frozen=True)
class Measure:
    """One figure of an indicator, defined in words."""

    name: str
    kind: str  # COUNT, SUM, SHARE, MEAN or DERIVED
    unit: str
    numerator: str
    denominator: str | None = None
    persons: str | None = None  # who ``persons`` counts; None: not about people (euros)
    range: tuple[float, float] | None = None  # the values that are possible at all

    def as_dict(self) -> dict:
        return {
            "name": self.name,
            "kind": self.kind,
            "unit": self.unit,
            "numerator": self.numerator,
            "denominator": self.denominator,
            "persons": self.persons,
            "range": [_bound(v) for v in self.range] if self.range else None,
        }


#: the client events the indicators count, besides the panel: read in one pass and placed in
#: the person's panel month once, for every indicator that asks
LOCATED_KINDS = (
    "service_started",
    "job_offer_made",
    "job_offer_answered",
    "work_ability_assessed",
    "customer_satisfaction_answered",
)
LOCATED_COLUMNS = ("subtype", "score")

#: the panel columns the indicators read: ``monitor`` builds these and leaves out the panel's
#: other columns (``panel.OPTIONAL_INPUTS``), which are there for research use
PANEL_COLUMNS = (
    "client_key",
    "month",
    "municipality",
    "state",
    "registered",
    "state_previous_month",
    "registered_previous_month",
    "months_since_registered",
    "services_active",
    "spell_days",
    "spell_months",
    "months_unemployed_or_in_service",
    "spells_completed",
    "completed_spell_days",
    "target_group",
)


@dataclass
class Sources:
    """What the indicators compute from: the panel and the events up to the data's last day."""

    panel: Panel
    events: pl.LazyFrame
    parameters: Parameters
    last_day: dt.date
    located: pl.DataFrame | None = None
    #: per month and kind, the counted events whose person has no panel month then
    unplaced: pl.DataFrame | None = None

    def monitored(self) -> pl.LazyFrame:
        """The panel rows of the monitored group: people who belong to the experiments' target
        group by their latest registration (in the comparison municipalities: those who would
        have been referred had their municipality taken part)."""
        return self.panel.frame.lazy().filter(pl.col("target_group"))

    def client_events(self, kinds: tuple[str, ...]) -> pl.LazyFrame:
        """Events of ``kinds`` (of ``LOCATED_KINDS``) with the person's panel month: home
        municipality at the month's end and membership of the monitored group."""
        unknown = set(kinds) - set(LOCATED_KINDS)
        if unknown:
            raise ValueError(f"add {sorted(unknown)} to LOCATED_KINDS to count them")
        if self.located is None:
            self.located, self.unplaced = locate(
                self.panel, self.events, LOCATED_KINDS, self.last_day
            )
        return self.located.lazy().filter(pl.col("kind").is_in(kinds))


def locate(panel: Panel, events: pl.LazyFrame, kinds, last_day: dt.date):
    """Events of ``kinds`` joined to their person's panel month by position (no hash join),
    and the count of those whose person has no panel month then (no status event yet)."""
    found = (
        events.filter(pl.col("kind").is_in(kinds) & (pl.col("on") <= last_day))
        .filter(pl.col("client_key").is_not_null())
        .select("client_key", "kind", "on", *LOCATED_COLUMNS)
        .with_columns(pl.col("on").dt.month_start().alias("month"))
        .collect()
    )
    placed = found.with_columns(panel.rows_of(found["client_key"], found["month"]))
    inside = placed.filter(pl.col("row").is_not_null())
    # the panel's columns are in pieces: made whole first, the gathers measured 2–4 times faster
    municipality, target_group = (
        panel.frame[c].rechunk() for c in ("municipality", "target_group")
    )
    located = inside.with_columns(
        municipality.gather(inside["row"]).cast(pl.String).alias("municipality"),
        target_group.gather(inside["row"]).alias("target_group"),
    )
    outside = placed.filter(pl.col("row").is_null())
    if panel.left_out.len():  # people never in the monitored group: not counted, not missing
        outside = outside.filter(~pl.col("client_key").is_in(panel.left_out.implode()))
    unplaced = outside.group_by("month", "kind").len()
    return located, unplaced


@dataclass(frozen=True)
class Indicator:
    """One of the ten monitoring objects (D000 "Uppföljningsobjekt"), defined in words beside
    the code: what is counted (each measure's numerator and denominator), at what grain, for
    whom (filters), from which events."""

    number: str
    name: str
    objective: str  # the monitoring object in the source's words (Swedish)
    grain: str
    filters: str
    source_events: tuple[str, ...]
    measures: tuple[Measure, ...]
    parts: Callable[[Sources], pl.LazyFrame]
    derive: Callable[[pl.DataFrame], pl.DataFrame] | None = None
    notes: tuple[str, ...] = field(default=())

    def measure(self, name: str) -> Measure:
        return next(m for m in self.measures if m.name == name)

    def as_dict(self) -> dict:
        return {
            "indicator": self.number,
            "name": self.name,
            "objective": self.objective,
            "grain": self.grain,
            "filters": self.filters,
            "source_events": list(self.source_events),
            "measures": [m.as_dict() for m in self.measures],
            "notes": list(self.notes),
        }


INDICATORS: dict[str, Indicator] = {}


def register(indicator: Indicator) -> Indicator:
    if indicator.number in INDICATORS:
        raise ValueError(f"indicator {indicator.number} is registered twice")
    names = [m.name for m in indicator.measures]
    if len(set(names)) != len(names):
        raise ValueError(f"indicator {indicator.number} names a measure twice")
    INDICATORS[indicator.number] = indicator
    return indicator


def long_parts(
    indicator: str, wide: pl.LazyFrame, measures: dict[str, tuple[str, str | None, str | None]]
) -> pl.LazyFrame:
    """Turn a frame of ``municipality``, ``month`` and aggregated columns into parts: for each
    measure, (numerator column, denominator column or None, persons column or None)."""

    def column(name: str | None, dtype: pl.DataType) -> pl.Expr:
        return (pl.col(name) if name else pl.lit(None)).cast(dtype)

    return pl.concat(
        [
            wide.select(
                pl.lit(indicator).alias("indicator"),
                pl.lit(measure).alias("measure"),
                pl.col("municipality").cast(pl.String),
                pl.col("month"),
                column(numerator, pl.Float64).alias("numerator"),
                column(denominator, pl.Float64).alias("denominator"),
                column(persons, pl.Int64).alias("persons"),
            )
            for measure, (numerator, denominator, persons) in measures.items()
        ]
    )


def by_municipality_and_month(frame: pl.LazyFrame, *aggregations: pl.Expr) -> pl.LazyFrame:
    return frame.group_by("municipality", "month").agg(*aggregations)


def count(condition: pl.Expr) -> pl.Expr:
    return condition.fill_null(False).cast(pl.Int64).sum()


def _bound(value: float) -> float | None:
    """A range bound for JSON: an open end (infinity) is null, as JSON has no infinity."""
    return None if math.isinf(value) else value
