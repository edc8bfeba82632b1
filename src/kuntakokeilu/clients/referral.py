"""A referral run: a register extract applied to the case database (continuous referral).

1. the intake validates the extract (rejected rows are reported, and their people are held);
2. the vectorised rules decide every row (``rules.target_group``);
3. ``referral.continuous.classify`` compares the decisions with the current clients;
4. the changes are written in chunks with set-based SQL (``clients.bulk``), one transaction each;
5. the run is marked finished with its summary.

A run is identified by the extract's SHA-256 and the referral date: running the same extract
again resumes an interrupted run (same run, same events) or, after a finished one, changes
nothing.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl
from django.db import connection
from django.db.models import Count
from django.utils import timezone

from kuntakokeilu.areas.models import Area
from kuntakokeilu.clients.bulk import STAGED, apply_chunk
from kuntakokeilu.clients.models import Client, ReferralEvent, ReferralRun, TeOfficeException
from kuntakokeilu.reference import ReferenceError
from kuntakokeilu.referral.continuous import (
    CHANGES,
    CUSTOMERSHIP_ENDS,
    MOVES_AREA,
    NEWLY_REFERRED,
    RETURNS_TO_TE_OFFICE,
    STAYS,
    classify,
    counts,
)
from kuntakokeilu.register.intake import Intake, read_register
from kuntakokeilu.rules.target_group import Context, decide_register

Progress = Callable[[str], None]
#: Optional extra register columns the case workers need (REGISTER.md keeps extra columns).
NAME_COLUMNS = ("first_names", "last_name")
WRITTEN = (NEWLY_REFERRED, STAYS, MOVES_AREA, RETURNS_TO_TE_OFFICE, CUSTOMERSHIP_ENDS)


@dataclass
class RunResult:
    run: ReferralRun
    intake: Intake
    decisions: pl.DataFrame
    transitions: dict[str, int]
    referred_by_area: dict[str, int] = field(default_factory=dict)
    resumed: bool = False


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def decide(intake: Intake, on: dt.date) -> pl.DataFrame:
    """The REGISTER.md decisions for the accepted rows (vectorised)."""
    return decide_register(intake.accepted, Context.on_date(on)).collect()


def current_state() -> pl.DataFrame:
    """person_id -> current_area for the people an area is responsible for now."""
    rows = Client.objects.with_area().values_list("person_id", "area__area_id")
    return pl.DataFrame(
        list(rows), schema={"person_id": pl.String, "current_area": pl.String}, orient="row"
    )


def exceptions_on(on: dt.date) -> pl.DataFrame:
    rows = TeOfficeException.in_force_on(on).values_list("person_id", "kind")
    return pl.DataFrame(
        list(rows), schema={"person_id": pl.String, "exception": pl.String}, orient="row"
    )


def staged_rows(transitions: pl.DataFrame, decisions: pl.DataFrame, on: dt.date) -> pl.DataFrame:
    """What to write for each person whose transition touches the database."""
    area_pk = dict(Area.objects.values_list("area_id", "pk"))
    written = transitions.filter(pl.col("transition").is_in(WRITTEN))
    unknown = set(written["to_area"].drop_nulls()) - set(area_pk)
    if unknown:
        raise ReferenceError(
            f"the case database does not know the area(s) {', '.join(sorted(unknown))}: "
            "load the reference data first (kuntakokeilu load-reference)"
        )
    names = [pl.lit("").alias(c) for c in NAME_COLUMNS if c not in decisions.columns]
    register = (
        decisions.with_columns(names)
        .with_columns(pl.col(NAME_COLUMNS).cast(pl.String).fill_null(""))
        .select(STAGED[:11])
    )
    gets_area = pl.col("transition").is_in([NEWLY_REFERRED, STAYS, MOVES_AREA])
    leaves = pl.col("transition").is_in([RETURNS_TO_TE_OFFICE, CUSTOMERSHIP_ENDS])
    return written.join(register, on="person_id", how="left").with_columns(
        pl.col("to_area")
        .replace_strict(area_pk, default=None, return_dtype=pl.Int64)
        .alias("area_pk"),
        pl.when(pl.col("transition") == NEWLY_REFERRED).then(pl.lit(on)).alias("referred_on"),
        pl.when(gets_area).then(pl.col("reasons")).alias("reasons"),
        pl.when(leaves).then(pl.lit(on)).alias("left_on"),
        pl.when(leaves).then(pl.col("transition_reasons")).alias("left_reason"),
        pl.when(pl.col("transition").is_in(CHANGES)).then(pl.col("transition")).alias("event_kind"),
    )


def run_referral(
    path: Path,
    on: dt.date,
    *,
    intake: Intake | None = None,
    decisions: pl.DataFrame | None = None,
    chunk_size: int = 20_000,
    progress: Progress = lambda _: None,
) -> RunResult:
    """Apply the extract at ``path`` on ``on`` to the case database (``intake`` and
    ``decisions`` when the caller has them already)."""
    intake = intake or read_register(path, on)
    decisions = decisions if decisions is not None else decide(intake, on)
    transitions = classify(
        decisions, current_state(), held=intake.rejected["person_id"], exceptions=exceptions_on(on)
    ).collect()
    staged = staged_rows(transitions, decisions, on)
    run, created = ReferralRun.objects.get_or_create(
        extract_sha256=sha256_of(path), on=on, defaults={"extract_name": path.name}
    )
    apply_all(staged, run, chunk_size, progress)
    result = RunResult(
        run,
        intake,
        decisions,
        counts(transitions),
        referred_by_area(decisions),
        resumed=not created and not run.finished,
    )
    finish(run, result)
    return result


def apply_all(staged: pl.DataFrame, run: ReferralRun, chunk_size: int, progress: Progress) -> None:
    total = max(1, -(-staged.height // chunk_size))
    for number, chunk in enumerate(staged.iter_slices(chunk_size), start=1):
        apply_chunk(chunk, run)
        progress(
            f"chunk {number}/{total}: {min(number * chunk_size, staged.height)} "
            f"of {staged.height} people written"
        )


def referred_by_area(decisions: pl.DataFrame) -> dict[str, int]:
    referred = decisions.filter(pl.col("decision") == "refer").group_by("area").len().sort("area")
    return dict(referred.iter_rows())


def run_transitions(run: ReferralRun, classified: dict[str, int]) -> dict[str, int]:
    """Transition counts of the whole run. The changes are counted from the run's events, so
    a run resumed after an interruption reports what the uninterrupted run would have."""
    changed = dict(
        ReferralEvent.objects.filter(run=run).values_list("kind").annotate(n=Count("id"))
    )
    referred = classified[NEWLY_REFERRED] + classified[STAYS] + classified[MOVES_AREA]
    totals = classified | {kind: changed.get(kind, 0) for kind in CHANGES}
    totals[STAYS] = referred - totals[NEWLY_REFERRED] - totals[MOVES_AREA]
    return totals


def finish(run: ReferralRun, result: RunResult) -> None:
    result.transitions = run_transitions(run, result.transitions)
    decided = dict(result.decisions.group_by("decision").len().iter_rows())
    run.summary = {
        "rows_read": result.intake.rows_read,
        "rejected_rows": result.intake.rejected["row"].n_unique(),
        "decisions": decided,
        "transitions": result.transitions,
        "referred_by_area": result.referred_by_area,
        "database": connection.vendor,
    }
    run.finished_at = run.finished_at or timezone.now()
    run.save(update_fields=["summary", "finished_at"])
