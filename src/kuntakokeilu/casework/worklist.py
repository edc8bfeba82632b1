"""The work list: what is due for a set of clients, from every registered *due item source*.

A source is a function ``rows(clients, on)``: ``clients`` is a queryset already scoped by
``access.visible_clients`` and narrowed by the work list's filters, ``on`` is today. It returns
either

- **a queryset shaped by** ``due_rows`` (preferred: the work list combines such sources with one
  SQL ``UNION ALL``, filters, sorts and pages them in the database), or
- **a list of rows**: objects (or dicts) with ``client_id``, ``kind``, ``due_on`` and optionally
  ``detail`` (a short text, never an identity code) and ``url`` (where the item is handled).
  These are merged into the SQL rows in Python, so keep such lists short (open items only).

Register a source once, from the app's ``AppConfig.ready`` (the services app, for example)::

    from kuntakokeilu.casework.worklist import DueSource, due_rows, register_due_source

    def job_offer_answers(clients, on):          # a queryset source
        offers = JobOffer.objects.open().filter(client__in=clients.values("pk"))
        return due_rows(offers, client=F("client_id"), kind=Value("job_offer_answer"),
                        due_on=F("answer_by"), detail=F("vacancy_title"))

    register_due_source(DueSource(
        name="job_offers",
        kinds={"job_offer_answer": _("job offer to answer")},
        rows=job_offer_answers,                  # or a function returning a list of rows
    ))

``kinds`` are the kinds the source gives, with their labels: they fill the work list's "what is
due" filter and its counts. A queryset source must be one query (no Python loop over clients)
and should filter on indexed columns: the work list runs it over a whole area.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.db import models
from django.db.models import CharField, Count, Exists, F, OuterRef, Q, Value
from django.db.models.functions import Cast, Left
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from kuntakokeilu.casework.models import Interview, PlanTask
from kuntakokeilu.clients.models import Client
from kuntakokeilu.rules import deadlines

#: The columns of a queryset source's rows, in this order.
COLUMNS = ("item_client", "item_kind", "item_due_on", "item_detail")
DETAIL_LENGTH = 120

#: A row of the work list before the clients are fetched: (client id, kind, due on, detail, url).
Row = tuple[int, str, dt.date, str, str]


@dataclass(frozen=True)
class DueSource:
    """Due items of some kinds, from one app."""

    name: str
    kinds: dict[str, Promise | str]
    rows: Callable[[models.QuerySet, dt.date], models.QuerySet | Iterable]


@dataclass(frozen=True)
class DueItem:
    """One row of the work list (or of the client page's list of what is due)."""

    client: Client
    kind: str
    label: str
    due_on: dt.date
    detail: str
    url: str
    overdue: bool


DUE_SOURCES: dict[str, DueSource] = {}


def register_due_source(source: DueSource) -> None:
    """Add (or replace, by name) a source of due items; call it from an app's ``ready``."""
    DUE_SOURCES[source.name] = source


def due_kinds() -> dict[str, Promise | str]:
    """Every kind of due item the registered sources give, with its label."""
    return {kind: label for source in DUE_SOURCES.values() for kind, label in source.kinds.items()}


def due_rows(queryset, *, client, kind, due_on, detail=None) -> models.QuerySet:
    """Shape a source's queryset into the work list's columns (expressions over its model)."""
    text = Value("") if detail is None else Left(Cast(detail, CharField()), DETAIL_LENGTH)
    return queryset.order_by().annotate(
        item_client=client,
        item_kind=Cast(kind, CharField()),
        item_due_on=due_on,
        item_detail=Cast(text, CharField()),
    )


# -- the casework sources ---------------------------------------------------------------------


def process_items(clients: models.QuerySet, on: dt.date) -> models.QuerySet:
    """The next interview or discussion of each client (cached in ProcessState)."""
    waiting = clients.filter(process__due_on__isnull=False)
    return due_rows(
        waiting, client=F("pk"), kind=F("process__due_kind"), due_on=F("process__due_on")
    )


def plan_task_items(clients: models.QuerySet, on: dt.date) -> models.QuerySet:
    """Open tasks with a due date in the current version of each plan (read from the tasks,
    each checked against the clients: cheap however many clients there are)."""
    client = "version__plan__client_id"
    tasks = PlanTask.objects.open_with_due_date().in_current_plans()
    tasks = tasks.filter(Exists(clients.filter(pk=OuterRef(client))))
    return due_rows(
        tasks, client=F(client), kind=Value("plan_task"), due_on=F("due_on"), detail=F("task")
    )


register_due_source(
    DueSource(
        name="process",
        kinds={k: label for k, label in Interview.Kind.choices if k != Interview.Kind.OTHER},
        rows=process_items,
    )
)
register_due_source(
    DueSource(name="plan_tasks", kinds={"plan_task": _("plan task")}, rows=plan_task_items)
)


# -- the sources' answers, filtered -----------------------------------------------------------


@dataclass
class Answers:
    """The sources' answers for one set of clients: querysets and listed rows."""

    querysets: list[models.QuerySet]
    listed: list[Row]


def listed_row(row) -> Row:
    get = (
        row.get if isinstance(row, dict) else lambda name, default=None: getattr(row, name, default)
    )
    return (
        get("client_id"),
        get("kind"),
        get("due_on"),
        get("detail", "") or "",
        get("url", "") or "",
    )


def answers(
    clients: models.QuerySet, on: dt.date, *, kind: str = "", overdue: bool = False
) -> Answers:
    """Each source's rows for ``clients``, of ``kind`` only and overdue only if asked."""
    found = Answers([], [])
    for source in DUE_SOURCES.values():
        if kind and kind not in source.kinds:
            continue
        rows = source.rows(clients, on)
        if isinstance(rows, models.QuerySet):
            rows = rows.filter(item_kind=kind) if kind else rows
            found.querysets.append(rows.filter(item_due_on__lt=on) if overdue else rows)
            continue
        listed = map(listed_row, rows)
        found.listed += [
            r for r in listed if (not kind or r[1] == kind) and (not overdue or r[2] < on)
        ]
    return found


# -- the list, sorted and paged ---------------------------------------------------------------


class DueRows:
    """All due rows sorted by date, as a sequence ``Paginator`` can page: the SQL rows are
    fetched only up to the end of the page asked for, the listed rows merged in."""

    def __init__(self, found: Answers, newest_first: bool = False, total: int | None = None):
        self.newest_first = newest_first
        self.total = total
        self.sql = union(found.querysets, newest_first)
        self.listed = sorted(found.listed, key=self.key, reverse=newest_first)

    @staticmethod
    def key(row: Row):
        return (row[2], row[0])

    def count(self) -> int:
        """The number of rows (given by the caller when it has counted them already)."""
        if self.total is not None:
            return self.total
        return (self.sql.count() if self.sql is not None else 0) + len(self.listed)

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, part: slice) -> list[Row]:
        if not isinstance(part, slice):
            raise TypeError("DueRows is paged with slices")
        sql = [(*row, "") for row in self.sql[: part.stop]] if self.sql is not None else []
        if not self.listed:
            return sql[part]
        return sorted(sql + self.listed, key=self.key, reverse=self.newest_first)[part]


def union(querysets: list[models.QuerySet], newest_first: bool) -> models.QuerySet | None:
    parts = [q.values_list(*COLUMNS) for q in querysets]
    if not parts:
        return None
    order = ("-item_due_on", "-item_client") if newest_first else ("item_due_on", "item_client")
    first, *others = parts
    return (first.union(*others, all=True) if others else first).order_by(*order)


def due_items(
    clients: models.QuerySet,
    on: dt.date,
    *,
    kind: str = "",
    overdue: bool = False,
    newest_first: bool = False,
    counts: dict | None = None,
) -> DueRows:
    """Every due item of ``clients``, sorted by date, ready to be paged. With the ``counts`` of
    ``counts_by_kind`` for the same clients, the total is not counted again."""
    total = None if counts is None else total_of(counts, kind, overdue)
    return DueRows(answers(clients, on, kind=kind, overdue=overdue), newest_first, total)


def total_of(counts: dict, kind: str = "", overdue: bool = False) -> int:
    column = "overdue" if overdue else "all"
    return sum(n[column] for k, n in counts.items() if not kind or k == kind)


def counts_by_kind(clients: models.QuerySet, on: dt.date) -> dict[str, dict[str, int]]:
    """For each kind: the items due in all, and how many of them are overdue on ``on`` (one
    grouped query per queryset source)."""
    counts = {kind: {"all": 0, "overdue": 0} for kind in due_kinds()}
    found = answers(clients, on)
    for rows in found.querysets:
        grouped = rows.values("item_kind").annotate(
            all=Count("item_client"), overdue=Count("item_client", filter=Q(item_due_on__lt=on))
        )
        for row in grouped.order_by():
            add_count(counts, row["item_kind"], row["all"], row["overdue"])
    for _client, kind, due_on, _detail, _url in found.listed:
        add_count(counts, kind, 1, int(due_on < on))
    return counts


def add_count(counts: dict, kind: str, all_: int, overdue: int) -> None:
    numbers = counts.setdefault(kind, {"all": 0, "overdue": 0})
    numbers["all"] += all_
    numbers["overdue"] += overdue


def as_due_items(
    rows: Iterable[Row], clients_by_id: dict[int, Client], on: dt.date
) -> list[DueItem]:
    labels = due_kinds()
    return [
        DueItem(
            client=clients_by_id[client_id],
            kind=kind,
            label=str(labels.get(kind, kind)),
            due_on=due_on,
            detail=detail or "",
            url=url or "",
            overdue=deadlines.is_overdue(deadlines.Due(kind, due_on, ""), on),
        )
        for client_id, kind, due_on, detail, url in rows
        if client_id in clients_by_id
    ]


def due_for_client(client: Client, on: dt.date) -> list[DueItem]:
    """What is due for one client, from every source."""
    rows = due_items(Client.objects.filter(pk=client.pk), on)
    return as_due_items(rows[:None], {client.pk: client}, on)
