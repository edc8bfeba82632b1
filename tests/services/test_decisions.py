"""Service decisions: amounts by the rules in force, the area's quota consumed in the same
transaction, nothing saved on a refusal, the quota released on cancellation."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from kuntakokeilu.audit.models import AuditEntry
from kuntakokeilu.casework.models import DomainEvent
from kuntakokeilu.quotas.models import QuotaUse
from kuntakokeilu.services.actions import cancel_decision, decide_service
from kuntakokeilu.services.models import ServiceDecision

from .conftest import make_quota

D = dt.date


def wage_subsidy(client, actor, **overrides):
    values = {
        "kind": "wage_subsidy",
        "decided_on": D(2021, 3, 15),
        "starts_on": D(2021, 4, 1),
        "ends_on": D(2021, 9, 30),
        "organisation_name": "Oy Esimerkki Ab",
        "organisation_id": "1234567-1",
        "organisation_kind": "company",
        "subsidy_kind": "long_unemployed",
        "monthly_pay_cost": Decimal("3000"),
        **overrides,
    }
    return decide_service(client, actor=actor, **values)


def nothing_saved() -> bool:
    return not (
        ServiceDecision.objects.exists()
        or DomainEvent.objects.exists()
        or QuotaUse.objects.exists()
        or AuditEntry.objects.filter(object_kind="service_decision").exists()
    )


def test_a_wage_subsidy_decision_takes_its_total_from_the_areas_quota(
    client_in_helsinki, case_worker, helsinki
):
    quota = make_quota(helsinki, "wage_subsidy", cap_euros="10000.00", cap_places=5)
    decision = wage_subsidy(client_in_helsinki, case_worker)
    quota.refresh_from_db()
    assert decision.total_eur == Decimal("7200.00")  # 40 % of 3 000, 6 months
    assert (quota.used_euros, quota.used_places) == (Decimal("7200.00"), 1)
    assert decision.quota_id == quota.pk


def test_a_decision_writes_its_event_and_audit_row(client_in_helsinki, case_worker, quotas):
    decision = wage_subsidy(client_in_helsinki, case_worker)
    event = DomainEvent.objects.get(kind="service_decided")
    assert (event.client, event.on, event.actor) == (
        client_in_helsinki,
        D(2021, 3, 15),
        case_worker,
    )
    assert event.attributes["decision_id"] == decision.pk
    assert event.attributes["total_eur"] == "7200.00"
    entry = AuditEntry.objects.get(object_kind="service_decision")
    assert (entry.action, entry.purpose, entry.client_id) == (
        "create",
        "case_work",
        client_in_helsinki.pk,
    )


def test_a_decision_the_quota_cannot_cover_is_refused_with_what_is_left_and_nothing_saved(
    client_in_helsinki, case_worker, helsinki
):
    make_quota(helsinki, "wage_subsidy", cap_euros="5000.00")
    with pytest.raises(ValidationError) as excinfo:
        wage_subsidy(client_in_helsinki, case_worker)
    assert "5\xa0000,00\xa0€ left" in excinfo.value.messages[0]
    assert nothing_saved()


def test_a_decision_with_no_quota_for_the_day_is_refused_and_nothing_saved(
    client_in_helsinki, case_worker, helsinki
):
    make_quota(helsinki, "wage_subsidy", period=(D(2022, 1, 1), D(2022, 12, 31)))
    with pytest.raises(ValidationError):
        wage_subsidy(client_in_helsinki, case_worker)
    assert nothing_saved()


def test_wage_subsidy_for_a_job_at_a_municipality_is_refused(
    client_in_helsinki, case_worker, quotas
):
    with pytest.raises(ValidationError) as excinfo:
        wage_subsidy(
            client_in_helsinki,
            case_worker,
            organisation_name="Helsingin kaupunki",
            organisation_kind="municipality",
        )
    assert "TE office decides" in excinfo.value.message_dict["organisation_kind"][0]
    assert nothing_saved()


def test_the_100_percent_kind_is_for_associations_only(client_in_helsinki, case_worker, quotas):
    with pytest.raises(ValidationError) as excinfo:
        wage_subsidy(client_in_helsinki, case_worker, subsidy_kind="association")
    assert "subsidy_kind" in excinfo.value.message_dict


def test_a_start_up_grant_decision_takes_daily_amount_times_working_days_from_its_quota(
    client_in_helsinki, case_worker, helsinki
):
    quota = make_quota(helsinki, "start_up_grant", period=(D(2023, 1, 1), D(2023, 12, 31)))
    decision = decide_service(
        client_in_helsinki,
        actor=case_worker,
        kind="start_up_grant",
        decided_on=D(2023, 2, 1),
        starts_on=D(2023, 3, 1),
        ends_on=D(2023, 8, 31),
    )
    quota.refresh_from_db()
    assert decision.total_eur == quota.used_euros == Decimal("4911.72")


def test_start_up_grant_periods_add_up_to_at_most_12_months_from_2022(
    client_in_helsinki, case_worker, quotas
):
    period = {"kind": "start_up_grant", "decided_on": D(2022, 2, 1)}
    decide_service(
        client_in_helsinki,
        actor=case_worker,
        starts_on=D(2022, 3, 1),
        ends_on=D(2022, 8, 31),
        **period,
    )
    decide_service(
        client_in_helsinki,
        actor=case_worker,
        starts_on=D(2022, 9, 1),
        ends_on=D(2023, 2, 28),
        **period,
    )
    with pytest.raises(ValidationError):
        decide_service(
            client_in_helsinki,
            actor=case_worker,
            starts_on=D(2023, 3, 1),
            ends_on=D(2023, 3, 31),
            **period,
        )


def test_training_takes_its_cost_and_one_place_from_the_training_quota(
    client_in_helsinki, case_worker, helsinki
):
    quota = make_quota(helsinki, "training", cap_euros="9000.00", cap_places=2)
    decide_service(
        client_in_helsinki,
        actor=case_worker,
        kind="labour_market_training",
        decided_on=D(2021, 5, 3),
        starts_on=D(2021, 8, 16),
        ends_on=D(2021, 12, 17),
        organisation_name="Koulutus Oy",
        cost_eur=Decimal("6500.00"),
    )
    quota.refresh_from_db()
    assert (quota.used_euros, quota.used_places) == (Decimal("6500.00"), 1)


def test_coaching_is_refused_when_the_training_quota_has_no_places_left(
    client_in_helsinki, case_worker, helsinki
):
    make_quota(helsinki, "training", cap_euros="9000.00", cap_places=0)
    with pytest.raises(ValidationError) as excinfo:
        decide_service(
            client_in_helsinki,
            actor=case_worker,
            kind="coaching",
            decided_on=D(2021, 5, 3),
            starts_on=D(2021, 5, 10),
            ends_on=D(2021, 6, 10),
            cost_eur=Decimal("800.00"),
        )
    assert "places" in excinfo.value.messages[0]
    assert nothing_saved()


def test_a_work_trial_and_career_guidance_need_no_quota(client_in_helsinki, case_worker):
    trial = decide_service(
        client_in_helsinki,
        actor=case_worker,
        kind="work_trial",
        decided_on=D(2021, 3, 1),
        starts_on=D(2021, 3, 1),
        ends_on=D(2021, 3, 31),
        organisation_name="Kahvila Oy",
    )
    guidance = decide_service(
        client_in_helsinki,
        actor=case_worker,
        kind="career_guidance",
        decided_on=D(2021, 3, 1),
        starts_on=D(2021, 3, 2),
        ends_on=D(2021, 3, 2),
    )
    assert (trial.total_eur, trial.quota_id) == (Decimal("207.00"), None)
    assert guidance.quota_service == ""
    assert not QuotaUse.objects.exists()


def test_a_decision_longer_than_ten_years_is_refused_on_its_end_day(
    client_in_helsinki, case_worker
):
    with pytest.raises(ValidationError) as refused:
        decide_service(
            client_in_helsinki,
            actor=case_worker,
            kind="career_guidance",
            decided_on=D(2021, 3, 1),
            starts_on=D(2021, 3, 2),
            ends_on=D(2031, 3, 2),  # ten years and a day
        )
    assert "at most ten years" in refused.value.message_dict["ends_on"][0]
    assert nothing_saved()


def test_cancelling_a_decision_gives_its_amount_back_to_the_quota(
    client_in_helsinki, case_worker, helsinki
):
    quota = make_quota(helsinki, "wage_subsidy", cap_euros="10000.00", cap_places=5)
    decision = wage_subsidy(client_in_helsinki, case_worker)
    cancel_decision(decision, actor=case_worker, on=D(2021, 3, 20), reason="The job fell through")
    quota.refresh_from_db()
    decision.refresh_from_db()
    assert (quota.used_euros, quota.used_places) == (Decimal("0.00"), 0)
    assert decision.cancelled
    assert DomainEvent.objects.filter(kind="service_ended", attributes__cancelled=True).exists()
    assert AuditEntry.objects.filter(object_kind="service_decision", action="update").exists()


def test_a_cancelled_decision_cannot_be_cancelled_again(client_in_helsinki, case_worker, quotas):
    decision = wage_subsidy(client_in_helsinki, case_worker)
    cancel_decision(decision, actor=case_worker, on=D(2021, 3, 20), reason="Mistake")
    with pytest.raises(ValidationError):
        cancel_decision(decision, actor=case_worker, on=D(2021, 3, 21), reason="Again")
    assert DomainEvent.objects.filter(kind="service_ended").count() == 1


def test_a_cancellation_needs_a_reason(client_in_helsinki, case_worker, quotas):
    decision = wage_subsidy(client_in_helsinki, case_worker)
    with pytest.raises(ValidationError) as excinfo:
        cancel_decision(decision, actor=case_worker, on=D(2021, 3, 20), reason=" ")
    assert "reason" in excinfo.value.message_dict
