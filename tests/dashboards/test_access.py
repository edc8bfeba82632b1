"""Who sees what: aggregates only; the ministry analyst and administrators every area, case
workers and area managers their own, a TE officer the areas of the TE office's ELY area, nobody
else any; anonymous users go to the login page. Outside the scope an area answers 404."""

from __future__ import annotations

import pytest
from django.urls import reverse

from kuntakokeilu import access
from kuntakokeilu.dashboards.loading import load_results

pytestmark = pytest.mark.django_db

AREA_URLS = ("dashboards:area", "dashboards:report")
LIST_URLS = ("dashboards:overview", "dashboards:definitions", "dashboards:months")


def get(client, user, url):
    client.force_login(user)
    return client.get(url)


def area_ids(user) -> set[str]:
    return set(access.visible_indicator_areas(user).values_list("area_id", flat=True))


def test_the_ministry_analyst_and_administrators_see_every_area(people):
    assert len(area_ids(people["analyst"])) == 25
    assert len(area_ids(people["admin"])) == 25


def test_case_workers_and_area_managers_see_their_own_area_only(people):
    assert area_ids(people["worker"]) == {"helsinki"}
    assert area_ids(people["manager"]) == {"helsinki"}
    assert area_ids(people["espoo"]) == {"espoo"}


def test_a_te_officer_sees_the_areas_of_the_te_offices_ely_area(people):
    uusimaa = area_ids(people["te"])
    assert {"helsinki", "espoo", "vantaa-kerava", "porvoo", "raasepori-hanko"} <= uusimaa
    assert "pirkanmaa" not in uusimaa


def test_the_data_protection_officer_sees_no_figures(people):
    assert area_ids(people["dpo"]) == set()


@pytest.mark.parametrize("name", AREA_URLS)
@pytest.mark.parametrize(
    ("persona", "area_id", "status"),
    [
        ("worker", "helsinki", 200),
        ("worker", "espoo", 404),
        ("manager", "pirkanmaa", 404),
        ("espoo", "espoo", 200),
        ("analyst", "pirkanmaa", 200),
        ("admin", "espoo", 200),
        ("te", "espoo", 200),
        ("te", "pirkanmaa", 404),
        ("dpo", "helsinki", 404),
        ("analyst", "no-such-area", 404),
    ],
)
def test_an_area_page_answers_by_persona(client, people, output, name, persona, area_id, status):
    load_results(output)
    response = get(client, people[persona], reverse(name, args=[area_id]))
    assert response.status_code == status


@pytest.mark.parametrize("name", ["area-csv", "area-xlsx"])
def test_exports_of_another_area_answer_404(client, people, output, name):
    load_results(output)
    url = reverse(f"dashboards:{name}", args=["espoo", "figures"])
    assert get(client, people["worker"], url).status_code == 404
    assert get(client, people["espoo"], url).status_code == 200


def test_an_unknown_table_answers_404(client, people):
    url = reverse("dashboards:area-csv", args=["helsinki", "people"])
    assert get(client, people["worker"], url).status_code == 404


@pytest.mark.parametrize("name", [*LIST_URLS, "dashboards:overview-csv"])
def test_the_data_protection_officer_has_no_monitoring_pages(client, people, name):
    assert get(client, people["dpo"], reverse(name)).status_code == 404


@pytest.mark.parametrize("name", [*LIST_URLS, "dashboards:definitions-xlsx"])
def test_anonymous_users_are_sent_to_the_login_page(client, reference, name):
    response = client.get(reverse(name))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_an_anonymous_user_cannot_open_an_area(client, reference):
    response = client.get(reverse("dashboards:area", args=["helsinki"]))
    assert response.status_code == 302


def test_the_overview_lists_only_the_areas_a_case_worker_may_see(client, people, output):
    load_results(output)
    html = get(client, people["worker"], reverse("dashboards:overview")).content.decode()
    assert reverse("dashboards:area", args=["helsinki"]) in html
    assert reverse("dashboards:area", args=["espoo"]) not in html
    assert "Comparison group (rest of Finland)" in html


def test_the_overview_lists_every_area_for_the_analyst(client, people, output):
    load_results(output)
    html = get(client, people["analyst"], reverse("dashboards:overview")).content.decode()
    for area_id in ("helsinki", "espoo", "pirkanmaa", "kainuu"):
        assert reverse("dashboards:area", args=[area_id]) in html


def test_the_overview_export_holds_only_the_visible_areas(client, people, output):
    load_results(output)
    text = get(client, people["espoo"], reverse("dashboards:overview-csv")).content.decode()
    assert "espoo" in text
    assert "helsinki" not in text
    assert "pirkanmaa" not in text


def test_the_navigation_links_to_monitoring_for_those_who_see_it(client, people):
    monitoring = f'href="{reverse("dashboards:overview")}"'
    html = get(client, people["analyst"], reverse("area-list")).content.decode()
    assert monitoring in html
    html = get(client, people["dpo"], reverse("area-list")).content.decode()
    assert monitoring not in html
