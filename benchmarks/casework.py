"""Work list and client page with a national case load: p95 server time and queries per page."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from benchmarks.harness import KUNTAKOKEILU, Report
from benchmarks.referral import ON, generate

EVENTS_PER_CLIENT = 12  # a year: about one event a month


def run(work: Path, report: Report) -> None:
    report.say("\nCase work at national scale (SQLite, a Helsinki case worker)")
    register = work / "register-1.parquet"
    if not register.exists():
        register = generate(work, 1.0, report)
    env = os.environ | {"DATABASE_URL": "", "KUNTAKOKEILU_DATA_DIR": str(work / "casework")}
    for command in (
        ["migrate", "--no-input", "-v0"],
        ["load-reference"],
        [
            "refer",
            str(register),
            "--on",
            ON,
            "--out",
            str(work / "d.parquet"),
            "--load",
            "--notices",
            str(work / "notices"),
        ],
    ):
        subprocess.run([KUNTAKOKEILU, *command], env=env, check=True, capture_output=True)
    done = subprocess.run(
        [sys.executable, "-m", "benchmarks.casework_pages", str(EVENTS_PER_CLIENT)],
        env=env,
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        raise SystemExit(f"casework pages failed:\n{done.stderr[-3000:]}")
    figures = json.loads(done.stdout.strip().splitlines()[-1])
    report.say(
        f"  {figures['clients']:,} clients ({figures['helsinki_clients']:,} in Helsinki), "
        f"{figures['events']:,} domain events"
    )
    for page in ("work_list", "client_page"):
        f = figures[page]
        report.say(
            f"  {page.replace('_', ' '):<58} p50 {f['p50_ms']:6.0f} ms  p95 "
            f"{f['p95_ms']:6.0f} ms  {f['queries']} queries  ({f['requests']} requests)"
            "  target p95 ≤ 150 ms"
        )
