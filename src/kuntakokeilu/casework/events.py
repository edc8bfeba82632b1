"""``emit``: one domain event per action, in the action's transaction."""

from __future__ import annotations

import datetime as dt

from kuntakokeilu.casework.models import DomainEvent
from kuntakokeilu.clients.models import Client


def emit(
    client: Client, kind: str, *, on: dt.date, actor=None, attributes: dict | None = None
) -> DomainEvent:
    """Record that ``kind`` happened to ``client`` on ``on`` (attributes: JSON-safe values)."""
    return DomainEvent.objects.create(
        client=client,
        kind=kind,
        on=on,
        area=client.area.area_id if client.area_id else "",
        municipality=client.home_municipality,
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        attributes=attributes or {},
    )
