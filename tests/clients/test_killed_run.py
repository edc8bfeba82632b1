"""A referral run killed part way (SIGKILL, in a real process) and run again ends in the same
state as a run that was never interrupted: no duplicates, nothing lost."""

import os
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

KUNTAKOKEILU = str(Path(sys.executable).parent / "kuntakokeilu")
ON = "2021-03-01"
CLIENTS = """SELECT c.person_id, a.area_id, c.status, c.referred_on, c.reasons, c.left_on,
                    c.left_reason
             FROM clients_client c LEFT JOIN areas_area a ON a.id = c.area_id"""
EVENTS = """SELECT c.person_id, e.kind, e."on", e.from_area, e.to_area, e.reasons, r."on"
            FROM clients_referralevent e JOIN clients_client c ON c.id = e.client_id
            JOIN clients_referralrun r ON r.id = e.run_id"""


def environment(data_dir: Path) -> dict[str, str]:
    return os.environ | {
        "KUNTAKOKEILU_DATA_DIR": str(data_dir),
        "DATABASE_URL": "",
        "PYTHONUNBUFFERED": "1",
    }


def kuntakokeilu(env: dict[str, str], *args: str) -> None:
    subprocess.run([KUNTAKOKEILU, *args], env=env, check=True, capture_output=True, timeout=300)


def prepared(data_dir: Path) -> dict[str, str]:
    env = environment(data_dir)
    kuntakokeilu(env, "migrate", "--no-input")
    kuntakokeilu(env, "load-reference")
    return env


def refer(env: dict[str, str], register: Path, out: Path) -> list[str]:
    return [
        KUNTAKOKEILU,
        "refer",
        str(register),
        "--on",
        ON,
        "--out",
        str(out),
        "--load",
        "--chunk-size",
        "20",
        "--notices",
        str(out.parent / "notices"),
    ]


def state(data_dir: Path) -> tuple[list, list, list]:
    with sqlite3.connect(data_dir / "kuntakokeilu.sqlite3") as db:
        runs = db.execute("SELECT finished_at IS NOT NULL FROM clients_referralrun").fetchall()
        return sorted(db.execute(CLIENTS).fetchall()), sorted(db.execute(EVENTS).fetchall()), runs


@pytest.fixture(scope="module")
def register(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("register") / "register.parquet"
    env = environment(tmp_path_factory.mktemp("generator"))
    kuntakokeilu(
        env, "generate-register", "--on", ON, "--scale", "0.01", "--seed", "7", "--out", str(path)
    )
    return path


def test_a_killed_run_run_again_equals_an_uninterrupted_run(register, tmp_path):
    clean = prepared(tmp_path / "clean")
    subprocess.run(
        refer(clean, register, tmp_path / "clean" / "d.parquet"),
        env=clean,
        check=True,
        capture_output=True,
        timeout=300,
    )

    killed = prepared(tmp_path / "killed")
    command = refer(killed, register, tmp_path / "killed" / "d.parquet")
    process = subprocess.Popen(command, env=killed, stdout=subprocess.PIPE, text=True)
    for line in process.stdout:
        if line.startswith("chunk 5/"):
            process.send_signal(signal.SIGKILL)
            break
    process.wait(timeout=60)
    clients, _events, runs = state(tmp_path / "killed")
    assert runs == [(0,)], "the run must have been killed before it finished"
    assert 0 < len(clients) < len(state(tmp_path / "clean")[0])

    subprocess.run(command, env=killed, check=True, capture_output=True, timeout=300)
    assert state(tmp_path / "killed") == state(tmp_path / "clean")
