"""The monitoring pages. Views parse, get the area through ``access`` (404 outside the user's
scope), call ``dashboard`` / ``tables`` / ``approval`` and render; exports, reports and approvals
write an audit row. No page shows a person: figures of 1 to ``SMALL_CELL_LIMIT`` persons are
suppressed before they reach a template or a file."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from kuntakokeilu import access
from kuntakokeilu.audit.log import record
from kuntakokeilu.dashboards import approval, dashboard, queries, tables
from kuntakokeilu.dashboards.definitions import INDICATORS, by_indicator
from kuntakokeilu.dashboards.formatting import month_name, month_value
from kuntakokeilu.dashboards.forms import ApproveForm, RejectForm, ReportForm
from kuntakokeilu.dashboards.suppression import small_cell_limit
from kuntakokeilu.web.clock import today


def require_indicators(user) -> None:
    if not access.can_see_indicators(user):
        raise Http404("no monitoring here")


def audit_export(request, kind: str, object_id: str, detail: str) -> None:
    record(
        actor=request.user,
        action="export",
        purpose="supervision",
        object_kind=kind,
        object_id=object_id,
        request=request,
        detail=detail,
    )


def file_response(request, table: tables.Table, fmt: str, name: str, object_id: str):
    content, content_type = tables.file_of(table, fmt)
    audit_export(request, "indicator_table", object_id, f"{name}.{fmt}: {table.frame.height} rows")
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response


def report_months() -> list:
    return list(
        queries.shown_versions()
        .filter(figures_count__gt=0)
        .order_by("-month")
        .values_list("month", flat=True)
    )


# -- pages ----------------------------------------------------------------------------------------


@login_required
@require_GET
def overview(request):
    """The latest month of each indicator for every area the user may see."""
    require_indicators(request.user)
    areas = access.visible_indicator_areas(request.user)
    context = {"overview": dashboard.overview(areas), "limit": small_cell_limit()}
    return render(request, "dashboards/overview.html", context)


@login_required
@require_GET
def area(request, area_id):
    """One area's indicators over time, with deadline keeping, quota use and quality notes."""
    area = access.get_indicator_area(request.user, area_id)
    board = dashboard.area_dashboard(area, today())
    months = report_months()
    form = ReportForm(
        months=months,
        initial={
            "month": month_value(months[0]) if months else None,
            "language": request.LANGUAGE_CODE,
        },
    )
    context = {
        "board": board,
        "report_form": form,
        "limit": small_cell_limit(),
        "export_tables": [(name, tables.title_of(name)) for name in tables.AREA_TABLES],
    }
    return render(request, "dashboards/area.html", context)


@login_required
@require_GET
def definitions(request):
    """How each indicator is computed, as the loaded monitoring release says."""
    require_indicators(request.user)
    found = by_indicator(queries.latest_definitions())
    rows = [(indicator, name, found.get(indicator)) for indicator, name in INDICATORS.items()]
    extra = [(d.indicator, d.title, d) for key, d in found.items() if key not in INDICATORS]
    return render(request, "dashboards/definitions.html", {"definitions": rows + extra})


@login_required
@require_GET
def months(request):
    """Each month's figures: preliminary or approved, corrections awaiting approval."""
    require_indicators(request.user)
    return months_page(request)


def months_page(
    request, refusal: str = "", status: int = 200, refused_heading: str = "", reject_form=None
):
    context = {
        "statuses": dashboard.month_statuses(),
        "can_approve": access.can_approve_indicators(request.user),
        "refusal": refusal,
        "refused_heading": refused_heading or _("The month was not approved"),
        "reject_form": reject_form,
        "reason_length": approval.REASON_LENGTH,
    }
    return render(request, "dashboards/months.html", context, status=status)


@login_required
@require_POST
def approve(request):
    """Lock a month's figures (ministry analyst, administrator); refused with the reason."""
    require_indicators(request.user)
    if not access.can_approve_indicators(request.user):
        raise PermissionDenied
    form = ApproveForm(request.POST)
    if not form.is_valid():
        return months_page(request, _("The form is out of date: open the page again."), 400)
    try:
        version = approval.approve(
            form.cleaned_data["version"],
            digest=form.cleaned_data["digest"],
            by=request.user,
            request=request,
        )
    except approval.ApprovalRefused as refusal:
        return months_page(request, str(refusal), 409)
    messages.success(request, _("%(month)s was approved.") % {"month": month_name(version.month)})
    return redirect("dashboards:months")


@login_required
@require_POST
def reject(request):
    """Reject a correction, with the reason (ministry analyst, administrator): the approved
    figures stay in force."""
    require_indicators(request.user)
    if not access.can_approve_indicators(request.user):
        raise PermissionDenied
    heading = _("The correction was not rejected")
    form = RejectForm(request.POST)
    if not form.is_valid():
        problems = [
            e for field in ("reason", "version", "digest") for e in form.errors.get(field, [])
        ] or [_("The form is out of date: open the page again.")]
        return months_page(request, problems[0], 400, heading, reject_form=form)
    try:
        version = approval.reject(
            form.cleaned_data["version"],
            digest=form.cleaned_data["digest"],
            reason=form.cleaned_data["reason"],
            by=request.user,
            request=request,
        )
    except approval.ApprovalRefused as refusal:
        return months_page(request, str(refusal), 409, heading, reject_form=form)
    messages.success(
        request,
        _("The correction of %(month)s was rejected; the approved figures stay in force.")
        % {"month": month_name(version.month)},
    )
    return redirect("dashboards:months")


# -- files ----------------------------------------------------------------------------------------


@login_required
@require_GET
def area_export(request, area_id, table, fmt):
    area = access.get_indicator_area(request.user, area_id)
    built = tables.area_table(table, area, today())
    if built is None:
        raise Http404("no such table")
    return file_response(request, built, fmt, f"{area.area_id}-{table}", area.area_id)


@login_required
@require_GET
def overview_export(request, fmt):
    require_indicators(request.user)
    built = tables.overview_table(access.visible_indicator_areas(request.user))
    return file_response(request, built, fmt, "overview", "")


@login_required
@require_GET
def definitions_export(request, fmt):
    require_indicators(request.user)
    return file_response(request, tables.definitions_table(), fmt, "definitions", "")


@login_required
@require_GET
def report(request, area_id):
    """The area's monthly report as a printable document, in fi, sv or en."""
    area = access.get_indicator_area(request.user, area_id)
    months = report_months()
    form = ReportForm(request.GET or None, months=months)
    if form.is_bound and not form.is_valid():
        context = {"area": area, "form": form}
        return render(request, "dashboards/report_form.html", context, status=400)
    chosen = form.cleaned_data if form.is_bound else {}
    month = chosen.get("month") or (months[0] if months else None)
    language = chosen.get("language") or request.LANGUAGE_CODE
    with translation.override(language):
        board = dashboard.area_dashboard(area, today(), month)
        context = {"board": board, "limit": small_cell_limit(), "today": today()}
        html = render_to_string("dashboards/report.html", context, request=request)
    audit_export(request, "indicator_report", area.area_id, f"{month or 'no month'} {language}")
    return HttpResponse(html)
