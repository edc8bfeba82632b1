"""Who is referred to an experiment area on a date (Act 1269/2020 §4-5; DOMAIN.md §2; REGISTER.md).

A job seeker is referred when all of these hold on the decision date:
- the date is inside the experiment period (``IN_EXPERIMENT_PERIOD``);
- the home municipality is a member of an experiment area on that date (``IN_EXPERIMENT_AREA``);
- the person is unemployed or in employment-promoting services (``UNEMPLOYED_OR_IN_SERVICES``);
- and at least one qualifying criterion holds: ``NO_EARNINGS_RELATED``, ``UNDER_30``,
  ``IMMIGRANT``, ``FOREIGN_LANGUAGE``.

A decision is one of ``refer``, ``outside_experiment_period``, ``not_in_experiment_area``,
``not_in_target_group`` (checked in that order), with the identifiers of the rules that decided:
for ``refer`` the qualifying criteria that hold, otherwise the identifiers of the conditions that
failed, prefixed ``NOT_`` (and ``NO_QUALIFYING_CRITERION``).

``decide_register`` is the batch form (one Polars pass over a register frame), ``decide_person``
the scalar form for one person; both evaluate the same registered rules.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import polars as pl

from kuntakokeilu.reference import ReferenceData, reference_data
from kuntakokeilu.rules.identity import birth_date
from kuntakokeilu.rules.parameters import Parameters, parameters
from kuntakokeilu.rules.registry import Rule, register

REFER = "refer"
OUTSIDE_PERIOD = "outside_experiment_period"
NOT_IN_AREA = "not_in_experiment_area"
NOT_IN_TARGET_GROUP = "not_in_target_group"
NO_QUALIFYING_CRITERION = "NO_QUALIFYING_CRITERION"


@dataclass(frozen=True)
class Person:
    """What the rules need to know of one job seeker (REGISTER.md columns, status by name)."""

    person_id: str
    home_municipality: str
    status: str
    earnings_related: bool
    immigrant: bool
    language: str

    @property
    def birth_date(self) -> dt.date:
        born = birth_date(self.person_id)
        if born is None:
            raise ValueError("identity code does not carry a valid birth date")
        return born


@dataclass(frozen=True)
class Context:
    """Everything the rules read that depends on the decision date."""

    on: dt.date
    age_limit: int
    statuses: frozenset[str]
    native_languages: frozenset[str]
    period_start: dt.date
    period_end: dt.date
    area_by_municipality: dict[str, str]

    @classmethod
    def on_date(
        cls, on: dt.date, params: Parameters | None = None, ref: ReferenceData | None = None
    ) -> Context:
        params = params or parameters()
        ref = ref or reference_data()
        period = params.value("experiment_period", on)
        members = ref.area_members(on, kind="experiment_area")
        return cls(
            on=on,
            age_limit=params.value("target_group_age_limit", on),
            statuses=frozenset(params.value("target_group_statuses", on)),
            native_languages=frozenset(params.value("native_languages", on)),
            period_start=period["start"],
            period_end=period["end"],
            area_by_municipality=dict(zip(members["code"], members["area_id"], strict=True)),
        )

    def areas_frame(self) -> pl.DataFrame:
        return pl.DataFrame(
            {
                "home_municipality": list(self.area_by_municipality),
                "area": list(self.area_by_municipality.values()),
            },
            schema={"home_municipality": pl.String, "area": pl.String},
        )


# -- age: one formula, two forms ------------------------------------------------------------


def age_on(born: dt.date, on: dt.date) -> int:
    """Completed years on ``on``. The birthday itself completes the year. A person born on
    29 February completes a year on 1 March in other years (⚠️ inferred reading of the Act on
    calculating age 649/1930: the day "corresponding" to 29 February is taken as 1 March)."""
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def age_on_expr(born: pl.Expr, on: dt.date) -> pl.Expr:
    # dt.month()/dt.day() are Int8: widen before arithmetic or 12 * 100 overflows.
    month_day = born.dt.month().cast(pl.Int32) * 100 + born.dt.day().cast(pl.Int32)
    before_birthday = month_day > (on.month * 100 + on.day)
    return pl.lit(on.year) - born.dt.year().cast(pl.Int32) - before_birthday.cast(pl.Int32)


# -- the rules ------------------------------------------------------------------------------

IN_EXPERIMENT_PERIOD = register(
    Rule(
        id="IN_EXPERIMENT_PERIOD",
        description="The decision date is inside the experiment period",
        source="Act 1269/2020 §1 (as amended, HE 17/2022)",
        vectorised=lambda ctx: pl.lit(ctx.period_start <= ctx.on <= ctx.period_end),
        scalar=lambda person, ctx: ctx.period_start <= ctx.on <= ctx.period_end,
    )
)

IN_EXPERIMENT_AREA = register(
    Rule(
        id="IN_EXPERIMENT_AREA",
        description="The home municipality is a member of an experiment area on the date",
        source="Act 1269/2020 §2 and §5; experiment_areas.csv",
        vectorised=lambda ctx: pl.col("area").is_not_null(),
        scalar=lambda person, ctx: person.home_municipality in ctx.area_by_municipality,
    )
)

UNEMPLOYED_OR_IN_SERVICES = register(
    Rule(
        id="UNEMPLOYED_OR_IN_SERVICES",
        description="Unemployed, fully laid off, or in employment-promoting services or training",
        source="Act 1269/2020 §2 and §4; DOMAIN.md §2",
        vectorised=lambda ctx: pl.col("status").is_in(sorted(ctx.statuses)),
        scalar=lambda person, ctx: person.status in ctx.statuses,
    )
)

NO_EARNINGS_RELATED = register(
    Rule(
        id="NO_EARNINGS_RELATED",
        description="Not entitled to earnings-related unemployment allowance",
        source='Act 1269/2020 §4; D000 "Målgrupp"',
        vectorised=lambda ctx: ~pl.col("earnings_related"),
        scalar=lambda person, ctx: not person.earnings_related,
    )
)

UNDER_30 = register(
    Rule(
        id="UNDER_30",
        description="Under the target-group age limit on the decision date",
        source='Act 1269/2020 §4; D000 "Målgrupp"',
        vectorised=lambda ctx: age_on_expr(pl.col("birth_date"), ctx.on) < ctx.age_limit,
        scalar=lambda person, ctx: age_on(person.birth_date, ctx.on) < ctx.age_limit,
    )
)

IMMIGRANT = register(
    Rule(
        id="IMMIGRANT",
        description="Registered as an immigrant client",
        source='Act 1269/2020 §4; D000 "Målgrupp"',
        vectorised=lambda ctx: pl.col("immigrant"),
        scalar=lambda person, ctx: person.immigrant,
    )
)

FOREIGN_LANGUAGE = register(
    Rule(
        id="FOREIGN_LANGUAGE",
        description="Registered language is not Finnish, Swedish or Sámi",
        source="Act 1269/2020 §4; REGISTER.md",
        vectorised=lambda ctx: ~pl.col("language").is_in(sorted(ctx.native_languages)),
        scalar=lambda person, ctx: person.language not in ctx.native_languages,
    )
)

QUALIFYING = (NO_EARNINGS_RELATED, UNDER_30, IMMIGRANT, FOREIGN_LANGUAGE)
#: The conditions in the order they decide, with the decision when one fails.
CONDITIONS = (
    (IN_EXPERIMENT_PERIOD, OUTSIDE_PERIOD),
    (IN_EXPERIMENT_AREA, NOT_IN_AREA),
    (UNEMPLOYED_OR_IN_SERVICES, NOT_IN_TARGET_GROUP),
)


# -- decisions ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Decision:
    decision: str
    area: str | None
    reasons: tuple[str, ...]


def decide_person(person: Person, ctx: Context) -> Decision:
    """The referral decision for one person (scalar form)."""
    qualifying = tuple(rule.id for rule in QUALIFYING if rule.scalar(person, ctx))
    for rule, decision in CONDITIONS:
        if not rule.scalar(person, ctx):
            reasons = (f"NOT_{rule.id}",)
            if decision == NOT_IN_TARGET_GROUP and not qualifying:
                reasons += (NO_QUALIFYING_CRITERION,)
            return Decision(decision, None, reasons)
    if not qualifying:
        return Decision(NOT_IN_TARGET_GROUP, None, (NO_QUALIFYING_CRITERION,))
    return Decision(REFER, ctx.area_by_municipality[person.home_municipality], qualifying)


def in_target_group_expr(ctx: Context) -> pl.Expr:
    """Unemployed or in services and at least one qualifying criterion: the target group wherever
    the person lives (used to count it per municipality, e.g. for an application)."""
    qualifies = pl.any_horizontal([rule.vectorised(ctx) for rule in QUALIFYING])
    return UNEMPLOYED_OR_IN_SERVICES.vectorised(ctx) & qualifies


def decide_register(register_frame: pl.DataFrame | pl.LazyFrame, ctx: Context) -> pl.LazyFrame:
    """Add ``decision``, ``area`` and ``reasons`` to every row of a register frame.

    The frame needs the REGISTER.md columns ``home_municipality``, ``status`` (by name),
    ``earnings_related``, ``immigrant``, ``language`` and a ``birth_date`` column.
    """
    flags = [rule.vectorised(ctx).alias(rule.id) for rule in QUALIFYING]
    flags += [rule.vectorised(ctx).alias(rule.id) for rule, _ in CONDITIONS]
    qualifies = pl.any_horizontal([pl.col(r.id) for r in QUALIFYING])
    in_group = pl.col(UNEMPLOYED_OR_IN_SERVICES.id) & qualifies
    decision = (
        pl.when(~pl.col(IN_EXPERIMENT_PERIOD.id))
        .then(pl.lit(OUTSIDE_PERIOD))
        .when(~pl.col(IN_EXPERIMENT_AREA.id))
        .then(pl.lit(NOT_IN_AREA))
        .when(~in_group)
        .then(pl.lit(NOT_IN_TARGET_GROUP))
        .otherwise(pl.lit(REFER))
    )
    reasons = (
        pl.when(pl.col("decision") == REFER)
        .then(_joined([(pl.col(r.id), r.id) for r in QUALIFYING]))
        .when(pl.col("decision") == OUTSIDE_PERIOD)
        .then(pl.lit(f"NOT_{IN_EXPERIMENT_PERIOD.id}"))
        .when(pl.col("decision") == NOT_IN_AREA)
        .then(pl.lit(f"NOT_{IN_EXPERIMENT_AREA.id}"))
        .otherwise(
            _joined(
                [
                    (~pl.col(UNEMPLOYED_OR_IN_SERVICES.id), f"NOT_{UNEMPLOYED_OR_IN_SERVICES.id}"),
                    (~qualifies, NO_QUALIFYING_CRITERION),
                ]
            )
        )
    )
    rule_columns = [r.id for r in QUALIFYING] + [r.id for r, _ in CONDITIONS]
    return (
        register_frame.lazy()
        .join(ctx.areas_frame().lazy(), on="home_municipality", how="left", maintain_order="left")
        .with_columns(flags)
        .with_columns(decision.alias("decision"))
        .with_columns(
            pl.when(pl.col("decision") == REFER).then(pl.col("area")).alias("area"),
            reasons.alias("reasons"),
        )
        .drop(rule_columns)
    )


def _joined(parts: list[tuple[pl.Expr, str]]) -> pl.Expr:
    return pl.concat_str(
        [pl.when(cond).then(pl.lit(name)) for cond, name in parts], separator=";", ignore_nulls=True
    )
