"""Timing a command in a child process: wall time and peak memory, printed as a person reads."""

from __future__ import annotations

import os
import platform
import resource
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

VENV_BIN = Path(sys.executable).parent
KUNTAKOKEILU = str(VENV_BIN / "kuntakokeilu")


@dataclass(frozen=True)
class Measurement:
    name: str
    seconds: float
    peak_mib: float
    note: str = ""


def measure(
    name: str, command: list[str], env: dict[str, str] | None = None, note: str = ""
) -> Measurement:
    """Run ``command``; its wall time and its own peak resident memory (a fresh child each time:
    Linux reports the largest child's peak, so each step runs in a child of its own)."""
    runner = [sys.executable, "-m", "benchmarks.child", *command]
    started = time.perf_counter()
    done = subprocess.run(runner, env=os.environ | (env or {}), capture_output=True, text=True)
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"{name} failed:\n{done.stdout}\n{done.stderr}")
    peak_kib = int(done.stdout.strip().splitlines()[-1])
    return Measurement(name, seconds, peak_kib / 1024, note)


def time_here(function) -> float:
    started = time.perf_counter()
    function()
    return time.perf_counter() - started


@dataclass
class Report:
    lines: list[str] = field(default_factory=list)

    def say(self, text: str) -> None:
        print(text, flush=True)
        self.lines.append(text)

    def measurement(self, m: Measurement) -> None:
        note = f"  ({m.note})" if m.note else ""
        self.say(f"  {m.name:<58} {m.seconds:8.2f} s  {m.peak_mib:8.0f} MiB{note}")

    def ratio(self, name: str, value: float, target: str = "") -> None:
        goal = f"  target {target}" if target else ""
        self.say(f"  {name:<58} {value:8.1f} ×{goal}")

    def print_summary(self) -> None:
        cores = os.cpu_count()
        memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
        print(
            f"\nmachine: {platform.machine()}, {cores} cores, {memory:.0f} GiB, "
            f"Python {platform.python_version()}, {platform.system()} {platform.release()}"
        )


def peak_of_children_kib() -> int:
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
