"""What the API may show, built only on the access helpers (``kuntakokeilu.access``).

Plans, interviews and events have no helper of their own yet: they are visible exactly when
their client is (``visible_clients``); ``visible_plans``/``get_plan`` could move to access.py.
"""

from __future__ import annotations

from django.db.models import QuerySet

from kuntakokeilu.access import one_of, role_of, visible_clients
from kuntakokeilu.accounts.models import Role
from kuntakokeilu.casework.models import Plan


def visible_plans(user) -> QuerySet[Plan]:
    return Plan.objects.filter(client__in=visible_clients(user))


def get_plan(user, pk) -> Plan:
    """The plan ``pk`` if ``user`` may see its client; else 404."""
    return one_of(visible_plans(user).select_related("client", "current_version"), pk, "plan")


def purpose_of(user) -> str:
    """Why this user looks at a client's data (the audit purpose), as the web pages say it."""
    role = role_of(user)
    if role == Role.TE_OFFICER:
        return "te_office_statement"
    if role == Role.ADMINISTRATOR:
        return "supervision"
    return "case_work"
