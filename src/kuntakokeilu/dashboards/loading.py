"""``load_results``: store a ``monitor --out`` directory as a release, month by month.

The rules (docs/dashboards.md):

* A month seen for the first time becomes a draft (version 1).
* A draft is replaced by the new figures when they differ (same version, new rows).
* A locked (approved) month is never changed. New figures that differ become a *correction*
  (the next version number), awaiting approval; a later load replaces a pending correction
  again, and withdraws it when the figures agree with the locked ones once more.
* A correction the ministry rejected is not raised again: figures equal to a rejected correction
  of the locked version make no new correction (and withdraw a pending one).
* Months the directory does not hold are left as they are.

"Differ" is decided by a digest of the month's figures (rounded to ``compare.DIGITS``
significant digits) and its quality findings. A finding without a month belongs to every month
of the load. The whole load is one transaction: it is stored entirely or not at all, and the
audit row is in it. The directory is validated first; a bad file is refused with one message
saying what to fix, and nothing is written.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import time
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl
from django.db import transaction
from django.db.models import Max

from kuntakokeilu.audit.log import record
from kuntakokeilu.dashboards import bulk, compare
from kuntakokeilu.dashboards.models import Figure, Finding, MonthVersion, Release
from kuntakokeilu.monitoring.results import GROUPINGS, QUALITY, RESULTS

INDICATORS_FILE = "indicators.parquet"
QUALITY_FILE = "quality.parquet"
DEFINITIONS_FILE = "definitions.json"
SEVERITIES = ("error", "warning")
Status = MonthVersion.Status


class LoadError(Exception):
    """The directory cannot be loaded; the message says what to fix. Nothing was written."""


# -- reading and validating -----------------------------------------------------------------------


@dataclass(frozen=True)
class MonitorOutput:
    results: pl.DataFrame
    quality: pl.DataFrame
    definitions: object
    source: str
    sha256: str


def read_output(directory: Path) -> MonitorOutput:
    """The three files of a monitor output directory, checked against ``monitoring.results``."""
    directory = Path(directory)
    paths = [directory / name for name in (INDICATORS_FILE, QUALITY_FILE, DEFINITIONS_FILE)]
    missing = [path.name for path in paths if not path.is_file()]
    if missing:
        names = ", ".join(missing)
        raise LoadError(f"{directory} has no {names}: give a `monitor --out` directory")
    results = check_results(read_frame(paths[0], RESULTS))
    quality = check_quality(read_frame(paths[1], QUALITY))
    try:
        definitions = json.loads(paths[2].read_text(encoding="utf-8"))
    except (ValueError, UnicodeDecodeError) as error:
        raise LoadError(f"{paths[2]} is not valid JSON: {error}") from None
    sha = hashlib.sha256(paths[0].read_bytes()).hexdigest()
    return MonitorOutput(results, quality, definitions, str(directory.resolve()), sha)


def read_frame(path: Path, schema: dict) -> pl.DataFrame:
    try:
        frame = pl.read_parquet(path)
    except Exception as error:  # Polars raises several kinds for a bad file
        raise LoadError(f"{path} cannot be read as Parquet: {error}") from None
    missing = [name for name in schema if name not in frame.columns]
    if missing:
        raise LoadError(f"{path.name} lacks the columns {', '.join(missing)}")
    try:
        return frame.select(pl.col(name).cast(kind, strict=True) for name, kind in schema.items())
    except pl.exceptions.PolarsError as error:
        raise LoadError(f"{path.name} has a column of the wrong type: {error}") from None


def first_bad(frame: pl.DataFrame, condition: pl.Expr, columns: list[str]) -> str | None:
    bad = frame.with_row_index("row", offset=1).filter(condition)
    if bad.is_empty():
        return None
    row = bad.row(0, named=True)
    shown = ", ".join(f"{c}={row[c]!r}" for c in ["row", *columns])
    return f"{bad.height} rows, the first: {shown}"


def refuse_if(frame: pl.DataFrame, file: str, problems: list[tuple[str, pl.Expr, list]]) -> None:
    for what, condition, columns in problems:
        found = first_bad(frame, condition, columns)
        if found:
            raise LoadError(f"{file}: {what} ({found})")


def check_results(results: pl.DataFrame) -> pl.DataFrame:
    key = [*compare.KEY, "month"]
    refuse_if(
        results,
        INDICATORS_FILE,
        [
            ("a key column is empty", pl.any_horizontal(pl.col(key).is_null()), key),
            ("the month is not the first day of a month", pl.col("month").dt.day() != 1, key),
            ("unknown grouping", ~pl.col("grouping").is_in(GROUPINGS), key),
            ("persons is negative", pl.col("persons") < 0, [*key, "persons"]),
            ("the same figure appears twice", pl.struct(key).is_duplicated(), key),
        ],
    )
    return results


def check_quality(quality: pl.DataFrame) -> pl.DataFrame:
    columns = ["check", "severity", "month"]
    refuse_if(
        quality,
        QUALITY_FILE,
        [
            (
                "a finding has no check or message",
                pl.any_horizontal(pl.col("check", "message").is_null()),
                columns,
            ),
            ("unknown severity (error or warning)", ~pl.col("severity").is_in(SEVERITIES), columns),
            ("the month is not the first day of a month", pl.col("month").dt.day() != 1, columns),
        ],
    )
    return quality


# -- one month's part of the load -----------------------------------------------------------------


@dataclass(frozen=True)
class MonthPart:
    month: dt.date
    figures: pl.DataFrame
    findings: pl.DataFrame
    digest: str

    @property
    def errors(self) -> int:
        return int((self.findings["severity"] == "error").sum())

    @property
    def warnings(self) -> int:
        return int((self.findings["severity"] == "warning").sum())


def month_parts(output: MonitorOutput) -> list[MonthPart]:
    """The load split by month; a finding without a month goes with every month."""
    general = output.quality.filter(pl.col("month").is_null())
    dated = output.quality.filter(pl.col("month").is_not_null())
    months = sorted(set(output.results["month"]) | set(dated["month"]))
    figures = output.results.partition_by("month", as_dict=True, include_key=True)
    findings = dated.partition_by("month", as_dict=True, include_key=True)
    parts = []
    for month in months:
        month_figures = figures.get((month,), output.results.clear())
        month_findings = pl.concat([findings.get((month,), dated.clear()), general])
        digest = compare.digest(month_figures, month_findings)
        parts.append(MonthPart(month, month_figures, month_findings, digest))
    return parts


# -- what happens to a month ----------------------------------------------------------------------

NEW = "new"
UNCHANGED = "unchanged"
REPLACED = "replaced"
LOCKED_UNCHANGED = "locked_unchanged"
CORRECTION = "correction"
CORRECTION_UNCHANGED = "correction_unchanged"
CORRECTION_REPLACED = "correction_replaced"
CORRECTION_WITHDRAWN = "correction_withdrawn"
REJECTED_BEFORE = "rejected_before"


def decide(
    shown: MonthVersion | None,
    pending: MonthVersion | None,
    digest: str,
    rejected: frozenset[str] = frozenset(),
) -> str:
    """What a load does to a month, given its shown version (a draft or the locked one), its
    pending correction, the digest of the new figures and those of the corrections of the
    locked version that were rejected."""
    if shown is None:
        return NEW
    if shown.status == Status.DRAFT:
        return UNCHANGED if shown.digest == digest else REPLACED
    if shown.digest == digest:
        return CORRECTION_WITHDRAWN if pending else LOCKED_UNCHANGED
    if digest in rejected:
        return REJECTED_BEFORE
    if pending is None:
        return CORRECTION
    return CORRECTION_UNCHANGED if pending.digest == digest else CORRECTION_REPLACED


@dataclass(frozen=True)
class MonthOutcome:
    month: dt.date
    outcome: str
    version: int | None
    figures: int
    errors: int


@dataclass
class LoadSummary:
    release: Release
    outcomes: list[MonthOutcome] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)
    written: int = 0

    def count(self, outcome: str) -> int:
        return sum(1 for o in self.outcomes if o.outcome == outcome)


# -- the load --------------------------------------------------------------------------------------


def load_results(directory, *, by=None, request=None) -> LoadSummary:
    """Store the monitor output in ``directory`` (see the module for the rules)."""
    started = time.perf_counter()
    output = read_output(Path(directory))
    parts = month_parts(output)
    timings = {"read": time.perf_counter() - started}
    with transaction.atomic():
        release = Release.objects.create(
            loaded_by=by if getattr(by, "is_authenticated", False) else None,
            source=output.source[:500],
            indicators_sha256=output.sha256,
            definitions=output.definitions,
            rows=output.results.height,
            findings=output.quality.height,
        )
        summary = LoadSummary(release, timings=timings)
        write_started = time.perf_counter()
        store_months(parts, release, summary)
        timings["write"] = time.perf_counter() - write_started
        timings["total"] = time.perf_counter() - started
        finish(release, summary)
        audit_load(release, summary, by, request)
    return summary


def store_months(parts: list[MonthPart], release: Release, summary: LoadSummary) -> None:
    versions = existing_versions([part.month for part in parts])
    rejected = rejected_digests([part.month for part in parts])
    to_write: list[tuple[MonthVersion, MonthPart]] = []
    for part in parts:
        shown, pending = versions.get((part.month, "shown")), versions.get((part.month, "pending"))
        turned_down = rejected.get(shown.pk, frozenset()) if shown else frozenset()
        outcome = decide(shown, pending, part.digest, turned_down)
        version = apply(outcome, part, shown, pending, release)
        if outcome in (NEW, REPLACED, CORRECTION, CORRECTION_REPLACED):
            to_write.append((version, part))
        number = version.number if version else None
        summary.outcomes.append(
            MonthOutcome(part.month, outcome, number, part.figures.height, part.errors)
        )
    summary.written = write_rows(to_write)


def rejected_digests(months: list[dt.date]) -> dict[int, frozenset[str]]:
    """Per locked version: the digests of its corrections that were rejected."""
    found: dict[int, set[str]] = {}
    rows = MonthVersion.objects.filter(month__in=months, status=Status.REJECTED)
    for corrected, digest in rows.values_list("supersedes_id", "digest"):
        found.setdefault(corrected, set()).add(digest)
    return {pk: frozenset(digests) for pk, digests in found.items()}


def existing_versions(months: list[dt.date]) -> dict[tuple[dt.date, str], MonthVersion]:
    """(month, "shown" or "pending") → version, locked for the rest of the transaction."""
    rows = MonthVersion.objects.select_for_update().filter(
        month__in=months, status__in=[Status.DRAFT, Status.LOCKED, Status.CORRECTION]
    )
    return {(v.month, "pending" if v.status == Status.CORRECTION else "shown"): v for v in rows}


def apply(outcome: str, part: MonthPart, shown, pending, release) -> MonthVersion | None:
    """Create or update the month's version row for ``outcome``; the version the figures go
    to (or that stands unchanged)."""
    if outcome == NEW:
        return new_version(part, Status.DRAFT, release)
    if outcome == REPLACED:
        return replace(shown, part, release)
    if outcome == CORRECTION:
        return new_version(part, Status.CORRECTION, release, supersedes=shown)
    if outcome == CORRECTION_REPLACED:
        return replace(pending, part, release, changes=changes_against(shown, part))
    if outcome == CORRECTION_WITHDRAWN:
        withdraw(pending)
        return shown
    if outcome == REJECTED_BEFORE:
        if pending is not None:
            withdraw(pending)
        return shown
    return pending if outcome == CORRECTION_UNCHANGED else shown


def new_version(part: MonthPart, status: str, release: Release, supersedes=None) -> MonthVersion:
    last = MonthVersion.objects.filter(month=part.month).aggregate(n=Max("number"))["n"] or 0
    return MonthVersion.objects.create(
        month=part.month,
        number=last + 1,
        status=status,
        release=release,
        digest=part.digest,
        figures_count=part.figures.height,
        errors=part.errors,
        warnings=part.warnings,
        supersedes=supersedes,
        changes=changes_against(supersedes, part) if supersedes else {},
    )


def replace(version: MonthVersion, part: MonthPart, release: Release, changes=None):
    Figure.objects.filter(version=version).delete()
    Finding.objects.filter(version=version).delete()
    version.release = release
    version.digest = part.digest
    version.figures_count = part.figures.height
    version.errors, version.warnings = part.errors, part.warnings
    version.changes = changes or {}
    version.save()
    return version


def withdraw(version: MonthVersion) -> None:
    Figure.objects.filter(version=version).delete()
    Finding.objects.filter(version=version).delete()
    version.status = Status.WITHDRAWN
    version.save(update_fields=["status", "updated_at"])


def changes_against(locked: MonthVersion, part: MonthPart) -> dict:
    """How the new figures differ from the locked version's: counts, and whether the quality
    findings differ too."""
    from kuntakokeilu.dashboards.queries import version_figures  # queries imports this module

    changed = compare.differences(version_figures(locked), part.figures)
    counts = compare.change_counts(changed)
    old_findings = set(locked.findings.values_list("check_name", "severity", "message"))
    new_findings = set(part.findings.select("check", "severity", "message").iter_rows())
    return {**counts, "findings_differ": old_findings != new_findings}


# -- writing the rows -----------------------------------------------------------------------------

FIGURE_FIELDS = ("version_id", *compare.KEY, "month", "value", "numerator", "denominator")
FINDING_RENAMES = {"check": "check_name"}


def write_rows(to_write: list[tuple[MonthVersion, MonthPart]]) -> int:
    """Insert the figures and findings of the versions in one set-based write each."""
    if not to_write:
        return 0
    figures = pl.concat(
        [part.figures.with_columns(version_id=pl.lit(v.pk, pl.Int64)) for v, part in to_write]
    )
    findings = pl.concat(
        [part.findings.with_columns(version_id=pl.lit(v.pk, pl.Int64)) for v, part in to_write]
    )
    written = bulk.insert_frame(Figure, figures.select(*FIGURE_FIELDS, "persons"))
    findings = findings.rename(FINDING_RENAMES).with_columns(
        pl.col("indicator", "grouping", "group").fill_null("")
    )
    columns = ["version_id", "check_name", "severity", "indicator", "grouping", "group"]
    bulk.insert_frame(Finding, findings.select(*columns, "month", "message"))
    return written


def finish(release: Release, summary: LoadSummary) -> None:
    release.written = summary.written
    release.seconds = round(summary.timings["total"], 3)
    release.summary = {
        o.month.isoformat(): {"outcome": o.outcome, "version": o.version, "errors": o.errors}
        for o in summary.outcomes
    }
    release.save(update_fields=["written", "seconds", "summary"])


def audit_load(release: Release, summary: LoadSummary, by, request) -> None:
    outcomes = sorted({o.outcome for o in summary.outcomes})
    counts = ", ".join(f"{summary.count(o)} {o}" for o in outcomes) or "no months"
    record(
        actor=by,
        action="create",
        purpose="administration",
        object_kind="indicator_release",
        object_id=release.pk,
        request=request,
        detail=f"loaded {release.rows} figures: {counts}; {summary.written} written",
    )
