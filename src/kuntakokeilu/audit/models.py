"""The audit log: who read or changed whose data, when, with what authority and why.

Append-only and hash-chained (SECURITY.md): each entry carries the hash of the previous one, and
``AuditHead`` (one row) holds the chain's end, locked by every writer so that the chain never
forks. The database refuses updates and deletes of entries (triggers, see the migrations).
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

GENESIS = "0" * 64


class Action(models.TextChoices):
    READ = "read", pgettext_lazy("audit action", "read")
    SEARCH = "search", pgettext_lazy("audit action", "search")
    CREATE = "create", pgettext_lazy("audit action", "create")
    UPDATE = "update", pgettext_lazy("audit action", "update")
    DELETE = "delete", pgettext_lazy("audit action", "delete")
    EXPORT = "export", pgettext_lazy("audit action", "export")
    DISCLOSE = "disclose", pgettext_lazy("audit action", "disclose")
    LOGIN = "login", pgettext_lazy("audit action", "log in")
    LOGOUT = "logout", pgettext_lazy("audit action", "log out")
    DENIED = "denied", pgettext_lazy("audit action", "refused")


class Purpose(models.TextChoices):
    CASE_WORK = "case_work", _("case work")
    SEARCH = "search", pgettext_lazy("audit purpose", "search")
    SUPERVISION = "supervision", _("supervision")
    TE_OFFICE_STATEMENT = "te_office_statement", _("statement to the TE office")
    DATA_SUBJECT_REQUEST = "data_subject_request", _("the person's own request")
    ADMINISTRATION = "administration", _("administration")
    MONITORING = "monitoring", _("monitoring (pseudonymised)")


class AuditEntry(models.Model):
    at = models.DateTimeField(db_index=True)
    actor_id = models.BigIntegerField(null=True)
    actor = models.CharField(max_length=150, blank=True, help_text="username when it happened")
    role = models.CharField(max_length=30, blank=True)
    action = models.CharField(max_length=10, choices=Action.choices)
    purpose = models.CharField(max_length=30, choices=Purpose.choices)
    object_kind = models.CharField(max_length=40)
    object_id = models.CharField(max_length=40, blank=True)
    client_id = models.BigIntegerField(null=True, db_index=True)
    request_id = models.CharField(max_length=40, blank=True)
    address = models.GenericIPAddressField(null=True)
    success = models.BooleanField(default=True)
    detail = models.CharField(max_length=300, blank=True)
    previous_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64, unique=True)

    class Meta:
        ordering = ["pk"]
        verbose_name_plural = "audit entries"

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M:%S} {self.actor} {self.action} {self.object_kind}"


class AuditHead(models.Model):
    """The ends of the hash chain. One row (pk 1), locked by every writer.

    ``last_hash`` is the last entry's hash; ``entries`` counts every entry ever written and
    ``purged`` those the retention purge removed. After a purge the chain starts at the purge
    anchor: ``anchor_id`` is the first kept entry (empty when none was kept) and
    ``anchor_previous_hash`` the hash that entry (or the next one written) must follow.
    """

    last_hash = models.CharField(max_length=64)
    entries = models.BigIntegerField(default=0)
    purged = models.BigIntegerField(default=0)
    anchor_id = models.BigIntegerField(null=True, blank=True)
    anchor_previous_hash = models.CharField(max_length=64, default=GENESIS)

    def __str__(self) -> str:
        return f"audit chain head after {self.entries} entries"
