"""Compute every indicator and the data-quality findings from events (no Django).

``compute`` takes events (any LazyFrame in the event schema), ``compute_directory`` an event
directory as ``simulate`` and ``export-events`` write it (checked against its manifest), and
``write_results`` writes what ``monitor`` leaves behind (results.py describes the files).

The steps: the client-month panel (``panel.build_panel``), each indicator's parts per home
municipality and month, the roll-up into all groupings (``groups.roll_up``), the values (a share
or mean is divided only after summing), the derived measures, then the quality checks.
"""

from __future__ import annotations

import datetime as dt
import json
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

from kuntakokeilu.events.schema import (
    FILE_PATTERN,
    EventSchemaError,
    conform,
    read_manifest,
    scan,
)
from kuntakokeilu.fileio import write_frame
from kuntakokeilu.monitoring import financing, groups, quality
from kuntakokeilu.monitoring.indicators import (
    DIVIDED,
    INDICATORS,
    PANEL_COLUMNS,
    PARTS,
    Indicator,
    Sources,
    in_order,
)
from kuntakokeilu.monitoring.panel import Panel, Vocabulary, build_panel, month_end
from kuntakokeilu.monitoring.results import QUALITY, RESULTS
from kuntakokeilu.reference import ReferenceData, reference_data
from kuntakokeilu.rules.parameters import Parameters, parameters

Progress = Callable[[str], None]


class MonitoringError(ValueError):
    """The events cannot be monitored as asked; the message says why and what to do."""


@dataclass(frozen=True)
class Period:
    """The months the results cover, and the days the data cover."""

    first_month: dt.date
    last_month: dt.date
    data_start: dt.date
    data_end: dt.date

    @property
    def months(self) -> list[dt.date]:
        return months_between(self.first_month, self.last_month)


@dataclass(frozen=True)
class MonitoringResults:
    indicators: pl.DataFrame  # results.RESULTS
    quality: pl.DataFrame  # results.QUALITY
    definitions: dict
    period: Period
    people: int = 0  # everyone with a status event
    panel_people: int = 0  # of them, those in the panel (all, or those ever in the target group)
    person_months: int = 0  # the panel's rows
    seconds: dict[str, float] = field(default_factory=dict)
    panel: Panel | None = None  # the whole panel, when ``compute(whole_panel=True)``


def months_between(first: dt.date, last: dt.date) -> list[dt.date]:
    months, month = [], first.replace(day=1)
    while month <= last:
        months.append(month)
        month = (month + dt.timedelta(days=32)).replace(day=1)
    return months


def last_full_month(data_end: dt.date) -> dt.date:
    """The last month whose month end the data reach."""
    if month_end(data_end) == data_end:
        return data_end.replace(day=1)
    return (data_end.replace(day=1) - dt.timedelta(days=1)).replace(day=1)


def definitions(params: Parameters | None = None) -> dict:
    """Every indicator's written definition, as ``definitions.json`` holds it."""
    return {
        "groupings": groups.__doc__.strip(),
        "monitored_group": Sources.monitored.__doc__.strip(),
        "labour_market_subsidy_financing": [
            {
                "valid_from": r.valid_from.isoformat(),
                "bands": [[b.first_day, b.last_day, b.municipality_share] for b in r.bands],
            }
            for r in financing.regimes(params)
        ],
        "indicators": [indicator.as_dict() for indicator in in_order()],
    }


# -- the steps ------------------------------------------------------------------------------


class _Clock:
    def __init__(self, progress: Progress | None):
        self.progress = progress or (lambda _: None)
        self.seconds: dict[str, float] = {}

    def step(self, name: str, work):
        started = time.perf_counter()
        result = work()
        self.seconds[name] = time.perf_counter() - started
        self.progress(f"{name} ({self.seconds[name]:.1f} s)")
        return result


def _indicator_parts(indicator: Indicator, sources: Sources) -> pl.DataFrame:
    parts = indicator.parts(sources).collect()
    return parts.select([pl.col(c).cast(t) for c, t in PARTS.items()])


def with_values(rolled: pl.DataFrame) -> pl.DataFrame:
    """Divide out shares and means; counts and sums are their numerator (no denominator)."""
    kinds = pl.DataFrame(
        [
            {"indicator": i.number, "measure": m.name, "divided": m.kind in DIVIDED}
            for i in INDICATORS.values()
            for m in i.measures
        ]
    )
    divided = pl.col("divided")
    return rolled.join(kinds, on=["indicator", "measure"], how="left").with_columns(
        pl.when(~divided)
        .then(pl.col("numerator"))
        .when(pl.col("denominator") > 0)
        .then(pl.col("numerator") / pl.col("denominator"))
        .alias("value"),
        pl.when(divided).then(pl.col("denominator")).alias("denominator"),
    )


def _derived(indicator: Indicator, figures: pl.DataFrame) -> pl.DataFrame | None:
    if indicator.derive is None:
        return None
    mine = figures.filter(pl.col("indicator") == indicator.number)
    return indicator.derive(mine)


def _as_results(frame: pl.DataFrame) -> pl.DataFrame:
    return frame.select([pl.col(c).cast(t) for c, t in RESULTS.items()])


def compute(
    events: pl.LazyFrame,
    period: Period,
    *,
    reference: ReferenceData | None = None,
    params: Parameters | None = None,
    progress: Progress | None = None,
    only: tuple[str, ...] | None = None,
    check_quality: bool = True,
    whole_panel: bool = False,
) -> MonitoringResults:
    """Every indicator (or ``only`` those numbered) for ``period``, with the quality findings.
    The panel holds what the indicators read (``PANEL_COLUMNS`` of the people ever in the target
    group); ``whole_panel`` builds it whole instead (everyone, every column: the same figures,
    tested) and returns it with the results, for research."""
    reference, params = reference or reference_data(), params or parameters()
    clock = _Clock(progress)
    events = conform(events)
    last_day = month_end(period.last_month)
    vocabulary = clock.step("codes used by the events", lambda: Vocabulary.of(events))
    panel = clock.step(
        "client-month panel",
        lambda: (
            build_panel(events, period.last_month, vocabulary)
            if whole_panel
            else build_panel(
                events, period.last_month, vocabulary, columns=PANEL_COLUMNS, monitored_only=True
            )
        ),
    )
    people = panel.persons.height + panel.left_out.len()
    clock.progress(f"  {panel_size(people, panel.persons.height, panel.frame.height)}")
    sources = Sources(panel, events, params, last_day)
    chosen = [INDICATORS[n] for n in (only or sorted(INDICATORS))]
    parts = pl.concat(
        [
            clock.step(f"indicator {i.number} {i.name}", lambda i=i: _indicator_parts(i, sources))
            for i in chosen
        ]
    )
    all_months = months_between(
        min(period.first_month, panel.frame["month"].min() or period.first_month),
        period.last_month,
    )
    members = groups.memberships(list(vocabulary.municipalities), all_months, reference)
    figures = clock.step(
        "groupings", lambda: with_values(groups.roll_up(parts.lazy(), members).collect())
    )
    derived = [d for i in chosen if (d := _derived(i, figures)) is not None]
    results = (
        pl.concat([_as_results(figures), *[_as_results(d) for d in derived]])
        .filter(pl.col("month").is_between(period.first_month, period.last_month))
        .sort("indicator", "measure", "grouping", "group", "month")
    )
    findings = (
        clock.step(
            "quality checks",
            lambda: _quality(events, results, period, vocabulary, reference, sources.unplaced),
        )
        if check_quality
        else pl.DataFrame(schema=QUALITY)
    )
    return MonitoringResults(
        results,
        findings,
        definitions(params),
        period,
        people=people,
        panel_people=panel.persons.height,
        person_months=panel.frame.height,
        seconds=clock.seconds,
        panel=panel if whole_panel else None,
    )


def panel_size(people: int, in_panel: int, person_months: int) -> str:
    """How many people the events have and how many of them the panel holds, in words."""
    if in_panel == people:
        return f"{people:,} people, all in the panel ({person_months:,} person-months)"
    return (
        f"{people:,} people; the panel holds the {in_panel:,} in the target group at some time "
        f"({person_months:,} person-months)"
    )


def _known_codes(reference: ReferenceData) -> set[str]:
    return {code for d in reference.divisions for code in d.municipalities["code"]}


def _quality(events, results, period: Period, vocabulary, reference, unplaced) -> pl.DataFrame:
    found = [
        *quality.unplaced_events(unplaced),
        *quality.event_findings(events, period.data_end),
        *quality.unknown_codes(vocabulary.municipalities, _known_codes(reference)),
        *quality.unmatched_service_ends(events),
        *quality.period_findings(period.data_start, period.last_month, period.data_end),
        *quality.impossible_figures(results),
        *quality.missing_figures(results, period.months),
        *quality.outliers(results, period.data_start),
    ]
    return quality.as_frame(found).sort("severity", "check", "month", nulls_last=True)


# -- an event directory ---------------------------------------------------------------------


def _manifest_day(manifest: dict, key: str, directory: Path) -> dt.date:
    try:
        return dt.date.fromisoformat(manifest[key])
    except (KeyError, TypeError, ValueError):
        raise EventSchemaError(
            f"{directory}/manifest.json has no valid {key!r} (YYYY-MM-DD)"
        ) from None


def directory_period(
    manifest: dict, directory: Path, first_month: dt.date | None, last_month: dt.date | None
) -> Period:
    data_start = _manifest_day(manifest, "first_day", directory)
    data_end = _manifest_day(manifest, "last_day", directory)
    first = (first_month or data_start).replace(day=1)
    last = (last_month or last_full_month(data_end)).replace(day=1)
    last = min(last, last_full_month(data_end))
    if last < first:
        raise MonitoringError(
            f"no whole month to monitor: the data cover {data_start.isoformat()} to "
            f"{data_end.isoformat()} and the months asked are {first:%Y-%m} to {last:%Y-%m}"
        )
    return Period(first, last, data_start, data_end)


def _rows_per_month(directory: Path) -> dict[dt.date, int]:
    counts = {}
    for path in sorted(directory.glob(FILE_PATTERN)):
        month = dt.date.fromisoformat(path.stem.removeprefix("events-") + "-01")
        counts[month] = pl.scan_parquet(path).select(pl.len()).collect().item()
    return counts


def compute_directory(
    directory: Path,
    first_month: dt.date | None = None,
    last_month: dt.date | None = None,
    **options,
) -> MonitoringResults:
    """``compute`` over an event directory, with the months its manifest declares."""
    manifest = read_manifest(directory)
    period = directory_period(manifest, directory, first_month, last_month)
    events = scan(directory)
    _check_columns(events, directory)
    results = compute(events, period, **options)
    missing = quality.missing_event_months(
        _rows_per_month(directory), months_between(period.data_start, period.last_month)
    )
    findings = pl.concat([quality.as_frame(missing), results.quality])
    return MonitoringResults(
        results.indicators,
        findings,
        results.definitions,
        period,
        results.people,
        results.panel_people,
        results.person_months,
        results.seconds,
        results.panel,
    )


def _check_columns(events: pl.LazyFrame, directory: Path) -> None:
    present = events.collect_schema().names()
    missing = [c for c in ("client_key", "kind", "on", "municipality") if c not in present]
    if missing:
        raise EventSchemaError(
            f"the event files in {directory} lack the column(s) {', '.join(missing)}"
        )


# -- writing --------------------------------------------------------------------------------


def write_results(results: MonitoringResults, out: Path, *, csv: bool = True) -> list[Path]:
    """indicators.parquet, quality.parquet, definitions.json (and CSV copies) in ``out``."""
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name, frame in (("indicators", results.indicators), ("quality", results.quality)):
        for suffix in (".parquet", ".csv") if csv else (".parquet",):
            path = out / f"{name}{suffix}"
            write_frame(frame, path)
            written.append(path)
    path = out / "definitions.json"
    path.write_text(
        json.dumps(results.definitions, indent=2, ensure_ascii=False, allow_nan=False) + "\n"
    )
    written.append(path)
    return written
