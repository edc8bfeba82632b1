"""``ProcessState``: what is due next, computed by ``rules.deadlines`` and cached per client.

``refresh_state(client)`` recomputes one client after an interview (``next_due``, the scalar
form); ``refresh_due(clients)`` recomputes a whole area after a referral load (``next_due_frame``,
the vectorised form): one grouped query for the facts, one Polars pass for the deadlines, and
one set-based upsert (through a staging table, as ``clients.bulk`` writes a referral run) of the
rows that are new or changed. Both read the same facts
(``querysets.process_facts``), so the two forms answer alike.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass

import polars as pl
from django.db import connection, models, transaction
from django.utils import timezone

from kuntakokeilu.audit.log import record
from kuntakokeilu.casework.models import ProcessState
from kuntakokeilu.casework.querysets import process_facts
from kuntakokeilu.clients.models import Client
from kuntakokeilu.rules import deadlines
from kuntakokeilu.rules.parameters import ParameterError

DUE_COLUMNS = ("due_kind", "due_on", "regime")
STATE_FIELDS = (*deadlines.STATE_COLUMNS, *DUE_COLUMNS)
FACT_SCHEMA = {
    "client_id": pl.Int64,
    "registered_on": pl.Date,
    "initial_interview_on": pl.Date,
    "supplementary_done": pl.Int64,
    "six_month_done": pl.Int64,
    "last_discussion_on": pl.Date,
}
BATCH = 2000


def facts_of(client: Client) -> deadlines.ProcessState:
    """The client's process facts, counted afresh from the interviews."""
    row = process_facts(Client.objects.filter(pk=client.pk)).get()
    return deadlines.ProcessState(**{c: row[c] for c in deadlines.STATE_COLUMNS})


def due_of(facts: deadlines.ProcessState) -> deadlines.Due | None:
    """The next item due; None when no regime covers the registration day."""
    try:
        return deadlines.next_due(facts)
    except ParameterError:
        return None


def regime_knows(kind: str, on: dt.date) -> bool:
    """Whether the regime in force on ``on`` has discussions of ``kind``."""
    try:
        schedule = deadlines.schedule_on(on)
    except ParameterError:
        return False
    counts = {
        deadlines.SUPPLEMENTARY_DISCUSSION: schedule.supplementary_count,
        deadlines.SIX_MONTH_DISCUSSION: schedule.six_month_discussions,
    }
    return counts.get(kind, 1) > 0


def refresh_state(client: Client) -> ProcessState:
    """Recompute and store one client's state and next due item."""
    facts = facts_of(client)
    due = due_of(facts)
    values = {c: getattr(facts, c) for c in deadlines.STATE_COLUMNS} | {
        "due_kind": due.kind if due else "",
        "due_on": due.due_on if due else None,
        "regime": due.regime if due else "",
    }
    state, _ = ProcessState.objects.update_or_create(client=client, defaults=values)
    return state


# -- the whole area at once ---------------------------------------------------------------------


@dataclass(frozen=True)
class Refreshed:
    clients: int
    created: int
    updated: int

    @property
    def unchanged(self) -> int:
        return self.clients - self.created - self.updated


def facts_frame(clients: models.QuerySet) -> pl.DataFrame:
    rows = process_facts(clients).values_list("pk", *deadlines.STATE_COLUMNS)
    return pl.DataFrame(list(rows.iterator(chunk_size=BATCH)), schema=FACT_SCHEMA, orient="row")


def stored_frame(clients: models.QuerySet) -> pl.DataFrame:
    rows = ProcessState.objects.filter(client__in=clients.values("pk")).values_list(
        "client_id", *STATE_FIELDS
    )
    schema = FACT_SCHEMA | {"due_kind": pl.String, "due_on": pl.Date, "regime": pl.String}
    return pl.DataFrame(list(rows.iterator(chunk_size=BATCH)), schema=schema, orient="row")


def computed_frame(facts: pl.DataFrame) -> pl.DataFrame:
    """The facts with the next due item, vectorised; empty texts where no regime applies."""
    if facts.is_empty():
        return facts.with_columns(
            pl.lit("").alias("due_kind"),
            pl.lit(None, pl.Date).alias("due_on"),
            pl.lit("").alias("regime"),
        )
    due = deadlines.next_due_frame(facts).collect()
    return due.with_columns(pl.col("due_kind", "regime").fill_null(""))


def split_changes(
    computed: pl.DataFrame, stored: pl.DataFrame
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """The rows without a stored state, and the rows whose stored state differs."""
    new = computed.join(stored, on="client_id", how="anti")
    both = computed.join(stored, on="client_id", how="inner", suffix="_stored")
    differs = pl.any_horizontal(pl.col(c).ne_missing(pl.col(f"{c}_stored")) for c in STATE_FIELDS)
    return new, both.filter(differs).select(computed.columns)


# -- set-based writes (ORM bulk_update costs about 1 ms a row in Python) ---------------------

STAGE_TYPES = {
    "client_id": "bigint",
    "registered_on": "date",
    "initial_interview_on": "date",
    "supplementary_done": "integer",
    "six_month_done": "integer",
    "last_discussion_on": "date",
    "due_kind": "varchar(30)",
    "due_on": "date",
    "regime": "varchar(40)",
}
STAGED = tuple(STAGE_TYPES)


def stage(cursor, frame: pl.DataFrame) -> None:
    """Put the rows to write into a temporary table (PostgreSQL: COPY; SQLite: executemany)."""
    columns = ", ".join(f"{name} {kind}" for name, kind in STAGE_TYPES.items())
    cursor.execute("DROP TABLE IF EXISTS process_stage")
    cursor.execute(f"CREATE TEMPORARY TABLE process_stage ({columns})")
    rows = frame.select(STAGED)
    if connection.vendor == "postgresql":
        buffer = io.BytesIO()
        rows.write_csv(buffer, include_header=False, null_value="\\N", quote_style="necessary")
        copy_sql = (
            f"COPY process_stage ({', '.join(STAGED)}) FROM STDIN WITH (FORMAT csv, NULL '\\N')"
        )
        with cursor.copy(copy_sql) as copy:
            copy.write(buffer.getvalue())
    else:
        marks = ", ".join(["%s"] * len(STAGED))
        cursor.executemany(f"INSERT INTO process_stage VALUES ({marks})", rows.rows())


def upsert_staged(cursor, now) -> None:
    table = connection.ops.quote_name(ProcessState._meta.db_table)
    fields = ", ".join(STAGED)
    updates = ", ".join(f"{f} = excluded.{f}" for f in STAGED[1:])
    cursor.execute(
        f"""
        INSERT INTO {table} ({fields}, refreshed_at)
        SELECT {fields}, %s FROM process_stage WHERE true
        ON CONFLICT (client_id) DO UPDATE SET {updates}, refreshed_at = excluded.refreshed_at
        """,
        [now],
    )
    cursor.execute("DROP TABLE process_stage")


def write_states(frame: pl.DataFrame) -> None:
    """Insert or update the states in ``frame`` with set-based SQL."""
    if frame.is_empty():
        return
    with connection.cursor() as cursor:
        stage(cursor, frame)
        upsert_staged(cursor, timezone.now())


def refresh_due(clients: models.QuerySet, *, label: str = "") -> Refreshed:
    """Recompute the states of ``clients`` in bulk; write only what is new or changed."""
    with transaction.atomic():
        computed = computed_frame(facts_frame(clients))
        new, changed = split_changes(computed, stored_frame(clients))
        write_states(pl.concat([new, changed]))
        result = Refreshed(computed.height, new.height, changed.height)
        record(
            actor=None,
            action="update",
            purpose="administration",
            object_kind="process_state",
            detail=f"refresh-due {label}: {result.clients} clients, {result.created} new, "
            f"{result.updated} changed",
        )
    return result
