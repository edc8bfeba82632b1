"""The case-work pages. Views parse, get the client through ``access`` (404 outside the user's
scope), call an action and render; every page that shows a client's data writes an audit row."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from kuntakokeilu import access
from kuntakokeilu.areas.models import Municipality
from kuntakokeilu.audit.log import record
from kuntakokeilu.casework import actions, search
from kuntakokeilu.casework.actions import obligation_rule
from kuntakokeilu.casework.forms import (
    STATUS_LABELS,
    AssignForm,
    InterviewForm,
    PlanForm,
    ServiceNeedsForm,
    TaskFormSet,
    WorkListForm,
    area_workers,
    tasks_of,
)
from kuntakokeilu.casework.models import PlanTask
from kuntakokeilu.casework.timeline import timeline
from kuntakokeilu.casework.worklist import (
    as_due_items,
    counts_by_kind,
    due_for_client,
    due_items,
    due_kinds,
)
from kuntakokeilu.web.clock import today

PAGE_SIZE = 50
GET_POST = require_http_methods(["GET", "POST"])


def audit_read(request, kind: str, client=None, detail: str = "") -> None:
    record(
        actor=request.user,
        action="read",
        purpose="case_work",
        object_kind=kind,
        object_id=client.pk if client else None,
        client_id=client.pk if client else None,
        request=request,
        detail=detail,
    )


def page_for_client(request, client, template: str, context: dict, status: int = 200):
    """Render a page that shows the client's data, with its audit row (the detail names the
    page: client, interview_form, plan...)."""
    page = template.rsplit("/", 1)[-1].removesuffix(".html")
    audit_read(request, "client", client, detail=page)
    return render(request, template, {"client": client, **context}, status=status)


def attach(error: ValidationError, form, formset=None) -> None:
    """Put an action's errors on the fields they name (task errors on the task rows)."""
    for field, errors in error.message_dict.items():
        if field == "tasks" and formset is not None:
            formset._non_form_errors = formset.error_class(errors, error_class="nonform")
        else:
            form.add_error(field if field in form.fields else None, errors)


# -- the work list ----------------------------------------------------------------------------


@login_required
@require_GET
def work_list(request):
    """What is due for the clients of the user's area, filtered, counted and paged."""
    if not access.can_see_people(request.user):
        raise PermissionDenied
    clients = access.visible_clients(request.user).with_area()
    profile = access.profile_of(request.user)
    workers = area_workers(profile.area_id) if profile.area_id else []
    form = WorkListForm(request.GET or None, workers=workers)
    if form.is_bound and not form.is_valid():
        return render(request, "casework/work_list.html", {"form": form}, status=400)
    wanted = form.cleaned_data if form.is_bound else {}
    if wanted.get("q"):
        return search_results(request, form, clients, wanted["q"])
    return due_list(request, form, search.filtered(clients, wanted, request.user, today()), wanted)


def due_list(request, form, clients, wanted: dict):
    on = today()
    counts = counts_by_kind(clients, on)
    rows = due_items(
        clients,
        on,
        kind=wanted.get("kind", ""),
        overdue=bool(wanted.get("overdue")),
        newest_first=wanted.get("sort") == "-due",
        counts=counts,
    )
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    shown = clients.select_related("case_worker", "process").in_bulk({r[0] for r in page})
    items = as_due_items(page, shown, on)
    audit_read(request, "work_list", detail=f"page {page.number}: {len(items)} items")
    context = {
        "form": form,
        "page": page,
        "items": items,
        "counts": count_rows(request, counts),
        "query": query_without_page(request),
        "on": on,
    }
    return render(request, "casework/work_list.html", context)


def search_results(request, form, clients, text: str):
    kind, found = search.find(clients, text)
    page = Paginator(found.select_related("case_worker", "process"), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    record(
        actor=request.user,
        action="search",
        purpose="search",
        object_kind="client",
        request=request,
        detail=f"search by {kind}: {page.paginator.count} found",
    )
    context = {"form": form, "page": page, "found": page, "search_kind": kind}
    context |= {"query": query_without_page(request), "on": today()}
    return render(request, "casework/work_list.html", context)


def count_rows(request, counts: dict) -> list[dict]:
    """The counts per kind, each with the query that shows that kind only."""
    labels = due_kinds()
    return [
        {"label": str(labels.get(kind, kind)), "query": query_with(request, kind=kind), **numbers}
        for kind, numbers in counts.items()
    ]


def query_with(request, **values) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    for key, value in values.items():
        query[key] = value
    return query.urlencode()


def query_without_page(request) -> str:
    return query_with(request)


# -- the client page --------------------------------------------------------------------------


@login_required
@require_GET
def client_page(request, pk: int):
    client = access.get_client(request.user, pk)
    on = today()
    context = {
        "on": on,
        "municipality": municipality_name(client.home_municipality, on),
        "due": due_for_client(client, on),
        "timeline": timeline(client),
        "interviews": client.interviews.select_related("by"),
        "assessments": client.service_needs_assessments.select_related("by")[:5],
        "plans": current_plans(client),
        "referral": client.referral_events.order_by("-on", "-pk").first(),
        "can_assign": access.can_manage_area(request.user),
        "can_take": client.case_worker_id is None,
        "status": STATUS_LABELS.get(client.status, client.status),
    }
    context |= services_panel(request, client)
    return page_for_client(request, client, "casework/client.html", context)


def current_plans(client):
    tasks = Prefetch("current_version__tasks", queryset=PlanTask.objects.order_by("position"))
    return client.plans.select_related("current_version__by").prefetch_related(tasks)


def municipality_name(code: str, on: dt.date) -> str:
    row = Municipality.objects.in_force_on(on).filter(code=code).first()
    if row is None:
        return code
    name = getattr(row, f"name_{get_language()}", None) or row.name_fi
    return f"{name} ({code})"


def services_panel(request, client) -> dict:
    """The services app's panel on the client page, when that app provides it:
    ``services_panel_context(request, client) -> dict`` is merged into the page's context and
    ``services/_client_panel.html`` included."""
    try:
        from kuntakokeilu.services.views import services_panel_context
    except ImportError:
        return {"services_panel": False}
    return {"services_panel": True, **services_panel_context(request, client)}


# -- the actions ------------------------------------------------------------------------------


def done(request, client, message: str):
    messages.success(request, message)
    return redirect("casework:client", pk=client.pk)


@login_required
@GET_POST
def record_interview(request, pk: int):
    client = access.get_client(request.user, pk)
    form = InterviewForm(request.POST or None, initial={"date": today()})
    if request.method == "POST" and form.is_valid():
        try:
            actions.record_interview(client, **form.cleaned_data, by=request.user, request=request)
        except ValidationError as error:
            attach(error, form)
        else:
            return done(request, client, _("The meeting was recorded."))
    status = 400 if form.errors else 200
    context = {"form": form}
    return page_for_client(request, client, "casework/interview_form.html", context, status)


@login_required
@GET_POST
def assess_service_needs(request, pk: int):
    client = access.get_client(request.user, pk)
    form = ServiceNeedsForm(request.POST or None, initial={"date": today()})
    if request.method == "POST" and form.is_valid():
        try:
            actions.assess_service_needs(
                client,
                date=form.cleaned_data["date"],
                needs=form.needs(),
                by=request.user,
                request=request,
            )
        except ValidationError as error:
            attach(error, form)
        else:
            return done(request, client, _("The service-needs assessment was recorded."))
    status = 400 if form.errors else 200
    context = {"form": form}
    return page_for_client(request, client, "casework/assessment_form.html", context, status)


def plan_forms(request, *, new: bool, initial: dict, tasks: list[dict]):
    data = request.POST if request.method == "POST" else None
    form = PlanForm(data, new=new, initial=initial)
    formset = TaskFormSet(data, prefix="tasks", initial=tasks)
    return form, formset


def plan_page(request, client, form, formset, plan=None):
    status = 400 if form.errors or formset.total_error_count() else 200
    context = {"form": form, "formset": formset, "plan": plan}
    return page_for_client(request, client, "casework/plan_form.html", context, status)


@login_required
@GET_POST
def make_plan(request, pk: int):
    client = access.get_client(request.user, pk)
    rule = obligation_rule(today())
    initial = {"made_on": today(), "job_search_obligation": rule["default"] if rule else None}
    form, formset = plan_forms(request, new=True, initial=initial, tasks=[])
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        try:
            actions.make_plan(
                client,
                **form.cleaned_data,
                tasks=tasks_of(formset),
                by=request.user,
                request=request,
            )
        except ValidationError as error:
            attach(error, form, formset)
        else:
            return done(request, client, _("The plan was made."))
    return plan_page(request, client, form, formset)


@login_required
@GET_POST
def update_plan(request, pk: int, plan_pk: int):
    client = access.get_client(request.user, pk)
    plan = access.get_plan(request.user, plan_pk, client=client)
    current = plan.current_version
    initial = {"made_on": today(), "job_search_obligation": plan.job_search_obligation}
    tasks = list(current.tasks.values("task", "due_on", "done")) if current else []
    form, formset = plan_forms(request, new=False, initial=initial, tasks=tasks)
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        try:
            actions.update_plan(
                plan, **form.cleaned_data, tasks=tasks_of(formset), by=request.user, request=request
            )
        except ValidationError as error:
            attach(error, form, formset)
        else:
            return done(request, client, _("The new version of the plan was saved."))
    return plan_page(request, client, form, formset, plan)


@login_required
@require_GET
def plan_history(request, pk: int, plan_pk: int):
    client = access.get_client(request.user, pk)
    plan = access.get_plan(request.user, plan_pk, client=client)
    versions = plan.versions.select_related("by").prefetch_related("tasks")
    context = {"plan": plan, "versions": versions}
    return page_for_client(request, client, "casework/plan.html", context)


@login_required
@GET_POST
def assign_case_worker(request, pk: int):
    client = access.get_client(request.user, pk)
    form = AssignForm(
        request.POST or None, area=client.area, initial={"case_worker": client.case_worker}
    )
    if request.method == "POST" and form.is_valid():
        try:
            actions.assign_case_worker(
                client, form.cleaned_data["case_worker"], by=request.user, request=request
            )
        except ValidationError as error:
            attach(error, form)
        else:
            return done(request, client, _("The case worker was changed."))
    status = 400 if form.errors else 200
    context = {"form": form, "can_assign": access.can_manage_area(request.user)}
    return page_for_client(request, client, "casework/assign.html", context, status)
