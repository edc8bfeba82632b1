"""Retention of the audit log: entries older than the retention period are purged.

The purge removes the oldest entries, a prefix of the chain, and moves the chain's start (the
purge anchor in ``AuditHead``) to the first entry it keeps, so ``verify-audit`` still checks
every entry that is left. It writes its own audit entry.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone

from kuntakokeilu.audit import guard
from kuntakokeilu.audit.log import locked_head, record
from kuntakokeilu.audit.models import Action, AuditEntry, AuditHead, Purpose

#: SECURITY.md, "Logging": access and disclosure logs are kept 5 years (no period is set by law;
#: DVV keeps its query logs 5 years).
RETENTION_YEARS = 5


def years_before(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February in a year that has none
        return day.replace(year=day.year - years, day=28)


def cutoff(today: dt.date) -> dt.datetime:
    """Entries before this moment (local midnight, RETENTION_YEARS before today) are old."""
    day = years_before(today, RETENTION_YEARS)
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


@dataclass(frozen=True)
class PurgePlan:
    cutoff: dt.datetime
    total: int
    old: int
    first_kept_id: int | None
    first_kept_previous_hash: str | None

    @property
    def kept(self) -> int:
        return self.total - self.old


def old_entries(first_kept_id: int | None):
    """The prefix of the chain before the first entry that is kept."""
    entries = AuditEntry.objects.all()
    return entries if first_kept_id is None else entries.filter(id__lt=first_kept_id)


def plan(today: dt.date) -> PurgePlan:
    """What a purge on ``today`` would delete (nothing is changed)."""
    moment = cutoff(today)
    first_kept = (
        AuditEntry.objects.filter(at__gte=moment)
        .order_by("id")
        .values("id", "previous_hash")
        .first()
    ) or {"id": None, "previous_hash": None}
    return PurgePlan(
        cutoff=moment,
        total=AuditEntry.objects.count(),
        old=old_entries(first_kept["id"]).count(),
        first_kept_id=first_kept["id"],
        first_kept_previous_hash=first_kept["previous_hash"],
    )


def move_anchor(head: AuditHead, planned: PurgePlan, deleted: int) -> None:
    """The chain now starts at the first kept entry (or at the next entry written)."""
    AuditHead.objects.filter(pk=head.pk).update(
        anchor_id=planned.first_kept_id,
        anchor_previous_hash=planned.first_kept_previous_hash or head.last_hash,
        purged=F("purged") + deleted,
    )


def purge(today: dt.date, actor=None) -> PurgePlan:
    """Delete the entries older than the retention period; returns what was deleted."""
    with transaction.atomic():
        head = locked_head()
        planned = plan(today)
        if not planned.old:
            return planned
        with guard.deletion_allowed(connection):
            deleted, _ = old_entries(planned.first_kept_id).delete()
        move_anchor(head, planned, deleted)
        record(
            actor=actor,
            action=Action.DELETE,
            purpose=Purpose.ADMINISTRATION,
            object_kind="audit_log",
            detail=f"retention purge: {deleted} entries before {planned.cutoff.isoformat()}",
        )
        return planned
