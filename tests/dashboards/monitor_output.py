"""Hand-made monitor output (the contract of ``monitoring.results``): the dashboards tests and the
security walk load it as ``kuntakokeilu load-indicators`` would."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import polars as pl

from kuntakokeilu.monitoring.results import QUALITY, RESULTS

D = dt.date
AREAS = ("helsinki", "espoo", "pirkanmaa")
MONTHS = (D(2021, 4, 1), D(2021, 5, 1), D(2021, 6, 1))
DEFINITIONS = [
    {
        "indicator": "04",
        "name": "transitions to work or education",
        "grain": "client-month",
        "source_events": ["state_changed", "deregistered"],
        "measures": [
            {
                "measure": "transitions_rate",
                "name": "share moving to work or education",
                "unit": "share",
                "numerator": "clients moving to work or education in the month",
                "denominator": "unemployed clients at the start of the month",
            },
            {"measure": "transitions", "unit": "persons", "numerator": "clients moving"},
        ],
    },
    {"indicator": "07", "name": "job offers", "measures": ["job_offers"]},
]


def figure(indicator, measure, grouping, group, month, value, numerator=None, denominator=None,
           persons=None) -> dict:  # fmt: skip
    return {
        "indicator": indicator,
        "measure": measure,
        "grouping": grouping,
        "group": group,
        "month": month,
        "value": value,
        "numerator": numerator,
        "denominator": denominator,
        "persons": persons,
    }


def rate_rows(group, grouping, month, numerator, denominator) -> list[dict]:
    return [
        figure("04", "transitions_rate", grouping, group, month, numerator / denominator,
               numerator, denominator, denominator),
        figure("04", "transitions", grouping, group, month, numerator, numerator, None, numerator),
    ]  # fmt: skip


def results(months=MONTHS, bump: float = 0.0) -> pl.DataFrame:
    """Indicators 04 (a share and a count) and 07 (a count) for three areas and the comparison
    pair; ``bump`` adds to Helsinki's numerator of transitions (a recomputation that differs)."""
    rows = []
    for i, month in enumerate(months):
        for n, area in enumerate(AREAS):
            transitions = 20 + 10 * n + i + (bump if area == "helsinki" else 0)
            rows += rate_rows(area, "area", month, transitions, 200 + 50 * n)
            rows.append(figure("07", "job_offers", "area", area, month, 40.0 + n, persons=30 + n))
        rows += rate_rows("experiment", "experiment_vs_comparison", month, 900 + i, 9000)
        rows += rate_rows("comparison", "experiment_vs_comparison", month, 1200 + i, 10000)
        rows.append(figure("07", "job_offers", "municipality", "091", month, 30.0, persons=25))
    return pl.DataFrame(rows, schema=RESULTS)


def quality(rows=()) -> pl.DataFrame:
    return pl.DataFrame(list(rows), schema=QUALITY)


def finding(check, severity, message, month=None, indicator=None, grouping=None, group=None):
    return {
        "check": check,
        "severity": severity,
        "indicator": indicator,
        "grouping": grouping,
        "group": group,
        "month": month,
        "message": message,
    }


def write_output(directory: Path, figures=None, findings=None, definitions=None) -> Path:
    """A ``monitor --out`` directory with the given frames (defaults: ``results()``)."""
    directory.mkdir(parents=True, exist_ok=True)
    (results() if figures is None else figures).write_parquet(directory / "indicators.parquet")
    (quality() if findings is None else findings).write_parquet(directory / "quality.parquet")
    text = json.dumps(DEFINITIONS if definitions is None else definitions)
    (directory / "definitions.json").write_text(text, encoding="utf-8")
    return directory
