"""The shape of monitoring results: the contract between ``monitor`` and the dashboards.

``monitor --out DIR`` writes (and ``monitoring.compute`` returns):

- ``indicators.parquet``: one row per indicator measure, grouping, group and month (``RESULTS``).
  ``value`` is what a chart shows; ``numerator`` and ``denominator`` are what it was computed from
  (``denominator`` null for counts and sums). ``persons`` is how many distinct people stand behind
  the figure (null for measures that are not about people, such as euros): the dashboards suppress
  small cells from it.
- ``quality.parquet``: one row per data-quality finding (``QUALITY``).
- ``definitions.json``: every indicator's written definition (numerator, denominator, grain,
  filters, source events), as the code holds it.

Groupings: each experiment ``area``, each ``municipality``, each ``ely`` area, ``rest_of_finland``
(the non-experiment municipalities together; group ``rest``), ``country`` (group ``FI``), and the
``experiment`` / ``comparison`` pair (groups ``experiment`` and ``comparison``: the experiment
municipalities together against the rest of Finland, the comparison the charts draw).
"""

from __future__ import annotations

import polars as pl

GROUPINGS = (
    "area",
    "municipality",
    "ely",
    "rest_of_finland",
    "country",
    "experiment_vs_comparison",
)

RESULTS: dict[str, pl.DataType] = {
    "indicator": pl.String(),  # "01" ... "10"
    "measure": pl.String(),  # e.g. "employed_stock", "transitions_to_work"
    "grouping": pl.String(),  # one of GROUPINGS
    "group": pl.String(),  # area id, municipality code, ELY code, "rest", "FI", ...
    "month": pl.Date(),  # the first day of the month
    "value": pl.Float64(),
    "numerator": pl.Float64(),
    "denominator": pl.Float64(),
    "persons": pl.Int64(),
}

QUALITY: dict[str, pl.DataType] = {
    "check": pl.String(),  # missing_month, impossible_value, outlier, ...
    "severity": pl.String(),  # "error" stops approval, "warning" is shown with the figures
    "indicator": pl.String(),  # null when the finding is about the events, not one indicator
    "grouping": pl.String(),
    "group": pl.String(),
    "month": pl.Date(),
    "message": pl.String(),  # a sentence a person can act on
}


def empty_results() -> pl.DataFrame:
    return pl.DataFrame(schema=RESULTS)


def empty_quality() -> pl.DataFrame:
    return pl.DataFrame(schema=QUALITY)
