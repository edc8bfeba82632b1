"""Load the shipped reference data (kuntakokeilu.reference) into the web app's tables."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import replace

import polars as pl
from django.db import transaction

from kuntakokeilu.areas.models import (
    Area,
    AreaMembership,
    ElyCentre,
    JobseekerMonth,
    Municipality,
    Population,
)
from kuntakokeilu.areas.sync import SyncCounts, prune, sync_rows
from kuntakokeilu.reference import ReferenceData

MUNICIPALITY_FIELDS = [
    f.name for f in Municipality._meta.get_fields() if f.name not in {"id", "division"}
]


def _division_rows(ref: ReferenceData) -> Iterator[dict]:
    for division in ref.divisions:
        for row in division.municipalities.iter_rows(named=True):
            yield {"division": division.valid_from} | {f: row[f] or "" for f in MUNICIPALITY_FIELDS}


def municipality_rows(ref: ReferenceData) -> list[dict]:
    return list(_division_rows(ref))


def ely_rows(ref: ReferenceData) -> list[dict]:
    return [
        {
            "division": dt.date(row["division"], 1, 1),
            "code": row["ely_code"],
            "name_fi": row["ely_name_fi"],
            "name_sv": row["ely_name_sv"],
            "name_en": row["ely_name_en"],
            "te_office_fi": row["te_office_fi"] or "",
        }
        for row in ref.ely_centres.iter_rows(named=True)
    ]


def population_rows(ref: ReferenceData) -> list[dict]:
    frame = ref.populations.with_columns(pl.date(pl.col("division"), 1, 1).alias("division"))
    return frame.select("division", "code", "year", "population").to_dicts()


def jobseeker_rows(ref: ReferenceData) -> list[dict]:
    return ref.jobseekers_monthly.to_dicts()


def area_rows(ref: ReferenceData) -> list[dict]:
    return (
        ref.memberships.select("area_id", pl.col("area_name").alias("name"), "kind")
        .unique("area_id", keep="first", maintain_order=True)
        .to_dicts()
    )


def membership_rows(ref: ReferenceData) -> list[dict]:
    area_pk = dict(Area.objects.values_list("area_id", "pk"))
    return [
        {
            "area_id": area_pk[row["area_id"]],
            "municipality_code": row["code"],
            "valid_from": row["valid_from"],
            "valid_to": row["valid_to"],
            "round": row["round"],
            "source": row["source"],
        }
        for row in ref.memberships.iter_rows(named=True)
    ]


#: (table name, model, key fields, rows) in load order: areas before their memberships.
TABLES: list[tuple[str, type, tuple[str, ...], Callable[[ReferenceData], list[dict]]]] = [
    ("municipalities", Municipality, ("division", "code"), municipality_rows),
    ("ELY centres", ElyCentre, ("division", "code"), ely_rows),
    ("population figures", Population, ("division", "code", "year"), population_rows),
    ("job-seeker months", JobseekerMonth, ("code", "month"), jobseeker_rows),
    ("areas", Area, ("area_id",), area_rows),
    (
        "area memberships",
        AreaMembership,
        ("area_id", "municipality_code", "valid_from"),
        membership_rows,
    ),
]


@transaction.atomic
def load_reference(ref: ReferenceData) -> dict[str, SyncCounts]:
    """Make the reference tables equal to ``ref``; all or nothing. Areas are pruned last, after
    their memberships, so that an area that lost its last member can go."""
    counts = {
        name: sync_rows(model, rows(ref), key, delete=model is not Area)
        for name, model, key, rows in TABLES
    }
    removed = prune(Area, area_rows(ref), ("area_id",))
    counts["areas"] = replace(counts["areas"], deleted=removed)
    return counts
