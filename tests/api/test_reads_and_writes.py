"""Audit rows for reads, pagination, writes through the actions, and bad input."""

from __future__ import annotations

import datetime as dt

import pytest

from kuntakokeilu.audit.models import AuditEntry
from kuntakokeilu.casework.models import DomainEvent, Interview, PlanVersion
from kuntakokeilu.services.models import TeReport
from tests.casework import factories

JSON = "application/json"


def newest_audit() -> AuditEntry:
    return AuditEntry.objects.order_by("-pk").first()


# -- audit --------------------------------------------------------------------------------------


def test_reading_a_client_writes_a_read_row(as_user, worker, own):
    client, _ = own
    as_user(worker).get(f"/api/clients/{client.pk}/")
    entry = newest_audit()
    assert (entry.action, entry.purpose, entry.object_kind) == ("read", "case_work", "client")
    assert (entry.client_id, entry.actor_id) == (client.pk, worker.pk)


def test_listing_clients_writes_a_search_row(as_user, worker, own):
    as_user(worker).get("/api/clients/?last_name=Vir")
    entry = newest_audit()
    assert (entry.action, entry.object_kind, entry.client_id) == ("search", "client", None)
    assert "1 found" in entry.detail


@pytest.mark.parametrize(
    ("part", "kind"),
    [
        ("referral-events", "referral_event"),
        ("events", "domain_event"),
        ("interviews", "interview"),
        ("service-needs-assessments", "service_needs_assessment"),
        ("plans", "plan"),
        ("service-decisions", "service_decision"),
        ("job-offers", "job_offer"),
    ],
)
def test_every_client_part_read_is_audited(as_user, worker, own, part, kind):
    client, _ = own
    api = as_user(worker)  # signing in is audited too
    reads = AuditEntry.objects.filter(action="read")
    before = reads.count()
    assert api.get(f"/api/clients/{client.pk}/{part}/").status_code == 200
    assert reads.count() == before + 1
    entry = reads.order_by("-pk").first()
    assert (entry.object_kind, entry.client_id, entry.actor_id) == (kind, client.pk, worker.pk)


def test_reading_job_offers_closes_those_past_their_deadline_as_the_client_page_does(
    as_user, worker, own
):
    client, _ = own  # the offer's deadline was 8.6.2022
    body = as_user(worker).get(f"/api/clients/{client.pk}/job-offers/").json()
    assert [(r["outcome"], r["answered_on"]) for r in body["results"]] == [
        ("no_answer", "2022-06-09")
    ]
    assert DomainEvent.objects.filter(client=client, kind="job_offer_answered").count() == 1
    closed = AuditEntry.objects.get(object_kind="job_offer", action="update")
    assert closed.detail == "no answer by the deadline"


def test_te_officer_reads_with_the_statement_purpose(as_user, te_officer, own):
    _, rows = own
    as_user(te_officer).get(f"/api/te-reports/{rows['report'].pk}/")
    entry = newest_audit()
    assert (entry.purpose, entry.object_kind) == ("te_office_statement", "te_report")


def test_a_refused_read_writes_no_read_row(as_user, other_worker, own):
    api = as_user(other_worker)
    before = AuditEntry.objects.count()
    api.get(f"/api/clients/{own[0].pk}/")
    assert AuditEntry.objects.count() == before


# -- pagination ----------------------------------------------------------------------------------


@pytest.fixture
def many_clients(worker):
    helsinki = factories.area("helsinki")
    return [
        factories.referred_client(helsinki, last_name=f"Asiakas{i:03d}", with_state=False)
        for i in range(120)
    ]


def test_lists_come_in_pages_of_50_at_most_200(as_user, worker, many_clients):
    api = as_user(worker)
    first = api.get("/api/clients/").json()
    assert (first["count"], len(first["results"])) == (120, 50)
    assert first["next"]
    assert first["previous"] is None
    third = api.get("/api/clients/?page=3").json()
    assert len(third["results"]) == 20
    assert len(api.get("/api/clients/?page_size=500").json()["results"]) == 120
    assert len(api.get("/api/clients/?page_size=10").json()["results"]) == 10
    seen = {
        r["id"] for p in (1, 2, 3) for r in api.get(f"/api/clients/?page={p}").json()["results"]
    }
    assert seen == {c.pk for c in many_clients}


@pytest.mark.parametrize("query", ["page=4", "page=0", "page=-1", "page=abc", "page=1e9"])
def test_a_page_that_does_not_exist_is_404(as_user, worker, many_clients, query):
    assert as_user(worker).get(f"/api/clients/?{query}").status_code == 404


def test_a_bad_filter_is_400(as_user, worker, own):
    response = as_user(worker).get("/api/clients/?last_name=" + "x" * 101)
    assert response.status_code == 400
    assert "last_name" in response.json()


def test_bad_page_size_falls_back_to_the_default(as_user, worker, many_clients):
    for size in ("abc", "-3", "0"):
        assert len(as_user(worker).get(f"/api/clients/?page_size={size}").json()["results"]) == 50


# -- writes ------------------------------------------------------------------------------------


def test_recording_an_interview_goes_through_the_action(as_user, worker, own):
    client, _ = own
    response = as_user(worker).post(
        f"/api/clients/{client.pk}/interviews/",
        {"date": "2022-06-10", "kind": "job_search_discussion", "channel": "phone"},
        content_type=JSON,
    )
    assert response.status_code == 201, response.json()
    interview = Interview.objects.get(pk=response.json()["id"])
    assert (interview.by, interview.kind) == (worker, "job_search_discussion")
    assert DomainEvent.objects.filter(client=client, kind="interview_held").count() == 2
    entry = newest_audit()
    assert (entry.action, entry.object_kind, entry.client_id) == ("create", "interview", client.pk)


def test_a_new_plan_version_goes_through_the_action(as_user, worker, own):
    client, rows = own
    plan = rows["plan"]
    response = as_user(worker).post(
        f"/api/plans/{plan.pk}/versions/",
        {
            "made_on": "2022-06-15",
            "changes": "Coaching added",
            "job_search_obligation": 3,
            "tasks": [{"task": "Go to coaching", "due_on": "2022-07-01"}],
        },
        content_type=JSON,
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert (body["number"], body["job_search_obligation"]) == (2, 3)
    assert [t["task"] for t in body["tasks"]] == ["Go to coaching"]
    entry = newest_audit()
    assert (entry.action, entry.object_kind, entry.client_id) == ("update", "plan", client.pk)
    assert as_user(worker).get(f"/api/plans/{plan.pk}/").json()["current_version"]["number"] == 2


def test_te_officer_moves_a_report_on(as_user, te_officer, own):
    _, rows = own
    report = rows["report"]
    response = as_user(te_officer).post(
        f"/api/te-reports/{report.pk}/status/",
        {"status": "received", "on": "2022-06-06", "note": "Received"},
        content_type=JSON,
    )
    assert response.status_code == 200, response.json()
    assert response.json()["status"] == "received"
    assert [h["status"] for h in response.json()["history"]] == ["sent", "received"]


def test_a_case_worker_may_not_move_a_report_on(as_user, worker, own):
    report = own[1]["report"]
    response = as_user(worker).post(
        f"/api/te-reports/{report.pk}/status/",
        {"status": "received", "on": "2022-06-06"},
        content_type=JSON,
    )
    assert response.status_code == 403
    assert TeReport.objects.get(pk=report.pk).status == "sent"


FUTURE = (dt.date.today() + dt.timedelta(days=30)).isoformat()


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"kind": "other", "channel": "phone"}, "date"),
        ({"date": "2022-13-01", "kind": "other", "channel": "phone"}, "date"),
        ({"date": "2022-06-10", "kind": "chat", "channel": "phone"}, "kind"),
        ({"date": "2022-06-10", "kind": "other", "channel": "pigeon"}, "channel"),
        ({"date": FUTURE, "kind": "other", "channel": "phone"}, "date"),  # the action says no
        ({"date": "2022-06-10", "kind": "initial_interview", "channel": "phone"}, "kind"),
        ({"date": "2022-06-10", "kind": "other", "channel": "phone", "notes": "a\x00b"}, "notes"),
    ],
)
def test_bad_interview_is_400_with_field_errors_and_saves_nothing(
    as_user, worker, own, body, field
):
    client, _ = own
    api = as_user(worker)
    before = (Interview.objects.count(), DomainEvent.objects.count(), AuditEntry.objects.count())
    response = api.post(f"/api/clients/{client.pk}/interviews/", body, content_type=JSON)
    assert response.status_code == 400
    assert field in response.json()
    after = (Interview.objects.count(), DomainEvent.objects.count(), AuditEntry.objects.count())
    assert after == before


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"changes": "x"}, "made_on"),
        ({"made_on": "2022-06-15", "changes": ""}, "changes"),
        (
            {"made_on": "2022-06-15", "changes": "x", "job_search_obligation": 9},
            "job_search_obligation",
        ),
        ({"made_on": "2022-06-15", "changes": "x", "tasks": [{"task": ""}]}, "tasks"),
        ({"made_on": "2022-06-15", "changes": "x", "tasks": "nope"}, "tasks"),
        ({"made_on": "2022-05-01", "changes": "earlier than version 1"}, "made_on"),
    ],
)
def test_bad_plan_version_is_400_and_saves_nothing(as_user, worker, own, body, field):
    plan = own[1]["plan"]
    api = as_user(worker)
    before = (PlanVersion.objects.count(), AuditEntry.objects.count())
    response = api.post(f"/api/plans/{plan.pk}/versions/", body, content_type=JSON)
    assert response.status_code == 400
    assert field in response.json()
    assert (PlanVersion.objects.count(), AuditEntry.objects.count()) == before


def test_report_cannot_go_back(as_user, te_officer, own):
    report = own[1]["report"]
    response = as_user(te_officer).post(
        f"/api/te-reports/{report.pk}/status/",
        {"status": "sent", "on": "2022-06-06"},
        content_type=JSON,
    )
    assert response.status_code == 400
    assert "status" in response.json()


def test_malformed_json_is_400(as_user, worker, own):
    response = as_user(worker).post(
        f"/api/clients/{own[0].pk}/interviews/", "{not json", content_type=JSON
    )
    assert response.status_code == 400


def test_writes_need_the_csrf_token(worker, own):
    from django.test import Client as Browser

    browser = Browser(enforce_csrf_checks=True)
    browser.force_login(worker)
    response = browser.post(
        f"/api/clients/{own[0].pk}/interviews/",
        {"date": "2022-06-10", "kind": "other", "channel": "phone"},
        content_type=JSON,
    )
    assert response.status_code == 403
    assert "CSRF" in response.json()["detail"]
