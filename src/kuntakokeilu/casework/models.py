"""The service process. ``DomainEvent`` is the event history every action writes (see
docs/casework-design.md); beside it the process itself: interviews and discussions, service-needs
assessments, plans kept as versions, and ``ProcessState``, the cached answer to "what is due next"
that the work list sorts by.

Rows are written only through ``casework.actions`` (one action per change, with its event and
audit row in the same transaction).
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kuntakokeilu.casework.querysets import PlanTaskQuerySet
from kuntakokeilu.clients.models import Client
from kuntakokeilu.rules import deadlines

WORK_ABILITY_SCALE = (0, 10)


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


def recorded_by():
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )


# -- interviews and discussions ---------------------------------------------------------------


class Interview(models.Model):
    """An interview or job-search discussion held with the client (Act 916/2012 ch. 2)."""

    class Kind(models.TextChoices):
        INITIAL_INTERVIEW = deadlines.INITIAL_INTERVIEW, _("initial interview")
        SUPPLEMENTARY_DISCUSSION = (
            deadlines.SUPPLEMENTARY_DISCUSSION,
            _("supplementary job-search discussion"),
        )
        SIX_MONTH_DISCUSSION = (
            deadlines.SIX_MONTH_DISCUSSION,
            _("supplementary discussion after six months of job search"),
        )
        JOB_SEARCH_DISCUSSION = (
            deadlines.JOB_SEARCH_DISCUSSION,
            _("job-search discussion (before 2.5.2022: interview)"),
        )
        OTHER = "other", _("other meeting")

    class Channel(models.TextChoices):
        IN_PERSON = "in_person", _("in person")
        PHONE = "phone", _("by phone")
        VIDEO = "video", _("video call")
        E_SERVICE = "e_service", _("e-service")

    client = models.ForeignKey(Client, on_delete=models.PROTECT, related_name="interviews")
    date = models.DateField()
    kind = models.CharField(max_length=30, choices=Kind.choices)
    channel = models.CharField(max_length=20, choices=Channel.choices)
    notes = models.TextField(blank=True)
    by = recorded_by()
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [models.Index(fields=["client", "date"])]
        ordering = ["-date", "-pk"]

    def __str__(self) -> str:
        return f"{self.kind} on {self.date}"


# -- service-needs assessment ------------------------------------------------------------------


class ServiceNeedsAssessment(models.Model):
    """The broad assessment of service needs: competence, training, work ability, and the need for
    social, health and rehabilitation services with referrals to them (D000 "Serviceprocess")."""

    class Segment(models.TextChoices):
        JOB_PLACEMENT = "job_placement", _("job placement")
        COMPETENCE_DEVELOPMENT = "competence_development", _("competence development")
        SUPPORTED_EMPLOYMENT = "supported_employment", _("supported employment")

    client = models.ForeignKey(
        Client, on_delete=models.PROTECT, related_name="service_needs_assessments"
    )
    date = models.DateField()
    competence_needs = models.TextField(blank=True)
    training_needs = models.TextField(blank=True)
    work_ability = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(10)],
    )
    needs_social_services = models.BooleanField(default=False)
    social_services_need = models.TextField(blank=True)
    needs_health_services = models.BooleanField(default=False)
    health_services_need = models.TextField(blank=True)
    needs_rehabilitation = models.BooleanField(default=False)
    rehabilitation_need = models.TextField(blank=True)
    segment = models.CharField(max_length=30, choices=Segment.choices)
    referred_to_social_services = models.BooleanField(default=False)
    referred_to_health_services = models.BooleanField(default=False)
    referred_to_kela_rehabilitation = models.BooleanField(default=False)
    by = recorded_by()
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-date", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(work_ability__isnull=True) | Q(work_ability__lte=10),
                name="work_ability_is_0_to_10",
            )
        ]

    def __str__(self) -> str:
        return f"service needs assessed on {self.date}"


# -- plans ----------------------------------------------------------------------------------


class Plan(models.Model):
    """A client's plan of one kind. Its content lives in versions: a change makes a new version,
    so what changed, when and by whom stays. ``job_search_obligation`` and ``current_version``
    repeat the newest version's values for queries."""

    class Kind(models.TextChoices):
        EMPLOYMENT = "employment", _("employment plan")
        INTEGRATION = "integration", _("integration plan")
        ACTIVATION = "activation", _("activation plan")
        MULTISECTORAL = "multisectoral", _("multisectoral employment plan")

    client = models.ForeignKey(Client, on_delete=models.PROTECT, related_name="plans")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    job_search_obligation = models.PositiveSmallIntegerField(null=True, blank=True)
    current_version = models.ForeignKey(
        "PlanVersion", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["kind"]
        constraints = [
            models.UniqueConstraint(fields=["client", "kind"], name="one_plan_of_a_kind"),
            models.CheckConstraint(
                condition=Q(job_search_obligation__isnull=True) | Q(job_search_obligation__lte=4),
                name="plan_job_search_obligation_0_to_4",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} plan of client {self.client_id}"


class PlanVersion(models.Model):
    """One version of a plan: its content as agreed on ``made_on``, and what changed."""

    plan = models.ForeignKey(Plan, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveIntegerField()
    made_on = models.DateField()
    changes = models.TextField(blank=True)
    job_search_obligation = models.PositiveSmallIntegerField(null=True, blank=True)
    by = recorded_by()
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["plan", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="plan_version_numbers_unique"),
            models.CheckConstraint(
                condition=Q(job_search_obligation__isnull=True) | Q(job_search_obligation__lte=4),
                name="version_job_search_obligation_0_to_4",
            ),
        ]

    def __str__(self) -> str:
        return f"version {self.number} of plan {self.plan_id}"


class PlanTask(models.Model):
    """A task agreed in one version of a plan."""

    version = models.ForeignKey(PlanVersion, on_delete=models.PROTECT, related_name="tasks")
    position = models.PositiveSmallIntegerField(default=0)
    task = models.CharField(max_length=300)
    due_on = models.DateField(null=True, blank=True)
    done = models.BooleanField(default=False)

    objects = PlanTaskQuerySet.as_manager()

    class Meta:
        ordering = ["version", "position"]
        indexes = [models.Index(fields=["done", "due_on"])]

    def __str__(self) -> str:
        return self.task


# -- what is due next -------------------------------------------------------------------------


class ProcessState(models.Model):
    """Where the client is in the service process, and the next interview or discussion due.

    A cache of the client's interviews in the current job-search period (those on or after the
    registration day), rewritten by every interview action and in bulk by ``refresh-due``. The
    due item comes from ``rules.deadlines``; ``due_on`` is empty when no regime covers the
    registration day (before 2013)."""

    client = models.OneToOneField(
        Client, primary_key=True, on_delete=models.CASCADE, related_name="process"
    )
    registered_on = models.DateField()
    initial_interview_on = models.DateField(null=True, blank=True)
    supplementary_done = models.PositiveSmallIntegerField(default=0)
    six_month_done = models.PositiveSmallIntegerField(default=0)
    last_discussion_on = models.DateField(null=True, blank=True)
    due_kind = models.CharField(max_length=30, blank=True)
    due_on = models.DateField(null=True, blank=True)
    regime = models.CharField(max_length=40, blank=True)
    refreshed_at = models.DateTimeField(auto_now=True)

    class Meta:
        indexes = [
            models.Index(fields=["due_on"]),
            models.Index(fields=["due_kind", "due_on"]),
        ]

    def __str__(self) -> str:
        return f"process of client {self.client_id}: {self.due_kind} due {self.due_on}"

    def as_rule_state(self) -> deadlines.ProcessState:
        return deadlines.ProcessState(
            **{column: getattr(self, column) for column in deadlines.STATE_COLUMNS}
        )
