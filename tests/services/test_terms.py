"""What a decision grants, by the rules in force on the decision date (wage_subsidy.yaml,
start_up_grant.yaml, work_trial.yaml). One test per legal boundary."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from kuntakokeilu.services import terms

D = dt.date


def wage_subsidy(kind, pay, decided_on, starts_on, ends_on):
    return terms.wage_subsidy_terms(
        subsidy_kind=kind,
        monthly_pay_cost=Decimal(pay),
        decided_on=decided_on,
        starts_on=starts_on,
        ends_on=ends_on,
    )


def field_error(excinfo) -> str:
    (field,) = excinfo.value.message_dict
    return field


def test_a_2021_decision_for_a_long_unemployed_client_pays_40_percent_of_the_pay_cost():
    granted = wage_subsidy("long_unemployed", "3000", D(2021, 2, 15), D(2021, 3, 1), D(2021, 8, 31))
    assert granted.percent == 40
    assert granted.monthly_amount == Decimal("1200.00")
    assert granted.months == Decimal("6.00")
    assert granted.total_eur == Decimal("7200.00")
    assert granted.rules_from == D(2021, 1, 1)


def test_the_2021_cap_of_1400_euros_a_month_limits_the_subsidy():
    granted = wage_subsidy(
        "very_long_unemployed", "3200", D(2021, 3, 1), D(2021, 3, 1), D(2021, 5, 31)
    )
    assert granted.monthly_amount == Decimal("1400.00")  # 50 % would be 1 600
    assert granted.total_eur == Decimal("4200.00")


def test_from_1_7_2023_the_standard_subsidy_is_50_percent_capped_at_1260_euros():
    granted = wage_subsidy("standard", "3000", D(2023, 7, 1), D(2023, 8, 1), D(2023, 12, 31))
    assert granted.percent == 50
    assert granted.monthly_amount == Decimal("1260.00")  # 50 % would be 1 500
    assert granted.monthly_cap == Decimal("1260")
    assert granted.rules_from == D(2023, 7, 1)


def test_the_same_job_decided_on_30_6_2023_follows_the_old_rules():
    granted = wage_subsidy(
        "long_unemployed", "3000", D(2023, 6, 30), D(2023, 8, 1), D(2023, 12, 31)
    )
    assert granted.monthly_amount == Decimal("1200.00")


def test_a_kind_of_the_old_rules_is_refused_after_1_7_2023_naming_the_kinds_in_force():
    with pytest.raises(ValidationError) as excinfo:
        wage_subsidy("skills", "3000", D(2023, 7, 1), D(2023, 8, 1), D(2023, 12, 31))
    assert field_error(excinfo) == "subsidy_kind"
    assert "standard (50 %)" in excinfo.value.message_dict["subsidy_kind"][0]


def test_a_kind_of_the_new_rules_is_refused_before_1_7_2023():
    with pytest.raises(ValidationError) as excinfo:
        wage_subsidy("standard", "3000", D(2023, 6, 30), D(2023, 8, 1), D(2023, 12, 31))
    assert field_error(excinfo) == "subsidy_kind"


def test_a_standard_subsidy_may_last_10_months_but_not_a_day_more():
    wage_subsidy("standard", "2000", D(2023, 7, 3), D(2023, 8, 1), D(2024, 5, 31))
    with pytest.raises(ValidationError) as excinfo:
        wage_subsidy("standard", "2000", D(2023, 7, 3), D(2023, 8, 1), D(2024, 6, 1))
    assert field_error(excinfo) == "ends_on"


def test_a_decision_before_the_first_rules_is_an_error_on_the_decision_date():
    with pytest.raises(ValidationError) as excinfo:
        wage_subsidy("skills", "2000", D(2020, 12, 31), D(2021, 1, 1), D(2021, 2, 28))
    assert field_error(excinfo) == "decided_on"


def test_a_start_up_grant_pays_the_daily_amount_for_five_days_a_week():
    granted = terms.start_up_grant_terms(
        decided_on=D(2023, 2, 1),
        starts_on=D(2023, 3, 1),
        ends_on=D(2023, 8, 31),
        earlier_months=Decimal(0),
    )
    assert granted.daily_amount == Decimal("37.21")
    assert granted.days == 132  # Mondays to Fridays, 1.3.-31.8.2023
    assert granted.total_eur == Decimal("4911.72")


def test_a_start_up_grant_decided_in_2021_pays_the_2021_daily_amount():
    granted = terms.start_up_grant_terms(
        decided_on=D(2021, 2, 1),
        starts_on=D(2021, 3, 1),
        ends_on=D(2021, 8, 31),
        earlier_months=Decimal(0),
    )
    assert granted.total_eur == Decimal("4458.96")  # 132 x 33,78


def test_a_start_up_grant_period_is_at_most_6_months():
    with pytest.raises(ValidationError) as excinfo:
        terms.start_up_grant_terms(
            decided_on=D(2023, 2, 1),
            starts_on=D(2023, 3, 1),
            ends_on=D(2023, 9, 1),
            earlier_months=Decimal(0),
        )
    assert field_error(excinfo) == "ends_on"


def test_from_2022_a_client_gets_12_months_of_start_up_grant_in_all_where_2021_allowed_18():
    period = {"starts_on": D(2022, 3, 1), "ends_on": D(2022, 8, 31)}
    with pytest.raises(ValidationError):
        terms.start_up_grant_terms(decided_on=D(2022, 2, 1), earlier_months=Decimal(8), **period)
    terms.start_up_grant_terms(decided_on=D(2021, 12, 31), earlier_months=Decimal(8), **period)


def test_a_work_trial_lasts_at_least_a_month_and_pays_9_euros_a_day():
    granted = terms.work_trial_terms(
        decided_on=D(2021, 3, 1),
        starts_on=D(2021, 3, 1),
        ends_on=D(2021, 3, 31),
        months_with_organiser=Decimal(0),
        months_in_all=Decimal(0),
    )
    assert granted.total_eur == Decimal("207.00")  # 23 weekdays
    assert granted.quota_service == ""
    with pytest.raises(ValidationError):
        terms.work_trial_terms(
            decided_on=D(2021, 3, 1),
            starts_on=D(2021, 3, 1),
            ends_on=D(2021, 3, 30),
            months_with_organiser=Decimal(0),
            months_in_all=Decimal(0),
        )


def test_a_work_trial_with_one_organiser_is_at_most_6_months_in_all():
    with pytest.raises(ValidationError) as excinfo:
        terms.work_trial_terms(
            decided_on=D(2021, 9, 1),
            starts_on=D(2021, 9, 1),
            ends_on=D(2021, 10, 31),
            months_with_organiser=Decimal(5),
            months_in_all=Decimal(5),
        )
    assert field_error(excinfo) == "ends_on"


@pytest.mark.parametrize(
    ("starts_on", "ends_on", "months"),
    [
        (D(2021, 3, 1), D(2021, 8, 31), "6.00"),
        (D(2021, 3, 1), D(2021, 4, 15), "1.50"),
        (D(2021, 1, 31), D(2021, 2, 27), "1.00"),
        (D(2021, 3, 1), D(2021, 3, 1), "0.03"),
    ],
)
def test_a_period_is_counted_in_calendar_months_and_a_share_of_the_last(starts_on, ends_on, months):
    assert terms.period_months(starts_on, ends_on) == Decimal(months)


def test_weekdays_count_mondays_to_fridays_both_ends_included():
    assert terms.weekdays(D(2021, 3, 1), D(2021, 3, 7)) == 5
    assert terms.weekdays(D(2021, 3, 6), D(2021, 3, 7)) == 0
    assert terms.weekdays(D(2021, 3, 5), D(2021, 3, 8)) == 2
