"""Every measure the monitoring core defines has a name people read, in fi/sv/en."""

from __future__ import annotations

import pytest
from django.utils import translation

from kuntakokeilu.dashboards.measures import measure_name
from kuntakokeilu.monitoring.compute import definitions

DEFINED = [m["name"] for i in definitions()["indicators"] for m in i["measures"]]


@pytest.mark.parametrize("measure", DEFINED)
def test_every_defined_measure_has_a_name_of_its_own(measure):
    with translation.override("fi"):
        assert measure_name(measure) != measure


def test_a_measure_is_named_in_the_readers_language():
    with translation.override("fi"):
        assert measure_name("employment_rate") == "työllisyysaste"
        assert measure_name("service_starts_wage_subsidy") == "palvelujen aloitukset: palkkatuki"
    with translation.override("sv"):
        assert measure_name("subsidy_days_municipality_share_50pct") == (
            "stöddagar med kommunens andel 50 %"
        )


def test_a_measure_the_table_does_not_know_is_shown_by_its_identifier():
    assert measure_name("a_new_measure") == "a_new_measure"
    assert measure_name("service_starts_unknown_service") == "service_starts_unknown_service"
