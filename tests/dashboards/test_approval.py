"""Approving a month: the ministry analyst (or an administrator) locks it for the whole country;
a data-quality error stops it with a clear message; approving a correction supersedes the locked
version; every approval, and every refusal, is audited."""

from __future__ import annotations

import polars as pl
import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from kuntakokeilu.audit.models import AuditEntry
from kuntakokeilu.dashboards.approval import ApprovalRefused, approve, reject
from kuntakokeilu.dashboards.loading import load_results
from kuntakokeilu.dashboards.models import MonthVersion, Status
from kuntakokeilu.dashboards.queries import area_figures
from tests.dashboards.monitor_output import MONTHS, finding, quality, results, write_output

pytestmark = pytest.mark.django_db

JUNE = MONTHS[-1]


def june(status=Status.DRAFT) -> MonthVersion:
    return MonthVersion.objects.get(month=JUNE, status=status)


def approve_june(by, status=Status.DRAFT) -> MonthVersion:
    version = june(status)
    return approve(version.pk, digest=version.digest, by=by)


def audit_rows():
    return AuditEntry.objects.filter(object_kind="indicator_month").order_by("pk")


def test_the_analyst_approves_a_month_and_the_approval_is_audited(people, output):
    load_results(output)
    approved = approve_june(people["analyst"])
    assert approved.status == Status.LOCKED
    assert approved.approved_by == people["analyst"]
    entry = audit_rows().get()
    assert (entry.action, entry.actor, entry.success) == (
        "update",
        people["analyst"].username,
        True,
    )
    assert (entry.purpose, entry.detail) == ("supervision", "approved 2021-06 version 1")


def test_an_error_finding_stops_the_approval_with_the_reason(people, tmp_path):
    found = quality([finding("missing_month", "error", "No events from Kainuu", month=JUNE)])
    load_results(write_output(tmp_path / "out", findings=found))
    with pytest.raises(ApprovalRefused) as refused:
        approve_june(people["analyst"])
    assert str(refused.value) == (
        "June 2021 cannot be approved: 1 data-quality error must be resolved first "
        "(No events from Kainuu). Correct the data, run the monitoring again and load its "
        "figures."
    )
    assert june().status == Status.DRAFT
    entry = audit_rows().get()
    assert (entry.success, entry.detail) == (False, "refused: quality_errors")


def test_a_warning_does_not_stop_the_approval(people, tmp_path):
    found = quality([finding("outlier", "warning", "High", month=JUNE)])
    load_results(write_output(tmp_path / "out", findings=found))
    assert approve_june(people["analyst"]).status == Status.LOCKED


def test_figures_that_changed_after_the_page_was_opened_are_not_approved(people, tmp_path):
    load_results(write_output(tmp_path / "first"))
    seen = june()
    load_results(write_output(tmp_path / "second", results(bump=1)))
    with pytest.raises(ApprovalRefused, match="changed after the page was opened"):
        approve(seen.pk, digest=seen.digest, by=people["analyst"])


def test_approving_a_correction_supersedes_the_locked_version_and_shows_its_figures(
    people, tmp_path
):
    load_results(write_output(tmp_path / "first"))
    first = approve_june(people["analyst"])
    load_results(write_output(tmp_path / "second", results(bump=5)))
    second = approve_june(people["admin"], Status.CORRECTION)
    first.refresh_from_db()
    assert (first.status, second.status) == (Status.SUPERSEDED, Status.LOCKED)
    assert first.figures.exists()  # what was published stays
    shown = area_figures("helsinki").filter(
        (pl.col("month") == JUNE) & (pl.col("group") == "helsinki")
        & (pl.col("measure") == "transitions")
    )  # fmt: skip
    assert shown["value"].item() == 27.0
    assert audit_rows().last().detail == (
        "approved 2021-06 version 2, a correction superseding version 1"
    )


def test_an_approved_month_cannot_be_approved_again(people, output):
    load_results(output)
    version = approve_june(people["analyst"])
    with pytest.raises(ApprovalRefused, match="no longer waiting"):
        approve(version.pk, digest=version.digest, by=people["analyst"])


@pytest.mark.parametrize("persona", ["worker", "manager", "te", "dpo"])
def test_only_the_ministry_analyst_and_administrators_approve(people, output, persona):
    load_results(output)
    with pytest.raises(PermissionDenied):
        approve_june(people[persona])
    assert june().status == Status.DRAFT


def post_approval(client, user, version, digest=None):
    client.force_login(user)
    data = {"version": version.pk, "digest": digest or version.digest}
    return client.post(reverse("dashboards:approve"), data)


def test_the_approve_button_locks_the_month_and_says_so(client, people, output):
    load_results(output)
    response = post_approval(client, people["analyst"], june())
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "June 2021 was approved." in page
    assert june(Status.LOCKED)


def test_the_months_page_shows_the_reason_an_approval_was_refused(client, people, tmp_path):
    found = quality([finding("missing_month", "error", "No events from Kainuu", month=JUNE)])
    load_results(write_output(tmp_path / "out", findings=found))
    response = post_approval(client, people["analyst"], june())
    assert response.status_code == 409
    html = response.content.decode()
    assert "The month was not approved" in html
    assert "1 data-quality error must be resolved first" in html


def test_an_area_manager_gets_403_from_the_approve_button(client, people, output):
    load_results(output)
    assert post_approval(client, people["manager"], june()).status_code == 403


def test_a_tampered_form_is_refused(client, people, output):
    load_results(output)
    response = post_approval(client, people["analyst"], june(), digest="not-a-digest")
    assert response.status_code == 400
    assert june().status == Status.DRAFT


def test_the_months_page_offers_approval_only_to_those_who_may_approve(client, people, output):
    load_results(output)
    client.force_login(people["analyst"])
    assert (
        "Approve the figures of June 2021"
        in client.get(reverse("dashboards:months")).content.decode()
    )
    client.force_login(people["manager"])
    html = client.get(reverse("dashboards:months")).content.decode()
    assert "Approve the figures" not in html
    assert "Preliminary" in html


# -- rejecting a correction -----------------------------------------------------------------


def with_a_correction(people, tmp_path) -> tuple[MonthVersion, MonthVersion]:
    load_results(write_output(tmp_path / "first"))
    locked = approve_june(people["analyst"])
    load_results(write_output(tmp_path / "second", results(bump=5)))
    return locked, june(Status.CORRECTION)


def test_the_analyst_rejects_a_correction_with_the_reason_and_the_approved_figures_stay(
    people, tmp_path
):
    locked, correction = with_a_correction(people, tmp_path)
    rejected = reject(
        correction.pk, digest=correction.digest, reason=" Wrong extract. ", by=people["analyst"]
    )
    assert (rejected.status, rejected.rejected_by) == (Status.REJECTED, people["analyst"])
    assert rejected.rejection_reason == "Wrong extract."
    locked.refresh_from_db()
    assert locked.status == Status.LOCKED
    assert rejected.figures.exists()
    shown = area_figures("helsinki").filter(
        (pl.col("month") == JUNE) & (pl.col("group") == "helsinki")
        & (pl.col("measure") == "transitions")
    )  # fmt: skip
    assert shown["value"].item() == 22.0
    assert audit_rows().last().detail == "rejected 2021-06 version 2, a correction of version 1"


def test_a_rejection_without_a_reason_is_refused_and_changes_nothing(people, tmp_path):
    _, correction = with_a_correction(people, tmp_path)
    with pytest.raises(ApprovalRefused, match="why the correction is rejected") as refused:
        reject(correction.pk, digest=correction.digest, reason="  ", by=people["analyst"])
    assert refused.value.reason == "no_reason"
    assert june(Status.CORRECTION).pk == correction.pk
    assert audit_rows().last().detail == "rejection refused: no_reason"


def test_only_a_correction_can_be_rejected(people, output):
    load_results(output)
    draft = june()
    with pytest.raises(ApprovalRefused, match="no longer waiting"):
        reject(draft.pk, digest=draft.digest, reason="no", by=people["analyst"])
    assert june().status == Status.DRAFT


def test_a_correction_that_changed_after_the_page_was_opened_is_not_rejected(people, tmp_path):
    _, seen = with_a_correction(people, tmp_path)
    load_results(write_output(tmp_path / "third", results(bump=7)))
    with pytest.raises(ApprovalRefused, match="changed after the page was opened"):
        reject(seen.pk, digest=seen.digest, reason="old figures", by=people["analyst"])
    assert june(Status.CORRECTION).status == Status.CORRECTION


@pytest.mark.parametrize("persona", ["worker", "manager", "te", "dpo"])
def test_only_the_ministry_analyst_and_administrators_reject(people, tmp_path, persona):
    _, correction = with_a_correction(people, tmp_path)
    with pytest.raises(PermissionDenied):
        reject(correction.pk, digest=correction.digest, reason="no", by=people[persona])
    assert june(Status.CORRECTION).pk == correction.pk


def post_rejection(client, user, version, reason):
    client.force_login(user)
    data = {"version": version.pk, "digest": version.digest, "reason": reason}
    return client.post(reverse("dashboards:reject"), data)


def test_the_reject_button_rejects_and_the_months_page_says_who_and_why(client, people, tmp_path):
    _, correction = with_a_correction(people, tmp_path)
    client.force_login(people["analyst"])
    page = client.get(reverse("dashboards:months")).content.decode()
    assert "Reject the correction of June 2021" in page
    response = post_rejection(client, people["analyst"], correction, "Counted twice.")
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "The correction of June 2021 was rejected" in page
    who = people["analyst"].get_username()
    assert f"was rejected on {timezone.localdate():%-d.%-m.%Y} by {who}: Counted twice." in page
    assert "Reject the correction" not in page


def test_the_reject_button_without_a_reason_keeps_the_page_and_says_what_is_missing(
    client, people, tmp_path
):
    _, correction = with_a_correction(people, tmp_path)
    response = post_rejection(client, people["analyst"], correction, "")
    assert response.status_code == 400
    html = response.content.decode()
    assert "The correction was not rejected" in html
    assert "Say why the correction is rejected." in html
    assert june(Status.CORRECTION).pk == correction.pk


def test_an_area_manager_gets_403_from_the_reject_button(client, people, tmp_path):
    _, correction = with_a_correction(people, tmp_path)
    assert post_rejection(client, people["manager"], correction, "no").status_code == 403


def test_the_reason_of_a_rejection_is_shown_as_text_not_markup(client, people, tmp_path):
    _, correction = with_a_correction(people, tmp_path)
    post_rejection(client, people["analyst"], correction, "<script>alert(1)</script>")
    page = client.get(reverse("dashboards:months")).content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<script>alert(1)" not in page


def test_a_reason_longer_than_the_record_keeps_is_refused_and_changes_nothing(
    client, people, tmp_path
):
    _, correction = with_a_correction(people, tmp_path)
    response = post_rejection(client, people["analyst"], correction, "x" * 501)
    assert response.status_code == 400
    assert "at most 500 characters" in response.content.decode()
    assert june(Status.CORRECTION).pk == correction.pk
