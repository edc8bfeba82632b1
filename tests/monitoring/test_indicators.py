"""Each indicator, given a few people's events, gives the figures worked out by hand.

Everyone lives in Helsinki (091) unless said otherwise; "target" means the latest registration
says target_group=True. The figures are read for the municipality (grouping ``municipality``).
"""

import pytest

from kuntakokeilu.events.schema import scan
from kuntakokeilu.monitoring.compute import Period, compute
from kuntakokeilu.monitoring.indicators import INDICATORS, PANEL_COLUMNS, Sources
from kuntakokeilu.monitoring.panel import build_panel, month_end
from kuntakokeilu.rules.parameters import parameters
from tests.monitoring.given import HELSINKI, KAUNIAINEN, day, event, events, registered


def monitor(*rows, first: str, last: str):
    period = Period(day(first), day(last), day(first), month_end(day(last)))
    return compute(events(*rows).lazy(), period, check_quality=False).indicators


def figure(results, measure, month, group=HELSINKI, grouping="municipality") -> dict:
    rows = results.filter(
        (results["measure"] == measure)
        & (results["month"] == day(month))
        & (results["grouping"] == grouping)
        & (results["group"] == group)
    ).to_dicts()
    assert len(rows) == 1, f"{len(rows)} rows for {measure} {month} {grouping} {group}"
    return rows[0]


def value(results, measure, month, **where):
    return figure(results, measure, month, **where)["value"]


def not_target(client, on, state="unemployed"):
    return registered(client, on, state, target_group=False)


# -- 01 employment level ------------------------------------------------------------------


@pytest.fixture(scope="module")
def employment():
    return monitor(
        registered(1, "2021-01-05"),
        event(1, "deregistered", "2021-02-10", subtype="employed"),
        registered(2, "2021-01-05"),
        registered(3, "2021-01-05"),
        event(3, "deregistered", "2021-02-20", subtype="education"),
        not_target(4, "2021-01-05"),
        event(4, "deregistered", "2021-02-10", subtype="employed"),
        # left the register for work in January 2020: followed until January 2021
        registered(5, "2019-12-02"),
        event(5, "deregistered", "2020-01-15", subtype="employed"),
        first="2021-01-01",
        last="2021-02-01",
    )


def test_employment_in_january_counts_the_person_followed_for_twelve_months(employment):
    # followed: 1, 2, 3 (registered) and 5 (12 months since January 2020); employed: 5
    assert value(employment, "employed_stock", "2021-01-01") == 1
    assert value(employment, "employment_rate", "2021-01-01") == pytest.approx(1 / 4)
    assert value(employment, "transitions_to_employment", "2021-01-01") == 0


def test_employment_in_february_counts_the_new_job_and_drops_the_old_one(employment):
    # followed: 1, 2, 3 (5 is 13 months past); employed: 1, who was unemployed in January;
    # 4 is not in the target group
    rate = figure(employment, "employment_rate", "2021-02-01")
    assert (rate["numerator"], rate["denominator"], rate["persons"]) == (1, 3, 3)
    assert value(employment, "transitions_to_employment", "2021-02-01") == 1


# -- 02 labour market subsidy -------------------------------------------------------------


def subsidy(client, on, days, euros, counter, municipality=HELSINKI):
    return event(
        client,
        "benefit_paid",
        on,
        subtype="labour_market_subsidy",
        days=days,
        amount_eur=euros,
        counter_before=counter,
        municipality=municipality,
    )


@pytest.fixture(scope="module")
def savings():
    return monitor(
        # January 2020: 20 days at counter 100, all the state's
        subsidy(1, "2020-01-30", 20, 800.0, 100),
        subsidy(9, "2020-01-30", 20, 1000.0, 0, municipality=KAUNIAINEN),
        # January 2021: days 296-305 (five at 0 %, five at 50 %): 400 € × 2.5/10 = 100 €
        subsidy(1, "2021-01-29", 10, 400.0, 295),
        # days 1201-1220 at 70 %: 560 €
        subsidy(2, "2021-01-29", 20, 800.0, 1200),
        event(2, "benefit_paid", "2021-01-29", subtype="basic_allowance", days=5, amount_eur=200.0),
        subsidy(9, "2021-01-29", 20, 1100.0, 240, municipality=KAUNIAINEN),
        first="2020-01-01",
        last="2021-01-01",
    )


def test_subsidy_paid_and_its_split_between_municipality_and_state(savings):
    days = figure(savings, "subsidy_days", "2021-01-01")
    assert (days["value"], days["persons"]) == (30, 2)
    assert value(savings, "subsidy_eur", "2021-01-01") == 1200
    assert value(savings, "municipality_share_eur", "2021-01-01") == pytest.approx(660)
    assert value(savings, "state_share_eur", "2021-01-01") == pytest.approx(540)


def test_subsidy_days_by_the_municipality_share_they_fall_in(savings):
    assert value(savings, "subsidy_days_municipality_share_00pct", "2021-01-01") == 5
    assert value(savings, "subsidy_days_municipality_share_50pct", "2021-01-01") == 5
    assert value(savings, "subsidy_days_municipality_share_70pct", "2021-01-01") == 20


def test_savings_against_the_same_month_a_year_earlier(savings):
    # municipality: 0 € a year earlier, 660 € now; state: 800 € then, 540 € now
    assert value(savings, "municipality_saving_eur", "2021-01-01") == pytest.approx(-660)
    assert value(savings, "state_saving_eur", "2021-01-01") == pytest.approx(260)
    # 1 200 € against 800 €: +50 %
    assert value(savings, "subsidy_eur_change", "2021-01-01") == pytest.approx(0.5)


def test_the_change_against_the_comparison_group(savings):
    # the comparison group (Kauniainen alone here) went from 1 000 € to 1 100 €: +10 %
    assert value(
        savings,
        "subsidy_eur_change",
        "2021-01-01",
        grouping="experiment_vs_comparison",
        group="comparison",
    ) == pytest.approx(0.1)
    assert value(savings, "subsidy_eur_change_vs_comparison", "2021-01-01") == pytest.approx(0.4)


# -- 03 activation ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def activation():
    return monitor(
        registered(1, "2021-01-05"),
        event(1, "state_changed", "2021-01-20", subtype="in_service"),
        event(1, "service_started", "2021-01-20", subtype="wage_subsidy", item_key=11),
        registered(2, "2021-01-05"),
        event(2, "service_started", "2021-01-15", subtype="coaching", item_key=12),
        registered(3, "2021-01-05"),
        registered(4, "2021-01-05", state="part_time"),
        not_target(5, "2021-01-05", state="in_service"),
        event(5, "service_started", "2021-01-05", subtype="work_trial", item_key=13),
        registered(6, "2021-01-05"),
        event(6, "deregistered", "2021-01-25", subtype="employed"),
        first="2021-01-01",
        last="2021-01-01",
    )


def test_activation_rate_is_people_in_services_of_those_in_services_or_unemployed(activation):
    # in a service: 1 (in_service) and 2 (a coaching running); unemployed and idle: 3;
    # 4 is part-time, 5 not in the target group, 6 no longer registered
    rate = figure(activation, "activation_rate", "2021-01-01")
    assert (rate["numerator"], rate["denominator"]) == (2, 3)
    assert value(activation, "in_services", "2021-01-01") == 2


def test_service_starts_of_the_monitored_group(activation):
    starts = figure(activation, "service_starts", "2021-01-01")
    assert (starts["value"], starts["persons"]) == (2, 2)
    assert value(activation, "service_starts_coaching", "2021-01-01") == 1
    assert value(activation, "service_starts_wage_subsidy", "2021-01-01") == 1
    assert value(activation, "service_starts_work_trial", "2021-01-01") == 0


# -- 04 transitions -----------------------------------------------------------------------


@pytest.fixture(scope="module")
def transitions():
    return monitor(
        registered(1, "2021-01-05"),
        event(1, "deregistered", "2021-02-10", subtype="employed"),
        registered(2, "2021-01-05"),
        event(2, "deregistered", "2021-02-11", subtype="education"),
        registered(3, "2021-01-05", state="laid_off"),
        registered(4, "2021-01-05"),
        event(4, "state_changed", "2021-02-03", subtype="in_service"),
        registered(5, "2021-01-05", state="in_service"),
        event(5, "deregistered", "2021-02-10", subtype="employed"),
        not_target(6, "2021-01-05"),
        event(6, "deregistered", "2021-02-10", subtype="employed"),
        first="2021-02-01",
        last="2021-02-01",
    )


def test_transitions_from_unemployment_to_work_or_education(transitions):
    # unemployed at the end of January: 1, 2, 3 (laid off), 4; 5 was in a service, 6 is not
    # in the target group. In February 1 went to work, 2 to education.
    assert value(transitions, "unemployed_at_previous_month_end", "2021-02-01") == 4
    assert value(transitions, "transitions_to_work", "2021-02-01") == 1
    assert value(transitions, "transitions_to_education", "2021-02-01") == 1
    assert value(transitions, "transition_rate", "2021-02-01") == pytest.approx(2 / 4)
    assert value(transitions, "transition_rate_to_work", "2021-02-01") == pytest.approx(1 / 4)


# -- 05 spell lengths ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def spells():
    return monitor(
        registered(1, "2021-01-11"),
        event(1, "state_changed", "2021-03-01", subtype="in_service"),
        registered(2, "2021-02-01"),
        event(2, "deregistered", "2021-03-21", subtype="employed"),
        registered(3, "2021-03-02"),
        registered(4, "2021-01-01"),
        not_target(5, "2021-01-01"),
        first="2021-03-01",
        last="2021-03-01",
    )


def test_completed_spells_and_their_mean_length(spells):
    # 11.1.-1.3.: 49 days; 1.2.-21.3.: 48 days
    completed = figure(spells, "completed_spell_mean_days", "2021-03-01")
    assert (completed["numerator"], completed["denominator"]) == (97, 2)
    assert completed["value"] == pytest.approx(48.5)
    assert value(spells, "completed_spells", "2021-03-01") == 2


def test_ongoing_spells_and_their_mean_length_at_the_month_end(spells):
    # 2.3.-31.3.: 30 days; 1.1.-31.3.: 90 days; person 5 is not in the target group
    assert value(spells, "ongoing_spells", "2021-03-01") == 2
    assert value(spells, "ongoing_spell_mean_days", "2021-03-01") == pytest.approx(60)


# -- 06 long-term and structural ----------------------------------------------------------


@pytest.fixture(scope="module")
def long_term():
    return monitor(
        registered(1, "2021-01-01"),
        registered(2, "2021-03-15"),
        registered(3, "2020-10-05"),
        event(3, "state_changed", "2021-04-05", subtype="in_service"),
        event(3, "state_changed", "2021-08-05", subtype="unemployed"),
        registered(4, "2021-01-01", state="part_time"),
        not_target(5, "2020-01-01"),
        first="2022-01-01",
        last="2022-01-01",
    )


def test_long_term_unemployed_have_twelve_whole_months_in_the_spell(long_term):
    # at 31.1.2022: 1 has 13 months; 2 has 10 months and 17 days; 3's spell began 5.8.2021
    assert value(long_term, "unemployed", "2022-01-01") == 3
    assert value(long_term, "long_term_unemployed", "2022-01-01") == 1
    assert value(long_term, "long_term_share", "2022-01-01") == pytest.approx(1 / 3)


def test_structural_unemployment_counts_unemployment_and_services_together(long_term):
    # 1: 13 month ends unemployed; 3: all 16 month ends 10/2020-1/2022 unemployed or in a
    # service; 2: 11 month ends. 4 is part-time: in neither count.
    share = figure(long_term, "structural_share", "2022-01-01")
    assert (share["numerator"], share["denominator"]) == (2, 3)


# -- 07 job offers ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def offers():
    return monitor(
        registered(1, "2021-01-02"),
        event(1, "job_offer_made", "2021-01-05", item_key=1),
        event(1, "job_offer_answered", "2021-01-20", item_key=1, subtype="hired"),
        registered(2, "2021-01-02"),
        event(2, "job_offer_made", "2021-01-06", item_key=2),
        event(2, "job_offer_answered", "2021-01-25", item_key=2, subtype="refused"),
        event(2, "job_offer_made", "2021-01-10", item_key=3),
        registered(3, "2020-12-01"),
        event(3, "job_offer_made", "2020-12-20", item_key=4),
        event(3, "job_offer_answered", "2021-01-03", item_key=4, subtype="applied"),
        not_target(4, "2021-01-02"),
        event(4, "job_offer_made", "2021-01-05", item_key=5),
        event(4, "job_offer_answered", "2021-01-20", item_key=5, subtype="hired"),
        first="2021-01-01",
        last="2021-01-01",
    )


def test_job_offers_made_and_their_results_in_the_month(offers):
    made = figure(offers, "job_offers_made", "2021-01-01")
    assert (made["value"], made["persons"]) == (3, 2)  # offers 1, 2, 3 to people 1 and 2
    results = figure(offers, "job_offer_results", "2021-01-01")
    assert (results["value"], results["persons"]) == (3, 3)  # hired, refused, applied
    assert [
        value(offers, f"job_offer_results_{o}", "2021-01-01")
        for o in ("hired", "refused", "applied", "no_answer")
    ] == [1, 1, 1, 0]
    assert value(offers, "hired_share", "2021-01-01") == pytest.approx(1 / 3)


# -- 08 work ability ----------------------------------------------------------------------


def assessed(client, on, score):
    return event(client, "work_ability_assessed", on, score=score)


@pytest.fixture(scope="module")
def work_ability():
    return monitor(
        registered(1, "2021-01-02"),
        assessed(1, "2021-01-10", 4),
        assessed(1, "2021-02-10", 7),
        registered(2, "2021-01-02"),
        assessed(2, "2021-02-15", 6),
        registered(3, "2020-11-02"),
        assessed(3, "2020-12-01", 8),
        assessed(3, "2021-02-20", 6),
        not_target(4, "2021-01-02"),
        assessed(4, "2021-02-01", 10),
        first="2021-02-01",
        last="2021-02-01",
    )


def test_work_ability_mean_and_its_change_within_persons(work_ability):
    # February scores 7, 6, 6: mean 19/3; changes since the same person's previous: +3, -2
    mean = figure(work_ability, "work_ability_mean", "2021-02-01")
    assert (mean["numerator"], mean["denominator"], mean["persons"]) == (19, 3, 3)
    change = figure(work_ability, "work_ability_change_mean", "2021-02-01")
    assert (change["numerator"], change["denominator"]) == (1, 2)
    assert change["value"] == pytest.approx(0.5)


# -- 09 customer satisfaction and 10 staff wellbeing --------------------------------------


def test_customer_satisfaction_of_the_monitored_group():
    results = monitor(
        *[registered(c, "2021-01-02") for c in (1, 2, 3)],
        not_target(4, "2021-01-02"),
        *[
            event(c, "customer_satisfaction_answered", "2021-01-20", score=s)
            for c, s in ((1, 5), (2, 4), (3, 2), (1, 3), (4, 1))
        ],
        first="2021-01-01",
        last="2021-01-01",
    )
    answers = figure(results, "satisfaction_answers", "2021-01-01")
    assert (answers["value"], answers["persons"]) == (4, 3)
    assert value(results, "satisfaction_mean", "2021-01-01") == pytest.approx(14 / 4)
    assert value(results, "satisfied_share", "2021-01-01") == pytest.approx(2 / 4)


def test_staff_wellbeing_of_the_units_of_a_municipality():
    def answer(score, municipality=HELSINKI):
        return event(
            None,
            "staff_wellbeing_answered",
            "2021-01-14",
            score=score,
            municipality=municipality,
            area="helsinki",
            organisation="municipality",
        )

    results = monitor(
        registered(1, "2021-01-02"),
        answer(5),
        answer(3),
        answer(4),
        answer(2, municipality="049"),
        first="2021-01-01",
        last="2021-01-01",
    )
    answers = figure(results, "wellbeing_answers", "2021-01-01")
    assert (answers["value"], answers["persons"]) == (3, 3)  # anonymous: one person an answer
    assert value(results, "wellbeing_mean", "2021-01-01") == pytest.approx(4.0)
    assert value(results, "wellbeing_good_share", "2021-01-01") == pytest.approx(2 / 3)
    assert value(
        results, "wellbeing_mean", "2021-01-01", grouping="country", group="FI"
    ) == pytest.approx(14 / 4)


def test_work_ability_change_counts_a_previous_score_from_outside_the_target_group():
    results = monitor(
        not_target(5, "2020-12-01"),
        assessed(5, "2020-12-10", 2),
        event(5, "deregistered", "2020-12-20", subtype="employed"),
        registered(5, "2021-01-04"),
        assessed(5, "2021-02-10", 5),
        first="2021-02-01",
        last="2021-02-01",
    )
    # the February score 5 follows December's 2: +3, though December was outside the group
    change = figure(results, "work_ability_change_mean", "2021-02-01")
    assert (change["numerator"], change["denominator"]) == (3, 1)


# -- what the indicators read ----------------------------------------------------------------


@pytest.mark.parametrize("number", sorted(INDICATORS))
def test_each_indicator_reads_only_the_panel_columns_monitor_builds(synthetic_directory, number):
    # monitor builds PANEL_COLUMNS only; an indicator reading another column fails here
    events, last_month = scan(synthetic_directory), day("2021-05-01")
    full = build_panel(events, last_month)
    built = build_panel(events, last_month, columns=PANEL_COLUMNS)
    assert set(built.frame.columns) < set(full.frame.columns)

    def parts(panel):
        sources = Sources(panel, events, parameters(), month_end(last_month))
        keys = ["measure", "municipality", "month"]
        return INDICATORS[number].parts(sources).collect().sort(keys)

    assert parts(built).equals(parts(full))
