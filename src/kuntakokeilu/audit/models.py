"""The audit log: who read or changed whose data, when, with what authority and why.

Append-only and hash-chained (SECURITY.md): each entry carries the hash of the previous one, and
``AuditHead`` (one row) holds the chain's end, locked by every writer so that the chain never
forks. The database refuses updates and deletes of entries (triggers, see the migrations).
"""

from __future__ import annotations

from django.db import models


class Action(models.TextChoices):
    READ = "read"
    SEARCH = "search"
    CREATE = "create"
    UPDATE = "update"
    DELETE = "delete"
    EXPORT = "export"
    DISCLOSE = "disclose"
    LOGIN = "login"
    LOGOUT = "logout"
    DENIED = "denied"


class Purpose(models.TextChoices):
    CASE_WORK = "case_work"
    SEARCH = "search"
    SUPERVISION = "supervision"
    TE_OFFICE_STATEMENT = "te_office_statement"
    DATA_SUBJECT_REQUEST = "data_subject_request"
    ADMINISTRATION = "administration"


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
    """The end of the hash chain: the last entry's hash. One row, locked by every writer."""

    last_hash = models.CharField(max_length=64)
    entries = models.BigIntegerField(default=0)

    def __str__(self) -> str:
        return f"audit chain head after {self.entries} entries"
