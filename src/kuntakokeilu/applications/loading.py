"""Load the shipped applications (applications_2020.csv) into the web app's tables."""

from __future__ import annotations

import polars as pl

from kuntakokeilu.applications.models import Application
from kuntakokeilu.areas.sync import SyncCounts, sync_rows
from kuntakokeilu.reference import ReferenceData
from kuntakokeilu.rules.applications import applications_from_frame


def application_rows(ref: ReferenceData) -> list[dict]:
    frame = pl.read_csv(ref.data_dir / "applications_2020.csv", infer_schema=False)
    adds_to = {a.application_id: a.adds_to or "" for a in applications_from_frame(frame)}
    return [
        {
            "application_id": row["application_id"],
            "round": row["round"],
            "municipality_codes": row["kuntanumerot"],
            "outcome": row["outcome"] or "",
            "adds_to": adds_to[row["application_id"]],
        }
        for row in frame.iter_rows(named=True)
    ]


def load_applications(ref: ReferenceData) -> SyncCounts:
    return sync_rows(Application, application_rows(ref), ("application_id",))
