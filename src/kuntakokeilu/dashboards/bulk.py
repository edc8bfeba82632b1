"""Set-based writes of a Polars frame into a model's table, in the caller's transaction.

PostgreSQL takes the rows through ``COPY ... FROM STDIN`` (CSV); SQLite through ``executemany``
in batches. Both are an order of magnitude faster than ``bulk_create``, which builds a model
instance per row (measured in docs/dashboards.md). The frame's columns are the table's column
names; dates go in as ISO text, nulls as NULL.
"""

from __future__ import annotations

import io

import polars as pl
from django.db import connection

BATCH = 50_000


def quoted(names) -> str:
    return ", ".join(connection.ops.quote_name(name) for name in names)


def insert_frame(model, frame: pl.DataFrame, batch: int = BATCH) -> int:
    """Insert every row of ``frame`` into ``model``'s table; the number of rows."""
    if frame.is_empty():
        return 0
    table = connection.ops.quote_name(model._meta.db_table)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            copy_rows(cursor, table, frame)
        else:
            execute_rows(cursor, table, frame, batch)
    return frame.height


def copy_rows(cursor, table: str, frame: pl.DataFrame) -> None:
    buffer = io.BytesIO()
    frame.write_csv(buffer, include_header=False, null_value="\\N", quote_style="necessary")
    sql = f"COPY {table} ({quoted(frame.columns)}) FROM STDIN WITH (FORMAT csv, NULL '\\N')"
    with cursor.copy(sql) as copy:
        copy.write(buffer.getvalue())


def execute_rows(cursor, table: str, frame: pl.DataFrame, batch: int) -> None:
    as_text = frame.with_columns(pl.col(pl.Date).dt.to_string("%Y-%m-%d"))
    marks = ", ".join(["%s"] * frame.width)
    sql = f"INSERT INTO {table} ({quoted(frame.columns)}) VALUES ({marks})"
    for chunk in as_text.iter_slices(batch):
        cursor.executemany(sql, chunk.rows())
