"""Write a simulation as an event directory (``events.schema``): all of it or nothing.

The months are written into a hidden directory beside ``out`` and moved into place only when
every month is written, checked (``schema.problems``) and the manifest is done. ``out`` may be a
new or empty directory, or an event directory (it is replaced); anything else is refused, so
nobody's files are overwritten by mistake.
"""

from __future__ import annotations

import shutil
import tempfile
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from kuntakokeilu.events import schema
from kuntakokeilu.simulate.engine import Settings, Simulation, SimulationError

WRITTEN_BY = "kuntakokeilu simulate"
TRUE_EFFECT_APPLIES_TO = (
    "the monthly probability of leaving the register for work (deregistered, subtype employed) "
    "of people whose responsible organisation on the month's first day is an experiment area's "
    "municipality, on months inside the experiment period (rules/parameters/"
    "experiment_period.yaml); it is multiplied by (1 + effect)"
)


class OutputError(SimulationError):
    """The output directory cannot be written as asked."""


def is_event_directory(path: Path) -> bool:
    """A directory holding a manifest and nothing but month files."""
    names = {p.name for p in path.iterdir()}
    months = {p.name for p in path.glob(schema.FILE_PATTERN)}
    return schema.MANIFEST in names and names <= months | {schema.MANIFEST}


def check_output(out: Path) -> None:
    if out.exists() and not out.is_dir():
        raise OutputError(f"{out} is a file; give a directory for the event files")
    if out.is_dir() and any(out.iterdir()) and not is_event_directory(out):
        raise OutputError(
            f"{out} is not empty and is not an event directory (manifest.json and "
            "events-YYYY-MM.parquet only); give a new or empty directory, or an event "
            "directory to replace"
        )


def write_simulation(
    settings: Settings, out: Path, progress: Callable[[str], None] | None = None, **sources
) -> dict:
    """Run the simulation and write it to ``out``; returns the manifest."""
    say = progress or (lambda message: None)
    out = Path(out)
    settings.check()
    check_output(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(dir=out.parent, prefix=f".{out.name}.writing-"))
    try:
        manifest = _write_months(settings, staging, say, sources)
        _replace(out, staging)
    finally:
        if staging.exists():
            shutil.rmtree(staging)
    return manifest


def _write_months(settings: Settings, directory: Path, say, sources: dict) -> dict:
    simulation = Simulation(settings, progress=say, **sources)
    kinds: Counter[str] = Counter()
    for result in simulation.run():
        problems = schema.problems(result.events)
        if problems:
            raise SimulationError(f"{result.month}: the events break the schema: {problems}")
        schema.write_month(result.events, directory, result.month.first)
        counts = dict(result.events.group_by("kind").len().iter_rows())
        kinds.update(counts)
        say(
            f"{result.month}: {result.events.height:,} events, {result.registered:,} on the "
            f"register at the month's end ({result.seconds:.1f} s)"
        )
    return schema.write_manifest(
        directory,
        written_by=WRITTEN_BY,
        first=settings.start,
        last=settings.last_day,
        seed=settings.seed,
        scale=settings.scale,
        effect=settings.effect,
        months=settings.months,
        true_effect={"relative_change": settings.effect, "applies_to": TRUE_EFFECT_APPLIES_TO},
        opening_stock={
            "day": settings.start.isoformat(),
            "people": simulation.opening_stock,
            "note": (
                "everyone on the register on the first day has a registered event on that day "
                "(their job search began earlier); count them out of the first month's "
                "registrations"
            ),
        },
        events_by_kind=dict(sorted(kinds.items())),
        calibration="kuntakokeilu.simulate.calibration (docs/simulator.md)",
        **{"from": settings.start.isoformat()},
    )


def _replace(out: Path, staging: Path) -> None:
    """Move the finished directory into place (an old event directory is removed)."""
    if out.exists():
        old = Path(tempfile.mkdtemp(dir=out.parent, prefix=f".{out.name}.old-"))
        out.rename(old / out.name)
        staging.rename(out)
        shutil.rmtree(old)
    else:
        staging.rename(out)
