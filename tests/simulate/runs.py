"""Simulated runs shared by the tests (each run once per test session: they take seconds)."""

from __future__ import annotations

import datetime as dt
from functools import cache

import polars as pl

from kuntakokeilu.reference import reference_data
from kuntakokeilu.simulate.engine import Settings, Simulation

#: A long run at 1 % of Finland: before the experiment, the experiment, the Nordic model (2.5.2022)
#: and the reform (1.1.2025).
LONG = ("2021-01-01", 50, 0.01)
#: A pair of runs that differ only in the effect, at 2 % of Finland.
PAIR = ("2021-01-01", 6, 0.02)


@cache
def months(start: str, count: int, scale: float, seed: int = 1, effect: float = 0.0):
    """The events of each month of a run (a tuple of frames)."""
    settings = Settings(dt.date.fromisoformat(start), count, scale, seed, effect)
    return tuple(result.events for result in Simulation(settings).run())


@cache
def events(start: str, count: int, scale: float, seed: int = 1, effect: float = 0.0):
    """All the events of a run in one frame."""
    return pl.concat(months(start, count, scale, seed, effect))


def of_kind(frame: pl.DataFrame, kind: str) -> pl.DataFrame:
    return frame.filter(pl.col("kind") == kind)


@cache
def experiment_municipalities() -> tuple[str, ...]:
    members = reference_data().memberships.filter(pl.col("kind") == "experiment_area")
    return tuple(sorted(set(members["code"])))
