"""Bulk writes of a referral run into the case database: no per-row ORM save.

Each chunk is staged into a temporary table (PostgreSQL: ``COPY``; SQLite: one ``executemany``)
and applied with set-based SQL in one transaction: the clients are upserted on their identity
code (``INSERT ... ON CONFLICT DO UPDATE``) and one referral event per changed client is inserted
(``ON CONFLICT DO NOTHING`` on (client, run)). A chunk is all or nothing, and applying one twice
changes nothing, so a run killed at any point and run again ends in the same state.
"""

from __future__ import annotations

import io

import polars as pl
from django.db import connection, transaction

from kuntakokeilu.clients.models import Client, ReferralEvent, ReferralRun

#: What the register says about a person, as each run stores it on ``Client`` (the API shows
#: the same fields).
CLIENT_FIELDS = (
    "person_id",
    "first_names",
    "last_name",
    "birth_date",
    "home_municipality",
    "status",
    "earnings_related",
    "immigrant",
    "language",
    "registered_on",
    "unemployed_since",
)
#: Columns staged per person, in order.
STAGED = (
    *CLIENT_FIELDS,
    "area_pk",
    "referred_on",
    "reasons",
    "left_on",
    "left_reason",
    "event_kind",
    "from_area",
    "to_area",
)
STAGE_TYPES = {
    "person_id": "varchar(11)",
    "first_names": "varchar(100)",
    "last_name": "varchar(100)",
    "birth_date": "date",
    "home_municipality": "varchar(3)",
    "status": "varchar(30)",
    "earnings_related": "boolean",
    "immigrant": "boolean",
    "language": "varchar(3)",
    "registered_on": "date",
    "unemployed_since": "date",
    "area_pk": "bigint",
    "referred_on": "date",
    "reasons": "varchar(200)",
    "left_on": "date",
    "left_reason": "varchar(200)",
    "event_kind": "varchar(30)",
    "from_area": "varchar(60)",
    "to_area": "varchar(60)",
}


def _table(model) -> str:
    return connection.ops.quote_name(model._meta.db_table)


def _create_stage(cursor) -> None:
    columns = ", ".join(f"{name} {kind}" for name, kind in STAGE_TYPES.items())
    cursor.execute("DROP TABLE IF EXISTS referral_stage")
    cursor.execute(f"CREATE TEMPORARY TABLE referral_stage ({columns})")


def _stage(cursor, chunk: pl.DataFrame) -> None:
    frame = chunk.select(STAGED)
    if connection.vendor == "postgresql":
        buffer = io.BytesIO()
        frame.write_csv(buffer, include_header=False, null_value="\\N", quote_style="necessary")
        columns = ", ".join(STAGED)
        with cursor.copy(
            f"COPY referral_stage ({columns}) FROM STDIN WITH (FORMAT csv, NULL '\\N')"
        ) as copy:
            copy.write(buffer.getvalue())
    else:
        marks = ", ".join(["%s"] * len(STAGED))
        cursor.executemany(
            f"INSERT INTO referral_stage ({', '.join(STAGED)}) VALUES ({marks})", frame.rows()
        )


def _upsert_clients(cursor) -> None:
    """People an area keeps or gets: every register field, the area, the first referral day.
    People who leave: no area, the day and the reason."""
    client = _table(Client)
    fields = ", ".join(CLIENT_FIELDS)
    updates = ", ".join(f"{f} = excluded.{f}" for f in CLIENT_FIELDS[1:])
    cursor.execute(
        f"""
        INSERT INTO {client} ({fields}, area_id, referred_on, reasons, left_on, left_reason)
        SELECT {fields}, area_pk, referred_on, coalesce(reasons, ''), left_on,
               coalesce(left_reason, '')
        FROM referral_stage
        WHERE area_pk IS NOT NULL
        ON CONFLICT (person_id) DO UPDATE SET {updates},
            area_id = excluded.area_id,
            referred_on = coalesce(excluded.referred_on, {client}.referred_on),
            reasons = excluded.reasons,
            left_on = NULL,
            left_reason = ''
        """
    )
    cursor.execute(
        f"""
        UPDATE {client} SET area_id = NULL, left_on = s.left_on, left_reason = s.left_reason
        FROM referral_stage s
        WHERE s.person_id = {client}.person_id AND s.area_pk IS NULL
        """
    )


def _insert_events(cursor, run: ReferralRun) -> None:
    client, event = _table(Client), _table(ReferralEvent)
    cursor.execute(
        f"""
        INSERT INTO {event} (client_id, run_id, kind, "on", from_area, to_area, reasons, notice)
        SELECT c.id, %s, s.event_kind, %s, coalesce(s.from_area, ''), coalesce(s.to_area, ''),
               coalesce(s.left_reason, s.reasons, ''), ''
        FROM referral_stage s JOIN {client} c ON c.person_id = s.person_id
        WHERE s.event_kind IS NOT NULL
        ON CONFLICT (client_id, run_id) DO NOTHING
        """,
        [run.pk, run.on],
    )


def apply_chunk(chunk: pl.DataFrame, run: ReferralRun) -> None:
    """Apply one chunk of staged people in one transaction, and count it done."""
    with transaction.atomic(), connection.cursor() as cursor:
        _create_stage(cursor)
        _stage(cursor, chunk)
        _upsert_clients(cursor)
        _insert_events(cursor, run)
        cursor.execute("DROP TABLE referral_stage")
        ReferralRun.objects.filter(pk=run.pk).update(chunks_done=run.chunks_done + 1)
    run.chunks_done += 1
