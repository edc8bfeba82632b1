"""Verification of the hash chain: re-read every entry in id order and recompute its hash."""

from __future__ import annotations

from dataclasses import dataclass

from kuntakokeilu.audit.log import CHAINED_FIELDS, GENESIS, entry_hash
from kuntakokeilu.audit.models import AuditEntry, AuditHead

READ_FIELDS = ("id", *CHAINED_FIELDS, "previous_hash", "hash")


@dataclass(frozen=True)
class Verification:
    """The answer: ``ok`` with the number of entries checked, or the first broken entry."""

    checked: int
    broken_id: int | None = None
    problem: str = ""

    @property
    def ok(self) -> bool:
        return not self.problem


@dataclass(frozen=True)
class Start:
    """Where the chain starts: the genesis hash, or the purge anchor after a purge."""

    previous_hash: str = GENESIS
    first_id: int | None = None
    last_hash: str = GENESIS
    expected_count: int = 0
    has_head: bool = False


def start_of(head: AuditHead | None) -> Start:
    if head is None:
        return Start()
    return Start(
        has_head=True,
        previous_hash=head.anchor_previous_hash,
        first_id=head.anchor_id,
        last_hash=head.last_hash,
        expected_count=head.entries - head.purged,
    )


def link_problem(row: dict, expected_previous: str) -> str:
    if row["previous_hash"] != expected_previous:
        return "its previous_hash is not the hash of the entry before it (an entry is missing)"
    if entry_hash(expected_previous, row) != row["hash"]:
        return "its fields do not give its stored hash (the entry was changed)"
    return ""


def first_problem(row: dict, start: Start) -> str:
    if start.first_id is not None and row["id"] != start.first_id:
        return f"the chain should start at entry {start.first_id}, the purge anchor"
    return link_problem(row, start.previous_hash)


def end_problem(start: Start, last_hash: str, count: int) -> str:
    if count and not start.has_head:
        return "the chain head (AuditHead 1) is missing"
    if last_hash != start.last_hash:
        return "the chain ends before the head's last hash (entries at the end are missing)"
    if count != start.expected_count:
        return f"{count} entries, but the head counts {start.expected_count}"
    return ""


def at_head(start: Start, last_hash: str, count: int) -> bool:
    return start.has_head and count == start.expected_count and last_hash == start.last_hash


def walk(start: Start) -> Verification:
    """Recompute the chain from ``start``; entries after the head were written meanwhile."""
    expected, count, last_id = start.previous_hash, 0, None
    rows = AuditEntry.objects.order_by("id").values(*READ_FIELDS).iterator(chunk_size=5000)
    for row in rows:
        if at_head(start, expected, count):
            break
        problem = first_problem(row, start) if count == 0 else link_problem(row, expected)
        if problem:
            return Verification(checked=count, broken_id=row["id"], problem=problem)
        expected, count, last_id = row["hash"], count + 1, row["id"]
    problem = end_problem(start, expected, count)
    return Verification(checked=count, broken_id=last_id if problem else None, problem=problem)


def read_head() -> AuditHead | None:
    return AuditHead.objects.filter(pk=1).first()


def verify() -> Verification:
    """Walk the chain from its start (genesis or purge anchor) to the head.

    The head is read first: entries after it were written while this ran (writers commit in id
    order, holding the head's lock) and are left to the next run. When there was no head yet
    and one appeared, the very first entries were being written: the walk is done again.
    """
    head = read_head()
    result = walk(start_of(head))
    if head is None and not result.ok and (head := read_head()) is not None:
        return walk(start_of(head))
    return result
