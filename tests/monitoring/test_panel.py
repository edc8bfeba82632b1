"""The client-month panel: what holds at each month's end, carried forward between events."""

import datetime as dt

import polars as pl
import pytest

from kuntakokeilu.events.schema import scan
from kuntakokeilu.monitoring.panel import build_panel
from tests.monitoring.given import ESPOO, HELSINKI, day, event, events, registered


def panel_of(*rows, last_month="2021-12-01"):
    return build_panel(events(*rows).lazy(), day(last_month))


def at(panel, client: int, month: str) -> dict:
    rows = panel.frame.filter(
        (pl.col("client_key") == client) & (pl.col("month") == day(month))
    ).to_dicts()
    assert len(rows) == 1, f"client {client} has {len(rows)} rows in {month}"
    return rows[0]


def test_a_person_has_a_row_for_every_month_from_the_first_event_to_the_end():
    panel = panel_of(registered(1, "2021-03-17"), last_month="2021-06-01")
    months = panel.frame["month"].to_list()
    assert months == [day(m) for m in ("2021-03-01", "2021-04-01", "2021-05-01", "2021-06-01")]


def test_the_state_after_deregistration_is_carried_forward_to_the_end_of_the_data():
    panel = panel_of(
        registered(1, "2021-01-10"),
        event(1, "deregistered", "2021-02-03", subtype="employed"),
        last_month="2021-09-01",
    )
    september = at(panel, 1, "2021-09-01")
    assert (september["state"], september["registered"]) == ("employed", False)
    # deregistered in February: February is month 0, September is 7 months later
    assert september["months_since_registered"] == 7


def test_the_state_at_the_month_end_is_the_last_state_event_of_the_month():
    panel = panel_of(
        registered(1, "2021-01-04"),
        event(1, "state_changed", "2021-01-12", subtype="in_service"),
        event(1, "state_changed", "2021-01-28", subtype="unemployed"),
        last_month="2021-01-01",
    )
    assert at(panel, 1, "2021-01-01")["state"] == "unemployed"


def test_a_registration_and_a_change_on_the_same_day_end_in_the_changed_state():
    # events of one day arrive in any order: the registration counts first
    panel = panel_of(
        event(1, "state_changed", "2021-01-04", subtype="in_service"),
        registered(1, "2021-01-04"),
        last_month="2021-01-01",
    )
    assert at(panel, 1, "2021-01-01")["state"] == "in_service"


def test_an_unemployment_spell_is_measured_across_month_ends():
    panel = panel_of(registered(1, "2021-01-20"), last_month="2022-02-01")
    # 20.1.-31.1. is 12 days (both counted)
    assert (
        at(panel, 1, "2021-01-01")["spell_days"],
        at(panel, 1, "2021-01-01")["spell_months"],
    ) == (12, 0)
    # to 28.2.: 12 + 28 = 40 days, 1 whole month (20.1.-19.2.)
    assert (
        at(panel, 1, "2021-02-01")["spell_days"],
        at(panel, 1, "2021-02-01")["spell_months"],
    ) == (40, 1)
    # to 31.1.2022: 377 days; 20.1.2021-19.1.2022 is the 12th whole month
    assert (
        at(panel, 1, "2022-01-01")["spell_days"],
        at(panel, 1, "2022-01-01")["spell_months"],
    ) == (377, 12)


def test_a_spell_ends_when_the_state_changes_and_its_length_is_counted_in_that_month():
    panel = panel_of(
        registered(1, "2021-01-20"),
        event(1, "state_changed", "2021-03-05", subtype="in_service"),
        last_month="2021-03-01",
    )
    march = at(panel, 1, "2021-03-01")
    # 20.1. to 5.3.: 11 + 28 + 4 = 44 days
    assert (march["spells_completed"], march["completed_spell_days"]) == (1, 44)
    assert march["spell_days"] is None
    assert at(panel, 1, "2021-02-01")["spells_completed"] == 0


def test_laid_off_and_unemployed_are_one_spell():
    panel = panel_of(
        registered(1, "2021-01-01", state="laid_off"),
        event(1, "state_changed", "2021-02-01", subtype="unemployed"),
        last_month="2021-02-01",
    )
    february = at(panel, 1, "2021-02-01")
    assert (february["spells_completed"], february["spell_days"]) == (0, 59)


def test_re_registration_starts_a_new_spell_and_resets_the_registration_recency():
    panel = panel_of(
        registered(1, "2021-01-10"),
        event(1, "deregistered", "2021-02-15", subtype="employed"),
        registered(1, "2021-06-07"),
        last_month="2021-06-01",
    )
    assert at(panel, 1, "2021-05-01")["months_since_registered"] == 3
    june = at(panel, 1, "2021-06-01")
    # the new spell runs 7.6.-30.6.: 24 days; the first ended on 15.2. after 36 days
    assert (june["state"], june["registered"], june["spell_days"]) == ("unemployed", True, 24)
    assert june["months_since_registered"] == 0
    assert at(panel, 1, "2021-02-01")["completed_spell_days"] == 36


def test_the_previous_month_state_is_the_persons_own():
    panel = panel_of(
        registered(1, "2021-01-10"),
        event(1, "deregistered", "2021-02-15", subtype="education"),
        registered(2, "2021-02-01"),
        last_month="2021-02-01",
    )
    assert at(panel, 1, "2021-02-01")["state_previous_month"] == "unemployed"
    assert at(panel, 2, "2021-02-01")["state_previous_month"] is None


def test_where_the_person_stands_at_the_month_end_follows_referral_and_return():
    panel = panel_of(
        registered(1, "2021-03-02"),
        event(1, "referred", "2021-03-10", area="helsinki", organisation="municipality"),
        event(1, "returned_to_te_office", "2021-05-20"),
        last_month="2021-05-01",
    )
    for month, expected in (
        ("2021-03-01", ("helsinki", "municipality")),
        ("2021-04-01", ("helsinki", "municipality")),
        ("2021-05-01", (None, "te_office")),
    ):
        row = at(panel, 1, month)
        assert (row["area"], row["organisation"]) == expected, month


def test_the_home_municipality_follows_the_months_last_status_event():
    panel = panel_of(
        registered(1, "2021-03-02"),
        event(
            1,
            "benefit_paid",
            "2021-04-20",
            subtype="basic_allowance",
            days=5,
            amount_eur=150.0,
            municipality=ESPOO,
        ),
        last_month="2021-05-01",
    )
    assert [at(panel, 1, m)["municipality"] for m in ("2021-03-01", "2021-05-01")] == [
        HELSINKI,
        ESPOO,
    ]


def test_an_interview_does_not_move_the_panel_nor_start_it():
    panel = panel_of(
        event(1, "interview_held", "2021-02-10", subtype="other", municipality=ESPOO),
        registered(1, "2021-03-02"),
        event(1, "interview_held", "2021-04-20", subtype="other", municipality=ESPOO),
        last_month="2021-04-01",
    )
    assert panel.frame["month"].min() == day("2021-03-01")
    assert at(panel, 1, "2021-04-01")["municipality"] == HELSINKI


def test_services_run_from_start_to_end_and_an_end_without_start_does_not_go_negative():
    panel = panel_of(
        registered(1, "2021-01-04"),
        event(1, "service_started", "2021-01-15", subtype="coaching", item_key=5),
        event(1, "service_ended", "2021-03-10", subtype="coaching", item_key=5),
        event(1, "service_ended", "2021-04-10", subtype="work_trial", item_key=9),
        last_month="2021-04-01",
    )
    active = [
        at(panel, 1, m)["services_active"]
        for m in ("2021-01-01", "2021-02-01", "2021-03-01", "2021-04-01")
    ]
    assert active == [1, 1, 0, 0]
    assert at(panel, 1, "2021-01-01")["services_started"] == 1


def test_benefit_days_are_summed_by_kind_and_the_financing_counter_is_carried():
    panel = panel_of(
        registered(1, "2021-01-04"),
        event(
            1,
            "benefit_paid",
            "2021-01-15",
            subtype="labour_market_subsidy",
            days=10,
            amount_eur=350.0,
            counter_before=290,
        ),
        event(
            1,
            "benefit_paid",
            "2021-01-29",
            subtype="labour_market_subsidy",
            days=10,
            amount_eur=350.0,
            counter_before=300,
        ),
        event(1, "benefit_paid", "2021-01-29", subtype="basic_allowance", days=3, amount_eur=100.0),
        last_month="2021-03-01",
    )
    january = at(panel, 1, "2021-01-01")
    assert (january["days_labour_market_subsidy"], january["days_basic_allowance"]) == (20, 3)
    assert [at(panel, 1, m)["financing_counter"] for m in ("2021-01-01", "2021-03-01")] == [
        310,
        310,
    ]
    assert at(panel, 1, "2021-02-01")["days_labour_market_subsidy"] == 0


def test_the_age_band_moves_on_with_the_years_since_registration():
    panel = panel_of(registered(1, "2021-06-15", age_years=24), last_month="2022-06-01")
    assert at(panel, 1, "2022-05-01")["age_band"] == "under_25"
    assert at(panel, 1, "2022-06-01")["age_band"] == "25_29"


def test_target_group_and_immigrant_come_from_the_latest_registration():
    panel = panel_of(
        registered(1, "2021-01-04", target_group=False, immigrant=True),
        event(1, "deregistered", "2021-02-01", subtype="employed"),
        registered(1, "2021-04-01", target_group=True, immigrant=True),
        last_month="2021-04-01",
    )
    assert [at(panel, 1, m)["target_group"] for m in ("2021-03-01", "2021-04-01")] == [
        False,
        True,
    ]
    assert at(panel, 1, "2021-04-01")["immigrant"] is True


def test_structural_window_counts_month_ends_unemployed_or_in_service_over_sixteen_months():
    panel = panel_of(
        registered(1, "2020-01-10"),
        event(1, "state_changed", "2020-06-10", subtype="in_service"),
        event(1, "deregistered", "2020-09-10", subtype="employed"),
        registered(1, "2021-02-10"),
        last_month="2021-05-01",
    )
    # month ends unemployed or in service: 1/2020-8/2020 (8) and 2/2021-5/2021 (4); the 16
    # months to 5/2021 start at 2/2020, so January 2020 has dropped out: 7 + 4
    assert at(panel, 1, "2021-05-01")["months_unemployed_or_in_service"] == 11
    assert at(panel, 1, "2020-12-01")["months_unemployed_or_in_service"] == 8


def test_events_after_the_last_month_are_left_out():
    panel = panel_of(
        registered(1, "2021-01-10"),
        event(1, "deregistered", "2021-03-01", subtype="employed"),
        last_month="2021-02-01",
    )
    assert panel.frame.height == 2
    assert at(panel, 1, "2021-02-01")["state"] == "unemployed"


@pytest.mark.parametrize("offset", [0, 2**63])
def test_large_hashed_client_keys_give_the_same_panel_as_small_ones(offset):
    rows = [
        registered(7, "2021-01-10"),
        event(7, "deregistered", "2021-02-15", subtype="employed"),
        registered(3, "2021-01-20", municipality=ESPOO),
        event(3, "state_changed", "2021-02-02", subtype="in_service"),
    ]
    shifted = [{**r, "client_key": r["client_key"] + offset} for r in rows]
    small, large = panel_of(*rows), panel_of(*shifted)
    columns = [c for c in small.frame.columns if c != "client_key"]
    assert large.frame.select(columns).equals(small.frame.select(columns))
    assert (large.frame["client_key"] - offset).to_list() == small.frame["client_key"].to_list()


def test_rows_of_finds_a_persons_month_by_position():
    panel = panel_of(
        registered(5, "2021-01-10"), registered(9, "2021-03-03"), last_month="2021-04-01"
    )
    keys = pl.Series([9, 5, 9, 4], dtype=pl.UInt64)
    months = pl.Series(
        [dt.date(2021, 4, 1), dt.date(2021, 2, 1), dt.date(2021, 1, 1), dt.date(2021, 1, 1)]
    )
    rows = panel.rows_of(keys, months)
    # person 5 has rows 0-3 (January-April), person 9 rows 4-5 (March-April)
    assert rows.to_list() == [5, 1, None, None]


@pytest.mark.parametrize("piece_events", [997, 20_011])
def test_the_panel_built_in_pieces_is_the_panel_built_at_once(synthetic_directory, piece_events):
    # 4 000 people: pieces of a few dozen people, a handful of pieces, one piece
    events = scan(synthetic_directory)
    at_once = build_panel(events, day("2021-05-01"), piece_events=10**9)
    in_pieces = build_panel(events, day("2021-05-01"), piece_events=piece_events)
    assert in_pieces.frame.height > 40_000
    assert in_pieces.frame.equals(at_once.frame)
    assert in_pieces.persons.equals(at_once.persons)


def test_a_panel_of_some_columns_has_the_same_values_in_them(synthetic_directory):
    events = scan(synthetic_directory)
    full = build_panel(events, day("2021-05-01"))
    some = build_panel(events, day("2021-05-01"), columns=("age_band", "days_basic_allowance"))
    left_out = {"area", "organisation", "financing_counter", "services_started", "immigrant"}
    assert left_out.isdisjoint(some.frame.columns)
    assert {"age_band", "days_basic_allowance", "spell_days"} <= set(some.frame.columns)
    assert some.frame.equals(full.frame.select(some.frame.columns))


def test_asking_for_a_column_the_panel_does_not_have_names_it():
    with pytest.raises(ValueError, match=r"the panel has no column.* shoe_size"):
        build_panel(
            events(registered(1, "2021-01-10")).lazy(), day("2021-02-01"), columns=["shoe_size"]
        )


def test_a_panel_of_the_monitored_leaves_out_people_no_registration_puts_in_the_target_group():
    rows = [
        registered(1, "2021-01-10"),
        registered(2, "2021-01-10", target_group=False),
        # target group at first, then not: still monitored while the first registration held
        registered(3, "2021-01-10"),
        event(3, "deregistered", "2021-02-03", subtype="employed"),
        registered(3, "2021-03-01", target_group=False),
    ]
    everyone = panel_of(*rows, last_month="2021-04-01")
    monitored = build_panel(events(*rows).lazy(), day("2021-04-01"), monitored_only=True)
    assert monitored.frame.equals(everyone.frame.filter(pl.col("client_key") != 2))
    assert monitored.left_out.to_list() == [2]
    assert monitored.persons["client_key"].to_list() == [1, 3]
    assert monitored.rows_of(
        pl.Series([3], dtype=pl.UInt64), pl.Series([day("2021-02-01")])
    ).to_list() == [5]


def test_the_monitored_panel_at_scale_is_the_full_panel_without_the_never_targeted(
    synthetic_directory,
):
    events_ = scan(synthetic_directory)
    full = build_panel(events_, day("2021-05-01"))
    monitored = build_panel(events_, day("2021-05-01"), monitored_only=True)
    ever = full.frame.group_by("client_key").agg(pl.col("target_group").any())
    kept = ever.filter(pl.col("target_group"))["client_key"]
    assert 0 < monitored.persons.height < full.persons.height
    assert monitored.frame.equals(full.frame.filter(pl.col("client_key").is_in(kept.implode())))
    assert monitored.persons.height + monitored.left_out.len() == full.persons.height
