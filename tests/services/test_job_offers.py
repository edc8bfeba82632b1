"""Job offers: whether they bind, answers, and closing those left unanswered by the deadline."""

import datetime as dt
from io import StringIO
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command

from kuntakokeilu.audit.models import AuditEntry
from kuntakokeilu.casework.models import DomainEvent, ProcessState
from kuntakokeilu.clients.models import Client
from kuntakokeilu.rules.parameters import Parameters, parameters
from kuntakokeilu.services import binding
from kuntakokeilu.services.actions import answer_job_offer, make_job_offer
from kuntakokeilu.services.binding import binding_basis
from kuntakokeilu.services.models import BindingBasis, JobOffer, Outcome
from kuntakokeilu.services.worklist import job_offer_due_items

D = dt.date


FIRST_OF_JUNE, TENTH_OF_JUNE = D(2022, 6, 1), D(2022, 6, 10)


def offer(client, actor=None, offered_on=FIRST_OF_JUNE, answer_by=TENTH_OF_JUNE):
    return make_job_offer(
        client,
        actor=actor,
        vacancy_title="Myyjä",
        employer="Kauppa Oy",
        offered_on=offered_on,
        answer_by=answer_by,
    )


def interviewed(client: Client, on: dt.date) -> None:
    ProcessState.objects.create(
        client=client, registered_on=client.registered_on, initial_interview_on=on
    )


@pytest.mark.parametrize(
    ("offered_on", "interview_on", "basis"),
    [
        (D(2022, 5, 1), None, BindingBasis.BEFORE_NORDIC_MODEL),
        (D(2022, 5, 2), None, BindingBasis.NO_INITIAL_INTERVIEW),
        (D(2022, 11, 30), D(2022, 6, 1), BindingBasis.WITHIN_SIX_MONTHS),
        (D(2022, 12, 1), D(2022, 6, 1), BindingBasis.SIX_MONTHS_PASSED),
    ],
)
def test_under_the_nordic_model_an_offer_binds_from_6_months_after_the_initial_interview(
    offered_on, interview_on, basis
):
    assert binding_basis(offered_on, interview_on) == basis


def test_the_six_months_are_a_dated_parameter_with_its_source():
    months = parameters()["job_offer_binding_months"]
    assert months.values[0].valid_from == D(2022, 5, 2)  # the Nordic model
    assert (months.value(D(2022, 5, 2)), months.values[0].status) == (6, "inferred")
    assert "Act 1290/2002" in months.values[0].source


def test_a_new_dated_value_of_the_months_applies_to_offers_from_its_day(tmp_path, monkeypatch):
    """Changing the rule adds a dated value: offers before it keep the 6 months."""
    for path in Parameters().by_name:
        source = Path(binding.__file__).parents[1] / "rules" / "parameters" / f"{path}.yaml"
        (tmp_path / source.name).write_text(source.read_text(encoding="utf-8"), encoding="utf-8")
    months = tmp_path / "job_offer_binding_months.yaml"
    months.write_text(
        months.read_text(encoding="utf-8")
        + "  - from: 2025-01-01\n    value: 3\n    status: inferred\n    source: a test\n",
        encoding="utf-8",
    )
    monkeypatch.setattr(binding, "parameters", lambda: Parameters(tmp_path))
    assert binding_basis(D(2024, 12, 31), D(2024, 9, 30)) == BindingBasis.WITHIN_SIX_MONTHS
    assert binding_basis(D(2025, 1, 1), D(2024, 10, 1)) == BindingBasis.SIX_MONTHS_PASSED


def test_the_initial_interview_is_read_from_the_casework_process(client_in_helsinki, case_worker):
    interviewed(client_in_helsinki, D(2022, 6, 1))
    early = offer(client_in_helsinki, case_worker, D(2022, 11, 30), D(2022, 12, 9))
    late = offer(client_in_helsinki, case_worker, D(2022, 12, 1), D(2022, 12, 9))
    assert (early.binding, early.binding_basis) == (False, BindingBasis.WITHIN_SIX_MONTHS)
    assert (late.binding, late.binding_basis) == (True, BindingBasis.SIX_MONTHS_PASSED)
    assert late.initial_interview_on == D(2022, 6, 1)


def test_without_a_recorded_initial_interview_an_offer_is_not_binding_and_says_why(
    client_in_helsinki, case_worker
):
    made = offer(client_in_helsinki, case_worker, D(2023, 1, 2), D(2023, 1, 9))
    assert (made.binding, made.binding_basis) == (False, BindingBasis.NO_INITIAL_INTERVIEW)


def test_an_offer_writes_its_event_and_audit_row(client_in_helsinki, case_worker):
    made = offer(client_in_helsinki, case_worker)
    event = DomainEvent.objects.get(kind="job_offer_made")
    assert (event.on, event.attributes["job_offer_id"]) == (D(2022, 6, 1), made.pk)
    assert AuditEntry.objects.filter(
        object_kind="job_offer", action="create", client_id=client_in_helsinki.pk
    ).exists()


def test_a_deadline_before_the_offer_is_refused(client_in_helsinki, case_worker):
    with pytest.raises(ValidationError) as excinfo:
        offer(client_in_helsinki, case_worker, D(2022, 6, 1), D(2022, 5, 31))
    assert "answer_by" in excinfo.value.message_dict
    assert not JobOffer.objects.exists()


def test_an_answer_writes_its_event_and_audit_row(client_in_helsinki, case_worker):
    made = offer(client_in_helsinki, case_worker)
    answer_job_offer(made, actor=case_worker, outcome="refused", answered_on=D(2022, 6, 3))
    made.refresh_from_db()
    assert made.outcome == Outcome.REFUSED
    event = DomainEvent.objects.get(kind="job_offer_answered")
    assert event.attributes["outcome"] == "refused"
    assert AuditEntry.objects.filter(object_kind="job_offer", action="update").exists()


def close(on: str) -> str:
    out = StringIO()
    call_command("close_job_offers", on=on, stdout=out)
    return out.getvalue()


def test_the_command_closes_offers_whose_deadline_passed_and_a_second_run_changes_nothing(
    client_in_helsinki, case_worker
):
    overdue = offer(client_in_helsinki, case_worker, D(2022, 6, 1), D(2022, 6, 10))
    due_today = offer(client_in_helsinki, case_worker, D(2022, 6, 1), D(2022, 6, 15))
    assert "closed 1 " in close("2022-06-15")
    overdue.refresh_from_db()
    due_today.refresh_from_db()
    assert (overdue.outcome, overdue.answered_on) == (Outcome.NO_ANSWER, D(2022, 6, 11))
    assert due_today.outcome == Outcome.OPEN
    answered = DomainEvent.objects.filter(kind="job_offer_answered")
    assert list(answered.values_list("on", "attributes__outcome")) == [
        (D(2022, 6, 11), "no_answer")
    ]
    assert AuditEntry.objects.filter(object_kind="job_offer", action="update").count() == 1

    assert "closed 0 " in close("2022-06-15")
    assert DomainEvent.objects.filter(kind="job_offer_answered").count() == 1


def test_a_bad_day_is_a_clear_command_error(db):
    with pytest.raises(CommandError, match="give it as YYYY-MM-DD"):
        close("2022-13-01")


def test_the_command_run_late_dates_the_closing_by_the_deadline(client_in_helsinki):
    made = offer(client_in_helsinki, None, D(2022, 6, 1), D(2022, 6, 10))
    close("2022-09-01")
    made.refresh_from_db()
    assert made.answered_on == D(2022, 6, 11)


def test_the_work_list_gets_open_offers_by_deadline_and_overdue_ones_are_closed_first(
    client_in_helsinki, client_in_tampere
):
    later = offer(client_in_helsinki, None, D(2022, 6, 1), D(2022, 6, 20))
    sooner = offer(client_in_helsinki, None, D(2022, 6, 1), D(2022, 6, 16))
    overdue = offer(client_in_helsinki, None, D(2022, 6, 1), D(2022, 6, 10))
    offer(client_in_tampere, None, D(2022, 6, 1), D(2022, 6, 16))
    items = job_offer_due_items(Client.objects.filter(area__area_id="helsinki"), D(2022, 6, 15))
    assert [(i.job_offer_id, i.due_on) for i in items] == [
        (sooner.pk, D(2022, 6, 16)),
        (later.pk, D(2022, 6, 20)),
    ]
    overdue.refresh_from_db()
    assert overdue.outcome == Outcome.NO_ANSWER
