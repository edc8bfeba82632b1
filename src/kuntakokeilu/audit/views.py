"""The data-protection view: finding a client by identity code, who accessed a client's data, the
purposes report for the person and the data-subject export. For the data-protection officer and
administrators (``can_audit``); everyone else gets 404, as for a client that does not exist.
Every look is itself audited; a search's log entry keeps only the date part of the code."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from kuntakokeilu.access import can_audit
from kuntakokeilu.accounts.models import Role
from kuntakokeilu.audit.forms import ClientSearchForm
from kuntakokeilu.audit.log import record
from kuntakokeilu.audit.models import Action, AuditEntry, Purpose
from kuntakokeilu.audit.subject import (
    ExportEncoder,
    consultations,
    do_export_client,
    label_of,
)
from kuntakokeilu.clients.models import Client
from kuntakokeilu.rules.identity import mask

PAGE_SIZE = 100


def audited_client(request, pk: int) -> Client:
    """The client, for a user who may audit; else 404 (a refused user's attempt is logged)."""
    if not can_audit(request.user):
        log_refusal(request, pk)
        raise Http404("no such client")
    return get_object_or_404(Client, pk=pk)


def log_refusal(request, pk: int) -> None:
    if request.user.is_authenticated:
        record(
            actor=request.user,
            action=Action.DENIED,
            purpose=Purpose.SUPERVISION,
            object_kind="client_audit_log",
            object_id=pk,
            request=request,
            success=False,
        )


def look(request, client: Client, kind: str, purpose: str) -> None:
    record(
        actor=request.user,
        action=Action.READ,
        purpose=purpose,
        object_kind=kind,
        object_id=client.pk,
        client_id=client.pk,
        request=request,
    )


def access_row(entry: AuditEntry) -> dict:
    return {
        "at": entry.at,
        "actor": entry.actor,
        "role": label_of(Role, entry.role),
        "action": label_of(Action, entry.action),
        "purpose": label_of(Purpose, entry.purpose),
        "success": entry.success,
    }


def client_context(client: Client) -> dict:
    name = " ".join(part for part in (client.first_names, client.last_name) if part)
    return {"client": client, "name": name, "masked_id": mask(client.person_id)}


@require_GET
@never_cache
def client_log(request, pk: int):
    """Who accessed the client's data: when, who, in what role, how, why, and with what result."""
    client = audited_client(request, pk)
    with transaction.atomic():
        look(request, client, "client_audit_log", Purpose.SUPERVISION)
        entries = AuditEntry.objects.filter(client_id=client.pk).order_by("-id")
        page = Paginator(entries, PAGE_SIZE).get_page(request.GET.get("page"))
        rows = [access_row(entry) for entry in page]
    context = client_context(client) | {"page": page, "rows": rows}
    return render(request, "audit/client_log.html", context)


def purpose_row(row: dict) -> dict:
    return {
        "at": row["at"],
        "action": label_of(Action, row["action"]),
        "purpose": label_of(Purpose, row["purpose"]),
    }


@require_GET
@never_cache
def client_purposes(request, pk: int):
    """The purposes report for the person: dates and purposes of every consultation, no names."""
    client = audited_client(request, pk)
    with transaction.atomic():
        look(request, client, "client_purposes_report", Purpose.DATA_SUBJECT_REQUEST)
        rows = [purpose_row(row) for row in consultations(client)]
    return render(request, "audit/client_purposes.html", client_context(client) | {"rows": rows})


@require_GET
@never_cache
def client_export(request, pk: int):
    """Everything held about the client, as one JSON document (audited as an export)."""
    client = audited_client(request, pk)
    document = do_export_client(client, actor=request.user, request=request)
    response = JsonResponse(
        document, encoder=ExportEncoder, json_dumps_params={"ensure_ascii": False, "indent": 2}
    )
    response["Content-Disposition"] = f'attachment; filename="client-{client.pk}.json"'
    return response


# -- finding a client by identity code ------------------------------------------------------------


def may_audit(request, kind: str) -> None:
    """404 for anyone but the data-protection officer and administrators (a signed-in user's
    attempt is logged as refused)."""
    if can_audit(request.user):
        return
    if request.user.is_authenticated:
        record(
            actor=request.user,
            action=Action.DENIED,
            purpose=Purpose.SUPERVISION,
            object_kind=kind,
            request=request,
            success=False,
        )
    raise Http404("no such page")


def search(request, code: str, purpose: str) -> Client | None:
    """The client with ``code``, the search audited (found or not) in the same transaction."""
    with transaction.atomic():
        client = Client.objects.filter(person_id=code).first()
        record(
            actor=request.user,
            action=Action.SEARCH,
            purpose=purpose,
            object_kind="client",
            object_id=client.pk if client else None,
            client_id=client.pk if client else None,
            request=request,
            detail=f"identity code {mask(code)}: {'found' if client else 'not found'}",
        )
    return client


@require_http_methods(["GET", "POST"])
@never_cache
def client_search(request):
    """Find a client by identity code (POST: the code never appears in a URL or a server log)."""
    may_audit(request, "client_search")
    form = ClientSearchForm(request.POST if request.method == "POST" else None)
    context = {"form": form, "searched": False}
    if form.is_valid():
        code = form.cleaned_data["identity_code"]
        found = search(request, code, form.cleaned_data["purpose"])
        context |= {"searched": True, "masked_code": mask(code)}
        if found is not None:
            context |= client_context(found)
    status = 400 if form.is_bound and form.errors else 200
    return render(request, "audit/client_search.html", context, status=status)
