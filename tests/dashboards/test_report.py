"""The monthly report of an area: one printable A4 document with the charts, the month's figures,
the quality notes and the definitions, in Finnish, Swedish or English."""

from __future__ import annotations

import pytest
from django.urls import reverse

from kuntakokeilu.audit.models import AuditEntry
from kuntakokeilu.dashboards.loading import load_results
from kuntakokeilu.quotas.models import Quota
from tests.dashboards.monitor_output import MONTHS, finding, quality, write_output

pytestmark = pytest.mark.django_db

JUNE = MONTHS[-1]
#: Words the report must carry in each language: the month by name, and the quota table's
#: headings (catalogued already by the quotas app).
IN_LANGUAGE = {
    "fi": ("kesäkuu 2021", "Palvelu", "Käyttöaste"),
    "sv": ("juni 2021", "Tjänst", "Andel använd"),
    "en": ("June 2021", "Service", "Share used"),
}


@pytest.fixture
def loaded(tmp_path, people):
    found = quality(
        [
            finding("outlier", "warning", "Helsinki doubled in May", month=MONTHS[1],
                    indicator="04", grouping="area", group="helsinki"),
            finding("late_events", "warning", "The events of June came late", month=JUNE),
        ]
    )  # fmt: skip
    load_results(write_output(tmp_path / "out", findings=found))
    Quota.objects.create(
        area=people["worker"].profile.area, service="wage_subsidy", period_start=MONTHS[0],
        period_end=JUNE.replace(day=30), cap_euros="100000.00", cap_places=10,
    )  # fmt: skip


def report(client, user, **query):
    client.force_login(user)
    response = client.get(reverse("dashboards:report", args=["helsinki"]), query)
    assert response.status_code == 200, response.status_code
    return response.content.decode()


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_the_report_renders_in_each_language(client, people, loaded, language):
    html = report(client, people["manager"], month="2021-06", language=language)
    assert f'<html lang="{language}">' in html
    for words in IN_LANGUAGE[language]:
        assert words in html
    assert "@page { size: A4" in html


def test_the_report_holds_the_charts_figures_quality_notes_and_definitions(client, people, loaded):
    html = report(client, people["worker"], month="2021-06", language="en")
    assert html.count('<svg class="chart" role="img"') == 3  # the three measures of 04 and 07
    assert "<strong>11,0\xa0%</strong>" in html  # Helsinki's June transitions rate, 22 / 200
    assert "rank 3 of 3 areas, highest first" in html
    assert "Helsinki doubled in May" in html
    assert "The events of June came late" in html
    assert "unemployed clients at the start of the month" in html  # the definition
    assert "Quotas of Helsinki and their use" in html


def test_a_report_of_an_earlier_month_stops_at_that_month(client, people, loaded):
    html = report(client, people["worker"], month="2021-05", language="en")
    assert "The figures of May 2021" in html
    assert "6/2021" not in html
    assert "The events of June came late" not in html


def test_the_report_is_audited_as_an_export(client, people, loaded):
    report(client, people["worker"], month="2021-06", language="sv")
    entry = AuditEntry.objects.get(object_kind="indicator_report")
    assert (entry.action, entry.object_id, entry.detail) == ("export", "helsinki", "2021-06-01 sv")


def test_a_month_without_figures_is_refused_with_the_form(client, people, loaded):
    client.force_login(people["worker"])
    url = reverse("dashboards:report", args=["helsinki"])
    response = client.get(url, {"month": "2019-01", "language": "fi"})
    assert response.status_code == 400
    assert "Select a valid choice" in response.content.decode()
