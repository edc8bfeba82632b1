"""What the dashboard pages show, built from the stored figures (``queries``) and the case system
(``casework_figures``), with small cells suppressed before anything else sees them.

* ``area_dashboard``: one area's ten indicators over time against the comparison groups (a chart
  and its table per measure, the latest month and the area's rank among the areas), the quality
  findings beside the figures, notes on corrections awaiting approval, deadline keeping and
  quota use.
* ``overview``: the latest month of each indicator for every area the user may see.
* ``month_statuses``: each month's shown version and pending correction, for approving.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import reduce
from operator import or_

import polars as pl
from django.db.models import Max, Q, QuerySet
from django.utils.safestring import SafeString
from django.utils.text import slugify
from django.utils.translation import gettext as _

from kuntakokeilu.areas.models import Area, AreaMembership
from kuntakokeilu.dashboards import casework_figures, charts, queries
from kuntakokeilu.dashboards.definitions import (
    INDICATORS,
    Definition,
    by_indicator,
    indicator_name,
)
from kuntakokeilu.dashboards.measures import measure_name
from kuntakokeilu.dashboards.models import SHOWN, MonthVersion, Status
from kuntakokeilu.dashboards.suppression import suppress
from kuntakokeilu.quotas.models import Service

AREA = "area"


def group_label(grouping: str, group: str, areas: dict[str, str] | None = None) -> str:
    """A group in words: an area's name, or the comparison groups' names."""
    names = {
        queries.EXPERIMENT: _("All experiment areas"),
        queries.COMPARISON: _("Comparison group (rest of Finland)"),
        ("rest_of_finland", "rest"): _("Rest of Finland"),
        ("country", "FI"): _("Whole country"),
    }
    if (grouping, group) in names:
        return str(names[(grouping, group)])
    return (areas or {}).get(group, group) if grouping == AREA else f"{grouping} {group}"


def area_names() -> dict[str, str]:
    return dict(Area.objects.values_list("area_id", "name"))


def indicator_order(frame: pl.DataFrame) -> list[str]:
    """The ten indicators, then any other the figures hold."""
    others = sorted(set(frame["indicator"]) - set(INDICATORS)) if frame.height else []
    return [*INDICATORS, *others]


def measures_in_order(frame: pl.DataFrame, definition: Definition | None) -> list[str]:
    present = sorted(set(frame["measure"]))
    declared = [m.measure for m in definition.measures] if definition else []
    return [m for m in declared if m in present] + [m for m in present if m not in declared]


def is_rate(frame: pl.DataFrame) -> bool:
    """A rate, share or mean (it has a denominator): areas of any size compare."""
    return frame.height > 0 and frame["denominator"].is_not_null().any()


def headline_measure(frame: pl.DataFrame, definition: Definition | None) -> str | None:
    """The measure that stands for an indicator in the overview: the first the definitions
    name, else the first rate, else the first measure."""
    measures = measures_in_order(frame, definition)
    if not measures:
        return None
    if definition and definition.measures and measures[0] == definition.measures[0].measure:
        return measures[0]
    rates = [m for m in measures if is_rate(frame.filter(pl.col("measure") == m))]
    return (rates or measures)[0]


def unit_of(definition: Definition | None, measure: str) -> str:
    found = definition.measure(measure) if definition else None
    return found.unit if found else ""


def measure_label(definition: Definition | None, measure: str) -> str:
    """The measure's name in the reader's language (``measures.py``); the definition's own name
    (English) or the identifier for a measure it does not know."""
    named = measure_name(measure)
    if named != measure:
        return named
    found = definition.measure(measure) if definition else None
    return (found.name if found and found.name else "") or measure.replace("_", " ")


# -- ranks --------------------------------------------------------------------------------------


def ranks(month: dt.date | None) -> pl.DataFrame:
    """Each area's rank among the areas with a (shown, not suppressed) figure, highest first,
    for every measure of ``month``."""
    if month is None:
        return pl.DataFrame(
            schema={"indicator": pl.String, "measure": pl.String, "group": pl.String,
                    "rank": pl.Int64, "ranked": pl.Int64}
        )  # fmt: skip
    figures = suppress(queries.shown_figures(grouping=AREA, month=month))
    figures = figures.filter(pl.col("grouping") == AREA)
    by = ["indicator", "measure"]
    return figures.select(
        *by,
        "group",
        pl.col("value").rank("min", descending=True).over(by).cast(pl.Int64).alias("rank"),
        pl.col("value").count().over(by).cast(pl.Int64).alias("ranked"),
    )


# -- one area -----------------------------------------------------------------------------------


@dataclass
class MeasureView:
    indicator: str
    measure: str
    label: str
    unit: str
    rate: bool
    chart: SafeString
    chart_id: str
    rows: list[dict]
    latest: dict | None


@dataclass
class IndicatorView:
    indicator: str
    title: str
    definition: Definition | None
    measures: list[MeasureView] = field(default_factory=list)
    findings: list[dict] = field(default_factory=list)


@dataclass
class CorrectionNote:
    month: dt.date
    number: int
    locked_number: int
    changes: dict
    rows: list[dict]


@dataclass
class AreaDashboard:
    area: Area
    latest_month: dt.date | None
    months: list[MonthVersion]
    indicators: list[IndicatorView]
    general_findings: list[dict]
    corrections: list[CorrectionNote]
    timeliness: list[dict]
    quotas: list[dict]

    @property
    def has_figures(self) -> bool:
        return any(i.measures for i in self.indicators)


def comparison_groups(area: Area) -> list[tuple[str, str]]:
    return [(AREA, area.area_id), *queries.REFERENCE_GROUPS]


def measure_rows(frame: pl.DataFrame, area: Area) -> pl.DataFrame:
    """One row a month: the area's figure and the comparison groups' values, side by side."""

    def side(grouping: str, group: str, name: str) -> pl.DataFrame:
        part = frame.filter((pl.col("grouping") == grouping) & (pl.col("group") == group))
        return part.select(
            "month",
            pl.col("value").alias(name),
            pl.col("suppressed").alias(f"{name}_suppressed"),
            *([pl.col("persons"), pl.col("status")] if name == AREA else []),
        )

    months = frame.select("month").unique().sort("month")
    for grouping, group, name in (
        (AREA, area.area_id, AREA),
        (*queries.EXPERIMENT, "experiment"),
        (*queries.COMPARISON, "comparison"),
    ):
        months = months.join(side(grouping, group, name), on="month", how="left")
    return months.sort("month")


def chart_of(indicator: str, measure: str, label: str, rows: pl.DataFrame, area, rate, unit):
    names = [(AREA, area.name)]
    if rate:
        names += [("experiment", _("All experiment areas")),
                  ("comparison", _("Comparison group (rest of Finland)"))]  # fmt: skip
    series = [
        charts.Series(name, tuple(zip(rows["month"], rows[column], strict=True)))
        for column, name in names
        if rows[column].is_not_null().any() or column == AREA
    ]
    chart_id = f"chart-{indicator}-{slugify(measure)}"
    title = f"{indicator_name(indicator)}: {label}"
    return charts.line_chart(chart_id, title, series, unit), chart_id


def latest_of(rows: pl.DataFrame, month, rank: tuple) -> dict | None:
    at = rows.filter(pl.col("month") == month) if month else rows.clear()
    if at.is_empty():
        return None
    return {**at.row(0, named=True), "rank": rank[0], "ranked": rank[1]}


def measure_view(indicator, measure, part, area, definition, month, rank) -> MeasureView:
    label, unit, rate = (
        measure_label(definition, measure),
        unit_of(definition, measure),
        is_rate(part),
    )
    rows = measure_rows(part, area)
    chart, chart_id = chart_of(indicator, measure, label, rows, area, rate, unit)
    latest = latest_of(rows, month, rank)
    return MeasureView(
        indicator, measure, label, unit, rate, chart, chart_id, rows.to_dicts(), latest
    )


def area_ranks(area: Area, month) -> dict[tuple[str, str], tuple]:
    """(indicator, measure) → (the area's rank, how many areas were ranked)."""
    mine = ranks(month).filter(pl.col("group") == area.area_id)
    return {(i, m): (rank, ranked) for i, m, _, rank, ranked in mine.iter_rows()}


def indicator_views(area: Area, figures, findings, definitions, month) -> list[IndicatorView]:
    """The indicators' views: one pass over the figures, split by measure once."""
    rank_of = area_ranks(area, month)
    parts = figures.partition_by("indicator", "measure", as_dict=True)
    in_area = figures.filter(pl.col("grouping") == AREA)
    views = []
    for indicator in indicator_order(figures):
        definition = definitions.get(indicator)
        view = IndicatorView(indicator, indicator_name(indicator), definition)
        measures = measures_in_order(in_area.filter(pl.col("indicator") == indicator), definition)
        for measure in measures:
            rank = rank_of.get((indicator, measure), (None, None))
            part = parts[(indicator, measure)]
            view.measures.append(
                measure_view(indicator, measure, part, area, definition, month, rank)
            )
        view.findings = findings.filter(pl.col("indicator") == indicator).to_dicts()
        views.append(view)
    return views


def suppressed_sides(changed: pl.DataFrame) -> pl.DataFrame:
    """Each side of a correction's changes with its own small cells suppressed."""
    for side in ("before", "after"):
        numbers = tuple(f"{c}_{side}" for c in ("value", "numerator", "denominator", "persons"))
        changed = suppress(
            changed, persons=f"persons_{side}", numbers=numbers, flag=f"suppressed_{side}"
        )
    return changed


def correction_notes(area: Area, definitions: dict) -> list[CorrectionNote]:
    """Each pending correction, with what it changes in the area's and the comparison groups'
    figures (both sides suppressed on their own)."""
    corrections = list(queries.pending_corrections().order_by("month"))
    changes = queries.corrections_differences(corrections, comparison_groups(area))
    names = {area.area_id: area.name}
    notes = []
    for correction in corrections:
        rows = [
            {
                **row,
                "label": measure_label(definitions.get(row["indicator"]), row["measure"]),
                "unit": unit_of(definitions.get(row["indicator"]), row["measure"]),
                "group_label": group_label(row["grouping"], row["group"], names),
            }
            for row in suppressed_sides(changes[correction.pk]).iter_rows(named=True)
        ]
        notes.append(
            CorrectionNote(
                correction.month,
                correction.number,
                correction.supersedes.number,
                correction.changes,
                rows,
            )
        )
    return notes


def members_of(area: Area) -> list[str]:
    return list(
        AreaMembership.objects.filter(area=area).values_list("municipality_code", flat=True)
    )


def area_findings(area: Area) -> pl.DataFrame:
    return queries.findings_for(queries.shown_versions(), comparison_groups(area), members_of(area))


def up_to(frame: pl.DataFrame, column: str, month: dt.date | None) -> pl.DataFrame:
    return frame.filter(pl.col(column) <= month) if month else frame


def area_dashboard(area: Area, on: dt.date, month: dt.date | None = None) -> AreaDashboard:
    """The area's page as of ``month`` (default: the latest month with figures); ``on`` is
    today, for deadline keeping."""
    month = month or queries.latest_month()
    figures = up_to(suppress(queries.area_figures(area.area_id)), "month", month)
    findings = up_to(area_findings(area), "version_month", month)
    definitions = by_indicator(queries.latest_definitions())
    return AreaDashboard(
        area=area,
        latest_month=month,
        months=list(up_to_versions(month)),
        indicators=indicator_views(area, figures, findings, definitions, month),
        general_findings=findings.filter(pl.col("indicator") == "").to_dicts(),
        corrections=[
            n for n in correction_notes(area, definitions) if not month or n.month <= month
        ],
        timeliness=up_to(area_timeliness(area, on), "month", month).to_dicts(),
        quotas=area_quotas(area).to_dicts(),
    )


def up_to_versions(month: dt.date | None) -> QuerySet[MonthVersion]:
    versions = queries.shown_versions().select_related("approved_by").order_by("month")
    return versions.filter(month__lte=month) if month else versions


def area_timeliness(area: Area, on: dt.date) -> pl.DataFrame:
    frame = casework_figures.area_timeliness(area, on)
    numbers = ("due", "on_time", "late", "not_held", "share_on_time")
    return suppress(frame.with_columns(persons=pl.col("due")), numbers=(*numbers, "persons"))


def area_quotas(area: Area) -> pl.DataFrame:
    names = {s.value: str(s.label) for s in Service}
    frame = casework_figures.quota_use(area).with_columns(
        pl.col("service").replace_strict(names, default=pl.col("service")).alias("service_name")
    )
    return suppress(
        frame, persons="used_places", numbers=("used_euros", "share_used", "used_places")
    )


# -- every area ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class OverviewColumn:
    indicator: str
    title: str
    measure: str
    label: str
    unit: str
    month: dt.date


@dataclass
class Overview:
    columns: list[OverviewColumn]
    rows: list[dict]  # label, area_id (or ""), cells: one dict per column (value, suppressed)


def overview_figures(areas: QuerySet[Area]) -> pl.DataFrame:
    """The shown figures of the areas and the comparison groups in the latest month of each
    measure (the month found by one grouped query, the figures by a second)."""
    groups = [(AREA, area_id) for area_id in areas.values_list("area_id", flat=True)]
    if not groups:
        return queries.figures_frame(queries.Figure.objects.none())
    shown = queries.Figure.objects.filter(version__status__in=SHOWN)
    latest = list(
        shown.filter(queries.in_groups(groups))
        .order_by()
        .values_list("indicator", "measure")
        .annotate(latest=Max("month"))
    )
    if not latest:
        return queries.figures_frame(queries.Figure.objects.none())
    months = reduce(or_, (Q(indicator=i, measure=m, month=month) for i, m, month in latest))
    wanted = shown.filter(months).filter(queries.in_groups([*groups, *queries.REFERENCE_GROUPS]))
    return suppress(queries.figures_frame(wanted))


def overview_columns(figures: pl.DataFrame, definitions: dict) -> list[OverviewColumn]:
    columns = []
    for indicator in indicator_order(figures):
        definition = definitions.get(indicator)
        part = figures.filter((pl.col("indicator") == indicator) & (pl.col("grouping") == AREA))
        measure = headline_measure(part, definition)
        if measure is None:
            continue
        month = part.filter(pl.col("measure") == measure)["month"].max()
        label, unit = measure_label(definition, measure), unit_of(definition, measure)
        columns.append(
            OverviewColumn(indicator, indicator_name(indicator), measure, label, unit, month)
        )
    return columns


def overview_cells(figures: pl.DataFrame, columns: list[OverviewColumn]) -> pl.DataFrame:
    """The figures the overview shows: each column's measure in its month, every group."""
    wanted = pl.DataFrame(
        [(c.indicator, c.measure, c.month) for c in columns],
        schema={"indicator": pl.String, "measure": pl.String, "month": pl.Date},
        orient="row",
    )
    return figures.join(wanted, on=["indicator", "measure", "month"], how="semi")


def with_unit(cell: dict | None, unit: str) -> dict | None:
    return {**cell, "unit": unit} if cell else None


def overview(areas: QuerySet[Area]) -> Overview:
    figures = overview_figures(areas)
    definitions = by_indicator(queries.latest_definitions())
    columns = overview_columns(figures, definitions)
    cells = overview_cells(figures, columns)
    names = area_names()
    groups = [(AREA, a.area_id) for a in areas.order_by("name")] + list(queries.REFERENCE_GROUPS)
    rows = []
    for grouping, group in groups:
        mine = cells.filter((pl.col("grouping") == grouping) & (pl.col("group") == group))
        found = {(r["indicator"], r["measure"]): r for r in mine.iter_rows(named=True)}
        rows.append(
            {
                "label": group_label(grouping, group, names),
                "area_id": group if grouping == AREA else "",
                "cells": [with_unit(found.get((c.indicator, c.measure)), c.unit) for c in columns],
            }
        )
    return Overview(columns, rows)


# -- months and their approval ------------------------------------------------------------------


@dataclass
class MonthStatus:
    month: dt.date
    shown: MonthVersion | None = None
    correction: MonthVersion | None = None
    rejected: MonthVersion | None = None  # the latest correction of the shown version rejected
    errors: dict[int, list[str]] = field(default_factory=dict)  # version pk → error messages

    @property
    def shown_errors(self) -> list[str]:
        return self.errors.get(self.shown.pk, []) if self.shown else []

    @property
    def correction_errors(self) -> list[str]:
        return self.errors.get(self.correction.pk, []) if self.correction else []


def month_statuses() -> list[MonthStatus]:
    """Every month with a shown version or a pending correction, newest first, with the error
    findings that stop an approval."""
    versions = list(
        MonthVersion.objects.filter(
            status__in=[Status.DRAFT, Status.LOCKED, Status.CORRECTION]
        ).select_related("approved_by", "supersedes", "release")
    )
    rejections = MonthVersion.objects.filter(status=Status.REJECTED).select_related("rejected_by")
    latest_rejection = {v.supersedes_id: v for v in rejections.order_by("rejected_at")}
    errors: dict[int, list[str]] = {}
    found = queries.Finding.objects.filter(version__in=versions, severity="error")
    for version_id, message in found.order_by("pk").values_list("version_id", "message"):
        errors.setdefault(version_id, []).append(message)
    months: dict[dt.date, MonthStatus] = {}
    for version in versions:
        status = months.setdefault(version.month, MonthStatus(version.month, errors=errors))
        if version.status == Status.CORRECTION:
            status.correction = version
        else:
            status.shown = version
            status.rejected = latest_rejection.get(version.pk)
    return sorted(months.values(), key=lambda s: s.month, reverse=True)
