"""``record``: write one audit entry, in the caller's transaction, chained to the previous one.

Each entry's ``hash`` is SHA-256 over the previous entry's hash and the canonical form of the
entry's fields (``CHAINED_FIELDS``). The canonical form depends only on the values as the
database gives them back, so ``verify-audit`` recomputes the same hash from a re-read row:
times in UTC ISO 8601 with microseconds, numbers as numbers, addresses as their bytes.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import ipaddress
import json
import re
import uuid

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from kuntakokeilu.audit.models import GENESIS, AuditEntry, AuditHead

__all__ = ["CHAINED_FIELDS", "GENESIS", "entry_hash", "locked_head", "record"]

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
#: Column widths: values are cut to them before hashing, so the hash covers what is stored.
WIDTHS = {f.name: f.max_length for f in AuditEntry._meta.fields if f.max_length}
#: A Finnish identity code: the log keeps only its date part (as ``rules.identity.mask``).
IDENTITY_CODE = re.compile(r"\b(\d{6}[-+A-FU-Y])\d{3}[0-9A-Y]\b")
TEXT_FIELDS = ("object_id", "detail")


def utc_iso(moment: dt.datetime) -> str:
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return moment.astimezone(dt.UTC).isoformat(timespec="microseconds")


def optional_int(value) -> int | None:
    return None if value is None else int(value)


def address_bytes(value) -> str | None:
    """An IP address as version and bytes: the same however the database spells it."""
    if not value:
        return None
    address = ipaddress.ip_address(str(value).split("%")[0])
    return f"{address.version}:{address.packed.hex()}"


CANONICAL = {
    "at": utc_iso,
    "actor_id": optional_int,
    "client_id": optional_int,
    "address": address_bytes,
    "success": bool,
}


def canonical(values: dict) -> str:
    fields = {f: CANONICAL.get(f, str)(values[f]) for f in CHAINED_FIELDS}
    return json.dumps(fields, sort_keys=True, ensure_ascii=True, separators=(",", ":"))


def entry_hash(previous_hash: str, values: dict) -> str:
    """SHA-256 over the previous hash and the entry's fields in a fixed, canonical form."""
    return hashlib.sha256(f"{previous_hash}\n{canonical(values)}".encode()).hexdigest()


def valid_address(raw: str | None) -> str | None:
    try:
        return str(ipaddress.ip_address(raw.split("%")[0])) if raw else None
    except ValueError:
        return None


def request_facts(request) -> dict:
    if request is None:
        return {"request_id": "", "address": None}
    request_id = getattr(request, "request_id", None) or uuid.uuid4().hex
    request.request_id = request_id
    return {"request_id": request_id, "address": valid_address(request.META.get("REMOTE_ADDR"))}


def actor_facts(actor) -> dict:
    if actor is None or not getattr(actor, "is_authenticated", False):
        return {"actor_id": None, "actor": "", "role": ""}
    profile = getattr(actor, "profile", None)
    return {
        "actor_id": actor.pk,
        "actor": actor.get_username(),
        "role": profile.role if profile else "",
    }


def stored_form(values: dict) -> dict:
    """The values as the columns hold them: plain strings cut to width, integers, booleans;
    an identity code in the free-text fields masked (SECURITY.md: never a full code in a log)."""
    stored = dict(values)
    for name, width in WIDTHS.items():
        if name in stored and stored[name] is not None:
            stored[name] = str(stored[name])[:width]
    for name in TEXT_FIELDS:
        stored[name] = IDENTITY_CODE.sub(r"\1****", stored[name])
    for name in ("actor_id", "client_id"):
        stored[name] = optional_int(stored[name])
    stored["success"] = bool(stored["success"])
    return stored


def locked_head() -> AuditHead:
    """The chain head, locked until the end of the transaction (created on first use)."""
    head, _ = AuditHead.objects.select_for_update().get_or_create(
        pk=1, defaults={"last_hash": GENESIS}
    )
    return head


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
        head = locked_head()
        values = stored_form(
            {
                "at": timezone.now(),
                **actor_facts(actor),
                "action": action,
                "purpose": purpose,
                "object_kind": object_kind,
                "object_id": "" if object_id is None else object_id,
                "client_id": client_id,
                **request_facts(request),
                "success": success,
                "detail": detail,
            }
        )
        digest = entry_hash(head.last_hash, values)
        entry = AuditEntry.objects.create(previous_hash=head.last_hash, hash=digest, **values)
        AuditHead.objects.filter(pk=1).update(last_hash=digest, entries=F("entries") + 1)
        return entry
