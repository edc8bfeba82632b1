"""The figures as the dashboards read them: Polars frames out of the stored month versions.

``shown`` figures are those of each month's shown version (the locked one, or the draft while
none is locked). Every frame that reaches a page or an export is passed through
``suppression.suppress`` by the caller that shows it (``dashboard``, ``tables``).
"""

from __future__ import annotations

import datetime as dt
from functools import reduce
from operator import or_

import polars as pl
from django.db.models import Q, QuerySet

from kuntakokeilu.dashboards import compare
from kuntakokeilu.dashboards.models import SHOWN, Figure, Finding, MonthVersion, Release

#: The groups every area is compared with: the experiment areas together and the comparison
#: group (the rest of Finland), as ``monitoring.results`` names them.
EXPERIMENT = ("experiment_vs_comparison", "experiment")
COMPARISON = ("experiment_vs_comparison", "comparison")
REFERENCE_GROUPS = (EXPERIMENT, COMPARISON)

FIGURE_SCHEMA = {
    "month": pl.Date,
    "status": pl.String,
    "version": pl.Int64,
    "indicator": pl.String,
    "measure": pl.String,
    "grouping": pl.String,
    "group": pl.String,
    "value": pl.Float64,
    "numerator": pl.Float64,
    "denominator": pl.Float64,
    "persons": pl.Int64,
}
FIGURE_VALUES = (
    "version__month",
    "version__status",
    "version__number",
    *compare.KEY,
    "value",
    "numerator",
    "denominator",
    "persons",
)
FINDING_SCHEMA = {
    "version_month": pl.Date,
    "check": pl.String,
    "severity": pl.String,
    "indicator": pl.String,
    "grouping": pl.String,
    "group": pl.String,
    "month": pl.Date,
    "message": pl.String,
}
CHUNK = 20_000


def shown_versions() -> QuerySet[MonthVersion]:
    return MonthVersion.objects.filter(status__in=SHOWN)


def in_groups(groups) -> Q:
    """Figures of any of the (grouping, group) pairs."""
    return reduce(or_, (Q(grouping=grouping, group=group) for grouping, group in groups), Q())


def figures_frame(figures: QuerySet[Figure]) -> pl.DataFrame:
    rows = figures.order_by().values_list(*FIGURE_VALUES)
    return pl.DataFrame(
        list(rows.iterator(chunk_size=CHUNK)), schema=FIGURE_SCHEMA, orient="row"
    ).sort("month", "indicator", "measure", "grouping", "group")


def shown_figures(groups=(), *, grouping: str | None = None, month: dt.date | None = None):
    """The shown figures of the (grouping, group) pairs and/or of a whole grouping."""
    condition = in_groups(groups) if groups else Q()
    if grouping:
        condition |= Q(grouping=grouping)
    figures = Figure.objects.filter(condition, version__status__in=SHOWN)
    if month:
        figures = figures.filter(version__month=month)
    return figures_frame(figures)


def area_figures(area_id: str) -> pl.DataFrame:
    """Every shown figure of the area and of the groups it is compared with."""
    return shown_figures([("area", area_id), *REFERENCE_GROUPS])


def version_figures(version: MonthVersion, groups=()) -> pl.DataFrame:
    """The figures of one version (of the given groups only, when given)."""
    figures = Figure.objects.filter(version=version)
    if groups:
        figures = figures.filter(in_groups(groups))
    return figures_frame(figures)


def latest_month() -> dt.date | None:
    version = shown_versions().filter(figures_count__gt=0).order_by("-month").first()
    return version.month if version else None


def pending_corrections() -> QuerySet[MonthVersion]:
    return MonthVersion.objects.filter(status=MonthVersion.Status.CORRECTION).select_related(
        "supersedes", "release"
    )


def corrections_differences(corrections: list[MonthVersion], groups) -> dict[int, pl.DataFrame]:
    """Correction pk → what it changes in the figures of ``groups`` against the locked version
    (one query for them all)."""
    versions = [v for c in corrections for v in (c.pk, c.supersedes_id)]
    figures = Figure.objects.filter(in_groups(groups), version__in=versions)
    rows = figures.order_by().values_list("version_id", *compare.FIGURE_COLUMNS)
    schema = {"version_id": pl.Int64} | {c: FIGURE_SCHEMA[c] for c in compare.FIGURE_COLUMNS}
    frame = pl.DataFrame(list(rows.iterator(chunk_size=CHUNK)), schema=schema, orient="row")
    by_version = {v: frame.filter(pl.col("version_id") == v) for v in versions}
    return {
        c.pk: compare.differences(by_version[c.supersedes_id], by_version[c.pk])
        for c in corrections
    }


def findings_frame(findings: QuerySet[Finding]) -> pl.DataFrame:
    rows = findings.order_by("version__month", "severity", "indicator", "pk").values_list(
        "version__month", "check_name", "severity", "indicator", "grouping", "group", "month",
        "message",
    )  # fmt: skip
    return pl.DataFrame(list(rows), schema=FINDING_SCHEMA, orient="row")


def findings_for(versions: QuerySet[MonthVersion], groups, municipalities=()) -> pl.DataFrame:
    """The findings of the versions that concern the groups: those about no group in particular
    (the whole load, or a whole grouping), about one of the groups, or about one of the
    ``municipalities``."""
    about = Q(group="") | in_groups(groups)
    if municipalities:
        about |= Q(grouping="municipality", group__in=list(municipalities))
    return findings_frame(Finding.objects.filter(about, version__in=versions))


def latest_definitions() -> object:
    release = Release.objects.order_by("-pk").only("definitions").first()
    return release.definitions if release else []
