"""Work list and client page with a national case load: p95 server time and queries per page,
on SQLite and (under `make bench`, which starts a server) PostgreSQL."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from benchmarks.harness import KUNTAKOKEILU, Report
from benchmarks.referral import ON, generate

EVENTS_PER_CLIENT = 12  # a year: about one event a month
ACTED_SHARE = "0.005"  # of Helsinki's clients, a year of case work through the real actions
PG_DATABASE = "kuntakokeilu_casework_bench"


def run(work: Path, report: Report) -> None:
    register = work / "register-1.parquet"
    if not register.exists():
        register = generate(work, 1.0, report)
    lanes = {"SQLite": {"DATABASE_URL": "", "KUNTAKOKEILU_DATA_DIR": str(work / "casework")}}
    server = os.environ.get("DATABASE_URL", "")
    if server.startswith("postgres"):
        lanes["PostgreSQL"] = {"DATABASE_URL": fresh_database(server, PG_DATABASE)}
    for name, env in lanes.items():
        report.say(f"\nCase work at national scale ({name}, a Helsinki case worker)")
        measure_pages(work, register, os.environ | env, report)
    if len(lanes) == 1:
        report.say("  PostgreSQL: not measured (no DATABASE_URL; `make bench` starts a server)")


def fresh_database(server_url: str, name: str) -> str:
    """An empty database ``name`` on the server of ``server_url`` (dropped first if it exists)."""
    import psycopg

    parts = urlsplit(server_url)
    admin = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
        connection.execute(f'CREATE DATABASE "{name}"')
    return urlunsplit(parts._replace(path=f"/{name}"))


def measure_pages(work: Path, register: Path, env: dict[str, str], report: Report) -> None:
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
        ["size-quotas", "--from", ON, "--to", "2022-02-28"],
        ["create-demo-users", "--password-file", str(work / "users.txt")],
    ):
        subprocess.run([KUNTAKOKEILU, *command], env=env, check=True, capture_output=True)
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "benchmarks.casework_pages",
            str(EVENTS_PER_CLIENT),
            ACTED_SHARE,
        ],
        env=env,
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        raise SystemExit(f"casework pages failed:\n{done.stderr[-3000:]}")
    figures = json.loads(done.stdout.strip().splitlines()[-1])
    report.say(
        f"  {figures['clients']:,} clients ({figures['helsinki_clients']:,} in Helsinki), "
        f"{figures['events']:,} domain events: {figures['added_events']:,} bulk-inserted, "
        f"{figures['acted_events']:,} written by a year of case work through the actions for "
        f"{figures['acted_clients']:,} clients ({figures['acted_seconds']:.0f} s)"
    )
    for page in ("work_list", "client_page"):
        f = figures[page]
        report.say(
            f"  {page.replace('_', ' '):<58} p50 {f['p50_ms']:6.0f} ms  p95 "
            f"{f['p95_ms']:6.0f} ms  {f['queries']} queries  ({f['requests']} requests)"
            "  target p95 ≤ 150 ms"
        )
