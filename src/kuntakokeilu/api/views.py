"""The REST API over the access helpers and the actions (docs/casework-design.md).

Every queryset comes from ``kuntakokeilu.access`` (plans through ``api.scope``):
a client, plan, decision, offer or report outside the user's scope answers 404, as if it did not
exist; analysts and data-protection officers see no people. Every read of a client's data and
every list of clients writes an audit row; every change goes through an action, which audits.
Authentication is the web session (with Django's CSRF check on writes), set here on the views so
the API is safe whatever the project-wide ``REST_FRAMEWORK`` settings say.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Prefetch
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import generics, mixins, status, viewsets
from rest_framework.authentication import SessionAuthentication
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.parsers import JSONParser
from rest_framework.permissions import IsAuthenticated
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response

from kuntakokeilu.access import (
    can_update_report_status,
    get_client,
    get_decision,
    get_job_offer,
    get_report,
    visible_clients,
    visible_decisions,
    visible_job_offers,
    visible_reports,
)
from kuntakokeilu.api import errors, serializers
from kuntakokeilu.api.pagination import Pages
from kuntakokeilu.api.scope import get_plan, purpose_of, visible_plans
from kuntakokeilu.audit.log import record
from kuntakokeilu.casework import actions as casework
from kuntakokeilu.casework.models import DomainEvent, Interview, Plan, PlanTask, PlanVersion
from kuntakokeilu.clients.models import Client
from kuntakokeilu.services import actions as services
from kuntakokeilu.services.models import JobOffer, ServiceDecision, TeReport

ID = "[0-9]+"


class ApiMixin:
    """Session authentication, signed-in users only, JSON, pages of 50 (at most 200)."""

    authentication_classes = [SessionAuthentication]
    permission_classes = [IsAuthenticated]
    renderer_classes = [JSONRenderer]
    parser_classes = [JSONParser]
    pagination_class = Pages
    schema = AutoSchema()
    lookup_value_regex = ID

    def get_exception_handler(self):
        return errors.exception_handler

    def fake(self) -> bool:
        """Whether drf-spectacular is only inspecting the view for the schema."""
        return getattr(self, "swagger_fake_view", False)

    def audit(self, action: str, object_kind: str, *, client_id=None, object_id=None, detail=""):
        record(
            actor=self.request.user,
            action=action,
            purpose=purpose_of(self.request.user),
            object_kind=object_kind,
            object_id=object_id,
            client_id=client_id,
            request=self.request,
            detail=detail,
        )

    def page_of(self, queryset, audit):
        """One page of ``queryset``; ``audit(page)`` is called before the page is shown."""
        page = self.paginate_queryset(queryset)
        data = self.get_serializer(page, many=True).data
        audit(page)
        return self.get_paginated_response(data)


def run_action(action, **kwargs):
    """Call an action; its ``ValidationError`` becomes a 400 with the field errors."""
    try:
        return action(**kwargs)
    except DjangoValidationError as error:
        raise errors.as_api_error(error) from None


# -- clients ----------------------------------------------------------------------------------


@extend_schema_view(
    list=extend_schema(
        summary="Clients in the user's scope",
        parameters=[
            OpenApiParameter(
                "last_name", str, description="beginning of the last name (at most 100 letters)"
            )
        ],
    ),
    retrieve=extend_schema(summary="One client"),
)
class ClientViewSet(ApiMixin, viewsets.ReadOnlyModelViewSet):
    """Clients: the user's area's (case worker, area manager), all (administrator), none
    (every other role). A list is audited as a search, a client as a read."""

    serializer_class = serializers.ClientSerializer

    def get_queryset(self):
        if self.fake():
            return Client.objects.none()
        return visible_clients(self.request.user).select_related("area").order_by("pk")

    def get_object(self):
        return get_client(self.request.user, self.kwargs["pk"])

    def list(self, request, *args, **kwargs):
        query = serializers.ClientFilter(data=request.query_params)
        query.is_valid(raise_exception=True)
        clients = self.get_queryset()
        if last_name := query.validated_data.get("last_name"):
            clients = clients.filter(last_name__istartswith=last_name)
        return self.page_of(clients, lambda page: self.searched(len(page)))

    def searched(self, shown: int) -> None:
        count = self.paginator.page.paginator.count
        self.audit("search", "client", detail=f"api client list: {count} found, {shown} shown")

    def retrieve(self, request, *args, **kwargs):
        client = self.get_object()
        self.audit("read", "client", client_id=client.pk, object_id=client.pk)
        return Response(self.get_serializer(client).data)


class ClientPart(ApiMixin, generics.ListAPIView):
    """Something listed under one client: ``/api/clients/{client_pk}/<part>/``."""

    object_kind = ""

    def client(self) -> Client:
        if not hasattr(self, "_client"):
            self._client = get_client(self.request.user, self.kwargs["client_pk"])
        return self._client

    def rows(self, client: Client):
        raise NotImplementedError

    def get_queryset(self):
        if self.fake():
            return self.serializer_class.Meta.model.objects.none()
        return self.rows(self.client())

    def list(self, request, *args, **kwargs):
        client = self.client()
        return self.page_of(
            self.get_queryset(),
            lambda page: self.audit(
                "read", self.object_kind, client_id=client.pk, detail=f"api: {len(page)} shown"
            ),
        )


@extend_schema_view(get=extend_schema(summary="The client's event history"))
class ClientEvents(ClientPart):
    serializer_class = serializers.DomainEventSerializer
    object_kind = "domain_event"

    def rows(self, client):
        return DomainEvent.objects.filter(client=client).order_by("on", "pk")


@extend_schema_view(
    get=extend_schema(summary="The client's interviews and discussions"),
    post=extend_schema(
        summary="Record an interview or discussion held",
        request=serializers.InterviewInput,
        responses={201: serializers.InterviewSerializer},
    ),
)
class ClientInterviews(ClientPart):
    serializer_class = serializers.InterviewSerializer
    object_kind = "interview"

    def rows(self, client):
        return Interview.objects.filter(client=client).order_by("-date", "-pk")

    def post(self, request, *args, **kwargs):
        client = self.client()
        given = serializers.InterviewInput(data=request.data)
        given.is_valid(raise_exception=True)
        interview = run_action(
            casework.record_interview,
            client=client,
            by=request.user,
            request=request,
            **given.validated_data,
        )
        return Response(
            serializers.InterviewSerializer(interview).data, status=status.HTTP_201_CREATED
        )


def plans_with_versions(plans):
    tasks = Prefetch("tasks", queryset=PlanTask.objects.order_by("position"))
    return plans.select_related("current_version").prefetch_related(
        Prefetch("current_version__tasks", queryset=PlanTask.objects.order_by("position")),
        Prefetch("versions", queryset=PlanVersion.objects.prefetch_related(tasks)),
    )


@extend_schema_view(get=extend_schema(summary="The client's plans, each with its current version"))
class ClientPlans(ClientPart):
    serializer_class = serializers.PlanSerializer
    object_kind = "plan"

    def rows(self, client):
        return plans_with_versions(Plan.objects.filter(client=client)).order_by("kind", "pk")


@extend_schema_view(get=extend_schema(summary="The client's service decisions"))
class ClientDecisions(ClientPart):
    serializer_class = serializers.ServiceDecisionSerializer
    object_kind = "service_decision"

    def rows(self, client):
        return ServiceDecision.objects.filter(client=client).order_by("-decided_on", "-pk")


@extend_schema_view(get=extend_schema(summary="The client's job offers"))
class ClientJobOffers(ClientPart):
    serializer_class = serializers.JobOfferSerializer
    object_kind = "job_offer"

    def rows(self, client):
        return JobOffer.objects.filter(client=client).order_by("-offered_on", "-pk")


# -- objects of their own -------------------------------------------------------------------


class ReadOne(ApiMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """One object through its access helper (``get_one``), audited as a read of its client."""

    object_kind = ""

    def get_one(self, user, pk):
        raise NotImplementedError

    def get_object(self):
        return self.get_one(self.request.user, self.kwargs["pk"])

    def retrieve(self, request, *args, **kwargs):
        obj = self.get_object()
        self.audit("read", self.object_kind, client_id=obj.client_id, object_id=obj.pk)
        return Response(self.get_serializer(obj).data)


@extend_schema_view(
    retrieve=extend_schema(summary="One plan with all its versions"),
    versions=extend_schema(
        summary="Agree a new version of the plan",
        request=serializers.PlanVersionInput,
        responses={201: serializers.PlanVersionSerializer},
    ),
)
class PlanViewSet(ReadOne):
    serializer_class = serializers.PlanDetailSerializer
    object_kind = "plan"

    def get_queryset(self):
        if self.fake():
            return Plan.objects.none()
        return plans_with_versions(visible_plans(self.request.user))

    def get_one(self, user, pk):
        get_plan(user, pk)  # 404 outside the scope
        return self.get_queryset().get(pk=pk)

    @staticmethod
    def action_input(request):
        given = serializers.PlanVersionInput(data=request.data)
        given.is_valid(raise_exception=True)
        data = dict(given.validated_data)
        data["tasks"] = [casework.TaskInput(**task) for task in data["tasks"]]
        return data

    @action(detail=True, methods=["post"])
    def versions(self, request, pk=None):
        plan = get_plan(request.user, pk)
        version = run_action(
            casework.update_plan,
            plan=plan,
            by=request.user,
            request=request,
            **self.action_input(request),
        )
        version = PlanVersion.objects.prefetch_related("tasks").get(pk=version.pk)
        return Response(
            serializers.PlanVersionSerializer(version).data, status=status.HTTP_201_CREATED
        )


@extend_schema_view(retrieve=extend_schema(summary="One service decision"))
class DecisionViewSet(ReadOne):
    serializer_class = serializers.ServiceDecisionSerializer
    object_kind = "service_decision"

    def get_queryset(self):
        if self.fake():
            return ServiceDecision.objects.none()
        return visible_decisions(self.request.user)

    def get_one(self, user, pk):
        return get_decision(user, pk)


@extend_schema_view(retrieve=extend_schema(summary="One job offer"))
class JobOfferViewSet(ReadOne):
    serializer_class = serializers.JobOfferSerializer
    object_kind = "job_offer"

    def get_queryset(self):
        if self.fake():
            return JobOffer.objects.none()
        return visible_job_offers(self.request.user)

    def get_one(self, user, pk):
        return get_job_offer(user, pk)


@extend_schema_view(
    list=extend_schema(summary="Reports to the TE office in the user's scope"),
    retrieve=extend_schema(summary="One report to the TE office, with its status history"),
    change_status=extend_schema(
        summary="The TE office moves a report on (TE officer or administrator)",
        request=serializers.ReportStatusInput,
        responses={200: serializers.TeReportSerializer},
    ),
)
class TeReportViewSet(ReadOne, mixins.ListModelMixin):
    """Reports to the TE office: a TE officer sees those about clients living in the officer's
    ELY area; case workers and area managers their area's; an administrator all."""

    serializer_class = serializers.TeReportSerializer
    object_kind = "te_report"

    def get_queryset(self):
        if self.fake():
            return TeReport.objects.none()
        return visible_reports(self.request.user).prefetch_related("history").order_by("-pk")

    def get_one(self, user, pk):
        get_report(user, pk)  # 404 outside the scope
        return self.get_queryset().get(pk=pk)

    def list(self, request, *args, **kwargs):
        return self.page_of(
            self.get_queryset(),
            lambda page: self.audit(
                "search",
                self.object_kind,
                detail=f"api report list: {len(page)} shown of "
                f"{self.paginator.page.paginator.count}",
            ),
        )

    @action(detail=True, methods=["post"], url_path="status")
    def change_status(self, request, pk=None):
        report = get_report(request.user, pk)
        if not can_update_report_status(request.user):
            raise PermissionDenied("only the TE office updates a report's status")
        given = serializers.ReportStatusInput(data=request.data)
        given.is_valid(raise_exception=True)
        run_action(
            services.change_report_status,
            report=report,
            actor=request.user,
            request=request,
            **given.validated_data,
        )
        return Response(self.get_serializer(self.get_queryset().get(pk=report.pk)).data)
