"""Service decisions, job offers and reports to the TE office (docs/casework-design.md).

Rows change only through ``services.actions``: each action also writes the client's
``DomainEvent`` and an audit entry in the same transaction.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from kuntakokeilu.areas.models import Area
from kuntakokeilu.clients.models import Client


class ServiceKind(models.TextChoices):
    WAGE_SUBSIDY = "wage_subsidy", _("wage subsidy")
    START_UP_GRANT = "start_up_grant", _("start-up grant")
    LABOUR_MARKET_TRAINING = "labour_market_training", _("labour market training")
    COACHING = "coaching", _("job-search coaching")
    WORK_TRIAL = "work_trial", _("work trial")
    CAREER_GUIDANCE = "career_guidance", _("career guidance")


class OrganisationKind(models.TextChoices):
    COMPANY = "company", _("company")
    ASSOCIATION = "association", _("association or foundation")
    MUNICIPALITY = "municipality", _("municipality")
    OTHER_PUBLIC = "other_public", _("other public body")


class DecisionStatus(models.TextChoices):
    DECIDED = "decided", pgettext_lazy("decision status", "decision in force")
    CANCELLED = "cancelled", pgettext_lazy("decision status", "decision cancelled")


class DecisionQuerySet(models.QuerySet):
    def in_force(self) -> models.QuerySet:
        return self.filter(status=DecisionStatus.DECIDED)

    def of_kind(self, kind: str) -> models.QuerySet:
        return self.filter(kind=kind)


class ServiceDecision(models.Model):
    """A decision granting a client a service for a period, with its amounts as decided.

    The amounts are computed by ``services.terms`` from the dated rules in force on
    ``decided_on`` and stored as decided; ``rules_from`` names the rule version used.
    """

    client = models.ForeignKey(Client, on_delete=models.PROTECT, related_name="service_decisions")
    area = models.ForeignKey(
        Area, on_delete=models.PROTECT, related_name="+", help_text="area whose quota it drew on"
    )
    kind = models.CharField(max_length=30, choices=ServiceKind.choices)
    status = models.CharField(
        max_length=10, choices=DecisionStatus.choices, default=DecisionStatus.DECIDED
    )
    decided_on = models.DateField()
    starts_on = models.DateField()
    ends_on = models.DateField()
    organisation_name = models.CharField(
        max_length=200, blank=True, help_text="employer, organiser or provider"
    )
    organisation_id = models.CharField(max_length=9, blank=True, help_text="business ID")
    organisation_kind = models.CharField(
        max_length=20, choices=OrganisationKind.choices, blank=True
    )
    subsidy_kind = models.CharField(max_length=30, blank=True, help_text="wage subsidy rule kind")
    percent = models.PositiveSmallIntegerField(null=True, blank=True)
    monthly_pay_cost = models.DecimalField(max_digits=10, decimal_places=2, null=True, blank=True)
    work_capacity_statement = models.BooleanField(
        default=False,
        help_text="the case worker confirmed an expert statement of reduced work capacity on file",
    )
    monthly_cap = models.DecimalField(max_digits=10, decimal_places=2, null=True, blank=True)
    monthly_amount = models.DecimalField(max_digits=10, decimal_places=2, null=True, blank=True)
    daily_amount = models.DecimalField(max_digits=8, decimal_places=2, null=True, blank=True)
    days = models.PositiveIntegerField(null=True, blank=True, help_text="days paid")
    months = models.DecimalField(max_digits=5, decimal_places=2, null=True, blank=True)
    total_eur = models.DecimalField(max_digits=12, decimal_places=2, default=0)
    quota_service = models.CharField(max_length=20, blank=True)
    quota_id = models.BigIntegerField(null=True, blank=True, help_text="the quota consumed")
    places = models.PositiveSmallIntegerField(default=0)
    rules_from = models.DateField(null=True, blank=True, help_text="rule version applied")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    cancelled_on = models.DateField(null=True, blank=True)
    cancel_reason = models.TextField(blank=True)

    objects = DecisionQuerySet.as_manager()

    class Meta:
        ordering = ["-decided_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")),
                name="decision_ends_after_it_starts",
            ),
            models.CheckConstraint(
                condition=~models.Q(status="cancelled")
                | (models.Q(cancelled_on__isnull=False) & ~models.Q(cancel_reason="")),
                name="cancelled_decision_has_day_and_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} decision {self.pk} on {self.decided_on}"

    @property
    def cancelled(self) -> bool:
        return self.status == DecisionStatus.CANCELLED


class Outcome(models.TextChoices):
    OPEN = "open", pgettext_lazy("job offer outcome", "waiting for an answer")
    APPLIED = "applied", pgettext_lazy("job offer outcome", "applied for the job")
    HIRED = "hired", pgettext_lazy("job offer outcome", "hired for the job")
    REFUSED = "refused", pgettext_lazy("job offer outcome", "refused the offer")
    NO_ANSWER = "no_answer", pgettext_lazy("job offer outcome", "no answer by the deadline")


#: Outcomes a case worker records; ``no_answer`` is also set when the deadline passes.
ANSWERS = (Outcome.APPLIED, Outcome.HIRED, Outcome.REFUSED, Outcome.NO_ANSWER)
#: Outcomes the TE office may hear about (a report in one step).
REPORTABLE = (Outcome.REFUSED, Outcome.NO_ANSWER)


class BindingBasis(models.TextChoices):
    """Why a job offer is or is not binding (stored with the offer as its reason)."""

    SIX_MONTHS_PASSED = (
        "six_months_passed",
        _("binding: offered at least 6 months after the initial interview (Nordic model)"),
    )
    WITHIN_SIX_MONTHS = (
        "within_six_months",
        _("not binding: offered within 6 months of the initial interview (Nordic model)"),
    )
    NO_INITIAL_INTERVIEW = (
        "no_initial_interview",
        _("not binding: no initial interview is recorded for the client"),
    )
    BEFORE_NORDIC_MODEL = (
        "before_nordic_model",
        _("binding: offered before the Nordic model (2.5.2022) took effect"),
    )


class JobOfferQuerySet(models.QuerySet):
    def open(self) -> models.QuerySet:
        return self.filter(outcome=Outcome.OPEN)

    def overdue(self, on: dt.date) -> models.QuerySet:
        """Open offers whose answer deadline had passed by ``on``."""
        return self.open().filter(answer_by__lt=on)


class JobOffer(models.Model):
    """A vacancy offered to a client, with the deadline to answer and what came of it."""

    client = models.ForeignKey(Client, on_delete=models.PROTECT, related_name="job_offers")
    vacancy_title = models.CharField(max_length=200)
    employer = models.CharField(max_length=200)
    offered_on = models.DateField()
    answer_by = models.DateField()
    outcome = models.CharField(max_length=10, choices=Outcome.choices, default=Outcome.OPEN)
    answered_on = models.DateField(null=True, blank=True)
    binding = models.BooleanField()
    binding_basis = models.CharField(max_length=30, choices=BindingBasis.choices)
    initial_interview_on = models.DateField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = JobOfferQuerySet.as_manager()

    class Meta:
        ordering = ["-offered_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(answer_by__gte=models.F("offered_on")),
                name="job_offer_deadline_not_before_offer",
            ),
        ]
        indexes = [models.Index(fields=["outcome", "answer_by"])]

    def __str__(self) -> str:
        return f"job offer {self.pk} on {self.offered_on}"

    @property
    def reportable(self) -> bool:
        return self.outcome in REPORTABLE


class Cause(models.TextChoices):
    REFUSED_JOB_OFFER = "refused_job_offer", _("refused a job offer or did not answer it")
    MISSED_INTERVIEW = "missed_interview", _("missed an interview")
    NEGLECTED_PLAN = "neglected_plan", _("neglected the employment plan")
    OTHER = "other", pgettext_lazy("report cause", "other cause")


class ReportStatus(models.TextChoices):
    SENT = "sent", pgettext_lazy("report status", "sent to the TE office")
    RECEIVED = "received", pgettext_lazy("report status", "received by the TE office")
    STATEMENT_GIVEN = "statement_given", pgettext_lazy("report status", "statement given")
    CLOSED = "closed", pgettext_lazy("report status", "report closed")


#: The order a report moves through; the TE office may skip steps but never go back.
STATUS_ORDER = list(ReportStatus.values)


class TeReport(models.Model):
    """The facts the municipality reports to the TE office for a labour-policy statement."""

    client = models.ForeignKey(Client, on_delete=models.PROTECT, related_name="te_reports")
    cause = models.CharField(max_length=30, choices=Cause.choices)
    job_offer = models.OneToOneField(
        JobOffer, null=True, blank=True, on_delete=models.PROTECT, related_name="te_report"
    )
    event = models.CharField(
        max_length=300, blank=True, help_text="what caused the report, when not a job offer"
    )
    facts = models.TextField()
    created_on = models.DateField()
    status = models.CharField(max_length=20, choices=ReportStatus.choices, default="sent")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_on", "-pk"]
        constraints = [
            models.CheckConstraint(condition=~models.Q(facts=""), name="te_report_has_facts"),
            models.CheckConstraint(
                condition=models.Q(job_offer__isnull=False) | ~models.Q(event=""),
                name="te_report_names_its_cause_event",
            ),
        ]

    def __str__(self) -> str:
        return f"TE report {self.pk} on {self.created_on}"


class TeReportStatusChange(models.Model):
    """One step of a report's status history (the first row is its sending)."""

    report = models.ForeignKey(TeReport, on_delete=models.PROTECT, related_name="history")
    status = models.CharField(max_length=20, choices=ReportStatus.choices)
    on = models.DateField()
    note = models.TextField(blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.status} on {self.on}"
