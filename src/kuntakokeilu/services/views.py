"""Pages of the services app. Views parse, authorise (access helpers: 404 outside the scope),
call one action, render. Every page that shows personal data writes an audit row (read).

``services_panel_context`` and ``_client_panel.html`` are the client page's services panel
(the casework app includes them); the forms here post to the services URLs and go back to the
client page (``casework:client``).
"""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kuntakokeilu.access import (
    can_see_reports,
    can_update_report_status,
    get_client,
    get_decision,
    get_job_offer,
    get_report,
    role_of,
    visible_reports,
)
from kuntakokeilu.accounts.models import Role
from kuntakokeilu.audit.log import record
from kuntakokeilu.clients.models import Client
from kuntakokeilu.rules.identity import mask
from kuntakokeilu.services import actions, forms
from kuntakokeilu.services.models import JobOffer, Outcome, TeReport
from kuntakokeilu.services.worklist import close_overdue_of
from kuntakokeilu.web.clock import today

PANEL_TEMPLATE = "services/_client_panel.html"
REPORTS_PER_PAGE = 50


# -- helpers ----------------------------------------------------------------------------------
def purpose_of(user) -> str:
    """Why this user looks at a client's data (the audit purpose)."""
    role = role_of(user)
    if role == Role.TE_OFFICER:
        return "te_office_statement"
    if role == Role.ADMINISTRATOR:
        return "supervision"
    return "case_work"


def audit_read(request, object_kind: str, client_id: int, object_id=None) -> None:
    record(
        actor=request.user,
        action="read",
        purpose=purpose_of(request.user),
        object_kind=object_kind,
        object_id=object_id,
        client_id=client_id,
        request=request,
    )


def client_page_url(client: Client) -> str:
    """The client page (the casework app's), where the services panel is."""
    return reverse("casework:client", kwargs={"pk": client.pk})


def back_to_client(request, client: Client, message: str) -> HttpResponseRedirect:
    messages.success(request, message)
    return HttpResponseRedirect(client_page_url(client))


def posted(request):
    """The posted data, or None for a GET (an empty POST is still a post)."""
    return request.POST if request.method == "POST" else None


def attempt(form, action: Callable[[], object]) -> bool:
    """Run ``action``; a refusal goes onto the form (by field where it names one)."""
    try:
        action()
    except ValidationError as error:
        form.add_error(None, error)
        return False
    return True


def form_page(request, template: str, client: Client, context: dict):
    """A form page about ``client`` (audited as a read), 400 when a post was refused."""
    audit_read(request, "client", client.pk, client.pk)
    status = 400 if request.method == "POST" else 200
    context = {"client": client, "client_url": client_page_url(client), **context}
    return render(request, template, context, status=status)


# -- the client panel -------------------------------------------------------------------------
def services_panel_context(request, client: Client) -> dict:
    """The context of ``services/_client_panel.html`` for ``client`` (already authorised by the
    caller through ``access.get_client``). Closes the client's overdue job offers first and
    writes the audit row of the read. Everything is under one key, ``services_panel``."""
    on = today()
    close_overdue_of(Client.objects.filter(pk=client.pk), on)
    audit_read(request, "client_services", client.pk)
    return {
        "services_panel": {
            "client": client,
            "today": on,
            "decisions": client.service_decisions.all(),
            "job_offers": client.job_offers.select_related("te_report"),
            "reports": client.te_reports.select_related("job_offer"),
        }
    }


@login_required
@require_GET
def client_services(request, client_pk):
    """The services panel on a page of its own."""
    client = get_client(request.user, client_pk)
    context = services_panel_context(request, client)
    return render(request, "services/client_services.html", {"client": client, **context})


# -- decisions --------------------------------------------------------------------------------
@login_required
@require_http_methods(["GET", "POST"])
def decision_new(request, client_pk):
    client = get_client(request.user, client_pk)
    form = forms.DecisionForm(posted(request))
    if form.is_valid() and attempt(
        form,
        lambda: actions.decide_service(
            client, actor=request.user, request=request, **form.cleaned_data
        ),
    ):
        return back_to_client(request, client, _("The decision has been saved."))
    return form_page(request, "services/decision_form.html", client, {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def decision_cancel(request, pk):
    decision = get_decision(request.user, pk)
    form = forms.CancelForm(posted(request))
    if form.is_valid() and attempt(
        form,
        lambda: actions.cancel_decision(
            decision, actor=request.user, request=request, **form.cleaned_data
        ),
    ):
        return back_to_client(request, decision.client, _("The decision has been cancelled."))
    context = {"form": form, "decision": decision}
    return form_page(request, "services/cancel_form.html", decision.client, context)


# -- job offers -------------------------------------------------------------------------------
@login_required
@require_http_methods(["GET", "POST"])
def job_offer_new(request, client_pk):
    client = get_client(request.user, client_pk)
    form = forms.JobOfferForm(posted(request))
    if form.is_valid() and attempt(
        form,
        lambda: actions.make_job_offer(
            client, actor=request.user, request=request, **form.cleaned_data
        ),
    ):
        return back_to_client(request, client, _("The job offer has been saved."))
    return form_page(request, "services/job_offer_form.html", client, {"form": form})


def current_offer(request, pk) -> JobOffer:
    """The offer ``pk`` (404 outside the scope), closed first if its deadline has passed."""
    offer = get_job_offer(request.user, pk)
    if offer.outcome == Outcome.OPEN and offer.answer_by < today():
        close_overdue_of(Client.objects.filter(pk=offer.client_id), today())
        offer.refresh_from_db()
    return offer


@login_required
@require_http_methods(["GET", "POST"])
def job_offer_answer(request, pk):
    offer = current_offer(request, pk)
    form = forms.AnswerForm(posted(request))
    if form.is_valid() and attempt(
        form,
        lambda: actions.answer_job_offer(
            offer, actor=request.user, request=request, **form.cleaned_data
        ),
    ):
        return back_to_client(request, offer.client, _("The answer has been saved."))
    context = {"form": form, "offer": offer}
    return form_page(request, "services/answer_form.html", offer.client, context)


@login_required
@require_http_methods(["GET", "POST"])
def job_offer_report(request, pk):
    """Report a refused or unanswered offer: one post from the panel, or after a look at the
    facts that will be sent."""
    offer = current_offer(request, pk)
    form = forms.JobOfferReportForm(posted(request))
    if form.is_valid() and attempt(
        form,
        lambda: actions.report_job_offer(
            offer,
            actor=request.user,
            on=today(),
            facts=form.cleaned_data["facts"],
            request=request,
        ),
    ):
        return back_to_client(request, offer.client, _("The report has been sent."))
    context = {"form": form, "offer": offer, "facts": actions.offer_facts(offer)}
    return form_page(request, "services/job_offer_report_form.html", offer.client, context)


# -- reports to the TE office -----------------------------------------------------------------
@login_required
@require_http_methods(["GET", "POST"])
def report_new(request, client_pk):
    client = get_client(request.user, client_pk)
    form = forms.ReportForm(posted(request))
    if form.is_valid() and attempt(
        form,
        lambda: actions.make_te_report(
            client,
            actor=request.user,
            on=today(),
            request=request,
            **form.cleaned_data,
        ),
    ):
        return back_to_client(request, client, _("The report has been sent."))
    return form_page(request, "services/report_form.html", client, {"form": form})


@login_required
@require_GET
def report_list(request):
    if not can_see_reports(request.user):
        raise Http404("no such page")
    reports = visible_reports(request.user).order_by("-created_on", "-pk")
    page = Paginator(reports, REPORTS_PER_PAGE).get_page(request.GET.get("page"))
    for report in page:
        audit_read(request, "te_report", report.client_id, report.pk)
    return render(request, "services/report_list.html", {"page": page, "rows": _rows(page)})


def _rows(reports) -> list[dict]:
    return [{"report": r, "masked_id": mask(r.client.person_id)} for r in reports]


@login_required
@require_GET
def report_detail(request, pk):
    report = get_report(request.user, pk)
    return _report_page(request, report, forms.StatusForm())


@login_required
@require_POST
def report_status(request, pk):
    report = get_report(request.user, pk)
    if not can_update_report_status(request.user):
        raise PermissionDenied
    form = forms.StatusForm(request.POST)
    if form.is_valid() and attempt(
        form,
        lambda: actions.change_report_status(
            report, actor=request.user, request=request, **form.cleaned_data
        ),
    ):
        messages.success(request, _("The status has been updated."))
        return HttpResponseRedirect(reverse("services:report-detail", kwargs={"pk": report.pk}))
    return _report_page(request, report, form, status=400)


def _report_page(request, report: TeReport, form, status: int = 200):
    audit_read(request, "te_report", report.client_id, report.pk)
    context = {
        "report": report,
        "masked_id": mask(report.client.person_id),
        "history": report.history.all(),
        "form": form if can_update_report_status(request.user) else None,
        "offer": report.job_offer,
    }
    return render(request, "services/report_detail.html", context, status=status)
