"""Clients of the experiment areas and how they came and went (the referral history)."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models

from kuntakokeilu.areas.models import Area


class ClientQuerySet(models.QuerySet):
    def with_area(self) -> models.QuerySet:
        """The people an area is responsible for now."""
        return self.filter(area__isnull=False)

    def in_area(self, area: Area) -> models.QuerySet:
        return self.filter(area=area)


class Client(models.Model):
    """A person an experiment area is or was responsible for, as of the latest referral run.

    ``area`` is the area responsible now; empty when the person has returned to the TE office or
    the customership has ended (``left_on``, ``left_reason`` say when and why).
    """

    person_id = models.CharField(max_length=11, unique=True, help_text="Identity code")
    first_names = models.CharField(max_length=100, blank=True)
    last_name = models.CharField(max_length=100, blank=True, db_index=True)
    birth_date = models.DateField()
    home_municipality = models.CharField(max_length=3)
    status = models.CharField(max_length=30)
    earnings_related = models.BooleanField()
    immigrant = models.BooleanField()
    language = models.CharField(max_length=3)
    registered_on = models.DateField()
    unemployed_since = models.DateField(null=True, blank=True)
    area = models.ForeignKey(
        Area, null=True, blank=True, on_delete=models.PROTECT, related_name="clients"
    )
    referred_on = models.DateField(null=True, blank=True)
    reasons = models.CharField(max_length=200, blank=True)
    left_on = models.DateField(null=True, blank=True)
    left_reason = models.CharField(max_length=200, blank=True)
    case_worker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="clients",
        help_text="The case worker responsible; assigned in the area",
    )

    objects = ClientQuerySet.as_manager()

    class Meta:
        indexes = [models.Index(fields=["area", "referred_on"])]

    def __str__(self) -> str:
        return f"client {self.pk}"


class ReferralRun(models.Model):
    """One application of a register extract. A run interrupted part way is resumed by the
    next run of the same extract on the same date (same ``extract_sha256`` and ``on``)."""

    on = models.DateField()
    extract_sha256 = models.CharField(max_length=64)
    extract_name = models.CharField(max_length=300)
    started_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    chunks_done = models.PositiveIntegerField(default=0)
    summary = models.JSONField(default=dict)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["extract_sha256", "on"], name="one_run_per_extract_and_day"
            )
        ]

    def __str__(self) -> str:
        return f"referral run {self.pk} on {self.on}"

    @property
    def finished(self) -> bool:
        return self.finished_at is not None


class ReferralEvent(models.Model):
    """What a referral run changed for a client: the event history starts here."""

    class Kind(models.TextChoices):
        NEWLY_REFERRED = "newly_referred", "newly referred"
        MOVES_AREA = "moves_area", "moved to another area"
        RETURNS_TO_TE_OFFICE = "returns_to_te_office", "returned to the TE office"
        CUSTOMERSHIP_ENDS = "customership_ends", "customership ended"

    client = models.ForeignKey(Client, on_delete=models.PROTECT, related_name="referral_events")
    run = models.ForeignKey(ReferralRun, on_delete=models.PROTECT, related_name="events")
    kind = models.CharField(max_length=30, choices=Kind.choices)
    on = models.DateField()
    from_area = models.CharField(max_length=60, blank=True)
    to_area = models.CharField(max_length=60, blank=True)
    reasons = models.CharField(max_length=200, blank=True)
    notice = models.CharField(
        max_length=200, blank=True, help_text="The notice document the client's notice is in"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["client", "run"], name="one_referral_event_per_run")
        ]
        ordering = ["on", "pk"]

    def __str__(self) -> str:
        return f"{self.kind} on {self.on}"


class TeOfficeException(models.Model):
    """The TE office keeps (or takes back) a person despite the target-group rules."""

    class Kind(models.TextChoices):
        LANGUAGE_RIGHTS = "language_rights", "language rights"
        CONFLICT_OF_INTEREST = "conflict_of_interest", "conflict of interest"
        SAFETY = "safety", "safety"

    person_id = models.CharField(max_length=11, db_index=True)
    kind = models.CharField(max_length=30, choices=Kind.choices)
    reason = models.TextField()
    valid_from = models.DateField()
    valid_to = models.DateField(null=True, blank=True)
    recorded_by = models.CharField(max_length=150)
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.CheckConstraint(condition=~models.Q(reason=""), name="exception_has_reason"),
            models.CheckConstraint(
                condition=models.Q(valid_to__isnull=True)
                | models.Q(valid_to__gte=models.F("valid_from")),
                name="exception_ends_after_it_starts",
            ),
        ]

    def __str__(self) -> str:
        return f"TE office exception ({self.kind}) from {self.valid_from}"

    @classmethod
    def in_force_on(cls, on: dt.date) -> models.QuerySet:
        return cls.objects.filter(valid_from__lte=on).filter(
            models.Q(valid_to__isnull=True) | models.Q(valid_to__gte=on)
        )
