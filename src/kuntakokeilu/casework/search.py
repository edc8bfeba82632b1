"""Finding clients: the work list's filters and the search by name or identity code.

Everything here narrows a queryset that ``access.visible_clients`` has already scoped; nothing
widens it.
"""

from __future__ import annotations

import datetime as dt
import re

from django.db import models
from django.db.models import Q

from kuntakokeilu.casework import querysets

#: The shape of a whole identity code (the search never matches part of one).
IDENTITY_CODE = re.compile(r"^[0-9]{6}[-+A-FYXWVU][0-9]{3}[0-9A-Y]$")
MAX_WORDS = 4


def filtered(clients: models.QuerySet, wanted: dict, user, on: dt.date) -> models.QuerySet:
    """Apply the work list's client filters (the form's cleaned values; empty = any)."""
    if wanted.get("worker"):
        clients = querysets.of_case_worker(clients, wanted["worker"], user)
    if wanted.get("language"):
        clients = querysets.speaking(clients, wanted["language"])
    if wanted.get("under_30"):
        young = querysets.under_30(clients, on)
        clients = (
            young if wanted["under_30"] == "yes" else clients.exclude(pk__in=young.values("pk"))
        )
    if wanted.get("immigrant"):
        clients = clients.filter(immigrant=wanted["immigrant"] == "yes")
    if wanted.get("unemployed"):
        clients = querysets.unemployed_for(clients, wanted["unemployed"], on)
    if wanted.get("status"):
        clients = clients.filter(status=wanted["status"])
    return clients


def find(clients: models.QuerySet, text: str) -> tuple[str, models.QuerySet]:
    """The clients matching ``text``, and what kind of search it was ("identity code" or
    "name"): a whole identity code matches exactly; otherwise every word must begin the last
    name or one of the first names."""
    text = text.strip()
    clients = clients.order_by("last_name", "first_names", "pk")
    if IDENTITY_CODE.match(text.upper()):
        return "identity code", clients.filter(person_id=text.upper())
    words = text.split()[:MAX_WORDS]
    for word in words:
        clients = clients.filter(
            Q(last_name__istartswith=word)
            | Q(first_names__istartswith=word)
            | Q(first_names__icontains=f" {word}")
        )
    return "name", clients
