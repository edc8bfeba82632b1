"""Benefits paid monthly and the financing counter (labour_market_subsidy_financing.yaml)."""

import datetime as dt

import polars as pl
import pytest

from kuntakokeilu.rules.parameters import parameters
from kuntakokeilu.simulate.benefits import pay_benefits
from kuntakokeilu.simulate.days import Month
from kuntakokeilu.simulate.draws import Draws
from tests.simulate.runs import LONG, events, of_kind

MARCH_2021 = Month(dt.date(2021, 3, 1))  # 23 weekdays, paid on Wednesday 31 March
MARCH_2025 = Month(dt.date(2025, 3, 1))  # 21 weekdays
REFORM = dt.date(2025, 1, 1)
#: One person as the benefit step sees them: unemployed all month on labour market subsidy.
PERSON = {
    "person": 1,
    "born": dt.date(1980, 6, 1),
    "registered_on": dt.date(2020, 1, 10),
    "exit_on": None,
    "changed_on": None,
    "status_before": "unemployed",
    "status": "unemployed",
    "receives_benefit": True,
    "earnings_related": False,
    "basic_allowance": False,
    "daily_eur": 70.0,
    "entitlement_days": 0,
    "financing_days": 250,
}


def paid(month: Month, **person) -> tuple[pl.DataFrame, pl.DataFrame]:
    """The payments of one person in ``month`` (ordered as written) and the person after."""
    frame = pl.DataFrame([PERSON | person]).with_columns(
        pl.col("person").cast(pl.UInt32),
        pl.col("exit_on", "changed_on").cast(pl.Date),
        pl.col("entitlement_days", "financing_days").cast(pl.Int32),
    )
    after, produced = pay_benefits(frame, month, Draws(1), parameters())
    payments = [p.filter(pl.col("kind") == "benefit_paid") for p in produced if p.height]
    columns = ["subtype", "days", "counter_before", "on"]
    if not payments:
        return pl.DataFrame(schema=columns), after
    return pl.concat(payments, how="diagonal_relaxed").select(columns), after


def test_a_month_unemployed_on_subsidy_is_paid_its_weekdays_and_counted():
    payments, after = paid(MARCH_2021)
    assert payments.rows() == [("labour_market_subsidy", 23, 250, dt.date(2021, 3, 31))]
    assert after["financing_days"].item() == 273


def test_earnings_related_allowance_runs_out_at_400_days_then_subsidy_is_paid():
    payments, after = paid(MARCH_2021, earnings_related=True, entitlement_days=395)
    assert payments.select("subtype", "days", "counter_before").rows() == [
        ("earnings_related_allowance", 5, 250),
        ("labour_market_subsidy", 18, 250),
    ]
    assert after["earnings_related"].item() is False
    assert after["financing_days"].item() == 268


def test_from_61_earnings_related_allowance_continues_past_400_days():
    payments, after = paid(
        MARCH_2021, earnings_related=True, entitlement_days=420, born=dt.date(1958, 1, 1)
    )
    assert payments.select("subtype", "days").rows() == [("earnings_related_allowance", 23)]
    assert after["earnings_related"].item() is True


@pytest.mark.parametrize(
    ("month", "counted"),
    [(MARCH_2021, 11), (MARCH_2025, 21)],
    ids=["until 2024 days in services do not count", "from 2025 every day counts"],
)
def test_days_in_a_service_count_only_from_2025(month, counted):
    payments, after = paid(month, changed_on=month.first.replace(day=16), status="in_training")
    assert payments["days"].sum() == (23 if month is MARCH_2021 else 21)
    assert after["financing_days"].item() == 250 + counted


def test_from_2025_earnings_related_days_count_too():
    payments, after = paid(MARCH_2025, earnings_related=True, entitlement_days=10)
    assert payments.select("subtype", "days", "counter_before").rows() == [
        ("earnings_related_allowance", 21, 250)
    ]
    assert after["financing_days"].item() == 271


@pytest.mark.parametrize(
    ("person", "days"),
    [
        ({"status_before": "short_week", "status": "short_week"}, 12),  # adjusted: half days
        ({"status_before": "subsidised_employment", "status": "subsidised_employment"}, 0),
        ({"receives_benefit": False}, 0),
        ({"exit_on": dt.date(2021, 3, 15)}, 10),  # up to the day before leaving
        ({"registered_on": dt.date(2021, 3, 22)}, 8),  # from the registration day
    ],
    ids=["part time", "wage subsidy", "no benefit", "left on the 15th", "registered 22nd"],
)
def test_days_paid_follow_the_state_and_the_days_registered(person, days):
    payments, _ = paid(MARCH_2021, **person)
    assert (payments["days"].sum() if payments.height else 0) == days


def _payments_in_order() -> pl.DataFrame:
    """Each person's payments in the order they were made (earnings-related first on a day)."""
    frame = of_kind(events(*LONG), "benefit_paid")
    first = pl.col("subtype") == "labour_market_subsidy"
    return frame.sort("client_key", "on", first).with_columns(
        pl.col("counter_before").shift(-1).over("client_key").alias("next_counter")
    )


def _people_with(kinds: list[str]) -> pl.Series:
    frame = events(*LONG)
    return frame.filter(pl.col("kind").is_in(kinds))["client_key"].unique()


def _registered_once() -> pl.Series:
    """People with one job search in the run (a new work requirement resets the counter)."""
    registrations = of_kind(events(*LONG), "registered").group_by("client_key").len()
    return registrations.filter(pl.col("len") == 1)["client_key"]


def test_the_counter_grows_by_subsidy_days_paid_on_unemployment_until_2024():
    in_services = _people_with(["service_started", "service_ended", "state_changed"])
    payments = _payments_in_order().filter(
        ~pl.col("client_key").is_in(in_services.implode())
        & pl.col("client_key").is_in(_registered_once().implode())
        & pl.col("next_counter").is_not_null()
        & (pl.col("on") < dt.date(2024, 12, 1))
    )
    grows = pl.col("next_counter") - pl.col("counter_before")
    subsidy = payments.filter(pl.col("subtype") == "labour_market_subsidy")
    allowance = payments.filter(pl.col("subtype") != "labour_market_subsidy")
    assert subsidy.height > 5_000
    assert allowance.height > 5_000
    assert (subsidy.select(grows)["next_counter"] == subsidy["days"].cast(pl.Int32)).all()
    assert (allowance.select(grows)["next_counter"] == 0).all()


def test_from_2025_the_counter_grows_by_every_benefit_day():
    payments = _payments_in_order().filter(
        pl.col("client_key").is_in(_registered_once().implode())
        & pl.col("next_counter").is_not_null()
        & (pl.col("on") >= REFORM)
    )
    grows = payments["next_counter"] - payments["counter_before"]
    assert payments.height > 1_000
    assert (grows == payments["days"].cast(pl.Int32)).all()


def test_benefits_are_paid_monthly_for_at_most_the_weekdays_of_the_month():
    frame = of_kind(events(*LONG), "benefit_paid")
    per_month = frame.group_by("client_key", pl.col("on").dt.month_start()).agg(
        pl.col("days").sum(), pl.col("on").n_unique().alias("paydays")
    )
    assert per_month["days"].max() <= 23
    assert per_month["paydays"].max() == 1
    assert set(frame["subtype"]) == {
        "labour_market_subsidy",
        "basic_allowance",
        "earnings_related_allowance",
    }
    assert (frame["amount_eur"] > 0).all()
