"""What the API shows and takes. Output serializers are read-only views of the models; input
serializers check the shape of a request before the action (which checks the rules) runs."""

from __future__ import annotations

from rest_framework import serializers

from kuntakokeilu.casework.models import DomainEvent, Interview, Plan, PlanTask, PlanVersion
from kuntakokeilu.clients.models import Client
from kuntakokeilu.services.models import (
    JobOffer,
    OrganisationKind,
    ReportStatus,
    ServiceDecision,
    TeReport,
    TeReportStatusChange,
)

# -- output ------------------------------------------------------------------------------------


class ClientSerializer(serializers.ModelSerializer):
    area = serializers.SlugRelatedField(slug_field="area_id", read_only=True, allow_null=True)

    class Meta:
        model = Client
        fields = [
            "id",
            "person_id",
            "first_names",
            "last_name",
            "birth_date",
            "home_municipality",
            "status",
            "earnings_related",
            "immigrant",
            "language",
            "registered_on",
            "unemployed_since",
            "area",
            "referred_on",
            "reasons",
            "left_on",
            "left_reason",
            "case_worker",
        ]
        read_only_fields = fields


class DomainEventSerializer(serializers.ModelSerializer):
    class Meta:
        model = DomainEvent
        fields = ["id", "client", "kind", "on", "at", "area", "municipality", "actor", "attributes"]
        read_only_fields = fields


class InterviewSerializer(serializers.ModelSerializer):
    class Meta:
        model = Interview
        fields = ["id", "client", "date", "kind", "channel", "notes", "by", "recorded_at"]
        read_only_fields = fields


class PlanTaskSerializer(serializers.ModelSerializer):
    class Meta:
        model = PlanTask
        fields = ["position", "task", "due_on", "done"]
        read_only_fields = fields


class PlanVersionSerializer(serializers.ModelSerializer):
    tasks = PlanTaskSerializer(many=True, read_only=True)

    class Meta:
        model = PlanVersion
        fields = [
            "id",
            "plan",
            "number",
            "made_on",
            "changes",
            "job_search_obligation",
            "by",
            "recorded_at",
            "tasks",
        ]
        read_only_fields = fields


class PlanSerializer(serializers.ModelSerializer):
    """A plan with its current version (the list)."""

    current_version = PlanVersionSerializer(read_only=True, allow_null=True)

    class Meta:
        model = Plan
        fields = ["id", "client", "kind", "job_search_obligation", "created_at", "current_version"]
        read_only_fields = fields


class PlanDetailSerializer(PlanSerializer):
    """A plan with every version, newest first."""

    versions = PlanVersionSerializer(many=True, read_only=True)

    class Meta(PlanSerializer.Meta):
        fields = [*PlanSerializer.Meta.fields, "versions"]
        read_only_fields = fields


class ServiceDecisionSerializer(serializers.ModelSerializer):
    # blank when not known: read-only model fields lose ``allow_blank``, and the schema with it
    organisation_kind = serializers.ChoiceField(
        choices=OrganisationKind.choices, allow_blank=True, read_only=True
    )

    class Meta:
        model = ServiceDecision
        fields = [
            "id",
            "client",
            "kind",
            "status",
            "decided_on",
            "starts_on",
            "ends_on",
            "organisation_name",
            "organisation_id",
            "organisation_kind",
            "subsidy_kind",
            "percent",
            "monthly_pay_cost",
            "monthly_cap",
            "monthly_amount",
            "daily_amount",
            "days",
            "months",
            "total_eur",
            "places",
            "rules_from",
            "created_at",
            "cancelled_on",
            "cancel_reason",
        ]
        read_only_fields = fields


class JobOfferSerializer(serializers.ModelSerializer):
    class Meta:
        model = JobOffer
        fields = [
            "id",
            "client",
            "vacancy_title",
            "employer",
            "offered_on",
            "answer_by",
            "outcome",
            "answered_on",
            "binding",
            "binding_basis",
            "initial_interview_on",
            "created_at",
        ]
        read_only_fields = fields


class TeReportStatusChangeSerializer(serializers.ModelSerializer):
    class Meta:
        model = TeReportStatusChange
        fields = ["status", "on", "note", "at"]
        read_only_fields = fields


class TeReportSerializer(serializers.ModelSerializer):
    history = TeReportStatusChangeSerializer(many=True, read_only=True)

    class Meta:
        model = TeReport
        fields = [
            "id",
            "client",
            "cause",
            "job_offer",
            "event",
            "facts",
            "created_on",
            "status",
            "created_at",
            "history",
        ]
        read_only_fields = fields


# -- input -------------------------------------------------------------------------------------


class InterviewInput(serializers.Serializer):
    date = serializers.DateField()
    kind = serializers.ChoiceField(choices=Interview.Kind.choices)
    channel = serializers.ChoiceField(choices=Interview.Channel.choices)
    notes = serializers.CharField(required=False, allow_blank=True, default="", max_length=10_000)


class TaskInput(serializers.Serializer):
    task = serializers.CharField(max_length=300)
    due_on = serializers.DateField(required=False, allow_null=True, default=None)
    done = serializers.BooleanField(required=False, default=False)


class PlanVersionInput(serializers.Serializer):
    made_on = serializers.DateField()
    changes = serializers.CharField(max_length=10_000)
    job_search_obligation = serializers.IntegerField(
        required=False, allow_null=True, default=None, min_value=0, max_value=4
    )
    tasks = TaskInput(many=True, required=False, default=list, max_length=100)


class ReportStatusInput(serializers.Serializer):
    status = serializers.ChoiceField(choices=ReportStatus.choices)
    on = serializers.DateField()
    note = serializers.CharField(required=False, allow_blank=True, default="", max_length=10_000)


class ClientFilter(serializers.Serializer):
    """The clients list's query: a beginning of the last name."""

    last_name = serializers.CharField(required=False, max_length=100)
