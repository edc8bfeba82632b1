"""Figures add up across the groupings: an area is its municipalities, the country is the
experiment municipalities and the rest of Finland."""

import datetime as dt

import polars as pl
import pytest

from kuntakokeilu.monitoring.groups import memberships
from kuntakokeilu.monitoring.indicators import COUNT, INDICATORS, SHARE, SUM
from kuntakokeilu.reference import reference_data

KEYS = ["indicator", "measure", "month"]


def measures_of(kinds) -> pl.DataFrame:
    return pl.DataFrame(
        [
            {"indicator": i.number, "measure": m.name}
            for i in INDICATORS.values()
            for m in i.measures
            if m.kind in kinds
        ]
    )


def with_groups(results: pl.DataFrame, grouping: str) -> pl.DataFrame:
    """Municipality figures with the group of ``grouping`` each counts in."""
    months = results["month"].unique().sort().to_list()
    codes = results.filter(pl.col("grouping") == "municipality")["group"].unique().to_list()
    member = memberships(codes, months, reference_data()).filter(pl.col("grouping") == grouping)
    return (
        results.filter(pl.col("grouping") == "municipality")
        .rename({"group": "municipality"})
        .drop("grouping")
        .join(member.rename({"group": "parent"}), on=["municipality", "month"])
    )


def summed(results, grouping, kinds=(COUNT, SUM)) -> pl.DataFrame:
    wanted = measures_of(kinds)
    mine = results.filter(pl.col("grouping") == grouping).join(wanted, on=["indicator", "measure"])
    sums = (
        with_groups(results, grouping)
        .join(wanted, on=["indicator", "measure"])
        .group_by([*KEYS, "parent"])
        .agg(pl.col("numerator").sum().alias("sum"), pl.col("denominator").sum().alias("den"))
    )
    return mine.join(sums, left_on=[*KEYS, "group"], right_on=[*KEYS, "parent"], how="full")


@pytest.mark.parametrize("grouping", ["area", "ely", "country", "rest_of_finland"])
def test_a_groups_count_is_the_sum_of_its_municipalities(synthetic_results, grouping):
    compared = summed(synthetic_results.indicators, grouping)
    assert compared.height > 100
    assert compared.filter(pl.col("value").is_null() | pl.col("sum").is_null()).is_empty()
    assert (compared["value"] - compared["sum"]).abs().max() < 1e-6


def test_a_groups_share_is_the_share_of_its_summed_people(synthetic_results):
    compared = summed(synthetic_results.indicators, "area", kinds=(SHARE,))
    assert compared.height > 100
    assert (compared["numerator"] - compared["sum"]).abs().max() < 1e-9
    assert (compared["denominator"] - compared["den"]).abs().max() < 1e-9
    divided = compared.filter(pl.col("den") > 0)
    assert (divided["value"] - divided["sum"] / divided["den"]).abs().max() < 1e-12


def test_the_country_is_the_experiment_and_the_comparison_together(synthetic_results):
    counts = synthetic_results.indicators.join(measures_of((COUNT,)), on=["indicator", "measure"])
    pair = (
        counts.filter(pl.col("grouping") == "experiment_vs_comparison")
        .group_by(KEYS)
        .agg(pl.col("value").sum().alias("pair"))
    )
    country = counts.filter(pl.col("grouping") == "country").join(pair, on=KEYS)
    assert country.height > 100
    assert (country["value"] - country["pair"]).abs().max() < 1e-6
    rest = counts.filter(pl.col("grouping") == "rest_of_finland").select(*KEYS, "value")
    comparison = counts.filter(pl.col("group") == "comparison").select(*KEYS, "value")
    assert rest.sort(KEYS).equals(comparison.sort(KEYS))


def test_an_experiment_municipality_counts_in_its_area_before_the_experiment_began():
    members = memberships(["091", "235"], [dt.date(2020, 5, 1)], reference_data())
    found = {(r["municipality"], r["grouping"]): r["group"] for r in members.to_dicts()}
    assert found[("091", "area")] == "helsinki"
    assert found[("091", "experiment_vs_comparison")] == "experiment"
    assert ("235", "area") not in found
    assert found[("235", "rest_of_finland")] == "rest"
    assert found[("235", "ely")] == found[("091", "ely")] == "01"


def test_a_code_no_division_knows_counts_in_the_country_but_no_ely_area():
    members = memberships(["999"], [dt.date(2021, 5, 1)], reference_data())
    assert set(members["grouping"]) == {
        "municipality",
        "rest_of_finland",
        "country",
        "experiment_vs_comparison",
    }
