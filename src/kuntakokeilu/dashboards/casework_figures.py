"""Figures the dashboards compute from the case system itself: deadline keeping and quota use.

**Deadline keeping** is the share of initial interviews held on time, by the month the interview
was due. For each client the area is responsible for now (``Client.area``), the clock starts on
the later of the registration day and the day the client was referred to the area (an area cannot
interview anyone before it is responsible for them) and the deadline is the one
``rules.deadlines`` sets for that day (14 calendar days until 1.5.2022, 5 working days from
2.5.2022), computed with its vectorised form. The interview held is the earliest initial
interview on or after the registration day (``casework.querysets.process_facts``, the facts
``ProcessState`` caches). A deadline counts once it has passed or the interview is held; one
passed without an interview counts as not kept. Clients who have left the area are not counted.

**Quota use** is each of the area's quotas (``quotas.Quota``): its caps and what is used.

Both are aggregates: the caller suppresses small cells (``suppression.suppress``).
"""

from __future__ import annotations

import datetime as dt

import polars as pl

from kuntakokeilu.areas.models import Area
from kuntakokeilu.casework.querysets import process_facts
from kuntakokeilu.clients.models import Client
from kuntakokeilu.quotas.models import Quota
from kuntakokeilu.rules import deadlines

FACTS = {
    "client_id": pl.Int64,
    "registered_on": pl.Date,
    "referred_on": pl.Date,
    "initial_interview_on": pl.Date,
}
TIMELINESS = {
    "month": pl.Date,
    "due": pl.Int64,
    "on_time": pl.Int64,
    "late": pl.Int64,
    "not_held": pl.Int64,
    "share_on_time": pl.Float64,
}
QUOTA_USE = {
    "service": pl.String,
    "period_start": pl.Date,
    "period_end": pl.Date,
    "cap_euros": pl.Float64,
    "used_euros": pl.Float64,
    "share_used": pl.Float64,
    "cap_places": pl.Int64,
    "used_places": pl.Int64,
}
BATCH = 5000


def interview_facts(area: Area) -> pl.DataFrame:
    rows = process_facts(Client.objects.filter(area=area)).values_list(
        "pk", "registered_on", "referred_on", "initial_interview_on"
    )
    return pl.DataFrame(list(rows.iterator(chunk_size=BATCH)), schema=FACTS, orient="row")


def initial_deadlines(facts: pl.DataFrame) -> pl.DataFrame:
    """``facts`` with ``due_on``: the initial interview's deadline counted from the later of
    registration and referral (null where no regime covers that day)."""
    clock = pl.max_horizontal("registered_on", "referred_on").alias("registered_on")
    waiting = facts.select(
        "client_id",
        clock,
        pl.lit(None, pl.Date).alias("initial_interview_on"),
        pl.lit(0).alias("supplementary_done"),
        pl.lit(0).alias("six_month_done"),
        pl.lit(None, pl.Date).alias("last_discussion_on"),
    )
    due = deadlines.next_due_frame(waiting).select("client_id", "due_on").collect()
    return facts.join(due, on="client_id", how="left")


def timeliness(facts: pl.DataFrame, on: dt.date) -> pl.DataFrame:
    """Initial interviews due per month: how many, held on time, late, not held; the share on
    time. Deadlines after ``on`` count only once the interview is held."""
    if facts.is_empty():
        return pl.DataFrame(schema=TIMELINESS)
    held = pl.col("initial_interview_on")
    counted = initial_deadlines(facts).filter(
        pl.col("due_on").is_not_null() & ((pl.col("due_on") < on) | held.is_not_null())
    )
    return (
        counted.group_by(pl.col("due_on").dt.truncate("1mo").alias("month"))
        .agg(
            pl.len().cast(pl.Int64).alias("due"),
            (held <= pl.col("due_on")).sum().cast(pl.Int64).alias("on_time"),
            (held > pl.col("due_on")).sum().cast(pl.Int64).alias("late"),
            held.is_null().sum().cast(pl.Int64).alias("not_held"),
        )
        .with_columns((pl.col("on_time") / pl.col("due")).alias("share_on_time"))
        .sort("month")
        .select(list(TIMELINESS))
    )


def area_timeliness(area: Area, on: dt.date) -> pl.DataFrame:
    return timeliness(interview_facts(area), on)


def quota_use(area: Area) -> pl.DataFrame:
    """The area's quotas, newest period first, with euros and places used."""
    quotas = Quota.objects.filter(area=area).order_by("-period_start", "service")
    rows = [
        (
            q.service,
            q.period_start,
            q.period_end,
            float(q.cap_euros),
            float(q.used_euros),
            q.share_used,
            q.cap_places,
            q.used_places,
        )
        for q in quotas
    ]
    return pl.DataFrame(rows, schema=QUOTA_USE, orient="row")
