"""Retention: entries older than five years are purged, on a frozen clock, and the chain that is
left still verifies from the purge anchor."""

import datetime as dt
import io

import pytest
from django.core.management import call_command

from kuntakokeilu.audit import retention
from kuntakokeilu.audit.chain import verify
from kuntakokeilu.audit.models import AuditEntry, AuditHead

from .conftest import tamper, write_entries

pytestmark = pytest.mark.django_db

HELSINKI = dt.timezone(dt.timedelta(hours=2))
TODAY = dt.date(2026, 3, 1)


@pytest.fixture
def aged_log(clock):
    """Two entries of 2020, two from 1.3.2021 (exactly five years before TODAY), one of 2026."""
    for moment, count in (
        (dt.datetime(2020, 5, 4, 12, 0, tzinfo=HELSINKI), 2),
        (dt.datetime(2021, 3, 1, 0, 0, tzinfo=HELSINKI), 2),
        (dt.datetime(2026, 2, 27, 8, 0, tzinfo=HELSINKI), 1),
    ):
        clock.set(moment)
        write_entries(count)
    clock.set(dt.datetime(2026, 3, 1, 10, 0, tzinfo=HELSINKI))
    return list(AuditEntry.objects.order_by("id"))


def run(*args: str) -> str:
    out = io.StringIO()
    call_command("purge_audit", *args, stdout=out)
    return out.getvalue()


def test_the_retention_is_five_years_counted_from_local_midnight():
    assert retention.cutoff(TODAY) == dt.datetime(2021, 3, 1, 0, 0, tzinfo=HELSINKI)


def test_from_29_february_five_years_back_is_28_february():
    assert retention.years_before(dt.date(2028, 2, 29), 5) == dt.date(2023, 2, 28)


def test_a_dry_run_reports_and_changes_nothing(aged_log):
    output = run("--dry-run", "--today", "2026-03-01")
    assert "would delete 2 of 5 audit entries" in output
    assert list(AuditEntry.objects.order_by("id")) == aged_log
    assert AuditHead.objects.get().purged == 0


def test_apply_deletes_only_the_entries_older_than_five_years(aged_log):
    output = run("--apply", "--today", "2026-03-01")
    assert "deleted 2 of 5 audit entries" in output
    kept = set(AuditEntry.objects.values_list("id", flat=True))
    assert {e.pk for e in aged_log[2:]} <= kept
    assert not {e.pk for e in aged_log[:2]} & kept


def test_after_a_purge_the_chain_still_verifies(aged_log):
    run("--apply", "--today", "2026-03-01")
    write_entries(2)
    result = verify()
    assert (result.ok, result.checked) == (True, 3 + 1 + 2)  # kept, the purge's own, new


def test_the_purge_is_itself_logged(aged_log):
    run("--apply", "--today", "2026-03-01")
    entry = AuditEntry.objects.latest("id")
    assert (entry.action, entry.purpose, entry.object_kind) == (
        "delete",
        "administration",
        "audit_log",
    )
    assert "2 entries" in entry.detail


def test_the_default_day_is_today_on_the_frozen_clock(aged_log, clock):
    clock.set(dt.datetime(2027, 1, 1, 12, 0, tzinfo=HELSINKI))
    assert "would delete 4 of 5" in run("--dry-run")


def test_purging_everything_leaves_a_chain_that_continues(aged_log, clock):
    clock.set(dt.datetime(2032, 1, 1, 12, 0, tzinfo=HELSINKI))
    run("--apply")
    write_entries(1)
    assert AuditEntry.objects.count() == 2
    assert verify().ok


def test_purging_twice_keeps_the_chain_verifiable(aged_log, clock):
    run("--apply", "--today", "2026-03-01")
    clock.set(dt.datetime(2031, 1, 1, 12, 0, tzinfo=HELSINKI))
    run("--apply")
    assert verify().ok


def test_a_deleted_first_entry_after_a_purge_is_found(aged_log):
    run("--apply", "--today", "2026-03-01")
    tamper("DELETE FROM audit_auditentry WHERE id = %s", [aged_log[2].pk])
    assert verify().broken_id == aged_log[3].pk


def test_nothing_old_means_nothing_deleted_and_nothing_logged(aged_log):
    assert "deleted 0 of 5" in run("--apply", "--today", "2025-01-01")
    assert AuditEntry.objects.count() == 5
