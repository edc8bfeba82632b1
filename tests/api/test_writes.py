"""Writes through the API: each calls the action the web form calls, which writes its rows, its
domain event and its audit row in one transaction; bad input is a 400 on the field at fault and
saves nothing; outside the scope a write is a 404 and saves nothing; a quota refuses with 409."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

import pytest

from kuntakokeilu.audit.models import AuditEntry
from kuntakokeilu.casework.models import (
    DomainEvent,
    Interview,
    Plan,
    PlanVersion,
    ServiceNeedsAssessment,
)
from kuntakokeilu.clients.models import Client
from kuntakokeilu.quotas.models import Quota
from kuntakokeilu.services import actions as services
from kuntakokeilu.services.models import JobOffer, ServiceDecision
from kuntakokeilu.web.clock import today
from tests.casework import factories

JSON = "application/json"


@pytest.fixture
def open_offer(own, worker):
    """An offer of the Helsinki client still waiting for an answer."""
    client, _ = own
    return services.make_job_offer(
        client,
        actor=worker,
        vacancy_title="Cook",
        employer="Keittiö Oy",
        offered_on=today(),
        answer_by=today() + dt.timedelta(days=14),
    )


@dataclass(frozen=True)
class Write:
    """One write: its URL (from the client, its rows and the open offer), a good body, the rows
    it makes, the event kind it emits and the audit row it writes."""

    name: str
    url: str  # formatted with client, plan, offer
    body: dict
    model: type
    event: str
    audit: tuple[str, str]  # action, object kind
    status: int = 201
    by: str = "worker"
    audited: str = "id"  # the answer's field that names the audit row's object


WRITES = [
    Write(
        "interview",
        "/api/clients/{client}/interviews/",
        {"date": "2022-06-10", "kind": "job_search_discussion", "channel": "phone"},
        Interview,
        "interview_held",
        ("create", "interview"),
    ),
    Write(
        "service-needs assessment",
        "/api/clients/{client}/service-needs-assessments/",
        {
            "date": "2022-06-10",
            "segment": "supported_employment",
            "competence_needs": "Forklift licence",
            "work_ability": 6,
            "needs_health_services": True,
            "health_services_need": "Back pain",
            "referred_to_health_services": True,
        },
        ServiceNeedsAssessment,
        "service_needs_assessed",
        ("create", "service_needs_assessment"),
    ),
    Write(
        "plan",
        "/api/clients/{client}/plans/",
        {
            "kind": "integration",
            "made_on": "2022-06-10",
            "job_search_obligation": 3,
            "tasks": [{"task": "Finnish course", "due_on": "2022-09-01"}],
        },
        Plan,
        "plan_made",
        ("create", "plan"),
    ),
    Write(
        "plan version",
        "/api/plans/{plan}/versions/",
        {"made_on": "2022-06-15", "changes": "Coaching added", "tasks": [{"task": "Coaching"}]},
        PlanVersion,
        "plan_updated",
        ("update", "plan"),
        audited="plan",
    ),
    Write(
        "service decision",
        "/api/clients/{client}/service-decisions/",
        {
            "kind": "coaching",
            "decided_on": "2022-06-10",
            "starts_on": "2022-06-13",
            "ends_on": "2022-07-12",
            "organisation_name": "Valmennus Oy",
            "organisation_id": "0737546-2",
            "cost_eur": "1500.00",
        },
        ServiceDecision,
        "service_decided",
        ("create", "service_decision"),
    ),
    Write(
        "job offer",
        "/api/clients/{client}/job-offers/",
        {
            "vacancy_title": "Bus driver",
            "employer": "Liikenne Oy",
            "offered_on": "2022-06-10",
            "answer_by": "2022-06-17",
        },
        JobOffer,
        "job_offer_made",
        ("create", "job_offer"),
    ),
    Write(
        "answer to a job offer",
        "/api/job-offers/{offer}/answer/",
        {"outcome": "applied", "answered_on": "{today}"},
        JobOffer,
        "job_offer_answered",
        ("update", "job_offer"),
        status=200,
    ),
    Write(
        "case-worker assignment",
        "/api/clients/{client}/case-worker/",
        {"case_worker": "{worker}"},
        Client,
        "client_assigned",
        ("update", "client"),
        status=200,
        by="manager",
    ),
]


def filled(write: Write, own, offer, worker) -> tuple[str, dict]:
    client, rows = own
    url = write.url.format(client=client.pk, plan=rows["plan"].pk, offer=offer.pk)
    values = {"{today}": today().isoformat(), "{worker}": worker.pk}
    body = {k: values.get(v, v) if isinstance(v, str) else v for k, v in write.body.items()}
    return url, body


def counts(model) -> tuple[int, ...]:
    used = tuple(Quota.objects.order_by("pk").values_list("used_euros", flat=True))
    return (model.objects.count(), DomainEvent.objects.count(), AuditEntry.objects.count(), used)


def assignments() -> list[tuple[int, int | None]]:
    return list(Client.objects.order_by("pk").values_list("pk", "case_worker"))


# -- the happy paths ------------------------------------------------------------------------------


@pytest.mark.parametrize("write", WRITES, ids=lambda w: w.name)
def test_a_write_saves_its_row_its_event_and_its_audit_row(
    request, as_user, own, open_offer, worker, quotas, write
):
    client, _ = own
    actor = request.getfixturevalue(write.by)
    url, body = filled(write, own, open_offer, worker)
    api = as_user(actor)
    events_before = set(DomainEvent.objects.values_list("pk", flat=True))
    response = api.post(url, body, content_type=JSON)
    assert response.status_code == write.status, response.json()
    write.model.objects.get(pk=response.json()["id"])
    (event,) = DomainEvent.objects.exclude(pk__in=events_before).filter(kind=write.event)
    assert (event.client_id, event.actor_id) == (client.pk, actor.pk)
    entry = AuditEntry.objects.order_by("-pk").first()
    assert (entry.action, entry.object_kind) == write.audit
    assert (entry.client_id, entry.actor_id, entry.success) == (client.pk, actor.pk, True)
    assert entry.object_id == str(response.json()[write.audited])


def test_a_new_plan_comes_back_with_its_first_version_and_tasks(as_user, worker, own):
    client, _ = own
    body = {
        "kind": "integration",
        "made_on": "2022-06-10",
        "tasks": [{"task": "Finnish course", "due_on": "2022-09-01"}, {"task": "CV"}],
    }
    response = as_user(worker).post(f"/api/clients/{client.pk}/plans/", body, content_type=JSON)
    plan = response.json()
    assert (plan["kind"], plan["job_search_obligation"]) == ("integration", 4)  # the default
    version = plan["current_version"]
    assert (version["number"], version["made_on"]) == (1, "2022-06-10")
    assert [(t["task"], t["due_on"]) for t in version["tasks"]] == [
        ("Finnish course", "2022-09-01"),
        ("CV", None),
    ]


def test_an_assessment_with_work_ability_also_records_the_work_ability_event(as_user, worker, own):
    client, _ = own
    body = {"date": "2022-06-10", "segment": "job_placement", "work_ability": 8}
    url = f"/api/clients/{client.pk}/service-needs-assessments/"
    response = as_user(worker).post(url, body, content_type=JSON)
    assert response.status_code == 201
    assert response.json()["work_ability"] == 8
    event = DomainEvent.objects.get(client=client, kind="work_ability_assessed")
    assert event.attributes == {"work_ability": 8, "scale": "0-10"}


def test_a_decision_takes_its_amount_from_the_quota(as_user, worker, own, quotas):
    client, _ = own
    body = {
        "kind": "labour_market_training",
        "decided_on": "2022-06-10",
        "starts_on": "2022-08-01",
        "ends_on": "2022-12-31",
        "cost_eur": "2500",
    }
    url = f"/api/clients/{client.pk}/service-decisions/"
    response = as_user(worker).post(url, body, content_type=JSON)
    assert response.status_code == 201, response.json()
    assert (response.json()["total_eur"], response.json()["places"]) == ("2500.00", 1)
    quotas["training"].refresh_from_db()
    assert quotas["training"].used_euros == Decimal("2500.00")


def test_a_wage_subsidy_is_computed_by_the_rules_in_force(as_user, worker, own, quotas):
    client, _ = own
    body = {
        "kind": "wage_subsidy",
        "decided_on": "2022-06-10",
        "starts_on": "2022-07-01",
        "ends_on": "2022-12-31",
        "organisation_name": "Rakennus Oy",
        "organisation_kind": "company",
        "subsidy_kind": "skills",
        "monthly_pay_cost": "3000.00",
    }
    url = f"/api/clients/{client.pk}/service-decisions/"
    response = as_user(worker).post(url, body, content_type=JSON)
    assert response.status_code == 201, response.json()
    decision = response.json()
    assert (decision["percent"], decision["monthly_amount"], decision["months"]) == (
        30,
        "900.00",
        "6.00",
    )
    assert decision["total_eur"] == "5400.00"


def test_answering_an_offer_past_its_deadline_closes_it_first_as_the_web_does(as_user, worker, own):
    _, rows = own  # the deadline was 8.6.2022
    offer = rows["job_offer"]
    response = as_user(worker).post(
        f"/api/job-offers/{offer.pk}/answer/",
        {"outcome": "refused", "answered_on": "2022-06-07"},
        content_type=JSON,
    )
    assert response.status_code == 200
    answers = DomainEvent.objects.filter(kind="job_offer_answered").order_by("pk")
    assert [e.attributes["outcome"] for e in answers] == ["no_answer", "refused"]
    assert JobOffer.objects.get(pk=offer.pk).outcome == "refused"


def test_an_area_manager_unassigns_with_null(as_user, manager, worker, own):
    client, _ = own
    Client.objects.filter(pk=client.pk).update(case_worker=worker)
    url = f"/api/clients/{client.pk}/case-worker/"
    response = as_user(manager).post(url, {"case_worker": None}, content_type=JSON)
    assert response.status_code == 200
    assert response.json()["case_worker"] is None
    assert Client.objects.get(pk=client.pk).case_worker is None


def test_a_case_worker_may_take_an_unassigned_client_but_not_assign_others(as_user, worker, own):
    client, _ = own
    colleague = factories.case_worker("helsinki", name="pekka")
    url = f"/api/clients/{client.pk}/case-worker/"
    api = as_user(worker)
    before = counts(Client)
    assert api.post(url, {"case_worker": colleague.pk}, content_type=JSON).status_code == 403
    assert counts(Client) == before
    assert api.post(url, {"case_worker": worker.pk}, content_type=JSON).status_code == 200
    assert Client.objects.get(pk=client.pk).case_worker == worker


# -- one transaction ------------------------------------------------------------------------------


@pytest.mark.parametrize("write", WRITES, ids=lambda w: w.name)
def test_a_write_whose_audit_row_fails_saves_nothing(
    request, as_user, own, open_offer, worker, quotas, write, monkeypatch
):
    """The rows, the event and the audit row are one transaction: when the audit row cannot be
    written, neither are the others (nor is the quota used)."""
    actor = request.getfixturevalue(write.by)
    url, body = filled(write, own, open_offer, worker)
    api = as_user(actor)
    before = counts(write.model), assignments()

    def audit_down(**kwargs):
        raise RuntimeError("the audit log is down")

    monkeypatch.setattr("kuntakokeilu.casework.actions.record", audit_down)
    monkeypatch.setattr("kuntakokeilu.services.actions.record", audit_down)
    with pytest.raises(RuntimeError, match="audit log is down"):
        api.post(url, body, content_type=JSON)
    assert (counts(write.model), assignments()) == before
    assert JobOffer.objects.get(pk=open_offer.pk).outcome == "open"


# -- bad input ----------------------------------------------------------------------------------

FUTURE = (dt.date.today() + dt.timedelta(days=30)).isoformat()
DECISION = {"decided_on": "2022-06-10", "starts_on": "2022-06-13", "ends_on": "2022-07-12"}
WAGE_SUBSIDY = {
    **DECISION,
    "kind": "wage_subsidy",
    "organisation_name": "Rakennus Oy",
    "organisation_kind": "company",
    "subsidy_kind": "skills",
    "monthly_pay_cost": "3000.00",
}
OFFER = {"vacancy_title": "Cook", "employer": "Keittiö Oy", "offered_on": "2022-06-10"}

BAD = [
    # service-needs assessments
    ("assessment", {"segment": "job_placement"}, "date"),
    ("assessment", {"date": "2022-06-10", "segment": "none"}, "segment"),
    ("assessment", {"date": "2022-06-10", "segment": "job_placement", "work_ability": 11},
     "work_ability"),
    ("assessment", {"date": FUTURE, "segment": "job_placement"}, "date"),
    ("assessment", {"date": "1899-12-31", "segment": "job_placement"}, "date"),
    (
        "assessment",
        {"date": "2022-06-10", "segment": "job_placement", "referred_to_social_services": True},
        "needs_social_services",
    ),
    # plans
    ("plan", {"made_on": "2022-06-10"}, "kind"),
    ("plan", {"kind": "employment", "made_on": "2022-06-10"}, "kind"),  # has one already
    ("plan", {"kind": "integration", "made_on": FUTURE}, "made_on"),
    ("plan", {"kind": "integration", "made_on": "2022-06-10", "job_search_obligation": 5},
     "job_search_obligation"),
    ("plan", {"kind": "integration", "made_on": "2022-04-01", "job_search_obligation": 3},
     "job_search_obligation"),  # no obligation before 2.5.2022
    ("plan", {"kind": "integration", "made_on": "2022-06-10", "tasks": [{"task": "  "}]}, "tasks"),
    ("plan", {"kind": "integration", "made_on": "2022-06-10",
              "tasks": [{"task": "x", "due_on": "soon"}]}, "tasks"),
    # service decisions
    ("decision", {**DECISION, "kind": "pension"}, "kind"),
    ("decision", {**DECISION, "kind": "career_guidance", "ends_on": "2022-06-01"}, "ends_on"),
    ("decision", {**WAGE_SUBSIDY, "organisation_name": ""}, "organisation_name"),
    ("decision", {**WAGE_SUBSIDY, "organisation_id": "0737546-3"}, "organisation_id"),
    ("decision", {**WAGE_SUBSIDY, "organisation_kind": "municipality"}, "organisation_kind"),
    ("decision", {**WAGE_SUBSIDY, "subsidy_kind": "standard"}, "subsidy_kind"),  # from 7/2023
    ("decision", {**WAGE_SUBSIDY, "monthly_pay_cost": "-1.00"}, "monthly_pay_cost"),
    ("decision", {**WAGE_SUBSIDY, "monthly_pay_cost": None}, "monthly_pay_cost"),
    ("decision", {**WAGE_SUBSIDY, "ends_on": "2023-06-12"}, "ends_on"),  # skills: 6 months
    ("decision", {**DECISION, "kind": "coaching"}, "cost_eur"),
    ("decision", {**DECISION, "kind": "coaching", "cost_eur": "NaN"}, "cost_eur"),
    ("decision", {**DECISION, "kind": "work_trial"}, "organisation_name"),
    ("decision", {**DECISION, "kind": "career_guidance", "starts_on": "1910-01-01",
                  "ends_on": "2099-12-31"}, "ends_on"),  # months too many to store
    # job offers and their answers
    ("offer", {**OFFER, "answer_by": "2022-06-01"}, "answer_by"),
    ("offer", {**OFFER, "vacancy_title": "", "answer_by": "2022-06-17"}, "vacancy_title"),
    ("offer", {**OFFER, "offered_on": "2022-02-30", "answer_by": "2022-06-17"}, "offered_on"),
    ("answer", {"outcome": "open", "answered_on": "{today}"}, "outcome"),
    ("answer", {"outcome": "hired", "answered_on": "2000-01-01"}, "answered_on"),
    ("answer", {"outcome": "hired"}, "answered_on"),
    # the case worker
    ("assign", {}, "case_worker"),
    ("assign", {"case_worker": "somebody"}, "case_worker"),
    ("assign", {"case_worker": "{other_worker}"}, "case_worker"),
    ("assign", {"case_worker": 2**40}, "case_worker"),
]  # fmt: skip

BAD_WRITES = {
    "assessment": ("/api/clients/{client}/service-needs-assessments/", ServiceNeedsAssessment),
    "plan": ("/api/clients/{client}/plans/", Plan),
    "decision": ("/api/clients/{client}/service-decisions/", ServiceDecision),
    "offer": ("/api/clients/{client}/job-offers/", JobOffer),
    "answer": ("/api/job-offers/{offer}/answer/", JobOffer),
    "assign": ("/api/clients/{client}/case-worker/", Client),
}


@pytest.mark.parametrize(("write", "body", "field"), BAD)
def test_bad_input_is_400_on_the_field_and_saves_nothing(
    as_user, manager, other_worker, own, open_offer, quotas, write, body, field
):
    client, _ = own
    path, model = BAD_WRITES[write]
    url = path.format(client=client.pk, offer=open_offer.pk)
    values = {"{today}": today().isoformat(), "{other_worker}": other_worker.pk}
    body = {k: values.get(v, v) if isinstance(v, str) else v for k, v in body.items()}
    api = as_user(manager)
    before = counts(model), JobOffer.objects.get(pk=open_offer.pk).outcome, client.case_worker_id
    response = api.post(url, body, content_type=JSON)
    assert response.status_code == 400, response.json()
    assert field in response.json(), response.json()
    assert all(isinstance(m, str) and m for m in response.json()[field] if not isinstance(m, dict))
    client.refresh_from_db()
    after = counts(model), JobOffer.objects.get(pk=open_offer.pk).outcome, client.case_worker_id
    assert after == before


def test_an_error_message_says_what_is_wrong_in_words(as_user, worker, own):
    client, _ = own
    response = as_user(worker).post(
        f"/api/clients/{client.pk}/service-decisions/",
        {**WAGE_SUBSIDY, "subsidy_kind": "standard"},
        content_type=JSON,
    )
    assert response.json() == {
        "subsidy_kind": [
            "This kind of wage subsidy is not granted on 10.6.2022. In force then: lack of "
            "vocational skills (30 %), unemployed 12 of the last 14 months (40 %), unemployed "
            "24 of the last 28 months (50 %), association or foundation employer (100 %)."
        ]
    }


# -- the quota ----------------------------------------------------------------------------------

COACHING = {
    "kind": "coaching",
    "decided_on": "2022-06-10",
    "starts_on": "2022-06-13",
    "ends_on": "2022-07-12",
    "cost_eur": "1500.00",
}


def test_a_decision_the_quota_cannot_cover_is_409_with_what_is_left_and_saves_nothing(
    as_user, worker, own, quotas
):
    client, _ = own
    Quota.objects.filter(pk=quotas["training"].pk).update(used_euros=Decimal("9000.00"))
    api = as_user(worker)
    before = counts(ServiceDecision)
    response = api.post(f"/api/clients/{client.pk}/service-decisions/", COACHING, content_type=JSON)
    assert response.status_code == 409
    assert response.json() == {
        "detail": "The training quota of Helsinki for 1.1.2022–31.12.2022 has 1\xa0000,00\xa0€ "
        "left; 1\xa0500,00\xa0€ was asked for.",
        "code": "quota",
        "remaining_euros": "1000.00",
        "remaining_places": None,
    }
    assert counts(ServiceDecision) == before


def test_a_decision_with_no_quota_for_the_day_is_409_and_saves_nothing(as_user, worker, own):
    client, _ = own
    api = as_user(worker)
    before = counts(ServiceDecision)
    response = api.post(f"/api/clients/{client.pk}/service-decisions/", COACHING, content_type=JSON)
    assert response.status_code == 409
    body = response.json()
    assert body["detail"] == "Helsinki has no training quota for 10.6.2022."
    assert (body["remaining_euros"], body["remaining_places"]) == (None, None)
    assert counts(ServiceDecision) == before


# -- outside the scope ----------------------------------------------------------------------------


def every_write(own, offer) -> list[str]:
    client, rows = own
    return [
        w.url.format(client=client.pk, plan=rows["plan"].pk, offer=offer.pk) for w in WRITES
    ] + [f"/api/te-reports/{rows['report'].pk}/status/"]


def good_body(url: str, own, offer, worker) -> dict:
    for write in WRITES:
        if filled(write, own, offer, worker)[0] == url:
            return filled(write, own, offer, worker)[1]
    return {"status": "received", "on": "2022-06-06"}


@pytest.mark.parametrize("persona", ["other_worker", "analyst", "dpo"])
def test_writes_outside_the_scope_are_404_and_save_nothing(
    request, as_user, own, open_offer, worker, quotas, persona
):
    api = as_user(request.getfixturevalue(persona))
    models = (Interview, ServiceNeedsAssessment, Plan, PlanVersion, ServiceDecision, JobOffer)
    before = [m.objects.count() for m in models], counts(Client)
    for url in every_write(own, open_offer):
        response = api.post(url, good_body(url, own, open_offer, worker), content_type=JSON)
        assert response.status_code == 404, url
    assert ([m.objects.count() for m in models], counts(Client)) == before


def test_a_te_officer_may_only_move_reports_on(as_user, te_officer, own, open_offer, worker):
    api = as_user(te_officer)
    before = counts(Client)
    for url in every_write(own, open_offer)[:-1]:
        response = api.post(url, good_body(url, own, open_offer, worker), content_type=JSON)
        assert response.status_code == 404, url
    assert counts(Client) == before


def test_anonymous_writes_are_refused(as_user, own, open_offer, worker):
    api = as_user(None)
    before = counts(Client)
    for url in every_write(own, open_offer):
        response = api.post(url, good_body(url, own, open_offer, worker), content_type=JSON)
        assert response.status_code in (401, 403), url
    assert counts(Client) == before


def test_a_bad_body_outside_the_scope_is_still_404(as_user, other_worker, own, open_offer):
    """The scope is checked before the body, so a bad body tells nothing about the client."""
    api = as_user(other_worker)
    for url in every_write(own, open_offer):
        assert api.post(url, {"x": 1}, content_type=JSON).status_code == 404, url
