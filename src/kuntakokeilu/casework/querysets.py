"""Query filters named as a case worker speaks: ``PlanTask.objects.open_with_due_date()``,
``under_30(clients, on)``, ``unemployed_for(clients, band, on)``, ``speaking(clients, language)``,
``of_case_worker(clients, worker, user)``; and ``process_facts``, what the process state caches.
Each is SQL over an area-bounded queryset; nothing here loops over clients in Python."""

from __future__ import annotations

import datetime as dt

from django.db import models
from django.db.models import Count, F, Max, Min, Q

from kuntakokeilu.rules import deadlines
from kuntakokeilu.rules.deadlines import add_months
from kuntakokeilu.rules.parameters import parameters
from kuntakokeilu.rules.target_group import last_birth_date_of_age

#: Interview kinds that are follow-up contacts in the process (not the initial interview).
DISCUSSIONS = (
    deadlines.SUPPLEMENTARY_DISCUSSION,
    deadlines.SIX_MONTH_DISCUSSION,
    deadlines.JOB_SEARCH_DISCUSSION,
)
#: Unemployment duration bands: id -> (at least, under) months; None = no bound.
UNEMPLOYMENT_BANDS = {
    "under_3": (None, 3),
    "3_to_6": (3, 6),
    "6_to_12": (6, 12),
    "12_to_24": (12, 24),
    "24_or_more": (24, None),
}
HOME_LANGUAGES = ("fi", "sv")


class PlanTaskQuerySet(models.QuerySet):
    def open_with_due_date(self) -> models.QuerySet:
        return self.filter(done=False, due_on__isnull=False)

    def in_current_plans(self) -> models.QuerySet:
        """Tasks of the newest version of each plan (older versions are history)."""
        return self.filter(version_id=F("version__plan__current_version_id"))


# -- the facts ProcessState caches, as SQL over any set of clients -------------------------


def process_facts(clients: models.QuerySet) -> models.QuerySet:
    """One row per client with the ``rules.deadlines.STATE_COLUMNS``, counted from the client's
    interviews on or after the registration day (one grouped query, no per-client loop)."""

    def of_kind(*kinds: str) -> Q:
        return Q(interviews__date__gte=F("registered_on"), interviews__kind__in=kinds)

    return (
        clients.order_by()
        .annotate(
            initial_interview_on=Min(
                "interviews__date", filter=of_kind(deadlines.INITIAL_INTERVIEW)
            ),
            supplementary_done=Count(
                "interviews", filter=of_kind(deadlines.SUPPLEMENTARY_DISCUSSION)
            ),
            six_month_done=Count("interviews", filter=of_kind(deadlines.SIX_MONTH_DISCUSSION)),
            last_discussion_on=Max("interviews__date", filter=of_kind(*DISCUSSIONS)),
        )
        .values("pk", *deadlines.STATE_COLUMNS)
    )


# -- client filters of the work list ----------------------------------------------------------


def under_30(clients: models.QuerySet, on: dt.date) -> models.QuerySet:
    """Clients not yet at the target group's age limit on ``on`` (the birthday itself is not
    under it), as the target-group rule counts age."""
    limit = parameters().value("target_group_age_limit", on)
    return clients.filter(birth_date__gt=last_birth_date_of_age(on, limit))


def unemployed_for(clients: models.QuerySet, band: str, on: dt.date) -> models.QuerySet:
    """Clients whose unemployment began so long before ``on`` (a band of UNEMPLOYMENT_BANDS)."""
    at_least, under = UNEMPLOYMENT_BANDS[band]
    if at_least is not None:
        clients = clients.filter(unemployed_since__lte=add_months(on, -at_least))
    if under is not None:
        clients = clients.filter(unemployed_since__gt=add_months(on, -under))
    return clients


def speaking(clients: models.QuerySet, language: str) -> models.QuerySet:
    """Clients by their language of service: fi, sv, or ``other`` (anything else)."""
    if language == "other":
        return clients.exclude(language__in=HOME_LANGUAGES)
    return clients.filter(language=language)


def of_case_worker(clients: models.QuerySet, worker: str, user) -> models.QuerySet:
    """``mine``, ``unassigned`` or a user id."""
    if worker == "mine":
        return clients.filter(case_worker=user)
    if worker == "unassigned":
        return clients.filter(case_worker__isnull=True)
    return clients.filter(case_worker_id=int(worker))
