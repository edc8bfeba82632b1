"""Small cells and exports: a figure of 1 to SMALL_CELL_LIMIT persons is shown as ".." and left
out of every export; every table the pages show downloads as CSV and Excel with the same
content; every download is audited."""

from __future__ import annotations

import io

import polars as pl
import pytest
from django.test import override_settings
from django.urls import reverse

from kuntakokeilu.audit.models import AuditEntry
from kuntakokeilu.dashboards.dashboard import ranks
from kuntakokeilu.dashboards.loading import load_results
from kuntakokeilu.dashboards.suppression import suppress
from kuntakokeilu.quotas.actions import consume
from kuntakokeilu.quotas.models import Quota
from tests.dashboards.monitor_output import MONTHS, finding, quality, results, write_output
from tests.dashboards.xlsx import read_table

pytestmark = pytest.mark.django_db

JUNE = MONTHS[-1]
#: Pirkanmaa's figures stand on 4 persons each; Espoo's job offers on 6.
SMALL = pl.col("group") == "pirkanmaa"


def small_results() -> pl.DataFrame:
    figures = results()
    espoo_offers = (pl.col("group") == "espoo") & (pl.col("measure") == "job_offers")
    return figures.with_columns(
        persons=pl.when(SMALL).then(4).when(espoo_offers).then(6).otherwise(pl.col("persons"))
    )


@pytest.fixture
def loaded(tmp_path, reference):
    found = quality(
        [finding("outlier", "warning", "Helsinki is high", month=JUNE, indicator="04",
                 grouping="area", group="helsinki")]
    )  # fmt: skip
    load_results(write_output(tmp_path / "out", small_results(), found))


def download(client, user, name, *args):
    client.force_login(user)
    response = client.get(reverse(f"dashboards:{name}", args=args))
    assert response.status_code == 200, response.status_code
    return response


def csv_of(response) -> pl.DataFrame:
    return pl.read_csv(
        io.BytesIO(response.content),
        try_parse_dates=True,
        schema_overrides={"indicator": pl.String, "group": pl.String},
    )


# -- the rule -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("persons", "shown"), [(None, True), (0, True), (1, False), (5, False), (6, True)]
)
def test_a_figure_of_one_to_five_persons_is_suppressed(persons, shown):
    frame = pl.DataFrame(
        {"value": [0.5], "numerator": [1.0], "denominator": [2.0], "persons": [persons]},
        schema={"value": pl.Float64, "numerator": pl.Float64, "denominator": pl.Float64,
                "persons": pl.Int64},
    )  # fmt: skip
    row = suppress(frame).row(0, named=True)
    assert row["suppressed"] is (not shown)
    assert (row["value"] is not None) is shown
    assert (row["numerator"] is not None) is shown


def test_the_limit_is_a_setting():
    frame = pl.DataFrame({"value": [1.0, 2.0], "persons": [4, 9]})
    with override_settings(SMALL_CELL_LIMIT=10):
        assert suppress(frame)["suppressed"].to_list() == [True, True]
    with override_settings(SMALL_CELL_LIMIT=0):
        assert suppress(frame)["suppressed"].to_list() == [False, False]


@override_settings(SMALL_CELL_LIMIT="five")
def test_a_limit_that_is_not_a_whole_number_is_refused():
    with pytest.raises(ValueError, match="SMALL_CELL_LIMIT"):
        suppress(pl.DataFrame({"value": [1.0], "persons": [4]}))


# -- on the pages ---------------------------------------------------------------------------------


def test_a_suppressed_figure_shows_the_mark_and_never_its_value(client, people, loaded):
    client.force_login(people["analyst"])
    html = client.get(reverse("dashboards:area", args=["pirkanmaa"])).content.decode()
    assert '<abbr class="suppressed"' in html
    assert "Not shown: the figure is based on 1–5 persons." in html
    for value in ("42", "15,2\xa0%", "76"):  # its job offers, transitions rate and transitions
        assert f'<td class="number">{value}</td>' not in html
        assert f"<strong>{value}</strong>" not in html
    assert "Pirkanmaa: no figures to show." in html  # the charts' descriptions
    assert '<td class="number">12,0\xa0%</td>' in html  # the comparison group is shown


def test_suppressed_areas_are_left_out_of_the_ranking(loaded):
    ranked = ranks(JUNE).filter(pl.col("measure") == "transitions_rate").sort("group")
    assert ranked.select("group", "rank", "ranked").rows() == [
        ("espoo", 1, 2),
        ("helsinki", 2, 2),
        ("pirkanmaa", None, 2),
    ]


def test_the_overview_suppresses_small_cells(client, people, loaded):
    client.force_login(people["analyst"])
    html = client.get(reverse("dashboards:overview")).content.decode()
    pirkanmaa = html.split(reverse("dashboards:area", args=["pirkanmaa"]))[1].split("</tr>")[0]
    assert pirkanmaa.count('class="suppressed"') == 2


# -- exports --------------------------------------------------------------------------------------


def test_the_figures_export_leaves_out_suppressed_figures(client, people, loaded):
    frame = csv_of(download(client, people["analyst"], "area-csv", "pirkanmaa", "figures"))
    own = frame.filter(pl.col("group") == "pirkanmaa")
    assert own.height == 3 * len(MONTHS)
    assert own["suppressed"].all()
    assert (
        own.select("value", "numerator", "denominator", "persons").null_count().row(0)
        == (own.height,) * 4
    )
    comparison = frame.filter(pl.col("group") == "comparison")
    assert not comparison["suppressed"].any()
    assert comparison["value"].is_not_null().all()


def test_the_figures_export_holds_what_the_page_shows(client, people, loaded):
    frame = csv_of(download(client, people["worker"], "area-csv", "helsinki", "figures"))
    june = frame.filter(
        (pl.col("month") == JUNE) & (pl.col("group") == "helsinki")
        & (pl.col("measure") == "transitions_rate")
    ).row(0, named=True)  # fmt: skip
    assert june["value"] == pytest.approx(22 / 200)
    assert (june["numerator"], june["denominator"], june["persons"]) == (22, 200, 200)
    assert june["status"] == "preliminary"
    assert june["indicator_name"] == "Transitions from unemployment to work or education"
    assert set(frame["group"]) == {"helsinki", "experiment", "comparison"}


def test_the_figures_export_in_excel_has_the_same_cells_with_named_columns(client, people, loaded):
    response = download(client, people["analyst"], "area-xlsx", "pirkanmaa", "figures")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert 'filename="pirkanmaa-figures.xlsx"' in response["Content-Disposition"]
    header, rows, workbook = read_table(response.content)
    assert header[:4] == ["Month", "Status", "Version", "Indicator"]
    assert "Suppressed (small cell)" in header
    assert 'name="figures"' in workbook
    own = [r for r in rows if r["Group"] == "pirkanmaa"]
    assert len(own) == 9
    assert all(r["Value"] is None and r["Suppressed (small cell)"] is True for r in own)
    comparison = [r for r in rows if r["Group"] == "comparison" and r["Measure"] == "transitions"]
    assert sorted(r["Value"] for r in comparison) == [1200, 1201, 1202]


def test_the_quality_export_lists_the_areas_findings(client, people, loaded):
    frame = csv_of(download(client, people["worker"], "area-csv", "helsinki", "quality"))
    assert frame.select("month", "severity", "check", "message").rows() == [
        (JUNE, "warning", "outlier", "Helsinki is high")
    ]
    espoo = csv_of(download(client, people["espoo"], "area-csv", "espoo", "quality"))
    assert espoo.is_empty()


def test_the_quota_export_suppresses_a_quota_used_by_a_few(client, people, loaded):
    helsinki = people["worker"].profile.area
    Quota.objects.create(
        area=helsinki, service="wage_subsidy", period_start=MONTHS[0],
        period_end=JUNE.replace(day=30), cap_euros="100000.00", cap_places=10,
    )  # fmt: skip
    consume(area=helsinki, service="wage_subsidy", on=JUNE, euros="2500.00", places=2)
    frame = csv_of(download(client, people["worker"], "area-csv", "helsinki", "quotas"))
    row = frame.row(0, named=True)
    assert (row["service"], row["cap_euros"], row["cap_places"]) == ("wage subsidy", 100000, 10)
    assert (row["used_euros"], row["used_places"], row["suppressed"]) == (None, None, True)
    consume(area=helsinki, service="wage_subsidy", on=JUNE, euros="7500.00", places=4)
    frame = csv_of(download(client, people["worker"], "area-csv", "helsinki", "quotas"))
    row = frame.row(0, named=True)
    assert (row["used_euros"], row["used_places"], row["share_used"]) == (10000, 6, 0.1)


def test_the_overview_export_in_both_formats(client, people, loaded):
    frame = csv_of(download(client, people["analyst"], "overview-csv"))
    pirkanmaa = frame.filter(pl.col("group") == "pirkanmaa")
    assert pirkanmaa["suppressed"].all()
    assert pirkanmaa["value"].is_null().all()
    helsinki = frame.filter(pl.col("group") == "helsinki").sort("indicator")
    assert helsinki.select("indicator", "measure", "month", "value").rows() == [
        ("04", "transitions_rate", JUNE, 0.11),
        ("07", "job_offers", JUNE, 40.0),
    ]
    header, rows, _ = read_table(download(client, people["analyst"], "overview-xlsx").content)
    assert header[0] == "Group name"
    assert {r["Group name"] for r in rows} >= {"Helsinki", "Comparison group (rest of Finland)"}


def test_the_definitions_export(client, people, loaded):
    frame = csv_of(download(client, people["worker"], "definitions-csv"))
    rate = frame.filter(
        (pl.col("measure") == "transitions_rate") & (pl.col("field") == "denominator")
    )
    assert rate["text"].to_list() == ["unemployed clients at the start of the month"]
    header, rows, _ = read_table(download(client, people["worker"], "definitions-xlsx").content)
    assert header == ["Indicator", "Indicator name", "Measure", "Field", "Definition"]
    assert any(r["Field"] == "grain" and r["Definition"] == "client-month" for r in rows)


def test_every_download_is_audited(client, people, loaded):
    download(client, people["worker"], "area-xlsx", "helsinki", "deadlines")
    entry = AuditEntry.objects.filter(action="export").get()
    assert (entry.object_kind, entry.object_id) == ("indicator_table", "helsinki")
    assert entry.detail.startswith("helsinki-deadlines.xlsx")
    assert entry.actor == people["worker"].username
