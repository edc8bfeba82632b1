"""Every endpoint × persona: the own area's case worker sees, everyone else gets 404 (or an
empty list), the anonymous 401/403; a TE officer sees only the reports of the ELY area."""

from __future__ import annotations

import datetime as dt

import pytest

from kuntakokeilu.audit.models import AuditEntry
from kuntakokeilu.casework import actions as casework
from kuntakokeilu.clients.models import TeOfficeException


def client_urls(client, rows) -> list[str]:
    """Every GET URL that shows one client's data."""
    return [
        f"/api/clients/{client.pk}/",
        f"/api/clients/{client.pk}/referral-events/",
        f"/api/clients/{client.pk}/events/",
        f"/api/clients/{client.pk}/interviews/",
        f"/api/clients/{client.pk}/service-needs-assessments/",
        f"/api/clients/{client.pk}/plans/",
        f"/api/clients/{client.pk}/service-decisions/",
        f"/api/clients/{client.pk}/job-offers/",
        f"/api/plans/{rows['plan'].pk}/",
        f"/api/service-decisions/{rows['decision'].pk}/",
        f"/api/job-offers/{rows['job_offer'].pk}/",
        f"/api/te-reports/{rows['report'].pk}/",
    ]


def ids(response) -> list[int]:
    return [row["id"] for row in body_of(response)["results"]]


def body_of(response) -> dict:
    return response if isinstance(response, dict) else response.json()


def test_own_area_case_worker_sees_everything_of_own_client(as_user, worker, own, other):
    api = as_user(worker)
    client, rows = own
    for url in client_urls(client, rows):
        response = api.get(url)
        assert response.status_code == 200, url
        body = response.json()
        if "results" in body:
            assert body["count"] >= 1, url
            assert all(r.get("client", client.pk) == client.pk for r in body["results"]), url
    assert ids(api.get("/api/clients/")) == [client.pk]
    assert ids(api.get("/api/te-reports/")) == [rows["report"].pk]


def test_case_worker_of_another_area_gets_404(as_user, other_worker, own, other):
    api = as_user(other_worker)
    for url in client_urls(*own):
        assert api.get(url).status_code == 404, url
    assert ids(api.get("/api/clients/")) == [other[0].pk]
    assert ids(api.get("/api/te-reports/")) == [other[1]["report"].pk]


@pytest.mark.parametrize("persona", ["analyst", "dpo"])
def test_roles_that_see_no_people_get_404_and_empty_lists(request, as_user, persona, own, other):
    api = as_user(request.getfixturevalue(persona))
    for client, rows in (own, other):
        for url in client_urls(client, rows):
            assert api.get(url).status_code == 404, url
    for url in ("/api/clients/", "/api/te-reports/", "/api/te-office-exceptions/"):
        response = api.get(url)
        assert response.status_code == 200
        assert response.json()["count"] == 0


def test_te_officer_sees_only_reports_of_the_ely_area(as_user, te_officer, own, other):
    api = as_user(te_officer)
    (client, rows), (_, far_rows) = own, other
    assert ids(api.get("/api/te-reports/")) == [rows["report"].pk]
    assert api.get(f"/api/te-reports/{rows['report'].pk}/").status_code == 200
    assert api.get(f"/api/te-reports/{far_rows['report'].pk}/").status_code == 404
    for url in client_urls(client, rows):
        if "/te-reports/" not in url:
            assert api.get(url).status_code == 404, url
    assert api.get("/api/clients/").json()["count"] == 0


def test_anonymous_is_refused_everywhere_and_nothing_is_audited(as_user, own):
    api = as_user(None)
    before = AuditEntry.objects.count()
    urls = [
        *client_urls(*own),
        "/api/clients/",
        "/api/te-reports/",
        "/api/te-office-exceptions/",
        "/api/schema/",
    ]
    for url in urls:
        assert api.get(url).status_code in (401, 403), url
    client, rows = own
    posts = [
        f"/api/clients/{client.pk}/interviews/",
        f"/api/plans/{rows['plan'].pk}/versions/",
        f"/api/te-reports/{rows['report'].pk}/status/",
    ]
    for url in posts:
        assert api.post(url, {}, content_type="application/json").status_code in (401, 403)
    assert AuditEntry.objects.count() == before


def test_deactivated_user_is_refused(as_user, worker, own):
    api = as_user(worker)
    worker.is_active = False
    worker.save()
    assert api.get(f"/api/clients/{own[0].pk}/").status_code in (401, 403)


def test_unknown_and_malformed_ids_are_404(as_user, worker, own):
    api = as_user(worker)
    for url in ("/api/clients/999999/", "/api/clients/abc/", "/api/plans/0/", "/api/clients/1x/"):
        assert api.get(url).status_code == 404, url
    assert api.get(f"/api/clients/{2**70}/").status_code == 404


# -- the client's referral history and assessments ------------------------------------------------


def test_the_referral_history_is_the_clients_own(as_user, worker, own, other):
    client, _ = own
    body = as_user(worker).get(f"/api/clients/{client.pk}/referral-events/").json()
    assert [(r["client"], r["kind"], r["on"], r["to_area"]) for r in body["results"]] == [
        (client.pk, "newly_referred", "2022-05-03", "helsinki")
    ]


def test_the_assessments_are_the_clients_own_newest_first(as_user, worker, own, other):
    client, _ = own
    casework.assess_service_needs(
        client,
        date=dt.date(2022, 6, 1),
        needs=casework.ServiceNeeds(segment="supported_employment", work_ability=4),
        by=worker,
    )
    body = as_user(worker).get(f"/api/clients/{client.pk}/service-needs-assessments/").json()
    assert [(r["date"], r["segment"], r["work_ability"]) for r in body["results"]] == [
        ("2022-06-01", "supported_employment", 4),
        ("2022-05-05", "job_placement", None),
    ]
    assert {r["client"] for r in body["results"]} == {client.pk}


# -- the TE office's referral exceptions ----------------------------------------------------------


@pytest.fixture
def not_a_client(reference):
    """An exception about someone who never became a client: no home municipality is known."""
    return TeOfficeException.objects.create(
        person_id="010190-123M",
        kind="safety",
        reason="Threatened staff",
        valid_from=dt.date(2022, 1, 1),
        recorded_by="te-officer",
    )


def test_a_te_officer_sees_the_exceptions_about_people_of_the_ely_area(
    as_user, te_officer, own, other, not_a_client
):
    client, rows = own
    body = as_user(te_officer).get("/api/te-office-exceptions/").json()
    assert ids(body) == [rows["exception"].pk]
    (shown,) = body["results"]
    assert shown["person"] == client.person_id[:7] + "****"
    assert client.person_id not in str(body)
    assert (shown["kind"], shown["valid_from"], shown["valid_to"]) == (
        "language_rights",
        "2022-06-01",
        "2022-12-31",
    )


def test_the_exceptions_list_is_audited_with_the_statement_purpose(as_user, te_officer, own):
    api = as_user(te_officer)
    api.get("/api/te-office-exceptions/")
    entry = AuditEntry.objects.order_by("-pk").first()
    assert (entry.action, entry.purpose, entry.object_kind) == (
        "search",
        "te_office_statement",
        "te_office_exception",
    )
    assert "1 found" in entry.detail


def test_an_administrator_sees_every_exception(as_user, administrator, own, other, not_a_client):
    body = as_user(administrator).get("/api/te-office-exceptions/").json()
    expected = {own[1]["exception"].pk, other[1]["exception"].pk, not_a_client.pk}
    assert set(ids(body)) == expected


@pytest.mark.parametrize("persona", ["worker", "manager", "analyst", "dpo"])
def test_other_roles_see_no_exceptions(request, as_user, persona, own, other, not_a_client):
    body = as_user(request.getfixturevalue(persona)).get("/api/te-office-exceptions/").json()
    assert body["count"] == 0


@pytest.mark.parametrize(
    ("day", "expected"),
    [("2022-05-31", []), ("2022-06-01", ["own"]), ("2022-12-31", ["own"]), ("2023-01-01", [])],
)
def test_the_exceptions_in_force_on_a_day(as_user, te_officer, own, day, expected):
    body = as_user(te_officer).get(f"/api/te-office-exceptions/?in_force_on={day}").json()
    assert ids(body) == [own[1]["exception"].pk for _ in expected]


def test_a_bad_day_for_the_exceptions_is_400(as_user, te_officer, own):
    response = as_user(te_officer).get("/api/te-office-exceptions/?in_force_on=31.12.2022")
    assert response.status_code == 400
    assert "in_force_on" in response.json()
