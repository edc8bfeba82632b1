"""``approve``: lock a month's figures (a draft, or a correction of a locked month);
``reject``: turn a correction down.

The ministry analyst (or an administrator) approves a month for the whole country at once: the
figures of every area, municipality and comparison group of that month, as one version. A month
with a quality finding of severity ``error`` cannot be approved. Approving a correction
supersedes the locked version it corrects (its figures are kept). Rejecting a correction, with
the reason, leaves the locked version in force; the correction's figures are kept, and a later
load that computes them again does not raise them again (``loading.decide``). Each decision and
its audit row are one transaction; a refusal is audited too (``success`` false), in its own.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from kuntakokeilu.access import can_approve_indicators
from kuntakokeilu.audit.log import record
from kuntakokeilu.dashboards.formatting import month_name
from kuntakokeilu.dashboards.models import Finding, MonthVersion

Status = MonthVersion.Status


class ApprovalRefused(Exception):
    """The month was not approved; ``str()`` says why, in the active language; ``reason`` is
    the same for the audit log: not_waiting, changed or quality_errors."""

    def __init__(self, message: str, reason: str):
        super().__init__(message)
        self.reason = reason


def approve(version_pk: int, *, digest: str, by, request=None) -> MonthVersion:
    """Lock version ``version_pk`` as ``by``, if its figures are still those with ``digest``
    (the ones the approver looked at). Raises ``ApprovalRefused`` with the reason."""
    if not can_approve_indicators(by):
        raise PermissionDenied
    try:
        with transaction.atomic():
            return _approve(version_pk, digest, by, request)
    except ApprovalRefused as refusal:
        audit(by, request, version_pk, f"refused: {refusal.reason}", success=False)
        raise


def _approve(version_pk: int, digest: str, by, request) -> MonthVersion:
    version = MonthVersion.objects.select_for_update().filter(pk=version_pk).first()
    refuse_unless_approvable(version, digest)
    now = timezone.now()
    if version.status == Status.CORRECTION:
        MonthVersion.objects.filter(pk=version.supersedes_id).update(
            status=Status.SUPERSEDED, updated_at=now
        )
    version.status, version.approved_by, version.approved_at = Status.LOCKED, by, now
    version.save(update_fields=["status", "approved_by", "approved_at", "updated_at"])
    audit(by, request, version.pk, approved_detail(version))
    return version


#: the longest reason a rejection keeps (the form says so)
REASON_LENGTH = MonthVersion._meta.get_field("rejection_reason").max_length


def reject(version_pk: int, *, digest: str, reason: str, by, request=None) -> MonthVersion:
    """Reject the correction ``version_pk`` as ``by``, for ``reason``, if its figures are still
    those with ``digest``. Raises ``ApprovalRefused`` with the reason it was not rejected."""
    if not can_approve_indicators(by):
        raise PermissionDenied
    try:
        with transaction.atomic():
            return _reject(version_pk, digest, reason.strip(), by, request)
    except ApprovalRefused as refusal:
        audit(by, request, version_pk, f"rejection refused: {refusal.reason}", success=False)
        raise


def _reject(version_pk: int, digest: str, reason: str, by, request) -> MonthVersion:
    version = MonthVersion.objects.select_for_update().filter(pk=version_pk).first()
    if version is None or version.status != Status.CORRECTION:
        raise ApprovalRefused(
            _("This correction is no longer waiting for approval."), "not_waiting"
        )
    if version.digest != digest:
        raise ApprovalRefused(
            _(
                "The correction of %(month)s changed after the page was opened (a new load). "
                "Look at it again before rejecting it."
            )
            % {"month": month_name(version.month)},
            "changed",
        )
    if not reason or len(reason) > REASON_LENGTH:
        raise ApprovalRefused(
            _("Say in at most %(length)s characters why the correction is rejected.")
            % {"length": REASON_LENGTH},
            "no_reason",
        )
    version.status, version.rejected_by, version.rejected_at = Status.REJECTED, by, timezone.now()
    version.rejection_reason = reason
    version.save(
        update_fields=["status", "rejected_by", "rejected_at", "rejection_reason", "updated_at"]
    )
    audit(by, request, version.pk, rejected_detail(version))
    return version


def rejected_detail(version: MonthVersion) -> str:
    return (
        f"rejected {version.month:%Y-%m} version {version.number}, a correction of version "
        f"{version.supersedes.number}"
    )


def refuse_unless_approvable(version: MonthVersion | None, digest: str) -> None:
    if version is None or not version.approvable:
        raise ApprovalRefused(_("This version is no longer waiting for approval."), "not_waiting")
    month = month_name(version.month)
    if version.digest != digest:
        raise ApprovalRefused(
            _(
                "The figures of %(month)s changed after the page was opened (a new load). "
                "Look at them again before approving."
            )
            % {"month": month},
            "changed",
        )
    errors = version.findings.filter(severity=Finding.Severity.ERROR)
    if errors.exists():
        message = errors_message(month, errors.count(), errors.first().message)
        raise ApprovalRefused(message, "quality_errors")


def errors_message(month: str, count: int, first: str) -> str:
    return ngettext(
        "%(month)s cannot be approved: %(count)s data-quality error must be resolved first "
        "(%(first)s). Correct the data, run the monitoring again and load its figures.",
        "%(month)s cannot be approved: %(count)s data-quality errors must be resolved first "
        "(the first: %(first)s). Correct the data, run the monitoring again and load its figures.",
        count,
    ) % {"month": month, "count": count, "first": first}


def approved_detail(version: MonthVersion) -> str:
    what = f"approved {version.month:%Y-%m} version {version.number}"
    if version.supersedes_id:
        return f"{what}, a correction superseding version {version.supersedes.number}"
    return what


def audit(by, request, version_pk, detail: str, success: bool = True) -> None:
    record(
        actor=by,
        action="update",
        purpose="supervision",
        object_kind="indicator_month",
        object_id=version_pk,
        request=request,
        success=success,
        detail=detail,
    )
