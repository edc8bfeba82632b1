"""Dated legal parameters: one YAML file per parameter, each value keyed by the day it takes effect.

A parameter file looks like this (OpenFisca's habit)::

    description: Age from which a job seeker no longer belongs to the target group as "under 30"
    unit: years
    values:
      - from: 2021-03-01
        value: 30
        status: confirmed          # confirmed | inferred | unknown (DOMAIN.md ✅ ⚠️ ❌)
        source: Act 1269/2020 §4; D000 "Målgrupp"

Changing a rule adds a dated value; it never edits history. ``value(name, on)`` answers with the
value in force on a day, and refuses a day before the first value with a message naming both.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

PARAMETER_DIR = Path(str(resources.files("kuntakokeilu.rules") / "parameters"))
STATUSES = ("confirmed", "inferred", "unknown")


class ParameterError(ValueError):
    """A parameter file is malformed, or a parameter has no value on the day asked."""


@dataclass(frozen=True)
class DatedValue:
    valid_from: dt.date
    value: Any
    status: str
    source: str


@dataclass(frozen=True)
class Parameter:
    name: str
    description: str
    unit: str
    values: tuple[DatedValue, ...]

    def in_force(self, on: dt.date) -> DatedValue:
        current = [v for v in self.values if v.valid_from <= on]
        if not current:
            raise ParameterError(
                f"parameter {self.name!r} has no value on {on.isoformat()}: "
                f"its first value takes effect on {self.values[0].valid_from.isoformat()}"
            )
        return current[-1]

    def value(self, on: dt.date) -> Any:
        return self.in_force(on).value


def _dated_value(name: str, raw: dict[str, Any]) -> DatedValue:
    missing = {"from", "value", "status", "source"} - raw.keys()
    if missing:
        raise ParameterError(f"parameter {name!r}: a value lacks {', '.join(sorted(missing))}")
    if not isinstance(raw["from"], dt.date):
        raise ParameterError(f"parameter {name!r}: 'from' must be a date (YYYY-MM-DD)")
    if raw["status"] not in STATUSES:
        raise ParameterError(f"parameter {name!r}: status must be one of {', '.join(STATUSES)}")
    return DatedValue(raw["from"], raw["value"], raw["status"], str(raw["source"]))


def read_parameter(path: Path) -> Parameter:
    name = path.stem
    document = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(document, dict) or not document.get("values"):
        raise ParameterError(f"parameter {name!r}: the file needs a non-empty 'values' list")
    values = tuple(_dated_value(name, v) for v in document["values"])
    if list(values) != sorted(values, key=lambda v: v.valid_from):
        raise ParameterError(f"parameter {name!r}: values must be in date order")
    return Parameter(name, document.get("description", ""), document.get("unit", ""), values)


class Parameters:
    """Every parameter in a directory, by name (the file's stem)."""

    def __init__(self, directory: Path = PARAMETER_DIR) -> None:
        self.by_name = {p.stem: read_parameter(p) for p in sorted(directory.glob("*.yaml"))}

    def __getitem__(self, name: str) -> Parameter:
        try:
            return self.by_name[name]
        except KeyError:
            raise ParameterError(f"no parameter named {name!r}") from None

    def value(self, name: str, on: dt.date) -> Any:
        return self[name].value(on)


@cache
def parameters() -> Parameters:
    """The shipped parameters, read once per process."""
    return Parameters()
