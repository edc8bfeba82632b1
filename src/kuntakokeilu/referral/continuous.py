"""Continuous referral: what a new register extract changes for each person (Act 1269/2020 §5).

Given the current state (the people the experiments have been responsible for, and where each
is now) and the decisions on a new extract, every person gets one transition:

``newly_referred``
    referred now and not the responsibility of an experiment area before (also someone who
    returned to the TE office earlier and is referred again).
``stays``
    referred to the same area as before: nothing changes.
``moves_area``
    referred to another area: the home municipality changed to one in another area.
``returns_to_te_office``
    was an area's client and is not referred now, with the reason: ``MOVED_OUT_OF_AREAS`` (home
    municipality in no area), ``LEFT_TARGET_GROUP`` (for example gained earnings-related
    allowance and is neither under 30 nor an immigrant: DOMAIN.md §2, inferred),
    ``EXPERIMENT_ENDED`` (outside the experiment period), ``TE_OFFICE_EXCEPTION`` (the TE office
    keeps or takes back the client: language rights, conflict of interest, safety).
``customership_ends``
    was an area's client and is no longer in the register (no longer a job seeker).
``kept_by_te_office``
    would be referred, but a TE-office exception keeps the person there.
``not_referred``
    not referred and not an area's client: the TE office stays responsible.
``held``
    the person's row was rejected by the intake: nothing is changed for them until a valid row
    arrives (a rejected row is never read as "no longer a job seeker").

``classify`` is one Polars pass; it is pure, so a rerun of the same extract on the state it
produced classifies everyone as ``stays``/``not_referred`` (idempotent).
"""

from __future__ import annotations

import polars as pl

from kuntakokeilu.rules.target_group import NOT_IN_AREA, NOT_IN_TARGET_GROUP, OUTSIDE_PERIOD, REFER

NEWLY_REFERRED = "newly_referred"
STAYS = "stays"
MOVES_AREA = "moves_area"
RETURNS_TO_TE_OFFICE = "returns_to_te_office"
CUSTOMERSHIP_ENDS = "customership_ends"
KEPT_BY_TE_OFFICE = "kept_by_te_office"
NOT_REFERRED = "not_referred"
HELD = "held"
TRANSITIONS = (
    NEWLY_REFERRED,
    STAYS,
    MOVES_AREA,
    RETURNS_TO_TE_OFFICE,
    CUSTOMERSHIP_ENDS,
    KEPT_BY_TE_OFFICE,
    NOT_REFERRED,
    HELD,
)
#: Transitions that change the case database (the others are reported only).
CHANGES = (NEWLY_REFERRED, MOVES_AREA, RETURNS_TO_TE_OFFICE, CUSTOMERSHIP_ENDS)

MOVED_OUT_OF_AREAS = "MOVED_OUT_OF_AREAS"
LEFT_TARGET_GROUP = "LEFT_TARGET_GROUP"
EXPERIMENT_ENDED = "EXPERIMENT_ENDED"
TE_OFFICE_EXCEPTION = "TE_OFFICE_EXCEPTION"
NO_LONGER_A_JOB_SEEKER = "NO_LONGER_A_JOB_SEEKER"
RETURN_REASONS = {
    NOT_IN_AREA: MOVED_OUT_OF_AREAS,
    NOT_IN_TARGET_GROUP: LEFT_TARGET_GROUP,
    OUTSIDE_PERIOD: EXPERIMENT_ENDED,
}

STATE_SCHEMA = {"person_id": pl.String, "current_area": pl.String}
EXCEPTION_SCHEMA = {"person_id": pl.String, "exception": pl.String}


def empty_state() -> pl.DataFrame:
    return pl.DataFrame(schema=STATE_SCHEMA)


def classify(
    decisions: pl.DataFrame | pl.LazyFrame,
    state: pl.DataFrame | pl.LazyFrame,
    *,
    held: pl.Series | None = None,
    exceptions: pl.DataFrame | None = None,
) -> pl.LazyFrame:
    """One row per person in the extract or the state: ``transition``, ``from_area``,
    ``to_area`` and ``transition_reasons``.

    ``decisions`` has person_id, decision, area, reasons (``decide_register``); ``state`` has
    person_id and current_area — only the people an area is responsible for now; ``held`` the
    person_ids of rejected rows; ``exceptions`` person_id and the TE-office exception kind.
    """
    held_ids = (held if held is not None else pl.Series("person_id", [], pl.String)).unique()
    exceptions = exceptions if exceptions is not None else pl.DataFrame(schema=EXCEPTION_SCHEMA)
    joined = (
        decisions.lazy()
        .join(state.lazy(), on="person_id", how="full", coalesce=True, maintain_order="left")
        .join(exceptions.lazy().unique("person_id"), on="person_id", how="left")
        .with_columns(pl.col("person_id").is_in(held_ids.implode()).alias("held"))
    )
    return joined.with_columns(_transition().alias("transition")).select(
        "person_id",
        "transition",
        pl.col("current_area").alias("from_area"),
        _to_area().alias("to_area"),
        _transition_reasons().alias("transition_reasons"),
        "decision",
        "reasons",
    )


def _transition() -> pl.Expr:
    in_extract = pl.col("decision").is_not_null()
    was_client = pl.col("current_area").is_not_null()
    referred = pl.col("decision") == REFER
    excepted = pl.col("exception").is_not_null()
    return (
        pl.when(pl.col("held"))
        .then(pl.lit(HELD))
        .when(~in_extract)
        .then(pl.lit(CUSTOMERSHIP_ENDS))
        .when(referred & excepted & was_client)
        .then(pl.lit(RETURNS_TO_TE_OFFICE))
        .when(referred & excepted)
        .then(pl.lit(KEPT_BY_TE_OFFICE))
        .when(referred & ~was_client)
        .then(pl.lit(NEWLY_REFERRED))
        .when(referred & (pl.col("area") == pl.col("current_area")))
        .then(pl.lit(STAYS))
        .when(referred)
        .then(pl.lit(MOVES_AREA))
        .when(was_client)
        .then(pl.lit(RETURNS_TO_TE_OFFICE))
        .otherwise(pl.lit(NOT_REFERRED))
    )


def _to_area() -> pl.Expr:
    keeps_or_gets_area = pl.col("transition").is_in([NEWLY_REFERRED, STAYS, MOVES_AREA])
    held = pl.col("transition") == HELD
    return pl.when(keeps_or_gets_area).then(pl.col("area")).when(held).then(pl.col("current_area"))


def _transition_reasons() -> pl.Expr:
    returning = pl.col("transition") == RETURNS_TO_TE_OFFICE
    by_exception = returning & pl.col("exception").is_not_null()
    return (
        pl.when(by_exception)
        .then(pl.concat_str([pl.lit(TE_OFFICE_EXCEPTION), pl.col("exception")], separator=":"))
        .when(pl.col("transition") == KEPT_BY_TE_OFFICE)
        .then(pl.concat_str([pl.lit(TE_OFFICE_EXCEPTION), pl.col("exception")], separator=":"))
        .when(returning)
        .then(
            pl.concat_str(
                [
                    pl.col("decision").replace_strict(RETURN_REASONS, default=None),
                    pl.col("reasons"),
                ],
                separator=";",
            )
        )
        .when(pl.col("transition") == CUSTOMERSHIP_ENDS)
        .then(pl.lit(NO_LONGER_A_JOB_SEEKER))
        .otherwise(pl.col("reasons"))
    )


def counts(transitions: pl.DataFrame) -> dict[str, int]:
    """How many people got each transition (every transition listed, zeros included)."""
    found = dict(transitions.group_by("transition").len().iter_rows())
    return {t: found.get(t, 0) for t in TRANSITIONS}
