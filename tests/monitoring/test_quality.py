"""The data-quality checks fire on planted problems, and say so in a sentence."""

import datetime as dt
import shutil

import polars as pl
import pytest

from kuntakokeilu.monitoring import quality
from kuntakokeilu.monitoring.compute import Period, compute, compute_directory
from kuntakokeilu.monitoring.panel import month_end
from tests.monitoring.given import day, event, events, registered


def checked(*rows, first="2021-01-01", last="2021-02-01", data_end=None):
    period = Period(day(first), day(last), day(first), data_end or month_end(day(last)))
    return compute(events(*rows).lazy(), period).quality


def findings(found: pl.DataFrame, check: str) -> list[dict]:
    return found.filter(pl.col("check") == check).to_dicts()


def test_events_after_the_end_of_the_data_are_an_error():
    found = checked(
        registered(1, "2021-01-05"),
        event(1, "interview_held", "2021-03-02", subtype="other"),
        data_end=day("2021-02-28"),
    )
    [after] = [f for f in findings(found, "impossible_value") if "after the end" in f["message"]]
    assert after["severity"] == "error"
    assert after["month"] == day("2021-03-01")
    assert after["message"].startswith("1 event(s) dated after the end of the data (2021-02-28)")


def test_negative_benefit_days_and_a_missing_counter_are_errors():
    found = checked(
        registered(1, "2021-01-05"),
        event(
            1,
            "benefit_paid",
            "2021-01-20",
            subtype="labour_market_subsidy",
            days=-5,
            amount_eur=100.0,
            counter_before=10,
        ),
        event(
            1,
            "benefit_paid",
            "2021-02-20",
            subtype="labour_market_subsidy",
            days=5,
            amount_eur=100.0,
        ),
    )
    messages = [f["message"] for f in findings(found, "impossible_value")]
    assert any("negative or missing days" in m and "2021-01" in m for m in messages)
    assert any("financing counter" in m and "2021-02" in m for m in messages)


def test_a_score_out_of_its_range_is_an_error_of_its_indicator():
    found = checked(
        registered(1, "2021-01-05"),
        event(1, "customer_satisfaction_answered", "2021-01-20", score=7),
    )
    [bad] = [f for f in findings(found, "impossible_value") if "score" in f["message"]]
    assert (bad["indicator"], bad["severity"]) == ("09", "error")
    assert "outside 1–5" in bad["message"]


def test_a_share_outside_zero_and_one_is_an_impossible_figure():
    figures = pl.DataFrame(
        {
            "indicator": ["03", "03", "09"],
            "measure": ["activation_rate", "in_services", "satisfaction_mean"],
            "grouping": ["area"] * 3,
            "group": ["helsinki"] * 3,
            "month": [dt.date(2021, 5, 1)] * 3,
            "value": [1.2, -3.0, 4.0],
        }
    )
    found = quality.impossible_figures(figures)
    by_measure = {f["message"].split(" is ")[0]: f["message"] for f in found}
    assert sorted(by_measure) == ["activation_rate", "in_services"]
    assert "outside the possible range 0–1" in by_measure["activation_rate"]


def test_an_unknown_municipality_code_is_reported():
    found = checked(registered(1, "2021-01-05", municipality="999"))
    [unknown] = findings(found, "unknown_code")
    assert unknown["group"] == "999"
    assert unknown["severity"] == "warning"


def test_a_month_without_an_event_file_is_an_error(synthetic_directory, tmp_path):
    copy = tmp_path / "events"
    shutil.copytree(synthetic_directory, copy)
    (copy / "events-2020-09.parquet").unlink()
    found = compute_directory(copy, only=("04",)).quality
    [missing] = [f for f in findings(found, "missing_month") if f["severity"] == "error"]
    assert missing["month"] == dt.date(2020, 9, 1)
    assert missing["message"].startswith("There are no events for 2020-09")


def series(values: list[float], persons=500) -> pl.DataFrame:
    """A transition rate of an area and of the country, month by month."""
    months = [dt.date(2021 + (i + 2) // 12, (i + 2) % 12 + 1, 1) for i in range(len(values))]
    rows = []
    for group, grouping, factor in (("helsinki", "area", 1.0), ("FI", "country", 1.0)):
        for month, v in zip(months, values, strict=True):
            area_value = v if grouping == "area" else 0.10
            rows.append(
                {
                    "indicator": "04",
                    "measure": "transition_rate",
                    "grouping": grouping,
                    "group": group,
                    "month": month,
                    "value": area_value * factor,
                    "numerator": area_value * persons * 10,
                    "denominator": persons * 10.0,
                    "persons": persons * 10,
                }
            )
    return pl.DataFrame(rows)


def test_a_spike_against_the_areas_own_history_is_an_outlier():
    steady = [0.10, 0.102, 0.099, 0.101, 0.098, 0.100, 0.103, 0.099, 0.101, 0.100]
    spiked = steady.copy()
    spiked[6] = 0.16
    assert quality.outliers(series(steady), dt.date(2021, 1, 1)) == []
    [spike] = quality.outliers(series(spiked), dt.date(2021, 1, 1))
    assert (spike["grouping"], spike["group"], spike["month"]) == (
        "area",
        "helsinki",
        dt.date(2021, 9, 1),
    )
    assert "far from its neighbouring months relative to the country" in spike["message"]


def test_a_small_wiggle_in_a_smooth_series_is_not_an_outlier():
    smooth = [0.100, 0.101, 0.102, 0.103, 0.104, 0.112, 0.106, 0.107, 0.108, 0.109]
    assert quality.outliers(series(smooth), dt.date(2021, 1, 1)) == []


def test_a_group_missing_a_month_that_the_country_has_is_reported():
    figures = series([0.1] * 6)
    gap = figures.filter(~((pl.col("grouping") == "area") & (pl.col("month") == day("2021-06-01"))))
    months = figures["month"].unique().sort().to_list()
    [missing] = quality.missing_figures(gap, months)
    assert (missing["group"], missing["month"]) == ("helsinki", day("2021-06-01"))
    assert quality.missing_figures(figures, months) == []


def test_the_first_months_spell_figures_are_flagged_as_left_censored(synthetic_results):
    found = findings(synthetic_results.quality, "left_censored")
    assert sorted(f["indicator"] for f in found) == ["05", "06"]
    assert "until 2021-03" in found[0]["message"]


@pytest.mark.parametrize("data_end", ["2021-02-15"])
def test_an_unfinished_last_month_is_left_out_and_said(data_end):
    found = checked(registered(1, "2021-01-05"), last="2021-01-01", data_end=day(data_end))
    [incomplete] = findings(found, "incomplete_month")
    assert "2021-02-15" in incomplete["message"]


def test_counted_events_of_people_without_a_registration_are_reported():
    found = checked(
        registered(1, "2021-01-05"),
        event(2, "job_offer_made", "2021-02-03", item_key=8),
    )
    [unplaced] = findings(found, "unplaced_event")
    assert (unplaced["indicator"], unplaced["month"]) == ("07", day("2021-02-01"))
    assert unplaced["message"].startswith("1 job_offer_made event(s) in 2021-02 belong to people")


def test_events_of_people_never_in_the_target_group_are_not_reported_as_unplaced():
    # monitor leaves person 3 out of the panel: no registration puts them in the target group
    found = checked(
        registered(1, "2021-01-05"),
        registered(3, "2021-01-05", target_group=False),
        event(3, "job_offer_made", "2021-02-03", item_key=9),
    )
    assert findings(found, "unplaced_event") == []
