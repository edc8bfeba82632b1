"""The event schema: the one contract between case work, the simulator, monitoring and evaluation.

An event says **what** happened (``kind``), **to whom** (``client_key``: a pseudonymous key, never
an identity code), **when** (``on``: the day it happened; for a benefit payment, the payment day)
and **where** (``municipality``: the home municipality then, ``area``: the experiment area
responsible then or null, ``organisation``: who was responsible then), with typed attributes.
Every kind uses only the attribute columns listed for it in ``KINDS``; the other attribute
columns are null. ``docs/events.md`` is the same contract written for people.

An event directory (what ``simulate`` and ``export-events`` write and ``monitor`` reads) holds
``events-YYYY-MM.parquet`` files, one per calendar month of ``on``, and ``manifest.json``
(``MANIFEST``): the schema version, who wrote it, the period and the row count per file.

The core imports no Django.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path

import polars as pl

SCHEMA_VERSION = 1
MANIFEST = "manifest.json"
FILE_PATTERN = "events-*.parquet"

#: who was responsible for the person's public employment services then
ORGANISATIONS = ("te_office", "municipality")

#: the person's labour-market state (``registered``, ``state_changed``, ``deregistered``)
STATES = (
    "unemployed",  # registered and fully unemployed
    "laid_off",  # registered and laid off (lomautettu)
    "in_service",  # registered and in a service (wage-subsidised work counts here)
    "part_time",  # registered while working part time or shortened hours
    "employed",  # working in the open labour market (after deregistration, or while registered)
    "education",  # in degree education
    "outside_labour_force",  # other reasons: care, military service, pension, moved abroad
    "unknown",  # deregistered without a known destination
)

#: the services (``service_started``, ``service_ended``); the first six are the case system's
SERVICES = (
    "wage_subsidy",
    "start_up_grant",
    "labour_market_training",
    "coaching",
    "work_trial",
    "career_guidance",
    "rehabilitation",
    "self_motivated_study",
)

#: the interview kinds of the service process (``interview_held``); rules.deadlines' names
INTERVIEWS = (
    "initial_interview",
    "supplementary_discussion",
    "six_month_discussion",
    "job_search_discussion",
    "other",
)

#: unemployment benefits (``benefit_paid``)
BENEFITS = ("labour_market_subsidy", "basic_allowance", "earnings_related_allowance")

#: what came of a job offer (``job_offer_answered``)
OFFER_OUTCOMES = ("applied", "hired", "refused", "no_answer")

#: the columns every event has, then the typed attributes (null where a kind does not use them)
COLUMNS: dict[str, pl.DataType] = {
    "client_key": pl.UInt64(),
    "kind": pl.String(),
    "on": pl.Date(),
    "municipality": pl.String(),
    "area": pl.String(),
    "organisation": pl.String(),
    # attributes
    "subtype": pl.String(),
    "item_key": pl.UInt64(),
    "days": pl.Int16(),
    "amount_eur": pl.Float64(),
    "counter_before": pl.Int32(),
    "score": pl.Int8(),
    "due_on": pl.Date(),
    "age_years": pl.Int16(),
    "immigrant": pl.Boolean(),
    "language": pl.String(),
    "target_group": pl.Boolean(),
}
BASE_COLUMNS = ("client_key", "kind", "on", "municipality", "area", "organisation")


@dataclass(frozen=True)
class Kind:
    """One kind of event: its meaning, the attribute columns it sets, and what ``subtype`` holds."""

    name: str
    meaning: str
    attributes: tuple[str, ...] = ()
    subtypes: tuple[str, ...] = ()
    about_a_client: bool = True


KINDS: dict[str, Kind] = {
    k.name: k
    for k in (
        Kind(
            "registered",
            "A job search starts (registration as a job seeker). subtype: the state at the start.",
            ("subtype", "age_years", "immigrant", "language", "target_group"),
            STATES,
        ),
        Kind(
            "state_changed",
            "The labour-market state changes while registered. subtype: the new state.",
            ("subtype",),
            STATES,
        ),
        Kind(
            "deregistered",
            "The job search ends. subtype: where the person went (employed, education, ...).",
            ("subtype",),
            STATES,
        ),
        Kind(
            "referred",
            "Responsibility moves to an experiment area (organisation: municipality; area set).",
        ),
        Kind(
            "returned_to_te_office",
            "Responsibility moves back to the TE office (organisation: te_office; area null).",
        ),
        Kind(
            "interview_held",
            "An interview or job-search discussion. subtype: its kind; due_on: the day it was "
            "due by the service-process rules (null when not scheduled).",
            ("subtype", "due_on"),
            INTERVIEWS,
        ),
        Kind(
            "service_needs_assessed",
            "A service-needs assessment. subtype: the service-need segment; score: work ability "
            "0-10 when asked.",
            ("subtype", "score"),
        ),
        Kind(
            "plan_made",
            "A plan is agreed or revised. subtype: employment, integration, activation, "
            "multisectoral; item_key: the plan.",
            ("subtype", "item_key"),
            ("employment", "integration", "activation", "multisectoral"),
        ),
        Kind(
            "service_started",
            "A service starts. subtype: the service; item_key: the service episode; amount_eur: "
            "the decided amount where there is one (wage subsidy, start-up grant).",
            ("subtype", "item_key", "amount_eur"),
            SERVICES,
        ),
        Kind(
            "service_ended",
            "A service ends (or a decision is cancelled). subtype: the service; item_key: the "
            "episode it ends.",
            ("subtype", "item_key"),
            SERVICES,
        ),
        Kind("job_offer_made", "A job offer is made. item_key: the offer.", ("item_key",)),
        Kind(
            "job_offer_answered",
            "What came of a job offer. subtype: the outcome; item_key: the offer.",
            ("subtype", "item_key"),
            OFFER_OUTCOMES,
        ),
        Kind(
            "te_report_made",
            "A report to the TE office for a labour-policy statement. subtype: its cause.",
            ("subtype",),
            ("job_offer_refused", "job_offer_unanswered", "interview_missed", "plan_neglected"),
        ),
        Kind(
            "benefit_paid",
            "An unemployment benefit payment (on: the payment day). subtype: the benefit; days: "
            "benefit days paid; amount_eur: the gross amount; counter_before: the person's count "
            "of financing days (rules/parameters/labour_market_subsidy_financing.yaml) before "
            "this payment.",
            ("subtype", "days", "amount_eur", "counter_before"),
            BENEFITS,
        ),
        Kind(
            "work_ability_assessed",
            "A work and functional ability self-assessment. score: 0 (none) to 10 (full).",
            ("score",),
        ),
        Kind(
            "customer_satisfaction_answered",
            "A client's answer to the customer-satisfaction survey. score: 1 (poor) to 5 (very "
            "good).",
            ("score",),
        ),
        Kind(
            "staff_wellbeing_answered",
            "A staff member's answer to the wellbeing survey (no client: client_key null; "
            "municipality and area: the unit's). score: 1 (poor) to 5 (very good).",
            ("score",),
            about_a_client=False,
        ),
    )
}

#: the range each scored kind allows
SCORE_RANGES = {
    "service_needs_assessed": (0, 10),
    "work_ability_assessed": (0, 10),
    "customer_satisfaction_answered": (1, 5),
    "staff_wellbeing_answered": (1, 5),
}


class EventSchemaError(ValueError):
    """An event frame or directory does not follow the schema."""


def empty() -> pl.DataFrame:
    """An event frame with no rows, in the schema's column order and types."""
    return pl.DataFrame(schema=COLUMNS)


def conform(frame: pl.DataFrame | pl.LazyFrame) -> pl.DataFrame | pl.LazyFrame:
    """``frame`` with every schema column (missing attributes as nulls), cast and in order."""
    present = frame.collect_schema().names()
    missing = [c for c in BASE_COLUMNS if c not in present]
    if missing:
        raise EventSchemaError(f"events need the column(s) {', '.join(missing)}")
    return frame.select(
        [
            (pl.col(name) if name in present else pl.lit(None)).cast(dtype).alias(name)
            for name, dtype in COLUMNS.items()
        ]
    )


def problems(frame: pl.DataFrame) -> list[str]:
    """What is wrong with an event frame, one readable line per problem (empty when none)."""
    found = []
    schema = frame.schema
    for name, dtype in COLUMNS.items():
        if name not in schema:
            found.append(f"column {name!r} is missing")
        elif schema[name] != dtype:
            found.append(f"column {name!r} is {schema[name]}, expected {dtype}")
    if found:
        return found
    unknown = frame.filter(~pl.col("kind").is_in(list(KINDS)))["kind"].unique().sort().to_list()
    if unknown:
        found.append(f"unknown event kind(s): {', '.join(map(str, unknown))}")
    bad_org = frame.filter(~pl.col("organisation").is_in(ORGANISATIONS)).height
    if bad_org:
        found.append(f"{bad_org} event(s) have an organisation other than {ORGANISATIONS}")
    for kind in KINDS.values():
        rows = frame.filter(pl.col("kind") == kind.name)
        if rows.is_empty():
            continue
        if kind.about_a_client and rows["client_key"].null_count():
            found.append(f"{rows['client_key'].null_count()} {kind.name} event(s) have no client")
        if kind.subtypes:
            odd = rows.filter(~pl.col("subtype").is_in(kind.subtypes))
            if odd.height:
                found.append(f"{odd.height} {kind.name} event(s) have an unknown subtype")
        unused = [c for c in COLUMNS if c not in BASE_COLUMNS and c not in kind.attributes]
        stray = [c for c in unused if rows[c].null_count() < rows.height]
        if stray:
            found.append(f"{kind.name} events set attribute(s) it does not use: {', '.join(stray)}")
        if kind.name in SCORE_RANGES:
            low, high = SCORE_RANGES[kind.name]
            score = pl.col("score")
            out = rows.filter(score.is_not_null() & ~score.is_between(low, high))
            if out.height:
                found.append(f"{out.height} {kind.name} score(s) outside {low}-{high}")
    return found


def month_file(month: dt.date) -> str:
    return f"events-{month:%Y-%m}.parquet"


def write_month(frame: pl.DataFrame, directory: Path, month: dt.date) -> Path:
    """Write one month's events (already conformed) sorted by day and client."""
    path = directory / month_file(month)
    frame.sort("on", "client_key", nulls_last=True).write_parquet(path, statistics=True)
    return path


def write_manifest(directory: Path, *, written_by: str, first: dt.date, last: dt.date, **facts):
    """Record the schema version, writer, period, rows per file and any other facts (seed...)."""
    files = {
        p.name: pl.scan_parquet(p).select(pl.len()).collect().item()
        for p in sorted(directory.glob(FILE_PATTERN))
    }
    manifest = {
        "schema_version": SCHEMA_VERSION,
        "written_by": written_by,
        "first_day": first.isoformat(),
        "last_day": last.isoformat(),
        "files": files,
        **facts,
    }
    (directory / MANIFEST).write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n")
    return manifest


def read_manifest(directory: Path) -> dict:
    path = directory / MANIFEST
    if not path.is_file():
        raise EventSchemaError(
            f"{directory} is not an event directory: {MANIFEST} is missing "
            "(write one with `kuntakokeilu simulate` or `kuntakokeilu export-events`)"
        )
    manifest = json.loads(path.read_text())
    if manifest.get("schema_version") != SCHEMA_VERSION:
        raise EventSchemaError(
            f"{path} has event schema version {manifest.get('schema_version')!r}; this "
            f"kuntakokeilu reads version {SCHEMA_VERSION}"
        )
    return manifest


def scan(directory: Path) -> pl.LazyFrame:
    """All events of a directory, lazily (checked against the manifest's schema version)."""
    read_manifest(directory)
    files = sorted(directory.glob(FILE_PATTERN))
    if not files:
        return empty().lazy()
    return pl.scan_parquet(files)
