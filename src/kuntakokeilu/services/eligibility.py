"""Whether a wage subsidy kind may be granted for a client, by the rules in force on the decision
date (``wage_subsidy.yaml``: each kind's ``conditions``; DOMAIN.md §4).

Four conditions, each a registered rule with a stable identifier and two forms (``rules.registry``):
the scalar form answers for one decision (``refusal``, used by ``services.actions``), the
vectorised form for a whole frame of clients (``eligible_expr``); the tests hold them equal.

- ``WAGE_SUBSIDY_UNEMPLOYED_LONG_ENOUGH``: unemployed at least ``months`` of the last
  ``of_months`` months on the decision date. The client record knows the current spell only
  (``unemployed_since``, from the register): the condition holds when the spell has lasted
  ``months`` by the decision date, counted like an anniversary (``add_months(since, months) <=
  day``, clamped to the month's end, so a spell from 29.2.2020 completes 12 months on 28.2.2021).
  With ``services_count_as_unemployment``, a client in services or training (register status
  ``in_services``/``in_training``) with no spell counts from the registration day (⚠️ inferred).
  Earlier spells inside the window are not known: such a client is refused, and the message says
  what the register shows.
- ``WAGE_SUBSIDY_OLD_ENOUGH``: ``min_age`` completed years on the decision date (the birthday
  itself completes the year, as ``rules.target_group.age_on``).
- ``WAGE_SUBSIDY_WORK_CAPACITY_STATEMENT``: the case worker confirms that an expert statement of
  the client's reduced work capacity is on file (the system holds no health data).
- ``WAGE_SUBSIDY_EMPLOYER_KIND``: the employer is of the kind the subsidy is for (association).

A kind without ``conditions`` (skills, standard) asks nothing of the client here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import polars as pl
from django.core.exceptions import ValidationError
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from kuntakokeilu.rules.deadlines import add_months
from kuntakokeilu.rules.registry import Rule, register
from kuntakokeilu.rules.target_group import age_on, last_birth_date_of_age

#: Register statuses of a job seeker in employment-promoting services or training.
IN_SERVICES = ("in_services", "in_training")
#: The columns ``eligible_expr`` reads (one row per client and decision).
COLUMNS = (
    "birth_date",
    "status",
    "registered_on",
    "unemployed_since",
    "work_capacity_statement",
    "employer_kind",
)


@dataclass(frozen=True)
class Applicant:
    """What the conditions read: the client's register facts and the decision's own."""

    birth_date: dt.date
    status: str
    registered_on: dt.date
    unemployed_since: dt.date | None
    work_capacity_statement: bool = False
    employer_kind: str = ""

    @classmethod
    def of(cls, client, *, work_capacity_statement: bool = False, employer_kind: str = ""):
        return cls(
            client.birth_date,
            client.status,
            client.registered_on,
            client.unemployed_since,
            work_capacity_statement,
            employer_kind,
        )


@dataclass(frozen=True)
class Conditions:
    """One kind's conditions on one decision date (the rules' context)."""

    on: dt.date
    unemployed_months: int | None = None
    of_months: int | None = None
    min_age: int | None = None
    work_capacity_statement: bool = False
    employer: str | None = None
    services_count: bool = False

    @classmethod
    def of(cls, value: dict[str, Any], kind: str, on: dt.date) -> Conditions:
        """The conditions of ``kind`` in a dated value of ``wage_subsidy``."""
        wanted = value["kinds"][kind].get("conditions", {})
        unemployed = wanted.get("unemployed", {})
        return cls(
            on=on,
            unemployed_months=unemployed.get("months"),
            of_months=unemployed.get("of_months"),
            min_age=wanted.get("min_age"),
            work_capacity_statement=bool(wanted.get("work_capacity_statement")),
            employer=wanted.get("employer"),
            services_count=bool(value.get("services_count_as_unemployment")),
        )


# -- unemployment: one definition, two forms ----------------------------------------------------


def unemployed_from(person: Applicant, ctx: Conditions) -> dt.date | None:
    """The day the client's unemployment counts from (None: the record shows none)."""
    if person.unemployed_since is not None:
        return person.unemployed_since
    if ctx.services_count and person.status in IN_SERVICES:
        return person.registered_on
    return None


def unemployed_from_expr(ctx: Conditions) -> pl.Expr:
    in_services = pl.col("status").is_in(IN_SERVICES) & pl.lit(ctx.services_count)
    registered = pl.when(in_services).then(pl.col("registered_on"))
    return pl.coalesce(pl.col("unemployed_since"), registered)


def _unemployed_long_enough(person: Applicant, ctx: Conditions) -> bool:
    if ctx.unemployed_months is None:
        return True
    since = unemployed_from(person, ctx)
    return since is not None and add_months(since, ctx.unemployed_months) <= ctx.on


def _unemployed_long_enough_expr(ctx: Conditions) -> pl.Expr:
    if ctx.unemployed_months is None:
        return pl.lit(True)
    anniversary = unemployed_from_expr(ctx).dt.offset_by(f"{ctx.unemployed_months}mo")
    return (anniversary <= ctx.on).fill_null(False)


UNEMPLOYED_LONG_ENOUGH = register(
    Rule(
        id="WAGE_SUBSIDY_UNEMPLOYED_LONG_ENOUGH",
        description="Unemployed at least the kind's months of the last months on the decision day",
        source="Act 916/2012 ch. 7 (until 30.6.2023; 55+ kind from 1.7.2023); wage_subsidy.yaml",
        vectorised=_unemployed_long_enough_expr,
        scalar=_unemployed_long_enough,
    )
)

OLD_ENOUGH = register(
    Rule(
        id="WAGE_SUBSIDY_OLD_ENOUGH",
        description="At least the kind's age in completed years on the decision day",
        source="Act 916/2012 ch. 7 as amended by Act 1125/2022 (from 1.7.2023); wage_subsidy.yaml",
        vectorised=lambda ctx: (
            pl.lit(True)
            if ctx.min_age is None
            else pl.col("birth_date") <= last_birth_date_of_age(ctx.on, ctx.min_age)
        ),
        scalar=lambda person, ctx: (
            ctx.min_age is None or age_on(person.birth_date, ctx.on) >= ctx.min_age
        ),
    )
)

WORK_CAPACITY_STATEMENT = register(
    Rule(
        id="WAGE_SUBSIDY_WORK_CAPACITY_STATEMENT",
        description="An expert statement of the client's reduced work capacity is on file",
        source="Act 916/2012 ch. 7 as amended by Act 1125/2022 (from 1.7.2023); wage_subsidy.yaml",
        vectorised=lambda ctx: (
            pl.col("work_capacity_statement").fill_null(False)
            if ctx.work_capacity_statement
            else pl.lit(True)
        ),
        scalar=lambda person, ctx: (
            not ctx.work_capacity_statement or person.work_capacity_statement
        ),
    )
)

EMPLOYER_KIND = register(
    Rule(
        id="WAGE_SUBSIDY_EMPLOYER_KIND",
        description="The employer is of the kind the subsidy is for (an association)",
        source="Act 916/2012 ch. 7 (the 100 % subsidy for associations); wage_subsidy.yaml",
        vectorised=lambda ctx: (
            pl.lit(True) if ctx.employer is None else pl.col("employer_kind") == ctx.employer
        ),
        scalar=lambda person, ctx: ctx.employer is None or person.employer_kind == ctx.employer,
    )
)


# -- the refusal, in words ----------------------------------------------------------------------


def finnish_date(day: dt.date) -> str:
    return date_format(day, "j.n.Y")


def _unemployment_message(person: Applicant, ctx: Conditions) -> dict[str, str]:
    values = {"months": ctx.unemployed_months, "of_months": ctx.of_months}
    since = unemployed_from(person, ctx)
    if since is None:
        shown = _("the register shows no current unemployment spell for the client")
    else:
        shown = _("the register shows unemployment since %(day)s") % {"day": finnish_date(since)}
    message = _(
        "This kind needs the client to have been unemployed at least %(months)s of the last "
        "%(of_months)s months on the decision date; %(shown)s."
    )
    return {"subsidy_kind": message % {**values, "shown": shown}}


def _age_message(person: Applicant, ctx: Conditions) -> dict[str, str]:
    message = _(
        "This kind is for clients aged %(age)s or over on the decision date; the client is "
        "%(years)s."
    )
    years = age_on(person.birth_date, ctx.on)
    return {"subsidy_kind": message % {"age": ctx.min_age, "years": years}}


def _statement_message(person: Applicant, ctx: Conditions) -> dict[str, str]:
    return {
        "work_capacity_statement": _(
            "This kind needs an expert statement of the client's reduced work capacity: "
            "confirm that one is on file."
        )
    }


def _employer_message(person: Applicant, ctx: Conditions) -> dict[str, str]:
    return {"subsidy_kind": _("This kind is for an association or foundation employer only.")}


#: The conditions in the order they are checked, each with the refusal it gives.
CHECKS: tuple[tuple[Rule, Callable[[Applicant, Conditions], dict[str, str]]], ...] = (
    (EMPLOYER_KIND, _employer_message),
    (OLD_ENOUGH, _age_message),
    (UNEMPLOYED_LONG_ENOUGH, _unemployment_message),
    (WORK_CAPACITY_STATEMENT, _statement_message),
)


def failing(person: Applicant, ctx: Conditions) -> list[str]:
    """The identifiers of the conditions ``person`` does not meet (empty: eligible)."""
    return [rule.id for rule, _message in CHECKS if not rule.scalar(person, ctx)]


def refusal(person: Applicant, ctx: Conditions) -> ValidationError | None:
    """The first condition not met, as a field error that says what the rule needs."""
    for rule, message in CHECKS:
        if not rule.scalar(person, ctx):
            return ValidationError(message(person, ctx), code=rule.id)
    return None


def eligible_expr(ctx: Conditions) -> pl.Expr:
    """True where a frame's row (``COLUMNS``) meets every condition of the kind."""
    return pl.all_horizontal([rule.vectorised(ctx) for rule, _message in CHECKS])


def eligible_kinds(person: Applicant, value: dict[str, Any], on: dt.date) -> list[str]:
    """The kinds of a dated ``wage_subsidy`` value whose conditions ``person`` meets."""
    return [k for k in value["kinds"] if not failing(person, Conditions.of(value, k, on))]
