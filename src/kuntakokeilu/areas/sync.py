"""Keep a table equal to a list of rows, idempotently: insert what is new, update what changed,
delete what is gone, leave the rest alone. Running it twice changes nothing the second time."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import models


@dataclass(frozen=True)
class SyncCounts:
    created: int = 0
    updated: int = 0
    deleted: int = 0
    unchanged: int = 0

    def __str__(self) -> str:
        return (
            f"{self.created} created, {self.updated} updated, "
            f"{self.deleted} deleted, {self.unchanged} unchanged"
        )


def sync_rows(
    model: type[models.Model],
    rows: list[dict[str, Any]],
    key: tuple[str, ...],
    delete: bool = True,
) -> SyncCounts:
    """Make ``model``'s table hold exactly ``rows`` (matched on the ``key`` fields). With
    ``delete=False`` rows that are gone stay (for a parent whose children are synced after it;
    ``prune`` removes them then)."""
    existing = {_key(obj, key): obj for obj in model.objects.all()}
    fields = sorted({f for row in rows for f in row} - set(key))
    new, changed, seen = [], [], set()
    for row in rows:
        k = tuple(row[f] for f in key)
        seen.add(k)
        obj = existing.get(k)
        if obj is None:
            new.append(model(**row))
        elif _apply(obj, row, fields):
            changed.append(obj)
    stale = [obj.pk for k, obj in existing.items() if k not in seen] if delete else []
    model.objects.bulk_create(new, batch_size=2000)
    if changed:
        model.objects.bulk_update(changed, fields, batch_size=2000)
    model.objects.filter(pk__in=stale).delete()
    unchanged = len(rows) - len(new) - len(changed)
    return SyncCounts(len(new), len(changed), len(stale), unchanged)


def _key(obj: models.Model, key: tuple[str, ...]) -> tuple:
    return tuple(getattr(obj, f) for f in key)


def _apply(obj: models.Model, row: dict[str, Any], fields: list[str]) -> bool:
    """Set the row's values on ``obj``; True when anything changed."""
    changed = False
    for field in fields:
        if getattr(obj, field) != row[field]:
            setattr(obj, field, row[field])
            changed = True
    return changed


def prune(model: type[models.Model], rows: list[dict[str, Any]], key: tuple[str, ...]) -> int:
    """Delete the rows of ``model`` whose key is not among ``rows``; how many were deleted."""
    keep = {tuple(row[f] for f in key) for row in rows}
    stale = [obj.pk for obj in model.objects.all() if _key(obj, key) not in keep]
    model.objects.filter(pk__in=stale).delete()
    return len(stale)
