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
from functools import cache

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


# -- age: one formula, two forms ------------------------------------------------------------


def age_on(born: dt.date, on: dt.date) -> int:
    """Completed years on ``on``. The birthday itself completes the year. A person born on
    29 February completes a year on 1 March in other years (⚠️ inferred reading of the Act on
    calculating age 649/1930: the day "corresponding" to 29 February is taken as 1 March)."""
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def last_birth_date_of_age(on: dt.date, years: int) -> dt.date:
    """The latest birth date that has completed ``years`` by ``on`` (``age_on`` >= years).

    On 29 February the same day ``years`` ago may not exist; 28 February is then the latest
    day (someone born on 29 February completes the year on 1 March, see ``age_on``)."""
    try:
        return on.replace(year=on.year - years)
    except ValueError:
        return on.replace(year=on.year - years, day=28)


def younger_than_expr(born: pl.Expr, on: dt.date, years: int) -> pl.Expr:
    """``age_on(born, on) < years`` for a whole column: one comparison with a date."""
    return born > last_birth_date_of_age(on, years)


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
        vectorised=lambda ctx: younger_than_expr(pl.col("birth_date"), ctx.on, ctx.age_limit),
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


#: Every rule whose answer the decision depends on, in bit order for the batch form.
FLAG_RULES = (*QUALIFYING, *(rule for rule, _ in CONDITIONS))


def outcome(holds: dict[str, bool]) -> tuple[str, tuple[str, ...]]:
    """The decision and its reasons, given which rules hold: the one definition both forms use."""
    qualifying = tuple(rule.id for rule in QUALIFYING if holds[rule.id])
    for rule, decision in CONDITIONS:
        if not holds[rule.id]:
            reasons = (f"NOT_{rule.id}",)
            if decision == NOT_IN_TARGET_GROUP and not qualifying:
                reasons += (NO_QUALIFYING_CRITERION,)
            return decision, reasons
    if not qualifying:
        return NOT_IN_TARGET_GROUP, (NO_QUALIFYING_CRITERION,)
    return REFER, qualifying


def decide_person(person: Person, ctx: Context) -> Decision:
    """The referral decision for one person (scalar form)."""
    decision, reasons = outcome({rule.id: rule.scalar(person, ctx) for rule in FLAG_RULES})
    area = ctx.area_by_municipality[person.home_municipality] if decision == REFER else None
    return Decision(decision, area, reasons)


@cache
def outcome_table() -> tuple[dict[int, str], dict[int, str]]:
    """``outcome`` for every combination of rule answers, keyed by the answers as bits."""
    decisions, reasons = {}, {}
    for code in range(2 ** len(FLAG_RULES)):
        holds = {rule.id: bool(code >> bit & 1) for bit, rule in enumerate(FLAG_RULES)}
        decisions[code], why = outcome(holds)
        reasons[code] = ";".join(why)
    return decisions, reasons


def in_target_group_expr(ctx: Context) -> pl.Expr:
    """Unemployed or in services and at least one qualifying criterion: the target group wherever
    the person lives (used to count it per municipality, e.g. for an application)."""
    qualifies = pl.any_horizontal([rule.vectorised(ctx) for rule in QUALIFYING])
    return UNEMPLOYED_OR_IN_SERVICES.vectorised(ctx) & qualifies


def decide_register(register_frame: pl.DataFrame | pl.LazyFrame, ctx: Context) -> pl.LazyFrame:
    """Add ``decision``, ``area`` and ``reasons`` to every row of a register frame.

    The frame needs the REGISTER.md columns ``home_municipality``, ``status`` (by name),
    ``earnings_related``, ``immigrant``, ``language`` and a ``birth_date`` column. Each rule's
    vectorised form answers for every row; the answers, packed as bits, are mapped to the
    decision and reasons by ``outcome_table`` (``outcome`` evaluated once per combination).
    """
    decisions, reasons = outcome_table()
    answers = pl.sum_horizontal(
        [rule.vectorised(ctx).cast(pl.UInt8) * (1 << bit) for bit, rule in enumerate(FLAG_RULES)]
    ).cast(pl.UInt8)
    area = pl.col("home_municipality").replace_strict(
        ctx.area_by_municipality, default=None, return_dtype=pl.String
    )
    return (
        register_frame.lazy()
        .with_columns(area.alias("area"))
        .with_columns(answers.alias("_answers"))
        .with_columns(
            pl.col("_answers").replace_strict(decisions, return_dtype=pl.String).alias("decision"),
            pl.col("_answers").replace_strict(reasons, return_dtype=pl.String).alias("reasons"),
        )
        .with_columns(pl.when(pl.col("decision") == REFER).then(pl.col("area")).alias("area"))
        .drop("_answers")
    )
