"""Referral at national scale: the CLI, the core, the scalar baseline, a 1M-row register."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from benchmarks.harness import KUNTAKOKEILU, Report, measure

ON = "2021-03-01"
SQLITE = {"DATABASE_URL": ""}


def generate(work: Path, scale: float, report: Report) -> Path:
    path = work / f"register-{scale:g}.parquet"
    m = measure(
        f"generate-register --scale {scale:g}",
        [
            KUNTAKOKEILU,
            "generate-register",
            "--on",
            ON,
            "--scale",
            str(scale),
            "--seed",
            "1",
            "--out",
            str(path),
        ],
        SQLITE,
    )
    report.measurement(m)
    return path


def core(register: Path, mode: str) -> dict:
    """The referral core timed inside a child (no interpreter or Django start-up)."""
    done = subprocess.run(
        [sys.executable, "-m", "benchmarks.refer_core", mode, str(register), ON],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def run(work: Path, report: Report) -> None:
    report.say("\nReferral of a national register (Parquet in, Parquet out, validation included)")
    national = generate(work, 1.0, report)
    cli = measure(
        "kuntakokeilu refer (scale 1, whole command)",
        [
            KUNTAKOKEILU,
            "refer",
            str(national),
            "--on",
            ON,
            "--out",
            str(work / "decisions.parquet"),
        ],
        SQLITE,
        note="incl. Python and Django start-up",
    )
    report.measurement(cli)
    vector = core(national, "vectorised")
    label = f"core: read + validate + decide + write, {vector['rows']:,} rows"
    report.say(
        f"  {label:<58} {vector['seconds']:8.2f} s  {vector['peak_mib']:8.0f} MiB"
        "  target ≤ 2 s, ≤ 2048 MiB"
    )
    scalar = core(national, "scalar")
    report.say(
        f"  {'baseline: stdnum + scalar rule row by row, same rows':<58} {scalar['seconds']:8.2f} s"
    )
    report.ratio(
        "whole path against stdnum + scalar rule row by row", scalar["seconds"] / vector["seconds"]
    )
    rules, by_row = core(national, "rules-vectorised"), core(national, "rules-scalar")
    report.say(
        f"  {'target-group rules, vectorised (decide_register)':<58} {rules['seconds']:8.2f} s"
    )
    report.say(
        f"  {'target-group rules, row by row (decide_person)':<58} {by_row['seconds']:8.2f} s"
    )
    report.ratio(
        "rules: vectorised against row by row", by_row["seconds"] / rules["seconds"], "≥ 50×"
    )
    million = generate(work, 1_000_000 / vector["rows"], report)
    big = core(million, "vectorised")
    report.say(
        f"  {'core, ' + format(big['rows'], ',') + ' rows':<58} {big['seconds']:8.2f} s"
        f"  {big['peak_mib']:8.0f} MiB"
    )
    per_row = (big["seconds"] / big["rows"]) / (vector["seconds"] / vector["rows"])
    report.ratio("cost per row, 1M rows against scale 1 (1.0 = linear)", per_row)
