"""Child process: time the referral core on a register; print JSON (rows, seconds, peak_mib).

vectorised: read_register + decide_register + write the decisions (Parquet), timed after the
            imports.
scalar:     the same rows, row by row: stdnum's check and the scalar rule for one person (the
            file is read before the clock starts, so the ratio favours the baseline).
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


if __name__ == "__main__":
    mode, path, on = sys.argv[1], Path(sys.argv[2]), dt.date.fromisoformat(sys.argv[3])
    rows, seconds = {"vectorised": vectorised, "scalar": scalar}[mode](path, on)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"rows": rows, "seconds": seconds, "peak_mib": peak}))
