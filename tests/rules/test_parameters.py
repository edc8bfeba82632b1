"""Dated parameters: the value in force on a day, history kept, malformed files refused."""

import datetime as dt

import pytest

from kuntakokeilu.rules.parameters import ParameterError, Parameters, parameters, read_parameter

SHIPPED = parameters()


def write(tmp_path, text: str):
    path = tmp_path / "example.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_the_experiment_period_was_extended_without_editing_its_first_value():
    period = SHIPPED["experiment_period"]
    assert period.value(dt.date(2021, 3, 1))["end"] == dt.date(2023, 6, 30)
    assert period.value(dt.date(2022, 6, 1))["end"] == dt.date(2024, 12, 31)


def test_a_parameter_has_no_value_before_its_first_date():
    with pytest.raises(ParameterError, match="first value takes effect on 2021-01-01"):
        SHIPPED.value("target_group_age_limit", dt.date(2020, 12, 31))


def test_the_value_changes_on_the_day_it_takes_effect():
    financing = SHIPPED["labour_market_subsidy_financing"]
    assert financing.value(dt.date(2024, 12, 31))["bands"][1] == [301, 1000, 0.5]
    assert financing.value(dt.date(2025, 1, 1))["bands"][1] == [101, 200, 0.1]


def test_every_shipped_value_names_its_source_and_status():
    for parameter in SHIPPED.by_name.values():
        for value in parameter.values:
            assert value.source.strip(), parameter.name
            assert value.status in {"confirmed", "inferred", "unknown"}, parameter.name


def test_values_that_domain_md_marks_uncertain_are_marked_inferred():
    # DOMAIN.md ⚠️/❌: the 2025 financing steps, the 50 % wage subsidy duration, the calibrations
    assert (
        SHIPPED["labour_market_subsidy_financing"].in_force(dt.date(2025, 1, 1)).status
        == "inferred"
    )
    assert SHIPPED["wage_subsidy"].in_force(dt.date(2021, 3, 1)).status == "inferred"
    assert (
        SHIPPED["application_target_group_per_unemployed"].in_force(dt.date(2020, 1, 1)).status
        == "inferred"
    )


def test_a_value_without_a_source_is_refused(tmp_path):
    path = write(tmp_path, "values:\n  - {from: 2021-01-01, value: 1, status: confirmed}\n")
    with pytest.raises(ParameterError, match="lacks source"):
        read_parameter(path)


def test_values_out_of_date_order_are_refused(tmp_path):
    path = write(
        tmp_path,
        "values:\n"
        "  - {from: 2022-01-01, value: 2, status: confirmed, source: x}\n"
        "  - {from: 2021-01-01, value: 1, status: confirmed, source: x}\n",
    )
    with pytest.raises(ParameterError, match="date order"):
        read_parameter(path)


def test_an_unknown_status_is_refused(tmp_path):
    path = write(tmp_path, "values:\n  - {from: 2021-01-01, value: 1, status: maybe, source: x}\n")
    with pytest.raises(ParameterError, match="status must be one of"):
        read_parameter(path)


def test_asking_for_an_unknown_parameter_names_it(tmp_path):
    with pytest.raises(ParameterError, match="no parameter named 'nope'"):
        Parameters(tmp_path)["nope"]
