"""Monitoring figures as the dashboards keep them: releases, month versions, figures, findings.

A *release* is one load of a ``monitor --out`` directory (``kuntakokeilu load-indicators``). The
figures are kept per calendar month in *month versions*; a month's version is a draft until the
ministry approves it, then locked. A locked month is never changed: a recomputation that differs
becomes a new version, a correction awaiting approval, and approving it supersedes the locked one;
rejecting it (with the reason) leaves the locked one in force, and a later load that computes the
rejected figures again does not raise them again (docs/dashboards.md). The figures of every
version that was ever locked or rejected are kept.

The invariants live in partial UNIQUE constraints: a month has at most one shown version (a
draft or the locked one) and at most one correction pending.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Release(models.Model):
    """One load of a monitor output directory, with the definitions it carried."""

    loaded_at = models.DateTimeField(auto_now_add=True)
    loaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    source = models.CharField(max_length=500, help_text="the directory it was loaded from")
    indicators_sha256 = models.CharField(max_length=64)
    definitions = models.JSONField(default=list, blank=True)
    rows = models.BigIntegerField(default=0, help_text="figures in the directory")
    findings = models.IntegerField(default=0, help_text="quality findings in the directory")
    written = models.BigIntegerField(default=0, help_text="figures written to the database")
    seconds = models.FloatField(default=0)
    summary = models.JSONField(default=dict, blank=True, help_text="what happened to each month")

    class Meta:
        ordering = ["-pk"]

    def __str__(self) -> str:
        return f"release {self.pk} loaded {self.loaded_at:%Y-%m-%d %H:%M}"


class Status(models.TextChoices):
    """Where a month version stands (docs/dashboards.md, "Locking and versions")."""

    DRAFT = "draft", _("preliminary")
    LOCKED = "locked", _("approved")
    CORRECTION = "correction", _("correction awaiting approval")
    SUPERSEDED = "superseded", _("superseded by a correction")
    WITHDRAWN = "withdrawn", _("correction withdrawn")
    REJECTED = "rejected", _("correction rejected")


class MonthVersion(models.Model):
    """The figures of one calendar month as one load computed them."""

    Status = Status

    month = models.DateField(help_text="the first day of the month")
    number = models.PositiveIntegerField(help_text="1 for the first version of the month")
    status = models.CharField(max_length=12, choices=Status.choices)
    release = models.ForeignKey(Release, on_delete=models.PROTECT, related_name="versions")
    digest = models.CharField(max_length=64, help_text="SHA-256 of the figures and findings")
    figures_count = models.IntegerField(default=0)
    errors = models.IntegerField(default=0, help_text="quality findings of severity error")
    warnings = models.IntegerField(default=0)
    changes = models.JSONField(
        default=dict, blank=True, help_text="a correction: how it differs from the locked version"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True)
    supersedes = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    rejected_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    rejected_at = models.DateTimeField(null=True, blank=True)
    rejection_reason = models.CharField(
        max_length=500, blank=True, help_text="why the ministry did not approve the correction"
    )

    class Meta:
        ordering = ["month", "number"]
        constraints = [
            models.UniqueConstraint(fields=["month", "number"], name="month_version_numbers"),
            models.UniqueConstraint(
                fields=["month"],
                condition=Q(status__in=[Status.DRAFT, Status.LOCKED]),
                name="one_shown_version_a_month",
            ),
            models.UniqueConstraint(
                fields=["month"],
                condition=Q(status=Status.CORRECTION),
                name="one_pending_correction_a_month",
            ),
            models.CheckConstraint(
                condition=Q(status__in=Status.values),
                name="month_version_status_known",
            ),
            models.CheckConstraint(
                condition=~Q(status__in=[Status.LOCKED, Status.SUPERSEDED])
                | Q(approved_at__isnull=False),
                name="locked_versions_were_approved",
            ),
            models.CheckConstraint(
                condition=~Q(status=Status.REJECTED)
                | (Q(rejected_at__isnull=False) & ~Q(rejection_reason="")),
                name="rejections_have_a_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.month:%Y-%m} version {self.number} ({self.status})"

    @property
    def approvable(self) -> bool:
        return self.status in (self.Status.DRAFT, self.Status.CORRECTION)


#: The statuses whose figures the dashboards show (a correction is shown only as a note).
SHOWN = (Status.DRAFT, Status.LOCKED)


class Figure(models.Model):
    """One row of ``indicators.parquet`` (``monitoring.results.RESULTS``) in a month version."""

    version = models.ForeignKey(MonthVersion, on_delete=models.CASCADE, related_name="figures")
    indicator = models.CharField(max_length=10)
    measure = models.CharField(max_length=80)
    grouping = models.CharField(max_length=40)
    group = models.CharField(max_length=80)
    month = models.DateField()
    value = models.FloatField(null=True)
    numerator = models.FloatField(null=True)
    denominator = models.FloatField(null=True)
    persons = models.BigIntegerField(null=True)

    class Meta:
        indexes = [models.Index(fields=["grouping", "group", "version"], name="figure_by_group")]
        constraints = [
            models.UniqueConstraint(
                fields=["version", "indicator", "measure", "grouping", "group"],
                name="figure_once_a_version",
            )
        ]

    def __str__(self) -> str:
        return f"{self.indicator}/{self.measure} {self.grouping}:{self.group} {self.month:%Y-%m}"


class Finding(models.Model):
    """One row of ``quality.parquet`` (``monitoring.results.QUALITY``) in a month version. A
    finding without a month is about the whole load: every month version of it carries it."""

    class Severity(models.TextChoices):
        ERROR = "error", _("error")
        WARNING = "warning", _("warning")

    version = models.ForeignKey(MonthVersion, on_delete=models.CASCADE, related_name="findings")
    check_name = models.CharField(max_length=80)
    severity = models.CharField(max_length=10, choices=Severity.choices)
    indicator = models.CharField(max_length=10, blank=True)
    grouping = models.CharField(max_length=40, blank=True)
    group = models.CharField(max_length=80, blank=True)
    month = models.DateField(null=True, blank=True)
    message = models.TextField()

    class Meta:
        ordering = ["version", "severity", "indicator", "pk"]  # errors first
        constraints = [
            models.CheckConstraint(
                condition=Q(severity__in=["error", "warning"]), name="finding_severity_known"
            )
        ]

    def __str__(self) -> str:
        return f"{self.severity} {self.check_name}: {self.message[:40]}"
