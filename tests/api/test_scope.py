"""Every endpoint × persona: the own area's case worker sees, everyone else gets 404 (or an
empty list), the anonymous 401/403; a TE officer sees only the reports of the ELY area."""

from __future__ import annotations

import pytest

from kuntakokeilu.audit.models import AuditEntry


def client_urls(client, rows) -> list[str]:
    """Every GET URL that shows one client's data."""
    return [
        f"/api/clients/{client.pk}/",
        f"/api/clients/{client.pk}/events/",
        f"/api/clients/{client.pk}/interviews/",
        f"/api/clients/{client.pk}/plans/",
        f"/api/clients/{client.pk}/service-decisions/",
        f"/api/clients/{client.pk}/job-offers/",
        f"/api/plans/{rows['plan'].pk}/",
        f"/api/service-decisions/{rows['decision'].pk}/",
        f"/api/job-offers/{rows['job_offer'].pk}/",
        f"/api/te-reports/{rows['report'].pk}/",
    ]


def ids(response) -> list[int]:
    return [row["id"] for row in response.json()["results"]]


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
    for url in ("/api/clients/", "/api/te-reports/"):
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
    urls = [*client_urls(*own), "/api/clients/", "/api/te-reports/", "/api/schema/"]
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
