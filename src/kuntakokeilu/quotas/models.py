"""Quotas of wage subsidy, start-up grant and training per area and period (DOMAIN.md §4).

The invariant ``used <= cap`` lives in database CHECK constraints, not only in the code that
consumes (SECURITY.md "Integrity under concurrency and failure"): ``actions.consume`` adds to
``used`` with one conditional UPDATE, and the CHECK refuses any write that would overspend, whoever
makes it. ``QuotaUse`` is the ledger: its sum per quota equals ``used``.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Length, Trim
from django.db.models.lookups import GreaterThan
from django.utils.translation import gettext_lazy as _

from kuntakokeilu.areas.models import Area

EURO_DIGITS = 14
CENT = Decimal("0.01")


class Service(models.TextChoices):
    WAGE_SUBSIDY = "wage_subsidy", _("wage subsidy")
    START_UP_GRANT = "start_up_grant", _("start-up grant")
    TRAINING = "training", _("training")


def _euros(**options) -> models.DecimalField:
    return models.DecimalField(max_digits=EURO_DIGITS, decimal_places=2, **options)


class QuotaQuerySet(models.QuerySet):
    def in_area(self, area: Area) -> QuotaQuerySet:
        return self.filter(area=area)

    def covering(self, on: dt.date) -> QuotaQuerySet:
        """Quotas whose period includes the day ``on``."""
        return self.filter(period_start__lte=on, period_end__gte=on)

    def overlapping(self, start: dt.date, end: dt.date) -> QuotaQuerySet:
        return self.filter(period_start__lte=end, period_end__gte=start)


class Quota(models.Model):
    """What an area may grant of one service in one period: euros, and places (persons)."""

    area = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="quotas")
    service = models.CharField(max_length=20, choices=Service.choices)
    period_start = models.DateField()
    period_end = models.DateField()
    cap_euros = _euros()
    used_euros = _euros(default=Decimal("0.00"))
    cap_places = models.IntegerField(null=True, blank=True, help_text="empty: no limit on places")
    used_places = models.IntegerField(default=0)

    objects = QuotaQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["area", "service", "period_start"], name="quota_once_per_period"
            ),
            models.CheckConstraint(
                condition=Q(used_euros__lte=F("cap_euros")), name="quota_euros_within_cap"
            ),
            models.CheckConstraint(
                condition=Q(cap_places__isnull=True) | Q(used_places__lte=F("cap_places")),
                name="quota_places_within_cap",
            ),
            models.CheckConstraint(
                condition=Q(used_euros__gte=0, used_places__gte=0, cap_euros__gte=0)
                & (Q(cap_places__isnull=True) | Q(cap_places__gte=0)),
                name="quota_amounts_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(period_end__gte=F("period_start")),
                name="quota_period_ends_after_it_starts",
            ),
            models.CheckConstraint(
                condition=Q(service__in=Service.values), name="quota_service_known"
            ),
        ]
        ordering = ["-period_start", "area__name", "service"]

    def __str__(self) -> str:
        return f"{self.service} quota of {self.area_id} from {self.period_start}"

    @property
    def remaining_euros(self) -> Decimal:
        return self.cap_euros - self.used_euros

    @property
    def remaining_places(self) -> int | None:
        return None if self.cap_places is None else self.cap_places - self.used_places

    @property
    def share_used(self) -> float | None:
        """Share of the euros used (0–1); None for a quota of 0 euros."""
        return float(self.used_euros / self.cap_euros) if self.cap_euros else None


class QuotaAdjustment(models.Model):
    """A change of a quota's caps by a person, with the reason (never without one)."""

    quota = models.ForeignKey(Quota, on_delete=models.PROTECT, related_name="adjustments")
    old_cap_euros = _euros()
    new_cap_euros = _euros()
    old_cap_places = models.IntegerField(null=True, blank=True)
    new_cap_places = models.IntegerField(null=True, blank=True)
    reason = models.TextField()
    adjusted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=GreaterThan(Length(Trim("reason")), 0),
                name="quota_adjustment_has_reason",
            ),
        ]
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"adjustment of quota {self.quota_id} at {self.at:%Y-%m-%d %H:%M}"


class QuotaUse(models.Model):
    """The ledger: one row per consumption (positive) or release (negative) of a quota."""

    class Kind(models.TextChoices):
        CONSUME = "consume", _("consumed")
        RELEASE = "release", _("released")

    quota = models.ForeignKey(Quota, on_delete=models.PROTECT, related_name="uses")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    euros = _euros()
    places = models.IntegerField(default=0)
    on = models.DateField(help_text="the day of the decision (or of its cancellation)")
    reference = models.CharField(
        max_length=100, blank=True, db_index=True, help_text='what used it: "service_decision:123"'
    )
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=(Q(kind="consume") & Q(euros__gte=0, places__gte=0))
                | (Q(kind="release") & Q(euros__lte=0, places__lte=0)),
                name="quota_use_sign_follows_kind",
            ),
        ]
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.kind} {self.euros} € / {self.places} of quota {self.quota_id}"
