"""The data subject's view: the export of everything held about a client (GDPR Art. 15, 20) and
the purposes report, the dates and purposes of every consultation of the client's data without
staff names (GDPR Art. 15; CJEU C-579/21).

The records are found through Django's app registry, not a list kept by hand: every model with a
foreign key (or one-to-one or many-to-many field) to ``Client``, the models linked to those in
turn (up to ``MAX_DEPTH`` steps), and every model holding an identity code in a ``person_id``
field. A model added by any app is exported without a change here.
"""

from __future__ import annotations

import base64
from collections.abc import Iterator
from dataclasses import dataclass

from django.apps import apps
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, transaction
from django.utils import timezone

from kuntakokeilu.audit.log import record
from kuntakokeilu.audit.models import Action, AuditEntry, Purpose
from kuntakokeilu.clients.models import Client, ReferralEvent

DOCUMENT = "kuntakokeilu data-subject export"
VERSION = 1
MAX_DEPTH = 3
IDENTITY_FIELD = "person_id"


@dataclass(frozen=True)
class Link:
    """A model holding rows about a client, and the lookups from it to the client."""

    model: type[models.Model]
    lookups: tuple[str, ...]

    @property
    def label(self) -> str:
        return self.model._meta.label

    def rows(self, client: Client) -> models.QuerySet:
        condition = models.Q()
        for lookup in self.lookups:
            condition |= models.Q(**{lookup: client})
        matching = self.model.objects.filter(condition).values("pk")  # joins may repeat a row
        return column_values(self.model.objects.filter(pk__in=matching))


@dataclass(frozen=True)
class IdentityLink(Link):
    """A model keyed by the identity code rather than a foreign key."""

    def rows(self, client: Client) -> models.QuerySet:
        return column_values(self.model.objects.filter(**{IDENTITY_FIELD: client.person_id}))


def column_values(rows: models.QuerySet) -> models.QuerySet:
    """Every stored column of the rows, foreign keys as ids, in primary-key order."""
    fields = [f.attname for f in rows.model._meta.concrete_fields]
    return rows.order_by("pk").values(*fields)


def label_of(choices: type[models.TextChoices], code: str) -> str:
    """The code's label in the active language; the code itself when it is not a choice."""
    return str(choices(code).label) if code in choices.values else code


def relations_to(target: type[models.Model]) -> Iterator[tuple[type[models.Model], str]]:
    """(model, field name) for every relation field in any model pointing at ``target``."""
    for model in apps.get_models():
        for field in model._meta.get_fields():
            pointing = field.many_to_one or field.one_to_one or field.many_to_many
            if field.concrete and pointing and field.related_model is target:
                yield model, field.name


def next_level(parents: dict, seen: set) -> dict:
    found: dict[type[models.Model], list[str]] = {}
    for parent, paths in parents.items():
        for model, name in relations_to(parent):
            if model not in seen:
                found.setdefault(model, []).extend(f"{name}__{p}" if p else name for p in paths)
    return found


def client_links() -> list[Link]:
    """Every model with rows about a client, found through the app registry."""
    level, seen, links = {Client: [""]}, {Client}, []
    for _ in range(MAX_DEPTH):
        level = next_level(level, seen)
        seen |= set(level)
        links += [Link(model, tuple(lookups)) for model, lookups in level.items()]
    return sorted(links + identity_links(seen), key=lambda link: link.label)


def identity_links(seen: set) -> list[Link]:
    return [
        IdentityLink(model, (IDENTITY_FIELD,))
        for model in apps.get_models()
        if model not in seen and has_identity_code(model)
    ]


def has_identity_code(model: type[models.Model]) -> bool:
    fields = {f.name: f for f in model._meta.concrete_fields}
    field = fields.get(IDENTITY_FIELD)
    return field is not None and not field.is_relation


def consultations(client: Client) -> models.QuerySet:
    """When the client's data was consulted, how and why: no staff names, no roles."""
    return (
        AuditEntry.objects.filter(client_id=client.pk, success=True)
        .order_by("id")
        .values("at", "action", "purpose")
    )


def consultation_list(client: Client) -> list[dict]:
    return [
        {
            "at": timezone.localtime(row["at"]).isoformat(timespec="seconds"),
            "action": row["action"],
            "purpose": row["purpose"],
            "purpose_text": label_of(Purpose, row["purpose"]),
        }
        for row in consultations(client)
    ]


def client_data(client: Client) -> dict:
    fields = [f.attname for f in Client._meta.concrete_fields]
    data = Client.objects.filter(pk=client.pk).values(*fields).get()
    return data | {"area_name": client.area.name if client.area_id else ""}


def referral_history(client: Client) -> list[dict]:
    events = ReferralEvent.objects.filter(client=client).order_by("on", "pk")
    return [
        {
            "on": event.on,
            "kind": event.kind,
            "kind_text": event.get_kind_display(),
            "from_area": event.from_area,
            "to_area": event.to_area,
            "reasons": event.reasons,
            "notice": event.notice,
        }
        for event in events
    ]


def export_client(client: Client) -> dict:
    """Everything held about ``client``, as one JSON-ready document."""
    return {
        "document": DOCUMENT,
        "version": VERSION,
        "generated_at": timezone.localtime().isoformat(timespec="seconds"),
        "client": client_data(client),
        "referral_history": referral_history(client),
        "records": {link.label: list(link.rows(client)) for link in client_links()},
        "consultations": consultation_list(client),
    }


def do_export_client(client: Client, *, actor, request=None) -> dict:
    """The export as an action: audited (export, the person's own request) in one transaction."""
    with transaction.atomic():
        record(
            actor=actor,
            action=Action.EXPORT,
            purpose=Purpose.DATA_SUBJECT_REQUEST,
            object_kind="client",
            object_id=client.pk,
            client_id=client.pk,
            request=request,
            detail="data-subject export",
        )
        return export_client(client)


class ExportEncoder(DjangoJSONEncoder):
    """Dates, times and decimals as Django writes them; bytes as base64; anything else as text."""

    def default(self, o):
        if isinstance(o, bytes | memoryview):
            return base64.b64encode(bytes(o)).decode()
        try:
            return super().default(o)
        except TypeError:
            return str(o)
