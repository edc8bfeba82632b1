"""Assessing municipalities' applications against the criteria (D000 "Ansökan"; D002).

Three criteria, each with a stable identifier, the value found, the threshold and a result:

``MIN_POPULATION``
    The combined population (31 December of the last year before the assessment date) of the
    applying municipalities is at least ``application_population_threshold`` (30 000). Failing it
    needs a waiver for very weighty reasons (``waiver_needed``).
``ONE_ELY_AREA``
    All applying municipalities lie in one ELY area in the municipal division in force on the
    assessment date. Value: the number of ELY areas. It cannot be waived (``fail``).
``MAX_CLIENT_SHARE``
    For each ELY area the application lies in: job-seeker clients who would move to experiments
    (the target group of every applying and already approved municipality of the ELY area,
    together) / all job-seeker clients of the TE office in that ELY area, at most
    ``application_client_share_limit`` (about 40 %). Value: the highest share among the
    application's ELY areas. Failing it needs a waiver (``waiver_needed``).

A recorded waiver (application, criterion, reason) turns ``waiver_needed`` into ``waived``.

An application that adds municipalities to an existing area (column ``adds_to``: an area id or
another application's id) is assessed together with what it joins: the supplementary round's
additions (Ulvila to Pori-Kokemäki, D002) are parts of areas, not areas of their own. For the
shipped applications_2020.csv, whose ``outcome`` says ``accepted_addition:<area>``, that is read
as ``adds_to`` when the column is absent.

Client counts per municipality come from a register extract when one is given (clients = rows,
target group = rows meeting the target-group rules), else from the published monthly statistics:
clients = unemployed job seekers x ``application_clients_per_unemployed``, target group =
unemployed job seekers x ``application_target_group_per_unemployed`` (12-month means; see those
parameter files for the calibration).

``assess_frame`` is the batch form (every application at once, Polars); ``assess_one`` the scalar
form for one application (the web app); both read the same ``AssessmentContext``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace

import polars as pl

from kuntakokeilu.reference import ReferenceData, reference_data
from kuntakokeilu.rules.parameters import Parameters, parameters
from kuntakokeilu.rules.target_group import Context, in_target_group_expr

MIN_POPULATION = "MIN_POPULATION"
ONE_ELY_AREA = "ONE_ELY_AREA"
MAX_CLIENT_SHARE = "MAX_CLIENT_SHARE"
CRITERIA = (MIN_POPULATION, ONE_ELY_AREA, MAX_CLIENT_SHARE)
WAIVABLE = frozenset({MIN_POPULATION, MAX_CLIENT_SHARE})

PASS, FAIL, WAIVER_NEEDED, WAIVED = "pass", "fail", "waiver_needed", "waived"
RESULT_SCHEMA = {
    "application_id": pl.String,
    "criterion": pl.String,
    "value": pl.Float64,
    "threshold": pl.Float64,
    "result": pl.String,
    "detail": pl.String,
    "waiver_reason": pl.String,
}


class ApplicationError(ValueError):
    """An application cannot be assessed; the message names the row and the problem."""


@dataclass(frozen=True)
class Application:
    application_id: str
    municipalities: tuple[str, ...]
    adds_to: str | None = None
    joined: tuple[str, ...] = ()

    @property
    def assessed_municipalities(self) -> tuple[str, ...]:
        """The application's own municipalities and those of the area it joins."""
        return tuple(dict.fromkeys(self.joined + self.municipalities))


@dataclass(frozen=True)
class CriterionResult:
    application_id: str
    criterion: str
    value: float
    threshold: float
    result: str
    detail: str
    waiver_reason: str | None = None


@dataclass(frozen=True)
class AssessmentContext:
    """What every application is assessed against on one date."""

    on: dt.date
    min_population: int
    max_share: float
    population: dict[str, int]
    ely_of: dict[str, str]
    share_by_ely: dict[str, float]
    population_year: int
    counts_source: str
    waivers: dict[tuple[str, str], str] = field(default_factory=dict)


# -- inputs ---------------------------------------------------------------------------------


def applications_from_frame(frame: pl.DataFrame) -> list[Application]:
    """Applications from a frame with ``application_id`` and ``kuntanumerot`` (space-separated),
    and optionally ``adds_to`` (or an ``outcome`` of the form ``accepted_addition:<area>``)."""
    missing = {"application_id", "kuntanumerot"} - set(frame.columns)
    if missing:
        raise ApplicationError(
            f"the applications file lacks column(s) {', '.join(sorted(missing))}; "
            "it needs application_id and kuntanumerot (space-separated municipality codes)"
        )
    return [
        Application(
            str(row["application_id"] or ""),
            tuple(str(row["kuntanumerot"] or "").split()),
            _adds_to(row),
        )
        for row in frame.iter_rows(named=True)
    ]


def _adds_to(row: dict) -> str | None:
    if row.get("adds_to"):
        return str(row["adds_to"]).strip()
    outcome = str(row.get("outcome") or "")
    return outcome.split(":", 1)[1] if outcome.startswith("accepted_addition:") else None


def with_joined_areas(applications: list[Application], ref: ReferenceData) -> list[Application]:
    """Each addition with the municipalities of the area (or application) it joins."""
    by_id = {a.application_id: a.municipalities for a in applications}
    members = ref.memberships.group_by("area_id").agg(pl.col("code").unique().sort())
    by_area = dict(zip(members["area_id"], members["code"].to_list(), strict=True))
    return [
        replace(a, joined=tuple(by_id.get(a.adds_to) or by_area.get(a.adds_to, ())))
        if a.adds_to
        else a
        for a in applications
    ]


def application_problems(
    applications: list[Application], on: dt.date, ref: ReferenceData
) -> list[str]:
    """Every problem that stops an assessment, naming the data row (1-based) and the fix."""
    known = set(ref.municipalities(on)["code"])
    problems, seen = [], {}
    for row, app in enumerate(applications, start=1):
        problems += _row_problems(row, app, known, on, ref)
        if app.application_id in seen:
            problems.append(
                f"row {row}: application_id {app.application_id} already appears on row "
                f"{seen[app.application_id]}; give each application once"
            )
        seen.setdefault(app.application_id, row)
    return problems


def _row_problems(
    row: int, app: Application, known: set[str], on: dt.date, ref: ReferenceData
) -> list[str]:
    if not app.application_id.strip():
        return [f"row {row}: application_id is empty"]
    if not app.municipalities:
        return [f"row {row}: application {app.application_id} names no municipalities"]
    problems = []
    for code in app.municipalities:
        if code not in known:
            hint = ref._why_unknown(code, on)
            problems.append(
                f"row {row}: application {app.application_id}: unknown municipality code "
                f"{code} on {on.isoformat()}: {hint}"
            )
    if app.adds_to and not app.joined:
        problems.append(
            f"row {row}: application {app.application_id} adds to {app.adds_to!r}, which is "
            "neither an area id nor an application id in this file"
        )
    duplicates = sorted({c for c in app.municipalities if app.municipalities.count(c) > 1})
    if duplicates:
        problems.append(
            f"row {row}: application {app.application_id} names {', '.join(duplicates)} twice"
        )
    return problems


def exploded(applications: list[Application]) -> pl.DataFrame:
    """One row per (application, municipality code)."""
    return pl.DataFrame(
        [(a.application_id, c) for a in applications for c in a.assessed_municipalities],
        schema={"application_id": pl.String, "code": pl.String},
        orient="row",
    )


# -- client counts --------------------------------------------------------------------------


def counts_from_statistics(on: dt.date, ref: ReferenceData, params: Parameters) -> pl.DataFrame:
    """Estimated clients and target group per municipality from the monthly statistics."""
    unemployed = ref.unemployed_jobseekers(on)
    per_client = params.value("application_clients_per_unemployed", on)
    per_target = params.value("application_target_group_per_unemployed", on)
    return unemployed.select(
        "code",
        (pl.col("unemployed_jobseekers") * per_client).alias("clients"),
        (pl.col("unemployed_jobseekers") * per_target).alias("target_group"),
    )


def counts_from_register(accepted: pl.DataFrame, on: dt.date) -> pl.DataFrame:
    """Clients and target group per home municipality from a validated register extract."""
    in_group = in_target_group_expr(Context.on_date(on))
    return accepted.group_by(pl.col("home_municipality").alias("code")).agg(
        pl.len().cast(pl.Float64).alias("clients"),
        in_group.sum().cast(pl.Float64).alias("target_group"),
    )


def share_by_ely(
    apps: pl.DataFrame, counts: pl.DataFrame, ely: pl.DataFrame, approved: pl.DataFrame
) -> pl.DataFrame:
    """Share of each ELY area's clients in the target group of applying or approved areas."""
    moving = pl.concat([apps.select("code"), approved.select("code")]).unique()
    return (
        counts.join(ely, on="code", how="inner")
        .with_columns(pl.col("code").is_in(moving["code"].implode()).alias("moving"))
        .group_by("ely_code")
        .agg(
            pl.col("target_group").filter(pl.col("moving")).sum().alias("moving_clients"),
            pl.col("clients").sum().alias("clients"),
        )
        .with_columns((pl.col("moving_clients") / pl.col("clients")).fill_nan(0.0).alias("share"))
    )


def build_context(
    applications: list[Application],
    on: dt.date,
    *,
    counts: pl.DataFrame | None = None,
    waivers: dict[tuple[str, str], str] | None = None,
    ref: ReferenceData | None = None,
    params: Parameters | None = None,
) -> AssessmentContext:
    """The context for assessing ``applications`` on ``on``.

    ``counts`` (code, clients, target_group) comes from a register extract; without it the
    published statistics are used.
    """
    ref, params = ref or reference_data(), params or parameters()
    population = ref.population(on)
    ely = ref.municipalities(on).select("code", "ely_code")
    source = "register extract" if counts is not None else "monthly statistics (estimate)"
    counts = counts if counts is not None else counts_from_statistics(on, ref, params)
    approved = ref.area_members(on, kind="experiment_area")
    shares = share_by_ely(exploded(applications), counts, ely, approved)
    return AssessmentContext(
        on=on,
        min_population=params.value("application_population_threshold", on),
        max_share=params.value("application_client_share_limit", on),
        population=dict(zip(population["code"], population["population"], strict=True)),
        ely_of=dict(zip(ely["code"], ely["ely_code"], strict=True)),
        share_by_ely=dict(zip(shares["ely_code"], shares["share"], strict=True)),
        population_year=int(population["year"][0]),
        counts_source=source,
        waivers=dict(waivers or {}),
    )


# -- scalar form ----------------------------------------------------------------------------


def assess_one(app: Application, ctx: AssessmentContext) -> list[CriterionResult]:
    """The three criteria for one application."""
    codes = app.assessed_municipalities
    population = sum(ctx.population.get(code, 0) for code in codes)
    elys = sorted({ctx.ely_of[code] for code in codes})
    share = max(ctx.share_by_ely.get(e, 0.0) for e in elys)
    checks = [
        (MIN_POPULATION, population, ctx.min_population, population >= ctx.min_population),
        (ONE_ELY_AREA, len(elys), 1, len(elys) == 1),
        (MAX_CLIENT_SHARE, share, ctx.max_share, share <= ctx.max_share),
    ]
    details = _details(ctx, elys)
    if app.joined:
        details[MIN_POPULATION] += f", together with {app.adds_to}"
    return [
        _result(app.application_id, criterion, value, threshold, ok, details[criterion], ctx)
        for criterion, value, threshold, ok in checks
    ]


def _details(ctx: AssessmentContext, elys: list[str]) -> dict[str, str]:
    shares = "; ".join(share_text(e, ctx) for e in elys)
    return {
        MIN_POPULATION: f"population on 31.12.{ctx.population_year}",
        ONE_ELY_AREA: f"ELY areas: {' '.join(elys)}",
        MAX_CLIENT_SHARE: f"{shares} (all applying and approved areas; {ctx.counts_source})",
    }


def share_text(ely_code: str, ctx: AssessmentContext) -> str:
    return f"ELY {ely_code}: {ctx.share_by_ely.get(ely_code, 0.0):.1%}"


def _result(
    app_id: str,
    criterion: str,
    value: float,
    threshold: float,
    ok: bool,
    detail: str,
    ctx: AssessmentContext,
) -> CriterionResult:
    waiver = ctx.waivers.get((app_id, criterion))
    if ok:
        result = PASS
    elif criterion not in WAIVABLE:
        result = FAIL
    else:
        result = WAIVED if waiver else WAIVER_NEEDED
    reason = waiver if result == WAIVED else None
    return CriterionResult(
        app_id, criterion, float(value), float(threshold), result, detail, reason
    )


# -- vectorised form ------------------------------------------------------------------------


def assess_frame(applications: list[Application], ctx: AssessmentContext) -> pl.DataFrame:
    """Every application's three criteria in one Polars pass: one row per application and
    criterion, in input order."""
    joins = pl.DataFrame(
        [(a.application_id, a.adds_to if a.joined else None) for a in applications],
        schema={"application_id": pl.String, "adds_to": pl.String},
        orient="row",
    )
    per_app = _per_application(exploded(applications), ctx).join(joins, on="application_id")
    rows = pl.concat([_criterion_rows(per_app, c, ctx) for c in CRITERIA])
    order = pl.DataFrame(
        {"application_id": [a.application_id for a in applications]}
    ).with_row_index("order")
    return (
        rows.join(order, on="application_id")
        .join(_waivers_frame(ctx), on=["application_id", "criterion"], how="left")
        .with_columns(
            _result_expr(),
            pl.col("criterion")
            .replace_strict({c: i for i, c in enumerate(CRITERIA)}, return_dtype=pl.Int32)
            .alias("criterion_order"),
        )
        .with_columns(
            pl.when(pl.col("result") == WAIVED).then("waiver_reason").alias("waiver_reason")
        )
        .sort("order", "criterion_order")
        .select(list(RESULT_SCHEMA))
    )


def _per_application(apps: pl.DataFrame, ctx: AssessmentContext) -> pl.DataFrame:
    return (
        apps.with_columns(
            pl.col("code")
            .replace_strict(ctx.population, default=0, return_dtype=pl.Int64)
            .alias("population"),
            pl.col("code").replace_strict(ctx.ely_of, return_dtype=pl.String).alias("ely_code"),
        )
        .with_columns(
            pl.col("ely_code")
            .replace_strict(ctx.share_by_ely, default=0.0, return_dtype=pl.Float64)
            .alias("share")
        )
        .group_by("application_id")
        .agg(
            pl.col("population").sum(),
            pl.col("ely_code").unique().sort().alias("elys"),
            pl.col("share").max(),
        )
    )


def _criterion_rows(per_app: pl.DataFrame, criterion: str, ctx: AssessmentContext) -> pl.DataFrame:
    value, threshold, ok = {
        MIN_POPULATION: (
            pl.col("population"),
            ctx.min_population,
            pl.col("population") >= ctx.min_population,
        ),
        ONE_ELY_AREA: (pl.col("elys").list.len(), 1, pl.col("elys").list.len() == 1),
        MAX_CLIENT_SHARE: (pl.col("share"), ctx.max_share, pl.col("share") <= ctx.max_share),
    }[criterion]
    return per_app.select(
        "application_id",
        pl.lit(criterion).alias("criterion"),
        value.cast(pl.Float64).alias("value"),
        pl.lit(float(threshold)).alias("threshold"),
        ok.alias("ok"),
        _detail_expr(criterion, ctx).alias("detail"),
    )


def _detail_expr(criterion: str, ctx: AssessmentContext) -> pl.Expr:
    if criterion == MIN_POPULATION:
        together = pl.when(pl.col("adds_to").is_not_null()).then(
            ", together with " + pl.col("adds_to")
        )
        return pl.lit(f"population on 31.12.{ctx.population_year}") + together.fill_null("")
    if criterion == ONE_ELY_AREA:
        return pl.lit("ELY areas: ") + pl.col("elys").list.join(" ")
    texts = {e: share_text(e, ctx) for e in ctx.share_by_ely}
    shares = (
        pl.col("elys")
        .list.eval(pl.element().replace_strict(texts, default=None, return_dtype=pl.String))
        .list.join("; ")
    )
    return shares + pl.lit(f" (all applying and approved areas; {ctx.counts_source})")


def _result_expr() -> pl.Expr:
    return (
        pl.when(pl.col("ok"))
        .then(pl.lit(PASS))
        .when(~pl.col("criterion").is_in(sorted(WAIVABLE)))
        .then(pl.lit(FAIL))
        .when(pl.col("waiver_reason").is_not_null())
        .then(pl.lit(WAIVED))
        .otherwise(pl.lit(WAIVER_NEEDED))
        .alias("result")
    )


def _waivers_frame(ctx: AssessmentContext) -> pl.DataFrame:
    return pl.DataFrame(
        [(a, c, r) for (a, c), r in ctx.waivers.items()],
        schema={"application_id": pl.String, "criterion": pl.String, "waiver_reason": pl.String},
        orient="row",
    )


def results_frame(results: list[CriterionResult]) -> pl.DataFrame:
    """Scalar results as the same frame ``assess_frame`` gives (to compare the two forms)."""
    return pl.DataFrame([r.__dict__ for r in results], schema=RESULT_SCHEMA)
