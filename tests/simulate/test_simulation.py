"""The simulated event histories: the schema, the register, referral, the service process."""

import datetime as dt
import re

import polars as pl
import pytest

from kuntakokeilu.events import schema
from kuntakokeilu.reference import reference_data
from kuntakokeilu.rules.deadlines import ProcessState, add_working_days, next_due
from kuntakokeilu.simulate import calibration as c
from kuntakokeilu.simulate.days import months_from
from kuntakokeilu.simulate.engine import Settings, Simulation, SimulationError
from tests.simulate.runs import LONG, events, experiment_municipalities, months, of_kind

EXPERIMENT_START = dt.date(2021, 3, 1)
NORDIC_MODEL = dt.date(2022, 5, 2)
REFORM = dt.date(2025, 1, 1)


def test_every_month_passes_the_event_schema():
    for frame in months(*LONG):
        assert schema.problems(frame) == []


def test_each_month_holds_only_its_own_days():
    calendar = months_from(dt.date.fromisoformat(LONG[0]), LONG[1])
    for month, frame in zip(calendar, months(*LONG), strict=True):
        assert frame["on"].dt.month_start().unique().to_list() == [month.first]


def test_no_identity_code_or_name_is_written():
    frame = events(*LONG)
    identity_code = re.compile(r"\d{6}[-+A-FU-Y]\d{3}[0-9A-Y]")
    texts = pl.concat(
        [
            frame[column].drop_nulls().unique()
            for column, t in frame.schema.items()
            if t == pl.String
        ]
    )
    assert not any(identity_code.search(text) for text in texts.to_list())
    assert frame.columns == list(schema.COLUMNS)


def test_the_register_stays_near_its_size_at_the_start():
    """Opening stock + registrations - deregistrations, month by month, within 10 %."""
    frame = events(*LONG)
    start = frame.filter((pl.col("kind") == "registered") & (pl.col("on") == dt.date(2021, 1, 1)))
    flows = (
        frame.filter(pl.col("kind").is_in(["registered", "deregistered"]))
        .group_by(pl.col("on").dt.month_start().alias("month"))
        .agg(
            (pl.col("kind") == "registered").sum().alias("in"),
            (pl.col("kind") == "deregistered").sum().alias("out"),
        )
        .sort("month")
        .with_columns((pl.col("in") - pl.col("out")).cum_sum().alias("stock"))
    )
    assert flows["stock"].min() > 0.9 * start.height
    assert flows["stock"].max() < 1.1 * start.height


def test_people_leave_for_every_destination_and_some_come_back():
    frame = events(*LONG)
    destinations = set(of_kind(frame, "deregistered")["subtype"])
    assert destinations == {"employed", "education", "outside_labour_force", "unknown"}
    left = of_kind(frame, "deregistered").select("client_key", pl.col("on").alias("left_on"))
    back = (
        of_kind(frame, "registered")
        .join(left, on="client_key")
        .filter(pl.col("on") > pl.col("left_on"))
    )
    assert back["client_key"].n_unique() > 200


def test_registrations_are_spread_over_the_year_with_june_and_january_peaks():
    frame = events(*LONG).filter(pl.col("on") > dt.date(2021, 1, 1))
    by_month = of_kind(frame, "registered").group_by(pl.col("on").dt.month().alias("m")).len()
    counts = dict(by_month.iter_rows())
    assert counts[6] > counts[9]
    assert counts[1] > counts[4]


# -- referral -------------------------------------------------------------------------------


def test_nobody_is_referred_before_the_experiment():
    frame = events(*LONG).filter(pl.col("on") < EXPERIMENT_START)
    assert frame.filter(pl.col("organisation") == "municipality").is_empty()
    assert frame["area"].null_count() == frame.height


def test_the_target_group_in_the_experiment_areas_is_referred_on_the_first_day():
    frame = events(*LONG)
    first_day = of_kind(frame, "referred").filter(pl.col("on") == EXPERIMENT_START)
    # about 210 000 at scale 1 (register.synthetic's calibration), here 1 %
    assert 1_700 < first_day.height < 2_600
    members = reference_data().area_members(EXPERIMENT_START, kind="experiment_area")
    pairs = set(zip(members["code"], members["area_id"], strict=True))
    assert set(zip(first_day["municipality"], first_day["area"], strict=True)) <= pairs
    assert set(first_day["organisation"]) == {"municipality"}


def test_later_registrants_are_referred_within_seven_days_of_registering():
    """Within 7 days of registering, or of a later change of state that month; or on the
    month's last day (earnings-related allowance ran out, or the 7 days reach past it)."""
    frame = events(*LONG).filter(pl.col("on") > EXPERIMENT_START)
    month = pl.col("on").dt.month_start()
    changes = frame.filter(pl.col("kind").is_in(["registered", "state_changed"])).select(
        "client_key", month.alias("month"), pl.col("on").alias("changed_on")
    )
    referred = (
        of_kind(frame, "referred")
        .with_columns(month.alias("month"))
        .join(changes, on=["client_key", "month"])
        .filter(pl.col("changed_on") <= pl.col("on"))
        .group_by("client_key", "on")
        .agg(pl.col("changed_on").max())
    )
    lag = (referred["on"] - referred["changed_on"]).dt.total_days()
    month_end = referred["on"] == referred["on"].dt.month_end()
    assert referred.height > 300
    assert lag.min() >= 0
    assert (lag.filter(~month_end) <= c.REFERRAL_DAYS[1]).all()


def test_some_clients_return_to_the_te_office_and_their_events_say_so():
    frame = events(*LONG).filter(pl.col("on") < REFORM)
    returned = of_kind(frame, "returned_to_te_office")
    assert returned.height > 20
    assert set(returned["organisation"]) == {"te_office"}
    assert returned["area"].null_count() == returned.height


def test_events_in_the_experiment_areas_name_the_area_only_for_referred_clients():
    frame = events(*LONG).filter((pl.col("on") >= EXPERIMENT_START) & (pl.col("on") < REFORM))
    clients = frame.filter(pl.col("client_key").is_not_null())
    outside = clients.filter(~pl.col("municipality").is_in(experiment_municipalities()))
    assert outside["area"].null_count() == outside.height
    inside = clients.filter(pl.col("organisation") == "municipality")
    assert inside["area"].null_count() == 0


def test_from_the_reform_the_municipalities_are_responsible_for_everyone():
    frame = events(*LONG).filter(pl.col("on") >= REFORM)
    assert set(frame["organisation"]) == {"municipality"}
    assert frame["area"].null_count() == frame.height
    assert of_kind(frame, "referred").is_empty()


# -- the service process --------------------------------------------------------------------


def _initial_interviews_with_registration(frame: pl.DataFrame) -> pl.DataFrame:
    registered = (
        of_kind(frame, "registered")
        .filter(pl.col("on") > dt.date(2021, 1, 1))
        .select("client_key", pl.col("on").alias("registered_on"))
    )
    initial = of_kind(frame, "interview_held").filter(pl.col("subtype") == "initial_interview")
    return (
        initial.join(registered, on="client_key")
        .filter(pl.col("registered_on") <= pl.col("on"))
        .sort("registered_on")
        .unique("client_key", keep="last", maintain_order=True)
    )


def test_initial_interviews_are_due_by_the_rules_in_force_on_the_registration_day():
    held = _initial_interviews_with_registration(events(*LONG))
    sample = held.filter(pl.col("client_key") % 7 == 0)
    for registered_on, due_on in sample.select("registered_on", "due_on").iter_rows():
        assert next_due(ProcessState(registered_on)).due_on == due_on
    assert sample.height > 300


def test_both_regimes_set_the_initial_interview_due_day():
    """14 calendar days for registrations until 1.5.2022, 5 working days from 2.5.2022."""
    held = _initial_interviews_with_registration(events(*LONG))
    before = held.filter(pl.col("registered_on") < NORDIC_MODEL)
    after = held.filter(pl.col("registered_on") >= NORDIC_MODEL)
    assert set((before["due_on"] - before["registered_on"]).dt.total_days()) == {14}
    five_working_days = [add_working_days(day, 5) for day in after["registered_on"]]
    assert after["due_on"].to_list() == five_working_days
    assert before.height > 1000
    assert after.height > 1000


def test_most_interviews_are_held_on_time_a_tail_late():
    frame = of_kind(events(*LONG), "interview_held")
    late = (frame["on"] - frame["due_on"]).dt.total_days()
    on_time = (late <= 0).mean()
    assert 0.70 < on_time < 0.90
    assert (late > 30).sum() > 20
    assert (late < -c.ON_TIME_WINDOW_DAYS).sum() == 0


def test_missed_interviews_of_municipal_clients_are_reported_to_the_te_office():
    reports = of_kind(events(*LONG), "te_report_made")
    assert set(reports["subtype"]) >= {"interview_missed", "job_offer_refused"}
    assert set(reports["organisation"]) == {"municipality"}


def test_the_nordic_model_brings_supplementary_and_six_month_discussions():
    frame = of_kind(events(*LONG), "interview_held")
    kinds_before = set(frame.filter(pl.col("on") < NORDIC_MODEL)["subtype"])
    kinds_after = set(frame.filter(pl.col("on") >= NORDIC_MODEL)["subtype"])
    assert kinds_before == {"initial_interview", "job_search_discussion"}
    assert {"supplementary_discussion", "six_month_discussion"} <= kinds_after


def test_the_initial_interview_assesses_service_needs_and_makes_a_plan():
    frame = events(*LONG)
    initial = of_kind(frame, "interview_held").filter(pl.col("subtype") == "initial_interview")
    assessed = of_kind(frame, "service_needs_assessed")
    assert assessed.height == initial.height
    assert set(assessed["subtype"]) == {
        "job_placement",
        "competence_development",
        "supported_employment",
    }
    plans = of_kind(frame, "plan_made")
    assert {"employment", "integration", "multisectoral", "activation"} <= set(plans["subtype"])


# -- services, offers, surveys ---------------------------------------------------------------


def test_services_start_and_end_with_the_same_key():
    frame = events(*LONG)
    started = of_kind(frame, "service_started").select("item_key", "subtype", "on")
    ended = of_kind(frame, "service_ended").select("item_key", "subtype", pl.col("on").alias("end"))
    both = started.join(ended, on=["item_key", "subtype"])
    assert set(started["subtype"]) == set(schema.SERVICES)
    assert both.height > 0.6 * started.height
    assert (both["end"] >= both["on"]).all()
    amounts = of_kind(frame, "service_started").filter(pl.col("amount_eur").is_not_null())
    assert set(amounts["subtype"]) == {"wage_subsidy", "start_up_grant"}


def test_every_answered_offer_was_made_and_hires_end_the_job_search_that_day():
    frame = events(*LONG)
    made = of_kind(frame, "job_offer_made").select("item_key", pl.col("on").alias("made_on"))
    answered = of_kind(frame, "job_offer_answered").join(made, on="item_key", how="left")
    assert answered["made_on"].null_count() == 0
    assert (answered["on"] >= answered["made_on"]).all()
    hired = answered.filter(pl.col("subtype") == "hired").select("client_key", "on")
    left = of_kind(frame, "deregistered").filter(pl.col("subtype") == "employed")
    assert (
        hired.join(left.select("client_key", "on"), on=["client_key", "on"]).height == hired.height
    )


def test_surveys_answer_on_their_scales():
    frame = events(*LONG)
    for kind, (low, high) in schema.SCORE_RANGES.items():
        scores = of_kind(frame, kind)["score"]
        if kind == "service_needs_assessed":
            scores = scores.drop_nulls()
        assert scores.len() > 0
        assert scores.min() >= low
        assert scores.max() <= high
    satisfaction = of_kind(frame, "customer_satisfaction_answered")["score"]
    assert 3.5 < satisfaction.mean() < 4.3


def test_staff_answer_without_a_client_for_their_unit_each_quarter():
    staff = of_kind(events(*LONG), "staff_wellbeing_answered")
    assert staff["client_key"].null_count() == staff.height
    assert set(staff["on"].dt.month().unique()) == set(c.STAFF_SURVEY_MONTHS)
    during = staff.filter((pl.col("on") >= EXPERIMENT_START) & (pl.col("on") < REFORM))
    assert set(during["organisation"]) == {"te_office", "municipality"}
    areas = during.filter(pl.col("organisation") == "municipality")
    assert areas["area"].null_count() == 0


# -- arguments ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("settings", "message"),
    [
        (Settings(dt.date(2021, 3, 15), 2, 0.01, 1, 0.0), "first day of a month"),
        (Settings(dt.date(2019, 12, 1), 2, 0.01, 1, 0.0), "2020-01-01 at the earliest"),
        (Settings(dt.date(2021, 3, 1), 0, 0.01, 1, 0.0), "months must be 1 or more"),
        (Settings(dt.date(2021, 3, 1), 2, 0.0, 1, 0.0), "scale must be a number above 0"),
        (Settings(dt.date(2021, 3, 1), 2, float("inf"), 1, 0.0), "scale must be"),
        (Settings(dt.date(2021, 3, 1), 2, 0.01, -1, 0.0), "seed must be 0 or more"),
        (Settings(dt.date(2021, 3, 1), 2, 0.01, 1, -1.5), "effect must be"),
        (Settings(dt.date(2021, 3, 1), 2, 0.01, 1, float("nan")), "effect must be"),
    ],
)
def test_settings_that_cannot_run_are_refused_with_the_reason(settings, message):
    with pytest.raises(SimulationError, match=message):
        Simulation(settings)


def test_people_of_a_merged_municipality_move_to_the_one_it_joined_at_the_turn_of_the_year():
    """Honkajoki (099) joined Kankaanpää (214) on 1.1.2021."""
    frame = events("2020-11-01", 3, 0.01)
    for year in (2020, 2021):
        day = dt.date(year, 1, 1)
        codes = set(reference_data().municipalities(day)["code"])
        in_year = frame.filter(pl.col("on").dt.year() == year)
        assert set(in_year["municipality"]) <= codes
    assert "099" in set(frame.filter(pl.col("on").dt.year() == 2020)["municipality"])


def test_new_job_seekers_still_to_come_from_a_merged_municipality_come_from_the_one_it_joined():
    simulation = Simulation(Settings(dt.date(2020, 12, 1), 2, 0.02, 1, 0.0))
    months_run = iter(simulation.run())
    next(months_run)  # December 2020, on the 2020 division
    assert "099" in set(simulation.arrivals["municipality"])
    next(months_run)  # January 2021
    assert "099" not in set(simulation.arrivals["municipality"])
    assert "099" not in set(simulation.template["municipality"])
