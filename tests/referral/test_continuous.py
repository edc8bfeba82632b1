"""Continuous referral classifies every person of a new extract against the current state."""

import polars as pl
import pytest

from kuntakokeilu.referral.continuous import classify, counts, empty_state
from kuntakokeilu.register.intake import read_register
from kuntakokeilu.rules.target_group import Context, decide_register
from tests.referral.sequence import (
    CODES,
    EXPECTED_MONTH_ONE,
    EXPECTED_MONTH_TWO,
    FIRST_WAVE,
    MONTH_LATER,
    MONTH_ONE,
    MONTH_TWO,
    NAME_OF,
    RETURN_REASONS,
    write_extract,
)

EXCEPTIONS = pl.DataFrame(
    {"person_id": [CODES["kept_by_te_office"]], "exception": ["language_rights"]}
)


def run(rows, on, state, tmp_path):
    intake = read_register(write_extract(rows, tmp_path / f"{on}.csv"), on)
    decisions = decide_register(intake.accepted, Context.on_date(on))
    return classify(
        decisions, state, held=intake.rejected["person_id"], exceptions=EXCEPTIONS
    ).collect()


def outcome(transitions: pl.DataFrame) -> dict:
    return {
        NAME_OF[r["person_id"]]: (r["transition"], r["to_area"])
        for r in transitions.iter_rows(named=True)
    }


def state_after(transitions: pl.DataFrame) -> pl.DataFrame:
    return transitions.filter(pl.col("to_area").is_not_null()).select(
        "person_id", pl.col("to_area").alias("current_area")
    )


@pytest.fixture
def first_wave(tmp_path):
    return run(MONTH_ONE, FIRST_WAVE, empty_state(), tmp_path)


def test_the_first_wave_refers_everyone_in_the_target_group_of_the_areas(first_wave):
    assert outcome(first_wave) == EXPECTED_MONTH_ONE


def test_a_month_later_every_person_is_classified(first_wave, tmp_path):
    month_two = run(MONTH_TWO, MONTH_LATER, state_after(first_wave), tmp_path)
    assert outcome(month_two) == EXPECTED_MONTH_TWO


def test_people_returning_to_the_te_office_carry_the_rule_that_sent_them_back(first_wave, tmp_path):
    month_two = run(MONTH_TWO, MONTH_LATER, state_after(first_wave), tmp_path)
    reasons = {NAME_OF[p]: r for p, r in month_two.select("person_id", "transition_reasons").rows()}
    for name, expected in RETURN_REASONS.items():
        assert reasons[name] == expected, name


def test_the_te_office_exception_is_recorded_as_the_reason(first_wave):
    kept = first_wave.filter(pl.col("person_id") == CODES["kept_by_te_office"])
    assert kept["transition_reasons"].item() == "TE_OFFICE_EXCEPTION:language_rights"


def test_an_exception_takes_back_a_client_an_area_already_has(tmp_path):
    state = pl.DataFrame({"person_id": [CODES["kept_by_te_office"]], "current_area": ["helsinki"]})
    month_one = run(MONTH_ONE, FIRST_WAVE, state, tmp_path)
    assert outcome(month_one)["kept_by_te_office"] == ("returns_to_te_office", None)


def test_rerunning_the_same_extract_on_its_own_result_changes_nothing(first_wave, tmp_path):
    month_two = run(MONTH_TWO, MONTH_LATER, state_after(first_wave), tmp_path)
    again = run(MONTH_TWO, MONTH_LATER, state_after(month_two), tmp_path)
    changed = counts(again)
    assert changed["newly_referred"] == changed["moves_area"] == 0
    assert changed["returns_to_te_office"] == changed["customership_ends"] == 0
    assert state_after(again).sort("person_id").equals(state_after(month_two).sort("person_id"))


def test_a_rejected_row_never_ends_a_customership(first_wave, tmp_path):
    month_two = run(MONTH_TWO, MONTH_LATER, state_after(first_wave), tmp_path)
    held = month_two.filter(pl.col("person_id") == CODES["row_rejected_in_month_two"])
    assert held.select("transition", "to_area").row(0) == ("held", "helsinki")
