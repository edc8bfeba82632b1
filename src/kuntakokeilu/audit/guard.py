"""The database refuses to change or remove audit entries (SECURITY.md: "the application can only
insert; updates and deletes are refused").

SQLite: BEFORE UPDATE and BEFORE DELETE triggers that abort. PostgreSQL: one plpgsql trigger
function that raises, except for a DELETE while the session setting ``kuntakokeilu.audit_purge``
is 'on' (set with SET LOCAL by the retention purge only). The SQLite purge drops the delete
trigger and creates it again inside its own transaction (SQLite DDL is transactional), so no
other connection ever sees the table unguarded.

The guard stops the application and careless hands. A database owner can still drop a trigger:
the hash chain (``verify-audit``) is what makes that visible.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from django.db import transaction

TABLE = "audit_auditentry"
PURGE_SETTING = "kuntakokeilu.audit_purge"

SQLITE_NO_UPDATE = f"""
CREATE TRIGGER audit_entry_no_update BEFORE UPDATE ON {TABLE}
BEGIN SELECT RAISE(ABORT, 'audit entries are append-only: UPDATE refused'); END
"""
SQLITE_NO_DELETE = f"""
CREATE TRIGGER audit_entry_no_delete BEFORE DELETE ON {TABLE}
BEGIN SELECT RAISE(ABORT, 'audit entries are append-only: DELETE refused'); END
"""
POSTGRES_FUNCTION = f"""
CREATE OR REPLACE FUNCTION audit_entry_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' AND current_setting('{PURGE_SETTING}', true) = 'on' THEN
    RETURN OLD;
  END IF;
  RAISE EXCEPTION 'audit entries are append-only: % refused', TG_OP
    USING ERRCODE = 'restrict_violation';
END
$$
"""
POSTGRES_TRIGGER = f"""
CREATE TRIGGER audit_entry_append_only BEFORE UPDATE OR DELETE ON {TABLE}
FOR EACH ROW EXECUTE FUNCTION audit_entry_append_only()
"""

INSTALL = {
    "sqlite": (SQLITE_NO_UPDATE, SQLITE_NO_DELETE),
    "postgresql": (POSTGRES_FUNCTION, POSTGRES_TRIGGER),
}
OPEN = {
    "sqlite": ("DROP TRIGGER audit_entry_no_delete",),
    "postgresql": (f"SET LOCAL {PURGE_SETTING} = 'on'",),
}
CLOSE = {
    "sqlite": (SQLITE_NO_DELETE,),
    "postgresql": (f"SET LOCAL {PURGE_SETTING} = 'off'",),
}
REMOVE = {
    "sqlite": (
        "DROP TRIGGER IF EXISTS audit_entry_no_update",
        "DROP TRIGGER IF EXISTS audit_entry_no_delete",
    ),
    "postgresql": (
        f"DROP TRIGGER IF EXISTS audit_entry_append_only ON {TABLE}",
        "DROP FUNCTION IF EXISTS audit_entry_append_only()",
    ),
}


def _run(connection, statements) -> None:
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


def _statements(table: dict, vendor: str) -> tuple[str, ...]:
    if vendor not in table:
        raise NotImplementedError(f"no append-only guard for the {vendor} database")
    return table[vendor]


def install(connection) -> None:
    """Create the triggers that refuse UPDATE and DELETE of audit entries."""
    _run(connection, _statements(INSTALL, connection.vendor))


def remove(connection) -> None:
    """Drop the triggers (migration reversal; tests that play the tamperer)."""
    _run(connection, _statements(REMOVE, connection.vendor))


@contextmanager
def deletion_allowed(connection) -> Iterator[None]:
    """Let this transaction delete audit entries (the retention purge), nothing else.

    On an error the transaction (or savepoint) is marked for rollback, and the rollback puts
    the guard back: the DROP TRIGGER and the SET LOCAL are undone with it.
    """
    if not connection.in_atomic_block:
        raise RuntimeError("audit entries may be purged only inside a transaction")
    _run(connection, _statements(OPEN, connection.vendor))
    try:
        yield
    except BaseException:
        transaction.set_rollback(True, using=connection.alias)
        raise
    _run(connection, _statements(CLOSE, connection.vendor))
