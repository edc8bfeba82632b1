"""Service-process deadlines: scenario table, scalar = vectorised, and the working-day calendar."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass

import holidays
import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kuntakokeilu.rules.deadlines import (
    INITIAL_INTERVIEW,
    JOB_SEARCH_DISCUSSION,
    SIX_MONTH_DISCUSSION,
    SUPPLEMENTARY_DISCUSSION,
    Due,
    ProcessState,
    add_months,
    add_months_expr,
    add_working_days,
    add_working_days_expr,
    holiday_list,
    is_overdue,
    next_due,
    next_due_frame,
)

OLD = "interview_every_3_months"
NORDIC = "nordic_model"
D = dt.date
FIRST_DAY, LAST_DAY = D(2021, 1, 1), D(2025, 12, 31)


@dataclass(frozen=True)
class Scenario:
    name: str
    state: ProcessState
    expected: Due


def waiting(registered_on: dt.date) -> ProcessState:
    return ProcessState(registered_on=registered_on)


SCENARIOS = [
    # -- the initial interview and the regime switch
    Scenario(
        "registered Sunday 1.5.2022, the last day of the old regime: 14 calendar days",
        waiting(D(2022, 5, 1)),
        Due(INITIAL_INTERVIEW, D(2022, 5, 15), OLD),
    ),
    Scenario(
        "registered Monday 2.5.2022, the first day of the Nordic model: 5 working days",
        waiting(D(2022, 5, 2)),
        Due(INITIAL_INTERVIEW, D(2022, 5, 9), NORDIC),
    ),
    Scenario(
        "registered on Saturday: counting starts on Monday",
        waiting(D(2022, 5, 7)),
        Due(INITIAL_INTERVIEW, D(2022, 5, 13), NORDIC),
    ),
    Scenario(
        "registered on Good Friday 2022 under the old regime: Easter does not stop the calendar",
        waiting(D(2022, 4, 15)),
        Due(INITIAL_INTERVIEW, D(2022, 4, 29), OLD),
    ),
    Scenario(
        "registered on Maundy Thursday 2023 under the Nordic model: Good Friday and Easter Monday "
        "are not working days",
        waiting(D(2023, 4, 6)),
        Due(INITIAL_INTERVIEW, D(2023, 4, 17), NORDIC),
    ),
    Scenario(
        "registered before Ascension Day 2022: the Thursday holiday is skipped",
        waiting(D(2022, 5, 23)),
        Due(INITIAL_INTERVIEW, D(2022, 5, 31), NORDIC),
    ),
    Scenario(
        "registered before Midsummer 2022: Midsummer Eve is not a working day",
        waiting(D(2022, 6, 22)),
        Due(INITIAL_INTERVIEW, D(2022, 6, 30), NORDIC),
    ),
    Scenario(
        "registered before Independence Day 2022: the Tuesday holiday is skipped",
        waiting(D(2022, 12, 2)),
        Due(INITIAL_INTERVIEW, D(2022, 12, 12), NORDIC),
    ),
    Scenario(
        "registered Friday before Christmas 2022: the deadline crosses into 2023",
        waiting(D(2022, 12, 23)),
        Due(INITIAL_INTERVIEW, D(2023, 1, 2), NORDIC),
    ),
    Scenario(
        "registered before Christmas 2024: Christmas Eve on a Tuesday and New Year's Day skipped",
        waiting(D(2024, 12, 23)),
        Due(INITIAL_INTERVIEW, D(2025, 1, 3), NORDIC),
    ),
    # -- the supplementary phase of the Nordic model
    Scenario(
        "initial interview held: the first supplementary discussion 14 days later",
        ProcessState(D(2022, 5, 2), D(2022, 5, 9)),
        Due(SUPPLEMENTARY_DISCUSSION, D(2022, 5, 23), NORDIC),
    ),
    Scenario(
        "two supplementary discussions held: the third 14 days after the last",
        ProcessState(D(2022, 5, 2), D(2022, 5, 9), 2, 0, D(2022, 6, 6)),
        Due(SUPPLEMENTARY_DISCUSSION, D(2022, 6, 20), NORDIC),
    ),
    Scenario(
        "all five supplementary discussions held: job-search discussion 3 months after the "
        "initial interview",
        ProcessState(D(2022, 5, 2), D(2022, 5, 9), 5, 0, D(2022, 7, 18)),
        Due(JOB_SEARCH_DISCUSSION, D(2022, 8, 9), NORDIC),
    ),
    Scenario(
        "a supplementary discussion that would fall after the first 3 months is not due",
        ProcessState(D(2022, 5, 2), D(2022, 5, 9), 4, 0, D(2022, 8, 1)),
        Due(JOB_SEARCH_DISCUSSION, D(2022, 8, 9), NORDIC),
    ),
    # -- the six-month period and the 3-month interval
    Scenario(
        "job-search discussion held at 3 months: the next 3 months later, before the six-month "
        "period ends",
        ProcessState(D(2022, 5, 2), D(2022, 5, 9), 5, 0, D(2022, 8, 9)),
        Due(JOB_SEARCH_DISCUSSION, D(2022, 11, 9), NORDIC),
    ),
    Scenario(
        "job search has lasted 6 months: two discussions due by the end of the following month",
        ProcessState(D(2022, 5, 2), D(2022, 5, 9), 5, 0, D(2022, 11, 9)),
        Due(SIX_MONTH_DISCUSSION, D(2022, 12, 2), NORDIC),
    ),
    Scenario(
        "one six-month discussion held: the second is still due by the end of the period",
        ProcessState(D(2022, 5, 2), D(2022, 5, 9), 5, 1, D(2022, 11, 16)),
        Due(SIX_MONTH_DISCUSSION, D(2022, 12, 2), NORDIC),
    ),
    Scenario(
        "both six-month discussions held: job-search discussion 3 months after the last contact",
        ProcessState(D(2022, 5, 2), D(2022, 5, 9), 5, 2, D(2022, 11, 30)),
        Due(JOB_SEARCH_DISCUSSION, D(2023, 2, 28), NORDIC),
    ),
    Scenario(
        "six-month period missed and a later contact recorded: back to the 3-month interval",
        ProcessState(D(2022, 5, 2), D(2022, 5, 9), 5, 0, D(2022, 12, 5)),
        Due(JOB_SEARCH_DISCUSSION, D(2023, 3, 5), NORDIC),
    ),
    # -- the old regime, a client moving over, and month ends
    Scenario(
        "old regime: interview 3 months after the last, no supplementary discussions",
        ProcessState(D(2022, 3, 1), D(2022, 3, 10), 0, 0, D(2022, 3, 10)),
        Due(JOB_SEARCH_DISCUSSION, D(2022, 6, 10), OLD),
    ),
    Scenario(
        "client from the old regime with a first contact under the Nordic model: Nordic rules, "
        "no supplementary phase",
        ProcessState(D(2021, 6, 1), D(2021, 6, 8), 0, 0, D(2022, 5, 2)),
        Due(JOB_SEARCH_DISCUSSION, D(2022, 8, 2), NORDIC),
    ),
    Scenario(
        "old regime month end: interview on 30.11.2021, next on 28.2.2022",
        ProcessState(D(2021, 11, 1), D(2021, 11, 30), 0, 0, D(2021, 11, 30)),
        Due(JOB_SEARCH_DISCUSSION, D(2022, 2, 28), OLD),
    ),
    Scenario(
        "Nordic month end in a leap year: discussion on 30.11.2023, next on 29.2.2024",
        ProcessState(D(2023, 8, 1), D(2023, 8, 3), 5, 2, D(2023, 11, 30)),
        Due(JOB_SEARCH_DISCUSSION, D(2024, 2, 29), NORDIC),
    ),
]
SCENARIO_IDS = [s.name for s in SCENARIOS]


def state_frame(states: list[ProcessState]) -> pl.DataFrame:
    return pl.DataFrame(
        [asdict(s) for s in states],
        schema={
            "registered_on": pl.Date,
            "initial_interview_on": pl.Date,
            "supplementary_done": pl.Int64,
            "six_month_done": pl.Int64,
            "last_discussion_on": pl.Date,
        },
    )


def vectorised(states: list[ProcessState]) -> list[Due]:
    result = next_due_frame(state_frame(states)).collect()
    return [Due(*row) for row in result.select("due_kind", "due_on", "regime").iter_rows()]


# -- the scenario table, through both forms -------------------------------------------------


@pytest.mark.parametrize("scenario", SCENARIOS, ids=SCENARIO_IDS)
def test_scalar_form_gives_the_legal_deadline(scenario: Scenario) -> None:
    assert next_due(scenario.state) == scenario.expected


@pytest.mark.parametrize("scenario", SCENARIOS, ids=SCENARIO_IDS)
def test_vectorised_form_gives_the_legal_deadline(scenario: Scenario) -> None:
    assert vectorised([scenario.state]) == [scenario.expected]


def test_vectorised_form_gives_every_scenario_in_one_frame() -> None:
    assert vectorised([s.state for s in SCENARIOS]) == [s.expected for s in SCENARIOS]


def test_a_frame_without_the_state_columns_is_refused() -> None:
    frame = state_frame([waiting(D(2022, 5, 2))]).drop("six_month_done")
    with pytest.raises(ValueError, match="six_month_done"):
        next_due_frame(frame)


# -- scalar and vectorised agree on generated clients ---------------------------------------

dates = st.dates(min_value=FIRST_DAY, max_value=LAST_DAY)
states = st.builds(
    ProcessState,
    registered_on=dates,
    initial_interview_on=st.none() | dates,
    supplementary_done=st.integers(0, 6),
    six_month_done=st.integers(0, 3),
    last_discussion_on=st.none() | dates,
)


@settings(max_examples=150, deadline=None, database=None)
@given(st.lists(states, min_size=1, max_size=30))
def test_scalar_and_vectorised_forms_agree_on_any_clients(clients: list[ProcessState]) -> None:
    assert vectorised(clients) == [next_due(c) for c in clients]


# -- working days ---------------------------------------------------------------------------


def is_finnish_working_day(day: dt.date) -> bool:
    return day.weekday() < 5 and day not in holidays.Finland(years=day.year)


@settings(max_examples=300, database=None)
@given(start=dates, n=st.integers(1, 15))
def test_working_days_skip_weekends_and_finnish_holidays(start: dt.date, n: int) -> None:
    result = add_working_days(start, n)
    counted = [start + dt.timedelta(days=k) for k in range(1, (result - start).days + 1)]
    assert is_finnish_working_day(result)
    assert sum(map(is_finnish_working_day, counted)) == n


@settings(max_examples=50, deadline=None, database=None)
@given(starts=st.lists(dates, min_size=1, max_size=40), n=st.integers(1, 15))
def test_working_days_agree_with_polars_business_days(starts: list[dt.date], n: int) -> None:
    frame = pl.DataFrame({"start": starts}, schema={"start": pl.Date})
    holiday_dates = holiday_list(range(FIRST_DAY.year, LAST_DAY.year + 2))
    result = frame.select(add_working_days_expr(pl.col("start"), n, holiday_dates))
    assert result.to_series().to_list() == [add_working_days(s, n) for s in starts]


def test_midsummer_eve_and_christmas_eve_are_not_working_days() -> None:
    assert add_working_days(D(2024, 6, 20), 1) == D(2024, 6, 24)
    assert add_working_days(D(2024, 12, 23), 1) == D(2024, 12, 27)


def test_zero_working_days_is_refused() -> None:
    with pytest.raises(ValueError, match="n >= 1"):
        add_working_days(D(2022, 5, 2), 0)


# -- months ---------------------------------------------------------------------------------


@settings(max_examples=50, deadline=None, database=None)
@given(days=st.lists(dates, min_size=1, max_size=40), months=st.integers(0, 12))
def test_adding_months_agrees_with_polars_offset_by(days: list[dt.date], months: int) -> None:
    frame = pl.DataFrame({"day": days}, schema={"day": pl.Date})
    result = frame.select(add_months_expr(pl.col("day"), months)).to_series().to_list()
    assert result == [add_months(d, months) for d in days]


def test_adding_a_month_to_31_january_gives_the_last_day_of_february() -> None:
    assert add_months(D(2024, 1, 31), 1) == D(2024, 2, 29)


# -- overdue --------------------------------------------------------------------------------


def test_a_discussion_is_not_overdue_on_its_due_day() -> None:
    due = Due(INITIAL_INTERVIEW, D(2022, 5, 9), NORDIC)
    assert not is_overdue(due, D(2022, 5, 9))


def test_a_discussion_is_overdue_the_day_after_its_due_day() -> None:
    due = Due(INITIAL_INTERVIEW, D(2022, 5, 9), NORDIC)
    assert is_overdue(due, D(2022, 5, 10))
