"""``record``: write one audit entry, in the caller's transaction, chained to the previous one."""

from __future__ import annotations

import hashlib
import json
import uuid

from django.db import transaction
from django.utils import timezone

from kuntakokeilu.audit.models import AuditEntry, AuditHead

GENESIS = "0" * 64
CHAINED_FIELDS = (
    "at",
    "actor_id",
    "actor",
    "role",
    "action",
    "purpose",
    "object_kind",
    "object_id",
    "client_id",
    "request_id",
    "address",
    "success",
    "detail",
)


def entry_hash(previous_hash: str, values: dict) -> str:
    """SHA-256 over the previous hash and the entry's fields in a fixed, canonical form."""
    canonical = json.dumps(
        {f: values[f] for f in CHAINED_FIELDS}, sort_keys=True, default=str, ensure_ascii=True
    )
    return hashlib.sha256(f"{previous_hash}\n{canonical}".encode()).hexdigest()


def request_facts(request) -> dict:
    if request is None:
        return {"request_id": "", "address": None}
    request_id = getattr(request, "request_id", None) or uuid.uuid4().hex
    request.request_id = request_id
    return {"request_id": request_id, "address": request.META.get("REMOTE_ADDR") or None}


def actor_facts(actor) -> dict:
    if actor is None or not getattr(actor, "is_authenticated", False):
        return {"actor_id": None, "actor": "", "role": ""}
    profile = getattr(actor, "profile", None)
    return {
        "actor_id": actor.pk,
        "actor": actor.get_username(),
        "role": profile.role if profile else "",
    }


def record(
    *,
    actor,
    action: str,
    purpose: str,
    object_kind: str,
    object_id=None,
    client_id: int | None = None,
    request=None,
    success: bool = True,
    detail: str = "",
) -> AuditEntry:
    """Write one audit entry in the current transaction (or its own, when there is none)."""
    with transaction.atomic():
        head, _ = AuditHead.objects.select_for_update().get_or_create(
            pk=1, defaults={"last_hash": GENESIS}
        )
        values = {
            "at": timezone.now(),
            **actor_facts(actor),
            "action": action,
            "purpose": purpose,
            "object_kind": object_kind,
            "object_id": "" if object_id is None else str(object_id),
            "client_id": client_id,
            **request_facts(request),
            "success": success,
            "detail": detail[:300],
        }
        digest = entry_hash(head.last_hash, values)
        entry = AuditEntry.objects.create(previous_hash=head.last_hash, hash=digest, **values)
        AuditHead.objects.filter(pk=1).update(last_hash=digest, entries=head.entries + 1)
        return entry
