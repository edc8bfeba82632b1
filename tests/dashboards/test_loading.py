"""Loading monitor output: months not locked are replaced, a locked month is never changed
silently (a differing recomputation becomes a correction awaiting approval), bad input is
refused whole, and every load is audited."""

from __future__ import annotations

import io
import re

import polars as pl
import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from kuntakokeilu.audit.models import AuditEntry
from kuntakokeilu.dashboards import loading
from kuntakokeilu.dashboards.loading import LoadError, decide, load_results
from kuntakokeilu.dashboards.models import Figure, Finding, MonthVersion, Release, Status
from kuntakokeilu.dashboards.queries import area_figures
from tests.dashboards.monitor_output import MONTHS, finding, quality, results, write_output

pytestmark = pytest.mark.django_db

JUNE = MONTHS[-1]


def lock(month, by=None):
    """Approve the month's shown version as a ministry analyst would (see test_approval)."""
    version = MonthVersion.objects.get(month=month, status__in=[Status.DRAFT])
    version.status, version.approved_at = Status.LOCKED, timezone.now()
    version.save()
    return version


def helsinki_transitions(month) -> float:
    frame = area_figures("helsinki").filter(
        (pl.col("month") == month)
        & (pl.col("group") == "helsinki")
        & (pl.col("measure") == "transitions")
    )
    return frame["value"].item()


def outcomes(summary) -> dict:
    return {o.month: o.outcome for o in summary.outcomes}


def test_a_first_load_stores_every_month_as_a_draft_with_all_its_figures(output):
    summary = load_results(output)
    versions = MonthVersion.objects.order_by("month")
    assert [(v.month, v.number, v.status) for v in versions] == [
        (month, 1, Status.DRAFT) for month in MONTHS
    ]
    assert Figure.objects.count() == results().height == summary.written
    assert set(outcomes(summary).values()) == {loading.NEW}


def test_loading_the_same_directory_again_changes_nothing(output):
    load_results(output)
    before = list(Figure.objects.order_by("pk").values_list("pk", flat=True))
    summary = load_results(output)
    assert set(outcomes(summary).values()) == {loading.UNCHANGED}
    assert summary.written == 0
    assert list(Figure.objects.order_by("pk").values_list("pk", flat=True)) == before


def test_a_draft_month_is_replaced_by_figures_that_differ(tmp_path):
    load_results(write_output(tmp_path / "first"))
    summary = load_results(write_output(tmp_path / "second", results(bump=5)))
    assert set(outcomes(summary).values()) == {loading.REPLACED}
    assert helsinki_transitions(JUNE) == 27.0  # 20 + 2 (June) + 5
    assert MonthVersion.objects.filter(month=JUNE).count() == 1
    assert Figure.objects.count() == results().height


def test_float_noise_below_nine_significant_digits_is_not_a_change(tmp_path):
    load_results(write_output(tmp_path / "first"))
    noisy = results().with_columns(pl.col("value") * (1 + 1e-13))
    summary = load_results(write_output(tmp_path / "second", noisy))
    assert set(outcomes(summary).values()) == {loading.UNCHANGED}


def test_a_locked_month_that_differs_gets_a_correction_and_keeps_its_figures(tmp_path):
    load_results(write_output(tmp_path / "first"))
    locked = lock(JUNE)
    summary = load_results(write_output(tmp_path / "second", results(bump=5)))

    assert outcomes(summary)[JUNE] == loading.CORRECTION
    assert outcomes(summary)[MONTHS[0]] == loading.REPLACED  # not locked: replaced
    correction = MonthVersion.objects.get(month=JUNE, status=Status.CORRECTION)
    assert correction.number == 2
    assert correction.supersedes == locked
    # Helsinki's two transition measures and nothing else changed.
    assert correction.changes == {
        "changed": 2,
        "added": 0,
        "removed": 0,
        "findings_differ": False,
    }
    locked.refresh_from_db()
    assert locked.status == Status.LOCKED
    assert helsinki_transitions(JUNE) == 22.0  # still the approved figure


def test_a_locked_month_recomputed_alike_stays_as_it_is(tmp_path):
    load_results(write_output(tmp_path / "first"))
    lock(JUNE)
    summary = load_results(write_output(tmp_path / "second"))
    assert outcomes(summary)[JUNE] == loading.LOCKED_UNCHANGED
    assert not MonthVersion.objects.filter(status=Status.CORRECTION).exists()


def test_a_pending_correction_is_replaced_by_a_newer_one_under_the_same_number(tmp_path):
    load_results(write_output(tmp_path / "first"))
    lock(JUNE)
    load_results(write_output(tmp_path / "second", results(bump=5)))
    summary = load_results(write_output(tmp_path / "third", results(bump=7)))
    assert outcomes(summary)[JUNE] == loading.CORRECTION_REPLACED
    correction = MonthVersion.objects.get(month=JUNE, status=Status.CORRECTION)
    assert correction.number == 2
    value = Figure.objects.get(version=correction, group="helsinki", measure="transitions").value
    assert value == 29.0


def test_a_correction_is_withdrawn_when_the_figures_agree_with_the_locked_ones_again(tmp_path):
    load_results(write_output(tmp_path / "first"))
    lock(JUNE)
    load_results(write_output(tmp_path / "second", results(bump=5)))
    summary = load_results(write_output(tmp_path / "third"))
    assert outcomes(summary)[JUNE] == loading.CORRECTION_WITHDRAWN
    withdrawn = MonthVersion.objects.get(month=JUNE, number=2)
    assert withdrawn.status == Status.WITHDRAWN
    assert not withdrawn.figures.exists()


def test_new_quality_findings_of_a_locked_month_make_a_correction_too(tmp_path):
    load_results(write_output(tmp_path / "first"))
    lock(JUNE)
    found = quality([finding("outlier", "warning", "Helsinki doubled", month=JUNE)])
    summary = load_results(write_output(tmp_path / "second", findings=found))
    assert outcomes(summary)[JUNE] == loading.CORRECTION
    correction = MonthVersion.objects.get(month=JUNE, status=Status.CORRECTION)
    assert correction.changes["findings_differ"] is True
    assert correction.changes["changed"] == 0


def test_months_the_directory_does_not_hold_are_left_as_they_are(tmp_path):
    load_results(write_output(tmp_path / "first"))
    summary = load_results(write_output(tmp_path / "second", results(months=MONTHS[1:], bump=1)))
    assert MONTHS[0] not in outcomes(summary)
    april = MonthVersion.objects.get(month=MONTHS[0])
    assert april.release == Release.objects.order_by("pk").first()


def test_a_finding_without_a_month_goes_with_every_month_of_the_load(tmp_path):
    found = quality(
        [
            finding("schema", "error", "The events have no area on 12 rows"),
            finding("outlier", "warning", "May is high", month=MONTHS[1], indicator="04"),
        ]
    )
    load_results(write_output(tmp_path / "first", findings=found))
    assert Finding.objects.filter(check_name="schema").count() == len(MONTHS)
    may = MonthVersion.objects.get(month=MONTHS[1])
    assert (may.errors, may.warnings) == (1, 1)


def test_every_load_writes_an_audit_row(output):
    summary = load_results(output)
    entry = AuditEntry.objects.filter(object_kind="indicator_release").get()
    assert entry.object_id == str(summary.release.pk)
    assert entry.action == "create"
    assert "3 new" in entry.detail


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda f: f.drop("persons"), "lacks the columns persons"),
        (lambda f: pl.concat([f, f.head(1)]), "the same figure appears twice"),
        (lambda f: f.with_columns(pl.col("month").dt.offset_by("1d")), "not the first day"),
        (lambda f: f.with_columns(grouping=pl.lit("kingdom")), "unknown grouping"),
        (lambda f: f.with_columns(persons=pl.lit(-1, pl.Int64)), "persons is negative"),
        (lambda f: f.with_columns(value=pl.lit("many")), "wrong type"),
    ],
)
def test_bad_figures_are_refused_whole_with_what_to_fix(tmp_path, change, message):
    directory = write_output(tmp_path / "bad", change(results()))
    with pytest.raises(LoadError, match=message):
        load_results(directory)
    assert not Release.objects.exists()
    assert not Figure.objects.exists()


def test_an_unknown_severity_is_refused(tmp_path):
    found = quality([finding("x", "fatal", "?")])
    with pytest.raises(LoadError, match="unknown severity"):
        load_results(write_output(tmp_path / "bad", findings=found))


def test_a_directory_without_the_monitor_files_is_refused(tmp_path):
    (tmp_path / "empty").mkdir()
    with pytest.raises(
        LoadError, match=re.escape("indicators.parquet, quality.parquet, definitions.json")
    ):
        load_results(tmp_path / "empty")


def test_the_command_loads_and_reports_each_month(output):
    out = io.StringIO()
    call_command("load_indicators", results=str(output), stdout=out)
    text = out.getvalue()
    assert "2021-06  new" in text
    assert f"{results().height} figures written" in text


def test_the_command_refuses_a_bad_directory_with_a_clear_error(tmp_path):
    with pytest.raises(CommandError, match=re.escape("has no indicators.parquet")):
        call_command("load_indicators", results=str(tmp_path), stdout=io.StringIO())


class Version:
    def __init__(self, status, digest):
        self.status, self.digest = status, digest


@pytest.mark.parametrize(
    ("shown", "pending", "digest", "expected"),
    [
        (None, None, "a", loading.NEW),
        (Version("draft", "a"), None, "a", loading.UNCHANGED),
        (Version("draft", "a"), None, "b", loading.REPLACED),
        (Version("locked", "a"), None, "a", loading.LOCKED_UNCHANGED),
        (Version("locked", "a"), None, "b", loading.CORRECTION),
        (Version("locked", "a"), Version("correction", "b"), "b", loading.CORRECTION_UNCHANGED),
        (Version("locked", "a"), Version("correction", "b"), "c", loading.CORRECTION_REPLACED),
        (Version("locked", "a"), Version("correction", "b"), "a", loading.CORRECTION_WITHDRAWN),
        (Version("locked", "a"), None, "r", loading.REJECTED_BEFORE),
        (Version("locked", "a"), Version("correction", "b"), "r", loading.REJECTED_BEFORE),
        (Version("draft", "a"), None, "r", loading.REPLACED),
    ],
)
def test_what_a_load_does_to_a_month(shown, pending, digest, expected):
    # "r" is the digest of a correction of the locked version that the ministry rejected
    assert decide(shown, pending, digest, rejected=frozenset({"r"})) == expected


def reject_june_correction():
    correction = MonthVersion.objects.get(month=JUNE, status=Status.CORRECTION)
    correction.status, correction.rejected_at = Status.REJECTED, timezone.now()
    correction.rejection_reason = "the source was re-extracted by mistake"
    correction.save()
    return correction


def test_figures_of_a_rejected_correction_computed_again_make_no_new_correction(tmp_path):
    load_results(write_output(tmp_path / "first"))
    lock(JUNE)
    load_results(write_output(tmp_path / "second", results(bump=5)))
    reject_june_correction()
    summary = load_results(write_output(tmp_path / "third", results(bump=5)))
    assert outcomes(summary)[JUNE] == loading.REJECTED_BEFORE
    assert not MonthVersion.objects.filter(month=JUNE, status=Status.CORRECTION).exists()
    assert helsinki_transitions(JUNE) == 22.0


def test_other_figures_after_a_rejection_make_a_new_correction(tmp_path):
    load_results(write_output(tmp_path / "first"))
    lock(JUNE)
    load_results(write_output(tmp_path / "second", results(bump=5)))
    rejected = reject_june_correction()
    summary = load_results(write_output(tmp_path / "third", results(bump=7)))
    assert outcomes(summary)[JUNE] == loading.CORRECTION
    correction = MonthVersion.objects.get(month=JUNE, status=Status.CORRECTION)
    assert correction.number == rejected.number + 1
    assert rejected.figures.exists()  # what was rejected is kept


def test_a_pending_correction_is_withdrawn_when_the_figures_return_to_a_rejected_one(tmp_path):
    load_results(write_output(tmp_path / "first"))
    lock(JUNE)
    load_results(write_output(tmp_path / "second", results(bump=5)))
    reject_june_correction()
    load_results(write_output(tmp_path / "third", results(bump=7)))
    summary = load_results(write_output(tmp_path / "fourth", results(bump=5)))
    assert outcomes(summary)[JUNE] == loading.REJECTED_BEFORE
    assert MonthVersion.objects.get(month=JUNE, number=3).status == Status.WITHDRAWN
