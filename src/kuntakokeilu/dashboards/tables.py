"""Every table the dashboards show, as CSV and Excel, with small cells suppressed.

A ``Table`` is a frame and its columns. The frames come from the same functions as the pages
(``dashboard``), after ``suppression.suppress``: a suppressed figure's numbers are empty and its
``suppressed`` column is true, so no export holds a number a page withholds.

CSV is for machines: UTF-8, comma-separated, the column keys as the header, ISO dates and a
decimal point. Excel is for people: the column names in the user's language, numbers as numbers
and dates in the Finnish form (1.6.2021).
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass

import polars as pl
from django.db.models import QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kuntakokeilu.areas.models import Area
from kuntakokeilu.dashboards import dashboard, queries
from kuntakokeilu.dashboards.definitions import INDICATORS, parse
from kuntakokeilu.dashboards.models import Status
from kuntakokeilu.dashboards.suppression import suppress

CSV = "text/csv; charset=utf-8"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

LABELS = {
    "month": gettext_lazy("Month"),
    "status": gettext_lazy("Status"),
    "version": gettext_lazy("Version"),
    "indicator": gettext_lazy("Indicator"),
    "indicator_name": gettext_lazy("Indicator name"),
    "measure": gettext_lazy("Measure"),
    "grouping": gettext_lazy("Grouping"),
    "group": gettext_lazy("Group"),
    "group_name": gettext_lazy("Group name"),
    "value": gettext_lazy("Value"),
    "numerator": gettext_lazy("Numerator"),
    "denominator": gettext_lazy("Denominator"),
    "persons": gettext_lazy("Persons"),
    "suppressed": gettext_lazy("Suppressed (small cell)"),
    "severity": gettext_lazy("Severity"),
    "check": gettext_lazy("Check"),
    "message": gettext_lazy("Finding"),
    "due": gettext_lazy("Initial interviews due"),
    "on_time": gettext_lazy("Held on time"),
    "late": gettext_lazy("Held late"),
    "not_held": gettext_lazy("Not held"),
    "share_on_time": gettext_lazy("Share on time"),
    "service": gettext_lazy("Service"),
    "period_start": gettext_lazy("Period starts"),
    "period_end": gettext_lazy("Period ends"),
    "cap_euros": gettext_lazy("Cap (euros)"),
    "used_euros": gettext_lazy("Used (euros)"),
    "share_used": gettext_lazy("Share used"),
    "cap_places": gettext_lazy("Cap (places)"),
    "used_places": gettext_lazy("Places used"),
    "field": gettext_lazy("Field"),
    "text": gettext_lazy("Definition"),
}


@dataclass(frozen=True)
class Table:
    name: str
    frame: pl.DataFrame

    def labels(self) -> dict[str, str]:
        return {column: str(LABELS.get(column, column)) for column in self.frame.columns}


# -- the tables ---------------------------------------------------------------------------------


def status_words() -> pl.Expr:
    words = {s.value: str(s.label) for s in Status}
    return pl.col("status").replace_strict(words, default=pl.col("status"))


def figures_table(area: Area) -> Table:
    frame = suppress(queries.area_figures(area.area_id))
    names = {i: str(name) for i, name in INDICATORS.items()}
    groups = {
        group: dashboard.group_label(grouping, group, {area.area_id: area.name})
        for grouping, group in dashboard.comparison_groups(area)
    }
    return Table(
        "figures",
        frame.with_columns(
            status_words(),
            pl.col("indicator").replace_strict(names, default=pl.col("indicator"))
            .alias("indicator_name"),
            pl.col("group").replace_strict(groups, default=pl.col("group")).alias("group_name"),
        ).select(
            "month", "status", "version", "indicator", "indicator_name", "measure", "grouping",
            "group", "group_name", "value", "numerator", "denominator", "persons", "suppressed",
        ),
    )  # fmt: skip


def quality_table(area: Area) -> Table:
    frame = dashboard.area_findings(area).drop("month").rename({"version_month": "month"})
    return Table(
        "quality",
        frame.select("month", "severity", "check", "indicator", "grouping", "group", "message"),
    )


def timeliness_table(area: Area, on: dt.date) -> Table:
    frame = dashboard.area_timeliness(area, on).drop("persons")
    return Table("deadlines", frame)


def quotas_table(area: Area) -> Table:
    frame = dashboard.area_quotas(area)
    return Table(
        "quotas", frame.with_columns(pl.col("service_name").alias("service")).drop("service_name")
    )


def overview_table(areas: QuerySet[Area]) -> Table:
    shown = dashboard.overview(areas)
    rows = [
        {
            "group_name": row["label"],
            "group": row["area_id"],
            "indicator": column.indicator,
            "indicator_name": column.title,
            "measure": column.measure,
            "month": column.month,
            "value": cell["value"] if cell else None,
            "persons": cell["persons"] if cell else None,
            "suppressed": bool(cell and cell["suppressed"]),
        }
        for row in shown.rows
        for column, cell in zip(shown.columns, row["cells"], strict=True)
    ]
    schema = {
        "group_name": pl.String, "group": pl.String, "indicator": pl.String,
        "indicator_name": pl.String, "measure": pl.String, "month": pl.Date,
        "value": pl.Float64, "persons": pl.Int64, "suppressed": pl.Boolean,
    }  # fmt: skip
    return Table("overview", pl.DataFrame(rows, schema=schema, orient="row"))


def definition_rows(definitions) -> list[tuple[str, str, str, str, str]]:
    rows = []
    for d in definitions:
        rows += [(d.indicator, d.title, "", key, text) for key, text in d.fields]
        for m in d.measures:
            details = [("name", m.name), ("unit", m.unit), *m.fields]
            rows += [(d.indicator, d.title, m.measure, k, t) for k, t in details if t]
    return rows


def definitions_table() -> Table:
    columns = ["indicator", "indicator_name", "measure", "field", "text"]
    rows = definition_rows(parse(queries.latest_definitions()))
    return Table("definitions", pl.DataFrame(rows, schema=columns, orient="row"))


AREA_TABLES = {
    "figures": lambda area, on: figures_table(area),
    "quality": lambda area, on: quality_table(area),
    "deadlines": timeliness_table,
    "quotas": lambda area, on: quotas_table(area),
}


def area_table(name: str, area: Area, on: dt.date) -> Table | None:
    build = AREA_TABLES.get(name)
    return build(area, on) if build else None


# -- the files ----------------------------------------------------------------------------------


def to_csv(table: Table) -> bytes:
    return table.frame.write_csv(date_format="%Y-%m-%d").encode("utf-8")


def to_xlsx(table: Table) -> bytes:
    buffer = io.BytesIO()
    table.frame.rename(table.labels()).write_excel(
        buffer,
        worksheet=table.name[:31],
        dtype_formats={pl.Date: "d.m.yyyy"},
        float_precision=6,
        autofit=True,
    )
    return buffer.getvalue()


WRITERS = {"csv": (to_csv, CSV), "xlsx": (to_xlsx, XLSX)}


def file_of(table: Table, fmt: str) -> tuple[bytes, str]:
    """The table as a file of ``fmt`` (csv, xlsx): its bytes and content type."""
    write, content_type = WRITERS[fmt]
    return write(table), content_type


def title_of(name: str) -> str:
    titles = {
        "figures": _("Indicator figures"),
        "quality": _("Data-quality findings"),
        "deadlines": _("Deadline keeping"),
        "quotas": _("Quota use"),
        "overview": _("Overview of the areas"),
        "definitions": _("Indicator definitions"),
    }
    return str(titles.get(name, name))
