"""Comparing two computations of a month's figures: equal, or what changed.

Two recomputations of the same events may differ in the last bits of a float; such noise is not a
correction. Values are compared rounded to ``DIGITS`` significant digits, both in the digest that
decides whether a month changed and in the list of what changed.
"""

from __future__ import annotations

import hashlib

import polars as pl

KEY = ("indicator", "measure", "grouping", "group")
FLOATS = ("value", "numerator", "denominator")
FIGURE_COLUMNS = (*KEY, "value", "numerator", "denominator", "persons")
FINDING_COLUMNS = ("check", "severity", "indicator", "grouping", "group", "month", "message")
DIGITS = 9


def rounded(frame: pl.DataFrame) -> pl.DataFrame:
    return frame.with_columns(pl.col(c).round_sig_figs(DIGITS) for c in FLOATS)


def canonical(frame: pl.DataFrame, columns: tuple[str, ...], key: tuple[str, ...]) -> bytes:
    return frame.select(columns).sort(key, nulls_last=True).write_csv().encode()


def digest(figures: pl.DataFrame, findings: pl.DataFrame) -> str:
    """SHA-256 over a month's figures (rounded) and findings, in a fixed order."""
    sha = hashlib.sha256(canonical(rounded(figures), FIGURE_COLUMNS, KEY))
    sha.update(b"\x00findings\x00")
    sha.update(canonical(findings, FINDING_COLUMNS, FINDING_COLUMNS))
    return sha.hexdigest()


def side(frame: pl.DataFrame, suffix: str) -> pl.DataFrame:
    numbers = {c: f"{c}_{suffix}" for c in FIGURE_COLUMNS if c not in KEY}
    renamed = rounded(frame.select(FIGURE_COLUMNS)).rename(numbers)
    return renamed.with_columns(pl.lit(True).alias(f"in_{suffix}"))


def differences(before: pl.DataFrame, after: pl.DataFrame) -> pl.DataFrame:
    """The figures that differ between two computations, sorted by key: ``change`` is changed,
    added or removed; ``<number>_before`` and ``<number>_after`` hold both sides' numbers."""
    joined = side(before, "before").join(side(after, "after"), on=KEY, how="full", coalesce=True)
    in_both = pl.col("in_before").fill_null(False) & pl.col("in_after").fill_null(False)
    differs = ~in_both | pl.any_horizontal(
        pl.col(f"{c}_before").ne_missing(pl.col(f"{c}_after"))
        for c in ("value", "numerator", "denominator", "persons")
    )
    change = (
        pl.when(pl.col("in_before").is_null())
        .then(pl.lit("added"))
        .when(pl.col("in_after").is_null())
        .then(pl.lit("removed"))
        .otherwise(pl.lit("changed"))
    )
    return (
        joined.filter(differs)
        .with_columns(change.alias("change"))
        .drop("in_before", "in_after")
        .sort(KEY)
    )


def change_counts(changes: pl.DataFrame) -> dict[str, int]:
    counted = dict(changes.group_by("change").len().iter_rows())
    return {kind: int(counted.get(kind, 0)) for kind in ("changed", "added", "removed")}
