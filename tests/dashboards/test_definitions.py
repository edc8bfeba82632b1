"""definitions.json in the layouts a monitor may write, read into one shape; and the page."""

from __future__ import annotations

import pytest
from django.urls import reverse

from kuntakokeilu.dashboards.definitions import parse, unit_kind
from kuntakokeilu.dashboards.loading import load_results
from tests.dashboards.monitor_output import DEFINITIONS, write_output

PER_INDICATOR = [
    {
        "indicator": "04",
        "name": "transitions",
        "grain": "client-month",
        "filters": ["unemployed at the start of the month"],
        "measures": [{"measure": "rate", "unit": "share", "numerator": "moved"}],
    }
]
PER_MEASURE = [
    {"indicator": "04", "measure": "rate", "unit": "share", "numerator": "moved"},
    {"indicator": "04", "measure": "count", "numerator": "moved"},
]
BY_KEY = {"04": {"title": "transitions", "measures": {"rate": {"unit": "share"}}}}


def test_an_entry_per_indicator():
    (definition,) = parse(PER_INDICATOR)
    assert (definition.indicator, definition.name) == ("04", "transitions")
    assert definition.fields == [
        ("grain", "client-month"),
        ("filters", "unemployed at the start of the month"),
    ]
    assert definition.measure("rate").unit == "share"
    assert definition.measure("rate").fields == (("numerator", "moved"),)


def test_an_entry_per_measure_is_gathered_by_indicator():
    (definition,) = parse({"indicators": PER_MEASURE})
    assert [m.measure for m in definition.measures] == ["rate", "count"]


def test_a_mapping_by_indicator():
    (definition,) = parse(BY_KEY)
    assert definition.name == "transitions"
    assert definition.measure("rate").unit == "share"


def test_the_indicators_are_named_in_the_users_language_whatever_the_file_says():
    (definition,) = parse(BY_KEY)
    assert definition.title == "Transitions from unemployment to work or education"


@pytest.mark.parametrize("raw", [None, "text", 5, [1, 2], {"indicators": 3}])
def test_anything_else_reads_as_no_definitions(raw):
    assert parse(raw) == []


@pytest.mark.parametrize(
    ("unit", "kind"),
    [("share", "share"), ("Percent", "percent"), ("EUR", "euros"), ("days", "number")],
)
def test_units(unit, kind):
    assert unit_kind(unit) == kind


@pytest.mark.django_db
def test_the_definitions_page_shows_every_indicator_and_what_the_release_says(
    client, people, tmp_path
):
    load_results(write_output(tmp_path / "out", definitions=DEFINITIONS))
    client.force_login(people["te"])
    html = client.get(reverse("dashboards:definitions")).content.decode()
    for indicator in ("01", "05", "10"):
        assert f'id="definition-{indicator}"' in html
    assert "unemployed clients at the start of the month" in html
    assert "The loaded figures carry no definition of this indicator." in html
