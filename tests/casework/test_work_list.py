"""The work list: what is due and overdue, filters and their counts, paging and search."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kuntakokeilu.audit.models import AuditEntry
from kuntakokeilu.casework import actions
from kuntakokeilu.casework.worklist import DUE_SOURCES, DueSource
from tests.casework.factories import (
    D,
    case_worker,
    referred_client,
    with_initial_interview,
    with_overdue_interview,
    with_plan,
)

pytestmark = pytest.mark.django_db

URL = reverse("casework:work-list")


@pytest.fixture
def on(monkeypatch):
    """Freeze the work list's today."""

    def freeze(day):
        monkeypatch.setattr("kuntakokeilu.casework.views.today", lambda: day)
        return day

    return freeze


def shown(page) -> list[tuple[str, str]]:
    """(client's last name, kind) of each row, in order."""
    return [(item.client.last_name, item.kind) for item in page.context["items"]]


def test_overdue_initial_interviews_under_both_regimes(signed_in, helsinki, on):
    referred_client(helsinki, registered_on=D(2022, 4, 28), last_name="Vanha")  # due 12.5.
    referred_client(helsinki, registered_on=D(2022, 5, 3), last_name="Uusi")  # due 10.5.
    on(D(2022, 5, 11))
    page = signed_in.get(URL, {"overdue": "on"}, HTTP_ACCEPT_LANGUAGE="en")
    assert shown(page) == [("Uusi", "initial_interview")]
    assert "overdue by 1 day" in page.content.decode()
    on(D(2022, 5, 13))
    page = signed_in.get(URL, {"overdue": "on"})
    assert shown(page) == [("Uusi", "initial_interview"), ("Vanha", "initial_interview")]


def test_the_list_is_sorted_by_due_date_and_can_be_reversed(signed_in, helsinki, worker, on):
    first = referred_client(helsinki, registered_on=D(2022, 5, 3), last_name="Eka")
    with_initial_interview(first, D(2022, 5, 5), worker)  # next due 19.5.
    referred_client(helsinki, registered_on=D(2022, 5, 9), last_name="Toka")  # due 16.5.
    on(D(2022, 5, 10))
    assert shown(signed_in.get(URL)) == [
        ("Toka", "initial_interview"),
        ("Eka", "supplementary_discussion"),
    ]
    assert shown(signed_in.get(URL, {"sort": "-due"}))[0] == ("Eka", "supplementary_discussion")


def test_plan_tasks_of_the_current_version_are_on_the_list(signed_in, helsinki, worker, on):
    client = referred_client(helsinki, last_name="Tehtävä")
    plan = with_plan(client, worker, tasks=[("Apply for 4 jobs", D(2022, 5, 20))])
    actions.update_plan(
        plan,
        made_on=D(2022, 5, 10),
        changes="New task",
        job_search_obligation=4,
        tasks=[actions.TaskInput("Visit the job fair", D(2022, 5, 25))],
        by=worker,
    )
    on(D(2022, 5, 11))
    page = signed_in.get(URL, {"kind": "plan_task"})
    assert [(i.kind, i.detail, i.due_on) for i in page.context["items"]] == [
        ("plan_task", "Visit the job fair", D(2022, 5, 25))
    ]


def test_the_counts_per_kind_follow_the_client_filters(signed_in, helsinki, worker, on):
    with_overdue_interview(helsinki, immigrant=True)
    with_overdue_interview(helsinki)
    later = referred_client(helsinki, registered_on=D(2022, 5, 3))
    with_initial_interview(later, D(2022, 5, 6), worker)
    on(D(2022, 5, 11))
    page = signed_in.get(URL, HTTP_ACCEPT_LANGUAGE="en")
    counts = {r["label"]: (r["all"], r["overdue"]) for r in page.context["counts"]}
    assert counts["initial interview"] == (2, 2)
    assert counts["supplementary job-search discussion"] == (1, 0)
    immigrants = signed_in.get(URL, {"immigrant": "yes"}, HTTP_ACCEPT_LANGUAGE="en").context[
        "counts"
    ]
    assert {r["label"]: r["all"] for r in immigrants}["initial interview"] == 1


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({"language": "sv"}, ["Svensson"]),
        ({"language": "other"}, ["Ivanova"]),
        ({"under_30": "yes"}, ["Nuori"]),
        ({"under_30": "no"}, ["Ivanova", "Svensson", "Virtanen"]),
        ({"immigrant": "yes"}, ["Ivanova"]),
        ({"unemployed": "24_or_more"}, ["Virtanen"]),
        ({"unemployed": "under_3"}, ["Ivanova", "Nuori", "Svensson"]),
        ({"status": "laid_off"}, ["Svensson"]),
        ({"worker": "mine"}, ["Nuori"]),
        ({"worker": "unassigned"}, ["Ivanova", "Svensson", "Virtanen"]),
    ],
)
def test_each_filter_narrows_the_list(signed_in, helsinki, worker, on, filters, expected):
    referred_client(helsinki, last_name="Svensson", language="sv", status="laid_off")
    referred_client(helsinki, last_name="Ivanova", language="ru", immigrant=True)
    referred_client(helsinki, last_name="Nuori", born=D(1993, 5, 12), case_worker=worker)
    referred_client(helsinki, last_name="Virtanen", unemployed_since=D(2019, 1, 1))
    on(D(2022, 5, 11))  # Nuori turns 29 the day after
    names = sorted(name for name, _ in shown(signed_in.get(URL, filters)))
    assert names == expected


def test_a_client_on_their_30th_birthday_is_no_longer_under_30(signed_in, helsinki, on):
    referred_client(helsinki, last_name="Kolmekymppinen", born=D(1992, 5, 11))
    referred_client(helsinki, last_name="Huomenna", born=D(1992, 5, 12))
    on(D(2022, 5, 11))
    assert shown(signed_in.get(URL, {"under_30": "yes"})) == [("Huomenna", "initial_interview")]


def test_a_case_worker_can_be_chosen_by_name(signed_in, helsinki, on):
    colleague = case_worker("helsinki", name="liisa")
    referred_client(helsinki, last_name="Liisan", case_worker=colleague)
    referred_client(helsinki, last_name="Muu")
    on(D(2022, 5, 11))
    assert shown(signed_in.get(URL, {"worker": str(colleague.pk)})) == [
        ("Liisan", "initial_interview")
    ]


def test_an_unknown_filter_value_is_an_error_on_its_field(signed_in, helsinki):
    page = signed_in.get(URL, {"unemployed": "forever"})
    assert page.status_code == 400
    html = page.content.decode()
    assert 'aria-invalid="true"' in html
    assert 'id="id_unemployed_error"' in html


def test_the_list_is_paged_50_at_a_time(signed_in, helsinki, on):
    for n in range(51):
        referred_client(helsinki, last_name=f"Asiakas{n:02d}")
    on(D(2022, 5, 11))
    first = signed_in.get(URL)
    second = signed_in.get(URL, {"page": 2})
    assert (len(first.context["items"]), len(second.context["items"])) == (50, 1)
    assert first.context["page"].paginator.count == 51


def test_other_areas_clients_are_not_on_the_list(signed_in, helsinki, espoo, on):
    referred_client(helsinki, last_name="Oma")
    referred_client(espoo, last_name="Vieras", home_municipality="049")
    on(D(2022, 5, 11))
    assert [name for name, _ in shown(signed_in.get(URL))] == ["Oma"]


def test_a_registered_source_of_another_app_adds_its_rows(signed_in, helsinki, on, monkeypatch):
    client = referred_client(helsinki, last_name="Tarjous")
    row = {"client_id": client.pk, "kind": "job_offer_answer", "due_on": D(2022, 5, 12)}
    monkeypatch.setitem(
        DUE_SOURCES,
        "test",
        DueSource("test", {"job_offer_answer": "job offer"}, lambda c, o: [row]),
    )
    on(D(2022, 5, 11))
    page = signed_in.get(URL)
    assert shown(page) == [("Tarjous", "initial_interview"), ("Tarjous", "job_offer_answer")]
    counts = {r["label"]: r["all"] for r in page.context["counts"]}
    assert counts["job offer"] == 1


# -- search ---------------------------------------------------------------------------------


def test_a_search_by_identity_code_finds_the_client_and_audits_without_the_code(
    signed_in, helsinki
):
    aino = referred_client(helsinki)
    page = signed_in.get(URL, {"q": aino.person_id.lower()})
    assert list(page.context["found"]) == [aino]
    entry = AuditEntry.objects.get(action="search")
    assert (entry.purpose, entry.object_kind) == ("search", "client")
    assert entry.detail == "search by identity code: 1 found"
    assert aino.person_id[7:] not in entry.detail


def test_a_search_by_name_matches_the_beginnings_of_names(signed_in, helsinki):
    aino = referred_client(helsinki, last_name="Virtanen", first_names="Aino Maria")
    referred_client(helsinki, last_name="Virta", first_names="Pekka")
    page = signed_in.get(URL, {"q": "virt mar"})
    assert list(page.context["found"]) == [aino]
    assert AuditEntry.objects.get(action="search").detail == "search by name: 1 found"


def test_a_search_never_finds_another_areas_client(signed_in, helsinki, espoo):
    outsider = referred_client(espoo, home_municipality="049")
    page = signed_in.get(URL, {"q": outsider.person_id})
    assert list(page.context["found"]) == []


def test_an_ordinary_view_of_the_list_is_audited_as_a_read(signed_in, helsinki):
    referred_client(helsinki)
    signed_in.get(URL)
    entry = AuditEntry.objects.get(object_kind="work_list")
    assert (entry.action, entry.purpose, entry.detail) == ("read", "case_work", "page 1: 1 items")


# -- who may see it -------------------------------------------------------------------------


def test_an_anonymous_visitor_is_sent_to_log_in(client, reference):
    page = client.get(URL)
    assert page.status_code == 302
    assert page["Location"].startswith(reverse("accounts:login"))


@pytest.mark.parametrize("role", ["analyst", "te_officer", "dpo"])
def test_roles_that_do_not_see_people_get_no_work_list(client, reference, role):
    from tests.casework import factories

    client.force_login(getattr(factories, role)())
    assert client.get(URL).status_code == 403


def queries_for_the_list(browser, filters) -> int:
    with CaptureQueriesContext(connection) as done:
        page = browser.get(URL, filters)
    assert page.status_code == 200
    return len(done.captured_queries)


def test_the_work_list_takes_as_many_queries_for_60_clients_as_for_5(
    signed_in, helsinki, worker, on
):
    def add_clients(n):
        for _ in range(n):
            client = referred_client(helsinki, case_worker=worker)
            with_plan(client, worker, tasks=[("Apply for jobs", D(2022, 5, 20))])

    on(D(2022, 5, 11))
    add_clients(5)
    few = queries_for_the_list(signed_in, {"worker": "mine"})
    add_clients(55)
    assert queries_for_the_list(signed_in, {"worker": "mine"}) == few <= 20
