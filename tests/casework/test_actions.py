"""The actions: each writes its rows, one domain event and one audit row together, or nothing."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from kuntakokeilu.audit.models import AuditEntry
from kuntakokeilu.casework import actions
from kuntakokeilu.casework.models import (
    DomainEvent,
    Interview,
    Plan,
    PlanTask,
    PlanVersion,
    ProcessState,
    ServiceNeedsAssessment,
)
from tests.casework.factories import D, case_worker, referred_client, with_initial_interview

pytestmark = pytest.mark.django_db

WRITTEN = (Interview, ServiceNeedsAssessment, Plan, PlanVersion, PlanTask, DomainEvent, AuditEntry)


def counts() -> dict:
    return {model.__name__: model.objects.count() for model in WRITTEN}


@pytest.fixture
def aino(helsinki):
    return referred_client(helsinki)


def interview(client, by, **given):
    values = {"date": D(2022, 5, 6), "kind": "initial_interview", "channel": "phone"} | given
    return actions.record_interview(client, **values, by=by)


def needs(**given) -> actions.ServiceNeeds:
    return actions.ServiceNeeds(**({"segment": "job_placement", "work_ability": 7} | given))


# -- interviews -------------------------------------------------------------------------------


def test_recording_the_initial_interview_writes_the_interview_its_event_and_audit_row(aino, worker):
    held = interview(aino, worker, notes="Wants to work in logistics")
    event = DomainEvent.objects.get(client=aino)
    entry = AuditEntry.objects.get(client_id=aino.pk)
    assert (held.kind, held.channel, held.by) == ("initial_interview", "phone", worker)
    assert (event.kind, event.on, event.area, event.actor) == (
        "interview_held",
        D(2022, 5, 6),
        "helsinki",
        worker,
    )
    assert event.attributes == {
        "interview": held.pk,
        "kind": "initial_interview",
        "channel": "phone",
    }
    assert (entry.action, entry.purpose, entry.object_kind) == ("create", "case_work", "interview")


def test_the_initial_interview_moves_the_next_due_to_the_first_supplementary_discussion(
    aino, worker
):
    interview(aino, worker)
    state = ProcessState.objects.get(client=aino)
    assert state.initial_interview_on == D(2022, 5, 6)
    assert (state.due_kind, state.due_on) == ("supplementary_discussion", D(2022, 5, 20))


def test_discussions_are_counted_and_the_next_one_follows_the_last(aino, worker):
    interview(aino, worker)
    interview(aino, worker, date=D(2022, 5, 19), kind="supplementary_discussion")
    state = ProcessState.objects.get(client=aino)
    assert (state.supplementary_done, state.last_discussion_on) == (1, D(2022, 5, 19))
    assert (state.due_kind, state.due_on) == ("supplementary_discussion", D(2022, 6, 2))


def test_a_second_initial_interview_is_refused_on_the_kind_and_nothing_is_written(aino, worker):
    interview(aino, worker)
    before = counts()
    with pytest.raises(ValidationError) as refused:
        interview(aino, worker, date=D(2022, 5, 9))
    assert "already recorded on 6.5.2022" in refused.value.message_dict["kind"][0]
    assert counts() == before


def test_a_discussion_before_the_initial_interview_is_refused(aino, worker):
    with pytest.raises(ValidationError) as refused:
        interview(aino, worker, kind="supplementary_discussion")
    assert "kind" in refused.value.message_dict
    assert counts()["Interview"] == 0


def test_supplementary_discussions_did_not_exist_before_the_nordic_model(helsinki, worker):
    old = referred_client(helsinki, registered_on=D(2022, 1, 10))
    interview(old, worker, date=D(2022, 1, 12))
    with pytest.raises(ValidationError, match="did not exist on that date"):
        interview(old, worker, date=D(2022, 3, 1), kind="supplementary_discussion")


def test_a_meeting_in_the_future_is_refused_on_the_date(aino, worker):
    with pytest.raises(ValidationError) as refused:
        interview(aino, worker, date=D(2999, 1, 1))
    assert list(refused.value.message_dict) == ["date"]
    assert counts()["DomainEvent"] == 0


def test_an_interview_before_registration_is_refused(aino, worker):
    with pytest.raises(ValidationError, match="before the registration"):
        interview(aino, worker, date=D(2022, 5, 2))


def test_a_failure_after_the_writes_leaves_nothing_behind(aino, worker, monkeypatch):
    def broken_audit(**_):
        raise RuntimeError("audit log unavailable")

    monkeypatch.setattr("kuntakokeilu.casework.actions.record", broken_audit)
    with pytest.raises(RuntimeError):
        interview(aino, worker)
    assert counts()["Interview"] == counts()["DomainEvent"] == 0
    assert ProcessState.objects.get(client=aino).initial_interview_on is None


# -- service-needs assessment -----------------------------------------------------------------


def test_an_assessment_writes_its_row_and_events_for_the_assessment_and_work_ability(aino, worker):
    answers = needs(needs_rehabilitation=True, referred_to_kela_rehabilitation=True)
    assessment = actions.assess_service_needs(aino, date=D(2022, 5, 6), needs=answers, by=worker)
    kinds = list(DomainEvent.objects.filter(client=aino).values_list("kind", flat=True))
    assert (assessment.referred_to_kela_rehabilitation, assessment.work_ability) == (True, 7)
    assert kinds == ["service_needs_assessed", "work_ability_assessed"]
    assert DomainEvent.objects.get(kind="service_needs_assessed").attributes == {
        "segment": "job_placement",
        "work_ability": 7,
        "needs": ["needs_rehabilitation"],
        "referrals": ["referred_to_kela_rehabilitation"],
    }
    assert AuditEntry.objects.get(client_id=aino.pk).object_kind == "service_needs_assessment"


@pytest.mark.parametrize(
    ("answers", "field"),
    [
        ({"work_ability": 11}, "work_ability"),
        ({"segment": "unknown"}, "segment"),
        ({"referred_to_social_services": True}, "needs_social_services"),
    ],
)
def test_an_invalid_assessment_is_refused_on_its_field_and_nothing_is_written(
    aino, worker, answers, field
):
    with pytest.raises(ValidationError) as refused:
        actions.assess_service_needs(aino, date=D(2022, 5, 6), needs=needs(**answers), by=worker)
    assert list(refused.value.message_dict) == [field]
    assert counts()["ServiceNeedsAssessment"] == counts()["DomainEvent"] == 0


# -- plans ------------------------------------------------------------------------------------


def make(client, by, **given):
    values = {
        "kind": "employment",
        "made_on": D(2022, 5, 6),
        "job_search_obligation": None,
        "tasks": [actions.TaskInput("Apply for 4 jobs", D(2022, 6, 1))],
    } | given
    return actions.make_plan(client, **values, by=by)


def test_a_new_plan_is_version_1_with_the_default_job_search_obligation(aino, worker):
    plan = make(aino, worker)
    version = plan.current_version
    assert (version.number, version.job_search_obligation, plan.job_search_obligation) == (1, 4, 4)
    assert [t.task for t in version.tasks.all()] == ["Apply for 4 jobs"]
    event = DomainEvent.objects.get(client=aino)
    assert (event.kind, event.attributes["version"], event.attributes["tasks"]) == (
        "plan_made",
        1,
        1,
    )
    assert AuditEntry.objects.get(client_id=aino.pk).detail == "employment v1"


def test_an_update_keeps_every_version_with_what_changed_when_and_by_whom(aino, worker):
    plan = make(aino, worker)
    colleague = case_worker("helsinki", name="liisa")
    actions.update_plan(
        plan,
        made_on=D(2022, 6, 1),
        changes="Training added",
        job_search_obligation=2,
        tasks=[
            actions.TaskInput("Apply for 4 jobs", D(2022, 6, 1), done=True),
            actions.TaskInput("Start the forklift course", D(2022, 8, 15)),
        ],
        by=colleague,
    )
    versions = list(plan.versions.order_by("number"))
    assert [(v.number, v.made_on, v.changes, v.by) for v in versions] == [
        (1, D(2022, 5, 6), "", worker),
        (2, D(2022, 6, 1), "Training added", colleague),
    ]
    assert [t.done for t in versions[0].tasks.all()] == [False]  # history as it was
    assert [t.done for t in versions[1].tasks.all()] == [True, False]
    plan.refresh_from_db()
    assert (plan.current_version, plan.job_search_obligation) == (versions[1], 2)
    assert DomainEvent.objects.filter(kind="plan_updated").count() == 1


def test_an_update_without_saying_what_changed_is_refused(aino, worker):
    plan = make(aino, worker)
    with pytest.raises(ValidationError) as refused:
        actions.update_plan(
            plan, made_on=D(2022, 6, 1), changes=" ", job_search_obligation=4, tasks=[], by=worker
        )
    assert list(refused.value.message_dict) == ["changes"]
    assert PlanVersion.objects.count() == 1


def test_a_second_plan_of_the_same_kind_is_refused(aino, worker):
    make(aino, worker)
    with pytest.raises(ValidationError, match="already has a plan of this kind"):
        make(aino, worker)


@pytest.mark.parametrize("applications", [-1, 5])
def test_the_job_search_obligation_is_0_to_4(aino, worker, applications):
    with pytest.raises(ValidationError) as refused:
        make(aino, worker, job_search_obligation=applications)
    assert list(refused.value.message_dict) == ["job_search_obligation"]
    assert counts()["Plan"] == 0


def test_no_job_search_obligation_is_set_before_the_nordic_model(helsinki, worker):
    old = referred_client(helsinki, registered_on=D(2022, 1, 10))
    plan = make(old, worker, made_on=D(2022, 1, 12))
    assert plan.job_search_obligation is None
    with pytest.raises(ValidationError, match="No job-search obligation"):
        make(old, worker, kind="activation", made_on=D(2022, 1, 12), job_search_obligation=4)


def test_a_task_without_a_description_is_refused(aino, worker):
    with pytest.raises(ValidationError) as refused:
        make(aino, worker, tasks=[actions.TaskInput("  ")])
    assert list(refused.value.message_dict) == ["tasks"]
    assert counts()["Plan"] == 0


# -- the case worker ----------------------------------------------------------------------------


def test_an_area_manager_assigns_a_case_worker_with_an_event_and_audit_row(aino, worker, manager):
    actions.assign_case_worker(aino, worker, by=manager)
    aino.refresh_from_db()
    event = DomainEvent.objects.get(client=aino)
    assert aino.case_worker == worker
    assert (event.kind, event.attributes) == (
        "client_assigned",
        {"case_worker": worker.pk, "previous_case_worker": None},
    )
    assert AuditEntry.objects.get(client_id=aino.pk).action == "update"


def test_a_case_worker_may_take_an_unassigned_client(aino, worker):
    actions.assign_case_worker(aino, worker, by=worker)
    aino.refresh_from_db()
    assert aino.case_worker == worker


def test_a_case_worker_may_not_take_a_colleagues_client(aino, worker, manager):
    colleague = case_worker("helsinki", name="liisa")
    actions.assign_case_worker(aino, colleague, by=manager)
    with pytest.raises(PermissionDenied):
        actions.assign_case_worker(aino, worker, by=worker)
    assert DomainEvent.objects.filter(client=aino).count() == 1


def test_a_case_worker_of_another_area_cannot_be_assigned(aino, manager, espoo):
    outsider = case_worker("espoo", name="esko")
    with pytest.raises(ValidationError) as refused:
        actions.assign_case_worker(aino, outsider, by=manager)
    assert list(refused.value.message_dict) == ["case_worker"]
    assert DomainEvent.objects.count() == 0


def test_an_area_manager_may_unassign(aino, worker, manager):
    actions.assign_case_worker(aino, worker, by=manager)
    actions.assign_case_worker(aino, None, by=manager)
    aino.refresh_from_db()
    assert aino.case_worker is None


def test_a_recorded_initial_interview_is_kept_in_the_state(aino, worker):
    with_initial_interview(aino, D(2022, 5, 9), worker)
    assert ProcessState.objects.get(client=aino).initial_interview_on == D(2022, 5, 9)
