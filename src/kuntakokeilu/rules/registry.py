"""Rules as small registered objects with stable identifiers.

Each rule is one definition with two forms: ``vectorised`` builds a Polars expression evaluated over
a whole frame (the batch path: no per-person Python), ``scalar`` answers for one record (the web
app). The tests hold the two forms equal on the same cases. The identifier is stored with every
decision as its reason, so renaming one is a data migration, never a refactoring.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import polars as pl


@dataclass(frozen=True)
class Rule:
    id: str
    description: str
    source: str
    vectorised: Callable[[Any], pl.Expr]
    scalar: Callable[[Any, Any], bool]


RULES: dict[str, Rule] = {}


def register(rule: Rule) -> Rule:
    if rule.id in RULES:
        raise ValueError(f"rule identifier {rule.id} is registered twice")
    RULES[rule.id] = rule
    return rule
