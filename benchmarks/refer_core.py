"""Child process: time the referral core on a register; print JSON (rows, seconds, peak_mib).

vectorised:       read_register + decide_register + write the decisions (Parquet), timed after
                  the imports.
scalar:           the same rows, row by row: stdnum's check and the scalar rule for one person
                  (the file is read before the clock starts, so the ratio favours the baseline).
rules-vectorised: the target-group rules alone over the validated rows (decide_register).
rules-scalar:     the same rules row by row (decide_person), on the same validated rows.
"""

import datetime as dt
import json
import resource
import sys
import tempfile
import time
from pathlib import Path

import polars as pl
from stdnum.fi import hetu

from kuntakokeilu.register.intake import read_register
from kuntakokeilu.rules.target_group import Context, Person, decide_person, decide_register

DECISION_COLUMNS = ["person_id", "home_municipality", "decision", "area", "reasons"]


def vectorised(path: Path, on: dt.date) -> tuple[int, float]:
    started = time.perf_counter()
    intake = read_register(path, on)
    decisions = decide_register(intake.accepted, Context.on_date(on)).collect()
    with tempfile.TemporaryDirectory() as folder:
        decisions.select(DECISION_COLUMNS).write_parquet(Path(folder) / "decisions.parquet")
    return intake.rows_read, time.perf_counter() - started


def scalar(path: Path, on: dt.date) -> tuple[int, float]:
    rows = pl.read_parquet(path).to_dicts()
    started = time.perf_counter()
    ctx = Context.on_date(on)
    for row in rows:
        if hetu.is_valid(row["person_id"], allow_temporary=True):
            person = Person(
                row["person_id"],
                row["home_municipality"],
                row["status"],
                row["earnings_related"],
                row["immigrant"],
                row["language"],
            )
            decide_person(person, ctx)
    return len(rows), time.perf_counter() - started


def rules_vectorised(path: Path, on: dt.date) -> tuple[int, float]:
    """Best of three (the first run also warms Polars' thread pool)."""
    accepted = read_register(path, on).accepted
    best = float("inf")
    for _ in range(3):
        started = time.perf_counter()
        decide_register(accepted, Context.on_date(on)).collect()
        best = min(best, time.perf_counter() - started)
    return accepted.height, best


def rules_scalar(path: Path, on: dt.date) -> tuple[int, float]:
    accepted = read_register(path, on).accepted
    columns = [
        "person_id",
        "home_municipality",
        "status",
        "earnings_related",
        "immigrant",
        "language",
    ]
    rows = accepted.select(columns).rows()
    started = time.perf_counter()
    ctx = Context.on_date(on)
    for row in rows:
        decide_person(Person(*row), ctx)
    return len(rows), time.perf_counter() - started


MODES = {
    "vectorised": vectorised,
    "scalar": scalar,
    "rules-vectorised": rules_vectorised,
    "rules-scalar": rules_scalar,
}

if __name__ == "__main__":
    mode, path, on = sys.argv[1], Path(sys.argv[2]), dt.date.fromisoformat(sys.argv[3])
    rows, seconds = MODES[mode](path, on)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"rows": rows, "seconds": seconds, "peak_mib": peak}))
