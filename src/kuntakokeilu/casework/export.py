"""``export-events``: the case system's history as an event directory (``events.schema``).

Three sources, mapped kind by kind (docs/events.md has the table for people):

- ``Client``: one ``registered`` event per client (the current job search: the day, the state,
  age at registration, immigrant, language, target group);
- ``ReferralEvent``: ``referred`` (newly referred or moved to another area),
  ``returned_to_te_office`` and ``deregistered`` (the customership ended);
- ``DomainEvent``: what case work did (``DOMAIN_KINDS``). A service decision becomes a
  ``service_started`` on its first day and a ``service_ended`` on its last (or on the day it was
  cancelled); a decision cancelled before it started becomes neither. Kinds with no meaning in the
  schema (``client_assigned``, ``te_report_status_changed``, ...) are left out and counted.

**Pseudonymous.** ``client_key`` is HMAC-SHA256 over ``person:<identity code>``, ``item_key`` over
``<namespace>:<database id>`` (plan, service_decision, job_offer), both keyed by the deployment's
secret (``PSEUDONYM_KEY``) and cut to their first 64 bits (big-endian, UInt64). No identity code,
name or database id is written; the key never leaves the deployment (the manifest carries only
``key_id``, a keyed hash of a constant that tells whether two exports used the same key).

**Streamed.** Clients are read ``batch`` at a time by primary key, each batch with its referral and
domain events (one query each, rows straight from the database cursor into Polars); a batch is
mapped in Polars and written as part files per month into a staging directory beside the output.
At the end each month's parts become one ``events-YYYY-MM.parquet`` (``schema.write_month``), every
month is checked with ``schema.problems``, the manifest is written, and the staging directory is
renamed to the output in the same transaction as the audit row (purpose ``monitoring``, the
number of clients, never a client). A failed export leaves nothing; a killed one leaves no
output directory, only its hidden staging directory, which the next export to the same output
removes.
"""

from __future__ import annotations

import collections
import datetime as dt
import getpass
import hmac
import os
import secrets
import shutil
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import connection, transaction
from django.db.models import QuerySet, TextField
from django.db.models.functions import Cast

from kuntakokeilu.audit.log import record
from kuntakokeilu.casework.models import DomainEvent
from kuntakokeilu.clients.models import Client, ReferralEvent
from kuntakokeilu.events import schema
from kuntakokeilu.rules import deadlines

WRITTEN_BY = "export-events"
PURPOSE = "monitoring"
BATCH = 20_000
KEY_ENVIRONMENT = "KUNTAKOKEILU_PSEUDONYM_KEY"
KEY_FILE = "pseudonym.key"
MIN_KEY_CHARACTERS = 32

#: Case-system kind → schema kind. A kind not here is left out (no meaning in the schema).
DOMAIN_KINDS = {
    "interview_held": "interview_held",
    "service_needs_assessed": "service_needs_assessed",
    "work_ability_assessed": "work_ability_assessed",
    "plan_made": "plan_made",
    "plan_updated": "plan_made",
    "service_decided": "service_started",  # and service_ended on its last day
    "service_ended": "service_ended",  # a cancellation: ends the episode on its day
    "job_offer_made": "job_offer_made",
    "job_offer_answered": "job_offer_answered",
    "te_report_made": "te_report_made",
}
#: ReferralEvent kind → schema kind.
REFERRAL_KINDS = {
    "newly_referred": "referred",
    "moves_area": "referred",
    "returns_to_te_office": "returned_to_te_office",
    "customership_ends": "deregistered",
}
#: Register status (REGISTER.md) → the schema's labour-market state.
STATES = {
    "unemployed": "unemployed",
    "laid_off": "laid_off",
    "in_services": "in_service",
    "in_training": "in_service",  # labour market training is an employment-promoting service
    "subsidised_employment": "in_service",  # wage-subsidised work counts as in service
    "short_week": "part_time",
    "employed": "employed",
    "other": "outside_labour_force",  # register codes 05 and 06
}
#: TE report cause → schema subtype; a refused job offer by what came of the offer.
REPORT_CAUSES = {"missed_interview": "interview_missed", "neglected_plan": "plan_neglected"}
OFFER_REPORTS = {"refused": "job_offer_refused", "no_answer": "job_offer_unanswered"}
#: Services whose decided amount is ``amount_eur`` (schema: "where there is one").
AMOUNT_SERVICES = ("wage_subsidy", "start_up_grant")

#: The attributes the mapping reads from a DomainEvent's JSON, with their types.
ATTRIBUTES = {
    "kind": pl.String,
    "segment": pl.String,
    "work_ability": pl.Int64,
    "plan": pl.Int64,
    "decision_id": pl.Int64,
    "service": pl.String,
    "starts_on": pl.String,
    "ends_on": pl.String,
    "total_eur": pl.String,
    "cancelled": pl.Boolean,
    "job_offer_id": pl.Int64,
    "outcome": pl.String,
    "cause": pl.String,
}
CLIENT_COLUMNS = {
    "client_id": pl.Int64,
    "person_id": pl.String,
    "birth_date": pl.Date,
    "home_municipality": pl.String,
    "status": pl.String,
    "immigrant": pl.Boolean,
    "language": pl.String,
    "registered_on": pl.Date,
}
REFERRAL_COLUMNS = {
    "client_id": pl.Int64,
    "pk": pl.Int64,
    "kind": pl.String,
    "on": pl.Date,
    "from_area": pl.String,
    "to_area": pl.String,
}
DOMAIN_COLUMNS = {
    "client_id": pl.Int64,
    "pk": pl.Int64,
    "kind": pl.String,
    "on": pl.Date,
    "area": pl.String,
    "municipality": pl.String,
    "attributes": pl.String,
}


class ExportError(Exception):
    """The export cannot be made as asked (the message says why and what to do)."""


# -- the key ----------------------------------------------------------------------------------


def pseudonym_key() -> bytes:
    """The deployment's pseudonymisation key: ``PSEUDONYM_KEY`` (from KUNTAKOKEILU_PSEUDONYM_KEY);
    with DEBUG on and none set, a key generated once into the data directory."""
    configured = settings.PSEUDONYM_KEY
    if configured:
        if len(configured) < MIN_KEY_CHARACTERS:
            raise ImproperlyConfigured(
                f"{KEY_ENVIRONMENT} is too short: give at least {MIN_KEY_CHARACTERS} random "
                "characters (e.g. python -c 'import secrets; print(secrets.token_urlsafe(48))')"
            )
        return configured.encode()
    if not settings.DEBUG:
        raise ImproperlyConfigured(
            f"{KEY_ENVIRONMENT} is not set. With KUNTAKOKEILU_DEBUG off export-events refuses to "
            f"run without it: set {KEY_ENVIRONMENT} to a long random value kept by the deployment "
            "(e.g. python -c 'import secrets; print(secrets.token_urlsafe(48))'). The same key "
            "gives the same client keys in every export; a new key makes new ones."
        )
    return development_key(Path(settings.DATA_DIR) / KEY_FILE)


def development_key(path: Path) -> bytes:
    """The key in ``path``, created (readable by the owner only) when it does not exist yet."""
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return path.read_text(encoding="ascii").strip().encode()
    with os.fdopen(descriptor, "w", encoding="ascii") as handle:
        handle.write(secrets.token_urlsafe(48) + "\n")
    return path.read_text(encoding="ascii").strip().encode()


@dataclass(frozen=True)
class Pseudonyms:
    """Keyed 64-bit hashes: ``client_key`` of a person, ``item_key`` of a plan, decision, offer."""

    key: bytes = field(repr=False)

    def of(self, namespace: str, values: Iterable[str]) -> list[int]:
        prefix = f"{namespace}:".encode()
        return [
            int.from_bytes(hmac.digest(self.key, prefix + v.encode(), "sha256")[:8], "big")
            for v in values
        ]

    @property
    def key_id(self) -> str:
        """Tells exports made with the same key apart from others, and reveals nothing of it."""
        return hmac.digest(self.key, b"kuntakokeilu:key-id", "sha256")[:4].hex()

    def column(self, frame: pl.DataFrame, source: str, namespace: str, alias: str):
        """``frame`` with ``alias``: the keyed hash of each ``source`` value (null stays null)."""
        values = frame.get_column(source).drop_nulls().unique().cast(pl.String)
        keys = pl.DataFrame(
            {
                "_value": values,
                alias: pl.Series(self.of(namespace, values.to_list()), dtype=pl.UInt64),
            }
        )
        joined = frame.with_columns(pl.col(source).cast(pl.String).alias("_value"))
        return joined.join(keys, on="_value", how="left").drop("_value")


# -- reading: rows straight from the cursor into Polars -----------------------------------------


def fetch(rows: QuerySet, columns: dict[str, pl.DataType]) -> pl.DataFrame:
    """The rows of a ``values_list`` queryset as a typed frame (no model instances)."""
    sql, params = rows.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        found = cursor.fetchall()
    if not found:
        return pl.DataFrame(schema=columns)
    frame = pl.DataFrame(found, schema=list(columns), orient="row", infer_schema_length=None)
    return frame.with_columns(typed(frame.get_column(n), t) for n, t in columns.items())


def typed(column: pl.Series, dtype: pl.DataType) -> pl.Series:
    """SQLite gives dates as ISO text and booleans as 0/1; PostgreSQL gives them typed."""
    if dtype == pl.Date and column.dtype == pl.String:
        return column.str.to_date("%Y-%m-%d")
    return column.cast(dtype)


def client_batch(after: int, size: int) -> pl.DataFrame:
    rows = Client.objects.filter(pk__gt=after).order_by("pk")
    columns = ("pk", *list(CLIENT_COLUMNS)[1:])
    return fetch(rows.values_list(*columns)[:size], CLIENT_COLUMNS)


def referral_rows(first: int, last: int) -> pl.DataFrame:
    rows = ReferralEvent.objects.filter(client_id__gte=first, client_id__lte=last).order_by()
    return fetch(rows.values_list("client_id", "pk", *list(REFERRAL_COLUMNS)[2:]), REFERRAL_COLUMNS)


def domain_rows(first: int, last: int) -> pl.DataFrame:
    rows = (
        DomainEvent.objects.filter(client_id__gte=first, client_id__lte=last)
        .order_by()
        .annotate(attributes_text=Cast("attributes", TextField()))
    )
    columns = ("client_id", "pk", "kind", "on", "area", "municipality", "attributes_text")
    return fetch(rows.values_list(*columns), DOMAIN_COLUMNS)


def client_batches(size: int) -> Iterator[pl.DataFrame]:
    after = 0
    while not (clients := client_batch(after, size)).is_empty():
        yield clients
        after = clients.get_column("client_id").max()


# -- mapping one batch --------------------------------------------------------------------------


@dataclass
class Mapped:
    """One batch mapped: the schema's events (with ``client_id``) and what was left out."""

    events: pl.DataFrame
    left_out: collections.Counter


def responsible(area: pl.Expr) -> list[pl.Expr]:
    """``area`` (null when empty) and who was responsible: the municipality when an area was."""
    area = pl.when(area != "").then(area)
    return [
        area.alias("area"),
        pl.when(area.is_not_null())
        .then(pl.lit("municipality"))
        .otherwise(pl.lit("te_office"))
        .alias("organisation"),
    ]


def age_years(born: pl.Expr, on: pl.Expr) -> pl.Expr:
    """Completed years on ``on`` (``rules.target_group.age_on``, over columns)."""
    before_birthday = (on.dt.month() * 100 + on.dt.day()) < (born.dt.month() * 100 + born.dt.day())
    return on.dt.year() - born.dt.year() - before_birthday.cast(pl.Int32)


def referral_timeline(referrals: pl.DataFrame) -> pl.DataFrame:
    """Per referral event the area responsible after it (null: the TE office)."""
    referred = pl.col("kind").is_in(["newly_referred", "moves_area"])
    return referrals.select(
        "client_id", "on", pl.when(referred).then(pl.col("to_area")).alias("area_after")
    ).sort("on")


def registrations(clients: pl.DataFrame, referrals: pl.DataFrame) -> pl.DataFrame:
    """One ``registered`` per client; responsible: as after the last referral event before it."""
    frame = clients.sort("registered_on").join_asof(
        referral_timeline(referrals),
        left_on="registered_on",
        right_on="on",
        by="client_id",
        strategy="backward",
        allow_exact_matches=False,
        check_sortedness=False,  # sorted by day, so within each client too
    )
    return frame.select(
        "client_id",
        pl.lit("registered").alias("kind"),
        pl.col("registered_on").alias("on"),
        pl.col("home_municipality").alias("municipality"),
        *responsible(pl.col("area_after").fill_null("")),
        pl.col("status").replace_strict(STATES, default="unknown").alias("subtype"),
        age_years(pl.col("birth_date"), pl.col("registered_on")).alias("age_years"),
        "immigrant",
        "language",
        pl.lit(True).alias("target_group"),
    )


def referral_events(referrals: pl.DataFrame, clients: pl.DataFrame) -> pl.DataFrame:
    """Referred, returned to the TE office, deregistered; the municipality is the client's
    current home municipality (the referral event does not record the one then)."""
    kind = pl.col("kind")
    area = (
        pl.when(kind.is_in(["newly_referred", "moves_area"]))
        .then(pl.col("to_area"))
        .when(kind == "customership_ends")
        .then(pl.col("from_area"))
        .otherwise(pl.lit(""))
    )
    return referrals.join(clients.select("client_id", "home_municipality"), on="client_id").select(
        "client_id",
        kind.replace_strict(REFERRAL_KINDS).alias("kind"),
        "on",
        pl.col("home_municipality").alias("municipality"),
        *responsible(area.fill_null("")),
        pl.when(kind == "customership_ends").then(pl.lit("unknown")).alias("subtype"),
    )


def decoded(domain: pl.DataFrame) -> pl.DataFrame:
    """The domain events with their attributes as ``a_*`` columns and where they happened."""
    struct = pl.Struct({name: dtype for name, dtype in ATTRIBUTES.items()})
    attributes = pl.col("attributes").str.json_decode(struct)
    return domain.with_columns(
        attributes.struct.rename_fields([f"a_{n}" for n in ATTRIBUTES]).alias("_a"),
        *responsible(pl.col("area")),
    ).unnest("_a")


def base(kind: str | pl.Expr, on: pl.Expr | str = "on") -> list[pl.Expr]:
    """The columns every event has: the client, the kind, the day and where it happened."""
    return [
        pl.col("client_id"),
        (pl.lit(kind) if isinstance(kind, str) else kind).alias("kind"),
        (pl.col(on) if isinstance(on, str) else on).alias("on"),
        pl.col("municipality"),
        pl.col("area"),
        pl.col("organisation"),
    ]


def of_kind(events: pl.DataFrame, *kinds: str) -> pl.DataFrame:
    return events.filter(pl.col("kind").is_in(kinds))


def interviews(events: pl.DataFrame, clients: pl.DataFrame) -> pl.DataFrame:
    held = of_kind(events, "interview_held")
    held = held.with_columns(interview_due_on(held, clients))
    return held.select(
        *base("interview_held"),
        pl.col("a_kind").alias("subtype"),
        pl.col("_due_on").alias("due_on"),
    )


def interview_due_on(held: pl.DataFrame, clients: pl.DataFrame) -> pl.Series:
    """The day each interview was due by the service-process rules, replayed from the client's
    earlier interviews in the current job search (``casework.querysets.process_facts``, as
    things stood just before it); null when it was not the kind due, or not in this search."""
    if held.is_empty():
        return pl.Series("_due_on", [], dtype=pl.Date)
    order = held.with_row_index("_row").join(
        clients.select("client_id", "registered_on"), on="client_id"
    )
    states = order.sort("client_id", "on", "pk").with_columns(*state_before())
    due = deadlines.next_due_frame(states).collect()
    in_search = pl.col("on") >= pl.col("registered_on")
    matches = in_search & (pl.col("due_kind") == pl.col("a_kind"))
    due = due.select("_row", pl.when(matches).then(pl.col("due_on")).alias("_due_on"))
    return due.sort("_row").get_column("_due_on")


def state_before() -> list[pl.Expr]:
    """``rules.deadlines.STATE_COLUMNS`` as they stood just before each interview (rows sorted
    by client, day and id)."""
    on, kind = pl.col("on"), pl.col("a_kind")
    counted = on >= pl.col("registered_on")
    discussions = (
        deadlines.SUPPLEMENTARY_DISCUSSION,
        deadlines.SIX_MONTH_DISCUSSION,
        deadlines.JOB_SEARCH_DISCUSSION,
    )

    def before(expression: pl.Expr) -> pl.Expr:
        return expression.shift(1).over("client_id")

    def done(name: str) -> pl.Expr:
        count = (counted & (kind == name)).cast(pl.Int64).cum_sum()
        return count.shift(1, fill_value=0).over("client_id")

    initial = pl.when(counted & (kind == deadlines.INITIAL_INTERVIEW)).then(on)
    last_discussion = pl.when(counted & kind.is_in(discussions)).then(on)
    return [
        before(initial.cum_min().forward_fill()).alias("initial_interview_on"),
        done(deadlines.SUPPLEMENTARY_DISCUSSION).alias("supplementary_done"),
        done(deadlines.SIX_MONTH_DISCUSSION).alias("six_month_done"),
        before(last_discussion.forward_fill()).alias("last_discussion_on"),
    ]


def assessments(events: pl.DataFrame) -> pl.DataFrame:
    needs = of_kind(events, "service_needs_assessed").select(
        *base("service_needs_assessed"),
        pl.col("a_segment").alias("subtype"),
        pl.col("a_work_ability").alias("score"),
    )
    ability = of_kind(events, "work_ability_assessed").select(
        *base("work_ability_assessed"), pl.col("a_work_ability").alias("score")
    )
    return pl.concat([needs, ability], how="diagonal_relaxed")


def plans(events: pl.DataFrame, pseudonyms: Pseudonyms) -> pl.DataFrame:
    made = of_kind(events, "plan_made", "plan_updated")
    made = pseudonyms.column(made, "a_plan", "plan", "item_key")
    return made.select(*base("plan_made"), pl.col("a_kind").alias("subtype"), "item_key")


def service_episodes(events: pl.DataFrame, pseudonyms: Pseudonyms) -> pl.DataFrame:
    """Each decision with its first and last day and, when cancelled, the day it was."""
    cancels = (
        of_kind(events, "service_ended")
        .group_by("a_decision_id")
        .agg(pl.col("on").min().alias("cancelled_on"))
    )
    decided = of_kind(events, "service_decided").join(cancels, on="a_decision_id", how="left")
    decided = pseudonyms.column(decided, "a_decision_id", "service_decision", "item_key")
    return decided.with_columns(
        pl.col("a_starts_on").str.to_date("%Y-%m-%d").alias("starts_on"),
        pl.col("a_ends_on").str.to_date("%Y-%m-%d").alias("ends_on"),
    )


def services(events: pl.DataFrame, pseudonyms: Pseudonyms) -> tuple[pl.DataFrame, int]:
    """Started and ended services, and how many decisions were cancelled before they started."""
    episodes = service_episodes(events, pseudonyms)
    never = pl.col("cancelled_on").is_not_null() & (pl.col("cancelled_on") < pl.col("starts_on"))
    started = episodes.filter(~never)
    amount = pl.when(pl.col("a_service").is_in(AMOUNT_SERVICES)).then(
        pl.col("a_total_eur").cast(pl.Float64)
    )
    starts = started.select(
        *base("service_started", "starts_on"),
        pl.col("a_service").alias("subtype"),
        "item_key",
        amount.alias("amount_eur"),
    )
    last_day = pl.min_horizontal("ends_on", "cancelled_on")
    ends = started.select(
        *base("service_ended", last_day), pl.col("a_service").alias("subtype"), "item_key"
    )
    orphans = of_kind(events, "service_ended").join(
        episodes.select("a_decision_id"), on="a_decision_id", how="anti"
    )
    orphans = pseudonyms.column(orphans, "a_decision_id", "service_decision", "item_key")
    orphan_ends = orphans.select(
        *base("service_ended"), pl.col("a_service").alias("subtype"), "item_key"
    )
    frame = pl.concat([starts, ends, orphan_ends], how="diagonal_relaxed")
    return frame, episodes.filter(never).height


def job_offers(events: pl.DataFrame, pseudonyms: Pseudonyms) -> pl.DataFrame:
    offers = of_kind(events, "job_offer_made", "job_offer_answered")
    offers = pseudonyms.column(offers, "a_job_offer_id", "job_offer", "item_key")
    subtype = pl.when(pl.col("kind") == "job_offer_answered").then(pl.col("a_outcome"))
    return offers.select(*base(pl.col("kind")), subtype.alias("subtype"), "item_key")


def te_reports(events: pl.DataFrame) -> pl.DataFrame:
    """Reports with their cause; a refused job offer by what came of the offer (refused or no
    answer); the cause ``other`` has no subtype in the schema (null here, left out later)."""
    outcomes = (
        of_kind(events, "job_offer_answered")
        .sort("on", "pk")
        .group_by("a_job_offer_id")
        .agg(pl.col("a_outcome").last().alias("offer_outcome"))
    )
    reports = of_kind(events, "te_report_made").join(outcomes, on="a_job_offer_id", how="left")
    offer = pl.col("offer_outcome").replace_strict(OFFER_REPORTS, default=None)
    cause = pl.col("a_cause")
    subtype = (
        pl.when(cause == "refused_job_offer")
        .then(offer)
        .otherwise(cause.replace_strict(REPORT_CAUSES, default=None))
    )
    return reports.select(*base("te_report_made"), subtype.alias("subtype"))


def incomplete(frame: pl.DataFrame) -> pl.Expr:
    """Rows a kind's schema needs a subtype for and that have none (bad or missing attributes)."""
    needs = [k.name for k in schema.KINDS.values() if k.subtypes or "subtype" in k.attributes]
    return pl.col("kind").is_in(needs) & pl.col("subtype").is_null()


def counts(events: pl.DataFrame, label: str) -> collections.Counter:
    """How many events of each kind, under ``label`` (a format with the kind)."""
    found = events.get_column("kind").value_counts(name="n").iter_rows()
    return collections.Counter({label.format(kind): n for kind, n in found})


def map_batch(
    clients: pl.DataFrame, referrals: pl.DataFrame, domain: pl.DataFrame, pseudonyms: Pseudonyms
) -> Mapped:
    """The schema's events of one batch of clients (with ``client_id``), and what was left out."""
    events = decoded(domain)
    left_out = counts(events.filter(~pl.col("kind").is_in(DOMAIN_KINDS)), "{}")
    started_and_ended, never_started = services(events, pseudonyms)
    if never_started:
        left_out["service_decided (cancelled before it started)"] += never_started
    frames = [
        registrations(clients, referrals),
        referral_events(referrals, clients),
        interviews(events, clients),
        assessments(events),
        plans(events, pseudonyms),
        started_and_ended,
        job_offers(events, pseudonyms),
        te_reports(events),
    ]
    mapped = pl.concat([f for f in frames if f.width], how="diagonal_relaxed")
    left_out += counts(mapped.filter(incomplete(mapped)), "{} (no subtype the schema knows)")
    return Mapped(mapped.filter(~incomplete(mapped)), left_out)


# -- writing ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Period:
    first: dt.date | None
    last: dt.date

    def __post_init__(self):
        if self.first is not None and self.first > self.last:
            raise ExportError(
                f"the period starts on {self.first.isoformat()} after it ends on "
                f"{self.last.isoformat()}: give --from on or before --to"
            )

    def expression(self) -> pl.Expr:
        inside = pl.col("on") <= self.last
        return inside if self.first is None else inside & (pl.col("on") >= self.first)


@dataclass
class Exported:
    """What an export wrote."""

    directory: Path
    clients: int = 0
    rows: int = 0
    files: int = 0
    outside_period: int = 0
    first: dt.date | None = None
    last: dt.date | None = None
    left_out: collections.Counter = field(default_factory=collections.Counter)
    manifest: dict = field(default_factory=dict)


def staging_for(out: Path) -> Path:
    """A new staging directory beside ``out`` (after removing those of killed exports)."""
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        raise ExportError(
            f"{out} exists and is not an empty directory: give a new directory (an export is "
            "never written over another)"
        )
    if not out.parent.is_dir():
        raise ExportError(f"{out.parent} does not exist: create it first")
    remove_stale_staging(out)
    staging = out.parent / f".{out.name}.partial-{os.getpid()}"
    (staging / "parts").mkdir(parents=True)
    return staging


def remove_stale_staging(out: Path) -> None:
    """Staging directories of exports to ``out`` whose process no longer runs (killed)."""
    for staging in out.parent.glob(f".{out.name}.partial-*"):
        pid = staging.name.rsplit("-", 1)[-1]
        if pid.isdigit() and not running(int(pid)):
            shutil.rmtree(staging, ignore_errors=True)


def running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def write_parts(frame: pl.DataFrame, parts: Path, number: int) -> None:
    """The batch's events as one part file per month (``client_id`` replaced by its key)."""
    months = frame.with_columns(pl.col("on").dt.truncate("1mo").alias("_month"))
    for (month,), rows in months.partition_by("_month", as_dict=True).items():
        rows.drop("_month").write_parquet(parts / f"{month:%Y-%m}.{number:06d}.parquet")


def keyed(events: pl.DataFrame, clients: pl.DataFrame, pseudonyms: Pseudonyms) -> pl.DataFrame:
    keys = pseudonyms.column(clients.select("client_id", "person_id"), "person_id", "person", "key")
    frame = events.join(keys.select("client_id", pl.col("key").alias("client_key")), on="client_id")
    return schema.conform(frame.drop("client_id"))


def combine_months(staging: Path) -> list[str]:
    """Each month's parts as one schema file; the problems found, if any."""
    parts = staging / "parts"
    found = []
    for month in sorted({p.name.split(".")[0] for p in parts.glob("*.parquet")}):
        frame = pl.read_parquet(sorted(parts.glob(f"{month}.*.parquet")))
        found += [f"{month}: {problem}" for problem in schema.problems(frame)]
        schema.write_month(frame, staging, dt.date.fromisoformat(f"{month}-01"))
    shutil.rmtree(parts)
    return found


def export_events(
    out: Path,
    *,
    period: Period,
    actor=None,
    batch: int = BATCH,
    pseudonyms: Pseudonyms | None = None,
) -> Exported:
    """Write the case system's events of ``period`` to the new directory ``out``."""
    pseudonyms = pseudonyms or Pseudonyms(pseudonym_key())
    staging = staging_for(out)
    try:
        result = write_batches(staging, period, batch, pseudonyms)
        problems = combine_months(staging)
        if problems:
            raise ExportError("the events do not follow the schema:\n" + "\n".join(problems))
        result.manifest = manifest(staging, result, period, pseudonyms)
        result.files = len(result.manifest["files"])
        publish(staging, out, result, actor)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return result


def write_batches(staging: Path, period: Period, size: int, pseudonyms: Pseudonyms) -> Exported:
    result = Exported(directory=staging)
    for number, clients in enumerate(client_batches(size)):
        first, last = clients.get_column("client_id").min(), clients.get_column("client_id").max()
        mapped = map_batch(
            clients, referral_rows(first, last), domain_rows(first, last), pseudonyms
        )
        inside = mapped.events.filter(period.expression())
        result.outside_period += mapped.events.height - inside.height
        result.left_out.update(mapped.left_out)
        if inside.is_empty():
            continue
        result.clients += inside.get_column("client_id").n_unique()
        result.rows += inside.height
        result.first = min(filter(None, (result.first, inside.get_column("on").min())))
        result.last = max(filter(None, (result.last, inside.get_column("on").max())))
        write_parts(keyed(inside, clients, pseudonyms), staging / "parts", number)
    return result


def manifest(staging: Path, result: Exported, period: Period, pseudonyms: Pseudonyms) -> dict:
    return schema.write_manifest(
        staging,
        written_by=WRITTEN_BY,
        first=period.first or result.first or period.last,
        last=period.last,
        clients=result.clients,
        source="the case system: Client, ReferralEvent and DomainEvent rows",
        pseudonymisation="HMAC-SHA256 over person:<identity code> / <item>:<id>, first 64 bits",
        key_id=pseudonyms.key_id,
        left_out=dict(sorted(result.left_out.items())),
        outside_period=result.outside_period,
    )


def os_user() -> str:
    """The operating-system account that ran the export (the log's "who" without ``--by``)."""
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


def publish(staging: Path, out: Path, result: Exported, actor) -> None:
    """Move the finished directory into place, audited in the same transaction."""
    with transaction.atomic():
        record(
            actor=actor,
            action="export",
            purpose=PURPOSE,
            object_kind="event_directory",
            detail=(
                f"export-events ({os_user()}): {result.clients} clients, "
                f"{result.rows} events, {result.first or '-'}..{result.last or '-'}, "
                f"to {out.name}"
            ),
        )
        if out.exists():
            out.rmdir()  # an empty directory (staging_for refuses any other)
        staging.rename(out)
    result.directory = out
