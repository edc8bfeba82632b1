"""What the API shows and takes. Output serializers are read-only views of the models; input
serializers check the shape of a request (as the web forms do) before the action, which checks
the rules, runs. The input fields carry the names the actions use, so an action's error lands on
the field it names."""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from kuntakokeilu.casework.models import (
    WORK_ABILITY_SCALE,
    DomainEvent,
    Interview,
    Plan,
    PlanTask,
    PlanVersion,
    ServiceNeedsAssessment,
)
from kuntakokeilu.clients.bulk import CLIENT_FIELDS
from kuntakokeilu.clients.models import Client, ReferralEvent, TeOfficeException
from kuntakokeilu.rules.deadlines import add_months
from kuntakokeilu.rules.identity import mask
from kuntakokeilu.services.forms import DecisionForm, business_id
from kuntakokeilu.services.models import (
    ANSWERS,
    JobOffer,
    OrganisationKind,
    ReportStatus,
    ServiceDecision,
    ServiceKind,
    TeReport,
    TeReportStatusChange,
)
from kuntakokeilu.services.terms import SUBSIDY_KIND_LABELS

TEXT = 10_000  # the longest free text taken

# -- output ------------------------------------------------------------------------------------


def shown(model, *fields: str):
    """The ``Meta`` of a read-only serializer of ``model`` showing ``fields``."""
    return type("Meta", (), {"model": model, "fields": list(fields), "read_only_fields": fields})


class ClientSerializer(serializers.ModelSerializer):
    area = serializers.SlugRelatedField(slug_field="area_id", read_only=True, allow_null=True)

    Meta = shown(
        Client,
        "id",
        *CLIENT_FIELDS,
        "area",
        "referred_on",
        "reasons",
        "left_on",
        "left_reason",
        "case_worker",
    )


class ReferralEventSerializer(serializers.ModelSerializer):
    Meta = shown(
        ReferralEvent, "id", "client", "kind", "on", "from_area", "to_area", "reasons", "notice"
    )


class DomainEventSerializer(serializers.ModelSerializer):
    Meta = shown(
        DomainEvent,
        "id",
        "client",
        "kind",
        "on",
        "at",
        "area",
        "municipality",
        "actor",
        "attributes",
    )


class InterviewSerializer(serializers.ModelSerializer):
    Meta = shown(Interview, "id", "client", "date", "kind", "channel", "notes", "by", "recorded_at")


class ServiceNeedsAssessmentSerializer(serializers.ModelSerializer):
    Meta = shown(
        ServiceNeedsAssessment,
        "id",
        "client",
        "date",
        "segment",
        "competence_needs",
        "training_needs",
        "work_ability",
        "needs_social_services",
        "social_services_need",
        "needs_health_services",
        "health_services_need",
        "needs_rehabilitation",
        "rehabilitation_need",
        "referred_to_social_services",
        "referred_to_health_services",
        "referred_to_kela_rehabilitation",
        "by",
        "recorded_at",
    )


class PlanTaskSerializer(serializers.ModelSerializer):
    Meta = shown(PlanTask, "position", "task", "due_on", "done")


class PlanVersionSerializer(serializers.ModelSerializer):
    tasks = PlanTaskSerializer(many=True, read_only=True)

    Meta = shown(
        PlanVersion,
        "id",
        "plan",
        "number",
        "made_on",
        "changes",
        "job_search_obligation",
        "by",
        "recorded_at",
        "tasks",
    )


PLAN_FIELDS = ("id", "client", "kind", "job_search_obligation", "created_at", "current_version")


class PlanSerializer(serializers.ModelSerializer):
    """A plan with its current version (the list)."""

    current_version = PlanVersionSerializer(read_only=True, allow_null=True)

    Meta = shown(Plan, *PLAN_FIELDS)


class PlanDetailSerializer(PlanSerializer):
    """A plan with every version, newest first."""

    versions = PlanVersionSerializer(many=True, read_only=True)

    Meta = shown(Plan, *PLAN_FIELDS, "versions")


class ServiceDecisionSerializer(serializers.ModelSerializer):
    # blank when not known: read-only model fields lose ``allow_blank``, and the schema with it
    organisation_kind = serializers.ChoiceField(
        choices=OrganisationKind.choices, allow_blank=True, read_only=True
    )

    Meta = shown(
        ServiceDecision,
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
        "work_capacity_statement",
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
    )


class JobOfferSerializer(serializers.ModelSerializer):
    Meta = shown(
        JobOffer,
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
    )


class TeReportStatusChangeSerializer(serializers.ModelSerializer):
    Meta = shown(TeReportStatusChange, "status", "on", "note", "at")


class TeReportSerializer(serializers.ModelSerializer):
    history = TeReportStatusChangeSerializer(many=True, read_only=True)

    Meta = shown(
        TeReport,
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
    )


class TeOfficeExceptionSerializer(serializers.ModelSerializer):
    """An exception with the person's identity code masked, as the TE officer's pages show
    a client's (``rules.identity.mask``)."""

    person = serializers.SerializerMethodField()

    Meta = shown(
        TeOfficeException,
        "id",
        "person",
        "kind",
        "reason",
        "valid_from",
        "valid_to",
        "recorded_by",
        "recorded_at",
    )

    def get_person(self, exception: TeOfficeException) -> str:
        return mask(exception.person_id)


class QuotaRefusalSerializer(serializers.Serializer):
    """409: the decision would take more than the quota has left (or there is no quota)."""

    detail = serializers.CharField(help_text="what was refused and what is left, for people")
    code = serializers.CharField(help_text="``quota``")
    remaining_euros = serializers.DecimalField(
        max_digits=14, decimal_places=2, allow_null=True, help_text="null: no quota covers the day"
    )
    remaining_places = serializers.IntegerField(
        allow_null=True, help_text="null: the quota does not limit places, or there is none"
    )


# -- input -------------------------------------------------------------------------------------

FIRST_DAY, LAST_DAY = dt.date(1900, 1, 1), dt.date(2099, 12, 31)


class Day(serializers.DateField):
    """An ISO date the rules can count with (1.1.1900–31.12.2099)."""

    default_error_messages = {
        "range": _("Give a date from 1.1.1900 to 31.12.2099."),
    }

    def to_internal_value(self, value):
        day = super().to_internal_value(value)
        if not FIRST_DAY <= day <= LAST_DAY:
            self.fail("range")
        return day


def text(max_length: int = TEXT, **options) -> serializers.CharField:
    """Optional free text (blank allowed)."""
    return serializers.CharField(
        required=False, allow_blank=True, default="", max_length=max_length, **options
    )


class InterviewInput(serializers.Serializer):
    date = Day()
    kind = serializers.ChoiceField(choices=Interview.Kind.choices)
    channel = serializers.ChoiceField(choices=Interview.Channel.choices)
    notes = text()


class ServiceNeedsInput(serializers.Serializer):
    """A service-needs assessment: the date and the answers (``casework.actions.ServiceNeeds``)."""

    date = Day()
    segment = serializers.ChoiceField(choices=ServiceNeedsAssessment.Segment.choices)
    competence_needs = text()
    training_needs = text()
    work_ability = serializers.IntegerField(
        required=False,
        allow_null=True,
        default=None,
        min_value=WORK_ABILITY_SCALE[0],
        max_value=WORK_ABILITY_SCALE[1],
        help_text="0 (cannot work at all) to 10 (best possible), as the client assesses it",
    )
    needs_social_services = serializers.BooleanField(required=False, default=False)
    social_services_need = text()
    needs_health_services = serializers.BooleanField(required=False, default=False)
    health_services_need = text()
    needs_rehabilitation = serializers.BooleanField(required=False, default=False)
    rehabilitation_need = text()
    referred_to_social_services = serializers.BooleanField(required=False, default=False)
    referred_to_health_services = serializers.BooleanField(required=False, default=False)
    referred_to_kela_rehabilitation = serializers.BooleanField(required=False, default=False)


class TaskInput(serializers.Serializer):
    task = serializers.CharField(max_length=300)
    due_on = Day(required=False, allow_null=True, default=None)
    done = serializers.BooleanField(required=False, default=False)


class PlanContentInput(serializers.Serializer):
    """What every version of a plan agrees: the day, the applications a month, the tasks."""

    made_on = Day()
    job_search_obligation = serializers.IntegerField(
        required=False,
        allow_null=True,
        default=None,
        min_value=0,
        max_value=4,
        help_text="applications a month; empty: the rule's default (none before 2.5.2022)",
    )
    tasks = TaskInput(many=True, required=False, default=list, max_length=100)


class PlanInput(PlanContentInput):
    """A new plan of a kind the client does not have yet (its version 1)."""

    kind = serializers.ChoiceField(choices=Plan.Kind.choices)


class PlanVersionInput(PlanContentInput):
    """A new version of a plan, saying what changed."""

    changes = serializers.CharField(max_length=TEXT)


NONE = (None, "")
#: A decision stores its length in months below 1 000 (``ServiceDecision.months``); a longer
#: period would fail to save, so it is refused here (the action does not check it).
LONGEST_YEARS = 80


def euros(max_digits: int, help_text: str) -> serializers.DecimalField:
    return serializers.DecimalField(
        max_digits=max_digits,
        decimal_places=2,
        min_value=0,
        required=False,
        allow_null=True,
        default=None,
        help_text=help_text,
    )


class DecisionInput(serializers.Serializer):
    """A service decision of any kind; the fields of the other kinds stay empty. Amounts come
    from the rules in force on ``decided_on``; the quota of the area is consumed."""

    kind = serializers.ChoiceField(choices=ServiceKind.choices)
    decided_on = Day()
    starts_on = Day()
    ends_on = Day()
    organisation_name = text(200, help_text="employer, organiser or provider")
    organisation_id = text(9, help_text="business ID, 1234567-8")
    organisation_kind = serializers.ChoiceField(
        choices=OrganisationKind.choices, required=False, allow_blank=True, default=""
    )
    subsidy_kind = serializers.ChoiceField(
        choices=list(SUBSIDY_KIND_LABELS), required=False, allow_blank=True, default=""
    )
    monthly_pay_cost = euros(10, "wage subsidy: the employer's pay cost a month")
    work_capacity_statement = serializers.BooleanField(
        required=False,
        default=False,
        help_text="wage subsidy: an expert statement of the client's reduced work capacity is "
        "on file",
    )
    cost_eur = euros(12, "labour market training and coaching: the cost")

    def validate_organisation_id(self, value: str) -> str:
        return business_id(value)

    def validate(self, data: dict) -> dict:
        needs = DecisionForm.NEEDS.get(data["kind"], ())
        errors = {f: [_("This service needs this field.")] for f in needs if data.get(f) in NONE}
        if data["ends_on"] >= add_months(data["starts_on"], 12 * LONGEST_YEARS):
            message = _("The period is too long to record: at most %(years)s years.")
            errors["ends_on"] = [message % {"years": LONGEST_YEARS}]
        if errors:
            raise serializers.ValidationError(errors)
        return data


class JobOfferInput(serializers.Serializer):
    vacancy_title = serializers.CharField(max_length=200)
    employer = serializers.CharField(max_length=200)
    offered_on = Day()
    answer_by = Day()


class AnswerInput(serializers.Serializer):
    outcome = serializers.ChoiceField(choices=[(o, o.label) for o in ANSWERS])
    answered_on = Day()


class AssignInput(serializers.Serializer):
    case_worker = serializers.IntegerField(
        allow_null=True,
        min_value=1,
        help_text="the user id of a case worker or area manager of the client's area; null: nobody",
    )


class ReportStatusInput(serializers.Serializer):
    status = serializers.ChoiceField(choices=ReportStatus.choices)
    on = Day()
    note = text()


# -- query parameters ----------------------------------------------------------------------------


class ClientFilter(serializers.Serializer):
    """The clients list's query: a beginning of the last name."""

    last_name = serializers.CharField(required=False, max_length=100)


class ExceptionFilter(serializers.Serializer):
    """The exceptions list's query: those in force on a day."""

    in_force_on = Day(required=False)
