"""Hand-made events for the monitoring tests: one call per event, read as a story.

``event(7, "registered", "2021-03-05", subtype="unemployed", target_group=True)`` is client 7
registering as unemployed on 5 March 2021 in Helsinki (091), with the TE office responsible.
"""

from __future__ import annotations

import datetime as dt

import polars as pl

from kuntakokeilu.events.schema import conform

HELSINKI, ESPOO, VANTAA = "091", "049", "092"  # each in an experiment area
KAUNIAINEN = "235"  # in the Uusimaa ELY area (01) like the three, but in no experiment area


def day(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def event(
    client: int | None,
    kind: str,
    on: str,
    *,
    municipality: str = HELSINKI,
    area: str | None = None,
    organisation: str = "te_office",
    **attributes,
) -> dict:
    return {
        "client_key": client,
        "kind": kind,
        "on": day(on),
        "municipality": municipality,
        "area": area,
        "organisation": organisation,
        **attributes,
    }


def registered(client: int, on: str, state: str = "unemployed", **where) -> dict:
    """A registration of someone in the target group, 35 years old, not an immigrant."""
    attributes = {"age_years": 35, "immigrant": False, "language": "fi", "target_group": True}
    attributes.update({k: where.pop(k) for k in list(where) if k in attributes})
    return event(client, "registered", on, subtype=state, **attributes, **where)


def events(*rows: dict) -> pl.DataFrame:
    """The rows as an event frame in the schema's columns and types."""
    columns = {key for row in rows for key in row}
    filled = [{c: row.get(c) for c in columns} for row in rows]
    frame = pl.DataFrame(filled, infer_schema_length=None) if rows else pl.DataFrame()
    return conform(frame)
