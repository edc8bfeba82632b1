"""Bulk-loading the referred clients of a national register into SQLite and PostgreSQL, against
per-row ORM saves on a sample."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from benchmarks.harness import KUNTAKOKEILU, Report
from benchmarks.referral import ON, generate

SAMPLE = 5_000


def child(module: str, *args: str, env: dict[str, str]) -> dict:
    done = subprocess.run(
        [sys.executable, "-m", module, *args], env=os.environ | env, capture_output=True, text=True
    )
    if done.returncode != 0:
        raise SystemExit(f"{module} failed:\n{done.stdout}\n{done.stderr}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def prepare(env: dict[str, str]) -> None:
    for command in (["migrate", "--no-input", "-v0"], ["load-reference"]):
        subprocess.run(
            [KUNTAKOKEILU, *command], env=os.environ | env, check=True, capture_output=True
        )


def measure_database(name: str, register: Path, env: dict[str, str], report: Report) -> None:
    prepare(env)
    bulk = child("benchmarks.load_core", str(register), ON, env=env)
    orm = child("benchmarks.orm_baseline", str(SAMPLE), ON, env=env)
    report.say(
        f"  {name + ': refer --load, ' + format(bulk['clients'], ',') + ' clients':<58}"
        f" {bulk['seconds']:8.2f} s  (of which writing {bulk['write_seconds']:.2f} s)"
        "  target ≤ 15 s"
    )
    report.say(
        f"  {name + ': per-row ORM saves, ' + format(SAMPLE, ',') + ' clients':<58}"
        f" {orm['seconds']:8.2f} s"
    )
    per_client_bulk = bulk["write_seconds"] / bulk["clients"]
    report.ratio(
        f"{name}: bulk write against per-row saves, per client",
        (orm["seconds"] / SAMPLE) / per_client_bulk,
    )


def run(work: Path, report: Report) -> None:
    report.say("\nBulk load of the referred clients (client rows + one referral event each)")
    register = work / "register-1.parquet"
    if not register.exists():
        register = generate(work, 1.0, report)
    sqlite = {"DATABASE_URL": "", "KUNTAKOKEILU_DATA_DIR": str(work / "sqlite")}
    measure_database("SQLite", register, sqlite, report)
    if os.environ.get("DATABASE_URL", "").startswith("postgres"):
        measure_database("PostgreSQL", register, {}, report)
    else:
        report.say("  PostgreSQL: not measured (no DATABASE_URL; `make bench` starts a server)")
