"""Reports to the TE office: made from a refused or unanswered offer in one step, seen by the TE
officer of the client's ELY area and by the client's own area, moved on by the TE office."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404

from kuntakokeilu.access import get_report, visible_reports
from kuntakokeilu.audit.models import AuditEntry
from kuntakokeilu.casework.models import DomainEvent, ProcessState
from kuntakokeilu.services.actions import (
    answer_job_offer,
    change_report_status,
    make_job_offer,
    make_te_report,
    report_job_offer,
)
from kuntakokeilu.services.models import Cause, TeReport

D = dt.date


FIRST_OF_MARCH = D(2023, 3, 1)


def answered(client, outcome: str, offered_on=FIRST_OF_MARCH):
    offer = make_job_offer(
        client,
        actor=None,
        vacancy_title="Varastotyöntekijä",
        employer="Logistiikka Oy",
        offered_on=offered_on,
        answer_by=offered_on + dt.timedelta(days=7),
    )
    return answer_job_offer(offer, actor=None, outcome=outcome, answered_on=offered_on)


def missed_interview(client, actor=None) -> TeReport:
    return make_te_report(
        client,
        actor=actor,
        cause="missed_interview",
        event="Did not come to the interview on 3.5.2023",
        facts="Invited by letter on 20.4.2023; no contact since.",
        on=D(2023, 5, 4),
    )


def test_a_refused_offer_becomes_a_report_in_one_step_with_the_offers_facts(
    client_in_helsinki, case_worker
):
    offer = answered(client_in_helsinki, "refused")
    report = report_job_offer(offer, actor=case_worker, on=D(2023, 3, 3))
    assert (report.cause, report.job_offer, report.status) == (
        Cause.REFUSED_JOB_OFFER,
        offer,
        "sent",
    )
    assert "Varastotyöntekijä" in report.facts
    assert "refused the offer" in report.facts
    assert list(report.history.values_list("status", "on")) == [("sent", D(2023, 3, 3))]


def test_a_report_writes_its_event_and_a_disclosure_audit_row(client_in_helsinki, case_worker):
    report = report_job_offer(
        answered(client_in_helsinki, "refused"), actor=case_worker, on=D(2023, 3, 3)
    )
    event = DomainEvent.objects.get(kind="te_report_made")
    assert event.attributes == {
        "te_report_id": report.pk,
        "cause": "refused_job_offer",
        "job_offer_id": report.job_offer_id,
    }
    entry = AuditEntry.objects.get(object_kind="te_report")
    assert (entry.action, entry.purpose) == ("disclose", "te_office_statement")


def test_an_unanswered_offer_is_reported_as_not_answered(client_in_helsinki, case_worker):
    report = report_job_offer(
        answered(client_in_helsinki, "no_answer"), actor=case_worker, on=D(2023, 3, 9)
    )
    assert "did not answer by the deadline" in report.facts


def test_an_offer_still_open_or_accepted_cannot_be_reported(client_in_helsinki, case_worker):
    for outcome in ("applied", "hired"):
        with pytest.raises(ValidationError):
            report_job_offer(
                answered(client_in_helsinki, outcome), actor=case_worker, on=D(2023, 3, 3)
            )
    assert not TeReport.objects.exists()


def test_an_offer_made_within_6_months_of_the_initial_interview_is_not_reported(
    client_in_helsinki, case_worker
):
    ProcessState.objects.create(
        client=client_in_helsinki,
        registered_on=client_in_helsinki.registered_on,
        initial_interview_on=D(2023, 1, 10),
    )
    with pytest.raises(ValidationError) as excinfo:
        report_job_offer(
            answered(client_in_helsinki, "refused"), actor=case_worker, on=D(2023, 3, 3)
        )
    assert "not binding" in excinfo.value.messages[0]


def test_an_offer_is_reported_once(client_in_helsinki, case_worker):
    offer = answered(client_in_helsinki, "refused")
    report_job_offer(offer, actor=case_worker, on=D(2023, 3, 3))
    with pytest.raises(ValidationError):
        report_job_offer(offer, actor=case_worker, on=D(2023, 3, 4))
    assert TeReport.objects.count() == 1


def test_a_report_of_another_cause_needs_the_event_and_the_facts(client_in_helsinki):
    with pytest.raises(ValidationError) as excinfo:
        make_te_report(
            client_in_helsinki,
            actor=None,
            cause="neglected_plan",
            event="",
            facts="",
            on=D(2023, 5, 4),
        )
    assert set(excinfo.value.message_dict) == {"event", "facts"}


def test_the_te_officer_of_ely_01_sees_reports_about_helsinki_clients_not_tampere(
    client_in_helsinki, client_in_tampere, te_officer
):
    helsinki_report = missed_interview(client_in_helsinki)
    tampere_report = missed_interview(client_in_tampere)
    assert list(visible_reports(te_officer)) == [helsinki_report]
    with pytest.raises(Http404):
        get_report(te_officer, tampere_report.pk)


def test_a_case_worker_sees_the_reports_of_their_own_area_only(
    client_in_helsinki, client_in_tampere, case_worker, other_case_worker
):
    helsinki_report = missed_interview(client_in_helsinki)
    assert get_report(case_worker, helsinki_report.pk) == helsinki_report
    with pytest.raises(Http404):
        get_report(other_case_worker, helsinki_report.pk)


def test_analysts_and_data_protection_officers_see_no_reports(
    client_in_helsinki, analyst, data_protection_officer
):
    report = missed_interview(client_in_helsinki)
    for user in (analyst, data_protection_officer):
        assert not visible_reports(user).exists()
        with pytest.raises(Http404):
            get_report(user, report.pk)


def test_the_te_office_moves_a_report_on_and_the_history_keeps_every_step(
    client_in_helsinki, te_officer
):
    report = missed_interview(client_in_helsinki)
    change_report_status(report, actor=te_officer, status="received", on=D(2023, 5, 5))
    change_report_status(
        report, actor=te_officer, status="statement_given", on=D(2023, 5, 20), note="7 days"
    )
    report.refresh_from_db()
    assert report.status == "statement_given"
    assert list(report.history.values_list("status", flat=True)) == [
        "sent",
        "received",
        "statement_given",
    ]
    events = DomainEvent.objects.filter(kind="te_report_status_changed")
    assert [e.attributes["status"] for e in events] == ["received", "statement_given"]
    assert (
        AuditEntry.objects.filter(
            object_kind="te_report", action="update", purpose="te_office_statement"
        ).count()
        == 2
    )


def test_a_report_never_goes_back_a_step(client_in_helsinki, te_officer):
    report = missed_interview(client_in_helsinki)
    change_report_status(report, actor=te_officer, status="closed", on=D(2023, 5, 5))
    with pytest.raises(ValidationError) as excinfo:
        change_report_status(report, actor=te_officer, status="received", on=D(2023, 5, 6))
    assert "status" in excinfo.value.message_dict
    assert DomainEvent.objects.filter(kind="te_report_status_changed").count() == 1
