"""The service process. ``DomainEvent`` is the event history every action writes (see
docs/casework-design.md); the process models are added beside it."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from kuntakokeilu.clients.models import Client


class DomainEvent(models.Model):
    """What happened to a client, when and where: the client-month history monitoring reads."""

    client = models.ForeignKey(Client, on_delete=models.PROTECT, related_name="events")
    kind = models.CharField(max_length=40, db_index=True)
    on = models.DateField(db_index=True, help_text="the day it happened")
    at = models.DateTimeField(auto_now_add=True, help_text="when it was recorded")
    area = models.CharField(max_length=60, blank=True, help_text="responsible area then")
    municipality = models.CharField(max_length=3, help_text="home municipality then")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    attributes = models.JSONField(default=dict, blank=True)

    class Meta:
        indexes = [models.Index(fields=["client", "on"])]
        ordering = ["on", "pk"]

    def __str__(self) -> str:
        return f"{self.kind} on {self.on}"
