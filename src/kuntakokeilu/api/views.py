"""The REST API over the access helpers and the actions (docs/casework-design.md).

Every object comes from ``kuntakokeilu.access`` (``visible_*`` for reads, ``get_*`` before a
change): a client, plan, decision, offer or report outside the user's scope answers 404, as if it
did not exist; analysts and data-protection officers see no people. Every read of a client's data
and every list writes an audit row; every change calls the action the web form calls, which
checks the rules and writes its rows, its domain event and its audit row in one transaction (and
nothing on error: 400 with the errors by field, 409 when a quota refuses).

Two shapes: an object with an address of its own (``/api/<kind>/{id}/``, a viewset on
``Scoped``), and the rows of one kind under a client (``/api/clients/{client_pk}/<part>/``, a
``ClientPart``); a change is a POST to either, or to an action of an object
(``/api/plans/{id}/versions/``). Authentication is the web session (with Django's CSRF check on
writes), set here on the views so the API is safe whatever the project-wide ``REST_FRAMEWORK``
settings say.
"""

from __future__ import annotations

from django.db.models import Prefetch
from django.utils.translation import gettext as _
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
)
from rest_framework import generics, status, viewsets
from rest_framework.authentication import SessionAuthentication
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.parsers import JSONParser
from rest_framework.permissions import IsAuthenticated
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response

from kuntakokeilu import access
from kuntakokeilu.accounts.models import Role
from kuntakokeilu.api import errors, serializers
from kuntakokeilu.api.pagination import Pages
from kuntakokeilu.audit.log import record
from kuntakokeilu.casework import actions as casework
from kuntakokeilu.casework.forms import area_workers
from kuntakokeilu.casework.models import PlanTask, PlanVersion
from kuntakokeilu.clients.models import Client
from kuntakokeilu.services import actions as services
from kuntakokeilu.services.views import current_offer
from kuntakokeilu.services.worklist import close_overdue_of
from kuntakokeilu.web.clock import today

ID = "[0-9]+"
FIELD_ERRORS = OpenApiResponse(
    OpenApiTypes.OBJECT,
    description="Bad input, nothing saved: the errors by field (``non_field_errors`` for the "
    "others), each a list of messages in the user's language.",
)


def purpose_of(user) -> str:
    """Why this user looks at a client's data (the audit purpose), as the web pages say it."""
    role = access.role_of(user)
    if role == Role.TE_OFFICER:
        return "te_office_statement"
    if role == Role.ADMINISTRATOR:
        return "supervision"
    return "case_work"


class ApiMixin:
    """Session authentication, signed-in users only, JSON, pages of 50 (at most 200)."""

    authentication_classes = [SessionAuthentication]
    permission_classes = [IsAuthenticated]
    renderer_classes = [JSONRenderer]
    parser_classes = [JSONParser]
    pagination_class = Pages
    schema = AutoSchema()
    lookup_value_regex = ID
    object_kind = ""  # the audit's name for what is shown

    def get_exception_handler(self):
        return errors.exception_handler

    def fake(self) -> bool:
        """Whether drf-spectacular is only inspecting the view for the schema."""
        return getattr(self, "swagger_fake_view", False)

    def model(self):
        return self.get_serializer_class().Meta.model

    def audit(self, action: str, *, client_id=None, object_id=None, detail=""):
        record(
            actor=self.request.user,
            action=action,
            purpose=purpose_of(self.request.user),
            object_kind=self.object_kind,
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

    def parsed(self, input_class, data=None) -> dict:
        """The request's body (or ``data``) checked by ``input_class``; else 400."""
        given = input_class(data=self.request.data if data is None else data)
        given.is_valid(raise_exception=True)
        return dict(given.validated_data)

    def respond(self, obj, status_code=status.HTTP_200_OK, serializer_class=None):
        shown = (serializer_class or self.get_serializer_class())(obj)
        return Response(shown.data, status=status_code)


# -- objects with an address of their own ---------------------------------------------------


class Scoped(ApiMixin, viewsets.GenericViewSet):
    """Objects of one kind, as their access helper ``visible(user)`` gives them."""

    visible = None  # the access helper: user -> QuerySet

    def shaped(self, queryset):
        """The queryset as the serializer wants it (joins, prefetches, order)."""
        return queryset

    def get_queryset(self):
        if self.fake():
            return self.model().objects.none()
        return self.shaped(self.visible(self.request.user))

    def get_object(self):
        return access.one_of(self.get_queryset(), self.kwargs["pk"], self.object_kind)


class ReadOne:
    """``GET /{id}/``: one object, audited as a read of its client."""

    def client_id_of(self, obj) -> int:
        return obj.client_id

    def retrieve(self, request, *args, **kwargs):
        obj = self.get_object()
        self.audit("read", client_id=self.client_id_of(obj), object_id=obj.pk)
        return self.respond(obj)


class Listed:
    """``GET /``: a page of the objects in scope (``filter_class`` checks the query), audited
    as one search."""

    filter_class = None

    def filtered(self, queryset, query: dict):
        return queryset

    def list(self, request, *args, **kwargs):
        query = self.parsed(self.filter_class, request.query_params) if self.filter_class else {}
        return self.page_of(self.filtered(self.get_queryset(), query), self.searched)

    def searched(self, page) -> None:
        found = self.paginator.page.paginator.count
        detail = f"api {self.object_kind} list: {found} found, {len(page)} shown"
        self.audit("search", detail=detail)


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
    case_worker=extend_schema(
        summary="Assign, reassign or unassign the client's case worker",
        description="An area manager (or an administrator) assigns anyone of the client's "
        "area; a case worker may only take an unassigned client for themselves (403 "
        "otherwise), as on the client page.",
        request=serializers.AssignInput,
        responses={200: serializers.ClientSerializer, 400: FIELD_ERRORS},
    ),
)
class ClientViewSet(Listed, ReadOne, Scoped):
    """Clients: the user's area's (case worker, area manager), all (administrator), none
    (every other role). A list is audited as a search, a client as a read."""

    serializer_class = serializers.ClientSerializer
    object_kind = "client"
    visible = staticmethod(access.visible_clients)
    filter_class = serializers.ClientFilter

    def shaped(self, clients):
        return clients.select_related("area").order_by("pk")

    def filtered(self, clients, query):
        if last_name := query.get("last_name"):
            clients = clients.filter(last_name__istartswith=last_name)
        return clients

    def client_id_of(self, client) -> int:
        return client.pk

    @action(detail=True, methods=["post"], url_path="case-worker")
    def case_worker(self, request, pk=None):
        client = access.get_client(request.user, pk)
        worker = area_worker(client, self.parsed(serializers.AssignInput)["case_worker"])
        client = casework.assign_case_worker(client, worker, by=request.user, request=request)
        return self.respond(client)


def area_worker(client: Client, user_id: int | None):
    """The active case worker or area manager ``user_id`` of the client's area (the web form's
    choices), None for nobody; anyone else is an error on the field."""
    if user_id is None:
        return None
    worker = area_workers(client.area_id).filter(pk=user_id).first()
    if worker is None:
        message = _("Choose a case worker of the client's area.")
        raise casework.invalid("case_worker", message)
    return worker


def plans_with_versions(plans):
    tasks = Prefetch("tasks", queryset=PlanTask.objects.order_by("position"))
    return plans.select_related("current_version").prefetch_related(
        Prefetch("current_version__tasks", queryset=PlanTask.objects.order_by("position")),
        Prefetch("versions", queryset=PlanVersion.objects.prefetch_related(tasks)),
    )


@extend_schema_view(
    retrieve=extend_schema(summary="One plan with all its versions"),
    versions=extend_schema(
        summary="Agree a new version of the plan",
        request=serializers.PlanVersionInput,
        responses={201: serializers.PlanVersionSerializer, 400: FIELD_ERRORS},
    ),
)
class PlanViewSet(ReadOne, Scoped):
    serializer_class = serializers.PlanDetailSerializer
    object_kind = "plan"
    visible = staticmethod(access.visible_plans)
    shaped = staticmethod(plans_with_versions)

    @action(detail=True, methods=["post"])
    def versions(self, request, pk=None):
        plan = access.get_plan(request.user, pk)
        data = self.parsed(serializers.PlanVersionInput)
        data["tasks"] = [casework.TaskInput(**task) for task in data["tasks"]]
        version = casework.update_plan(plan, by=request.user, request=request, **data)
        version = PlanVersion.objects.prefetch_related("tasks").get(pk=version.pk)
        return self.respond(version, status.HTTP_201_CREATED, serializers.PlanVersionSerializer)


@extend_schema_view(retrieve=extend_schema(summary="One service decision"))
class DecisionViewSet(ReadOne, Scoped):
    serializer_class = serializers.ServiceDecisionSerializer
    object_kind = "service_decision"
    visible = staticmethod(access.visible_decisions)


@extend_schema_view(
    retrieve=extend_schema(
        summary="One job offer",
        description="An offer still open after its deadline is closed as unanswered first, "
        "as on the client page.",
    ),
    answer=extend_schema(
        summary="Record what came of the job offer",
        request=serializers.AnswerInput,
        responses={200: serializers.JobOfferSerializer, 400: FIELD_ERRORS},
    ),
)
class JobOfferViewSet(ReadOne, Scoped):
    serializer_class = serializers.JobOfferSerializer
    object_kind = "job_offer"
    visible = staticmethod(access.visible_job_offers)

    def get_object(self):
        return current_offer(self.request, self.kwargs["pk"])

    @action(detail=True, methods=["post"])
    def answer(self, request, pk=None):
        offer = current_offer(request, pk)
        data = self.parsed(serializers.AnswerInput)
        offer = services.answer_job_offer(offer, actor=request.user, request=request, **data)
        return self.respond(offer)


@extend_schema_view(
    list=extend_schema(summary="Reports to the TE office in the user's scope"),
    retrieve=extend_schema(summary="One report to the TE office, with its status history"),
    change_status=extend_schema(
        summary="The TE office moves a report on (TE officer or administrator)",
        request=serializers.ReportStatusInput,
        responses={200: serializers.TeReportSerializer, 400: FIELD_ERRORS},
    ),
)
class TeReportViewSet(Listed, ReadOne, Scoped):
    """Reports to the TE office: a TE officer sees those about clients living in the officer's
    ELY area; case workers and area managers their area's; an administrator all."""

    serializer_class = serializers.TeReportSerializer
    object_kind = "te_report"
    visible = staticmethod(access.visible_reports)

    def shaped(self, reports):
        return reports.prefetch_related("history").order_by("-pk")

    @action(detail=True, methods=["post"], url_path="status")
    def change_status(self, request, pk=None):
        report = access.get_report(request.user, pk)
        if not access.can_update_report_status(request.user):
            raise PermissionDenied(_("Only the TE office updates the status of a report."))
        data = self.parsed(serializers.ReportStatusInput)
        services.change_report_status(report, actor=request.user, request=request, **data)
        return self.respond(self.get_queryset().get(pk=report.pk))


@extend_schema_view(
    list=extend_schema(
        summary="The TE office's referral exceptions in the user's scope",
        description="A TE officer sees the exceptions about people whose home municipality "
        "lies in the officer's ELY area; an administrator all; other roles none. The identity "
        "code is masked.",
        parameters=[
            OpenApiParameter(
                "in_force_on", OpenApiTypes.DATE, description="only those in force on this day"
            )
        ],
    ),
)
class TeOfficeExceptionViewSet(Listed, Scoped):
    serializer_class = serializers.TeOfficeExceptionSerializer
    object_kind = "te_office_exception"
    visible = staticmethod(access.visible_te_office_exceptions)
    filter_class = serializers.ExceptionFilter

    def shaped(self, exceptions):
        return exceptions.order_by("-valid_from", "-pk")

    def filtered(self, exceptions, query):
        if on := query.get("in_force_on"):
            exceptions = exceptions.filter(pk__in=self.model().in_force_on(on).values("pk"))
        return exceptions


# -- the rows of one kind under a client ----------------------------------------------------


class ClientPart(ApiMixin, generics.ListAPIView):
    """``/api/clients/{client_pk}/<part>/``: the client's rows of one kind (in ``ordering``);
    reading them is audited as a read of the client's data."""

    ordering: tuple[str, ...] = ()

    def client(self) -> Client:
        if not hasattr(self, "_client"):
            self._client = access.get_client(self.request.user, self.kwargs["client_pk"])
        return self._client

    def rows(self, client: Client):
        return self.model().objects.filter(client=client).order_by(*self.ordering)

    def get_queryset(self):
        if self.fake():
            return self.model().objects.none()
        return self.rows(self.client())

    def list(self, request, *args, **kwargs):
        client = self.client()
        return self.page_of(
            self.get_queryset(),
            lambda page: self.audit("read", client_id=client.pk, detail=f"api: {len(page)} shown"),
        )


class Creates:
    """``POST`` to a client part: the body checked by ``input_class``, then ``create(client,
    data)`` — the action the web form calls — and 201 with what it made."""

    input_class = None

    def create(self, client: Client, data: dict):
        raise NotImplementedError

    def made(self, obj):
        """``obj`` as the serializer wants it."""
        return obj

    def post(self, request, *args, **kwargs):
        client = self.client()  # 404 outside the scope, before the body is looked at
        data = self.parsed(self.input_class)
        made = self.create(client, data)
        return self.respond(self.made(made), status.HTTP_201_CREATED)


def creating(summary: str, input_class, output_class, refusals: dict | None = None):
    """The schema of a client part's POST (``refusals``: more answers than 201 and 400)."""
    return extend_schema(
        summary=summary,
        request=input_class,
        responses={201: output_class, 400: FIELD_ERRORS, **(refusals or {})},
    )


@extend_schema_view(get=extend_schema(summary="The client's referral history"))
class ClientReferralEvents(ClientPart):
    serializer_class = serializers.ReferralEventSerializer
    object_kind = "referral_event"
    ordering = ("on", "pk")


@extend_schema_view(get=extend_schema(summary="The client's event history"))
class ClientEvents(ClientPart):
    serializer_class = serializers.DomainEventSerializer
    object_kind = "domain_event"
    ordering = ("on", "pk")


@extend_schema_view(
    get=extend_schema(summary="The client's interviews and discussions"),
    post=creating(
        "Record an interview or discussion held",
        serializers.InterviewInput,
        serializers.InterviewSerializer,
    ),
)
class ClientInterviews(Creates, ClientPart):
    serializer_class = serializers.InterviewSerializer
    object_kind = "interview"
    ordering = ("-date", "-pk")
    input_class = serializers.InterviewInput

    def create(self, client, data):
        return casework.record_interview(client, by=self.request.user, request=self.request, **data)


@extend_schema_view(
    get=extend_schema(summary="The client's service-needs assessments"),
    post=creating(
        "Record a service-needs assessment",
        serializers.ServiceNeedsInput,
        serializers.ServiceNeedsAssessmentSerializer,
    ),
)
class ClientAssessments(Creates, ClientPart):
    serializer_class = serializers.ServiceNeedsAssessmentSerializer
    object_kind = "service_needs_assessment"
    ordering = ("-date", "-pk")
    input_class = serializers.ServiceNeedsInput

    def create(self, client, data):
        date = data.pop("date")
        return casework.assess_service_needs(
            client,
            date=date,
            needs=casework.ServiceNeeds(**data),
            by=self.request.user,
            request=self.request,
        )


@extend_schema_view(
    get=extend_schema(summary="The client's plans, each with its current version"),
    post=creating(
        "Make a new plan (its version 1)", serializers.PlanInput, serializers.PlanSerializer
    ),
)
class ClientPlans(Creates, ClientPart):
    serializer_class = serializers.PlanSerializer
    object_kind = "plan"
    ordering = ("kind", "pk")
    input_class = serializers.PlanInput

    def rows(self, client):
        return plans_with_versions(super().rows(client))

    def create(self, client, data):
        tasks = [casework.TaskInput(**task) for task in data.pop("tasks")]
        return casework.make_plan(
            client, tasks=tasks, by=self.request.user, request=self.request, **data
        )

    def made(self, plan):
        return self.rows(self.client()).get(pk=plan.pk)


@extend_schema_view(
    get=extend_schema(summary="The client's service decisions"),
    post=creating(
        "Decide a service (wage subsidy, start-up grant, training, coaching, work trial, "
        "career guidance)",
        serializers.DecisionInput,
        serializers.ServiceDecisionSerializer,
        {409: serializers.QuotaRefusalSerializer},
    ),
)
class ClientDecisions(Creates, ClientPart):
    serializer_class = serializers.ServiceDecisionSerializer
    object_kind = "service_decision"
    ordering = ("-decided_on", "-pk")
    input_class = serializers.DecisionInput

    def create(self, client, data):
        return services.decide_service(
            client, actor=self.request.user, request=self.request, **data
        )


@extend_schema_view(
    get=extend_schema(
        summary="The client's job offers",
        description="Offers still open after their deadline are closed as unanswered first, "
        "as on the client page.",
    ),
    post=creating("Make a job offer", serializers.JobOfferInput, serializers.JobOfferSerializer),
)
class ClientJobOffers(Creates, ClientPart):
    serializer_class = serializers.JobOfferSerializer
    object_kind = "job_offer"
    ordering = ("-offered_on", "-pk")
    input_class = serializers.JobOfferInput

    def rows(self, client):
        close_overdue_of(Client.objects.filter(pk=client.pk), today())
        return super().rows(client)

    def create(self, client, data):
        return services.make_job_offer(
            client, actor=self.request.user, request=self.request, **data
        )
