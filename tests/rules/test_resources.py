"""Indicative resources of an experiment area: own input, staff and quotas (D000 "Resurser").

The expected figures are computed by hand from the shipped parameters, which the first tests pin:
a changed parameter fails there first, naming what the hand computations assumed.
"""

from __future__ import annotations

import datetime as dt

import polars as pl
import pytest
from hypothesis import given
from hypothesis import strategies as st

from kuntakokeilu.rules.parameters import ParameterError, parameters
from kuntakokeilu.rules.resources import (
    Quota,
    area_resources,
    expenditure_column,
    own_input_by_municipality,
    own_input_eur,
    own_input_total_eur,
    quota_services,
    quotas,
    quotas_by_area,
    resources_by_area,
    segment_names,
    staff_allocation,
    staff_by_area,
)

ON = dt.date(2021, 3, 1)
SEGMENTS = ("job_placement", "competence_development", "supported_employment")
SERVICES = ("wage_subsidy", "start_up_grant", "training")


def by_service(result: tuple[Quota, ...]) -> dict[str, Quota]:
    return {q.service: q for q in result}


def areas(rows: list[dict[str, object]]) -> pl.DataFrame:
    return pl.DataFrame(rows, schema={"area_id": pl.String, "clients": pl.Float64})


# -- the parameters the hand computations assume -----------------------------------------------


def test_hand_computations_assume_the_shipped_staffing_parameters():
    assert parameters().value("service_need_segments", ON) == {
        "job_placement": 0.35,
        "competence_development": 0.30,
        "supported_employment": 0.35,
    }
    assert parameters().value("staff_clients_per_worker", ON) == {
        "job_placement": 300,
        "competence_development": 200,
        "supported_employment": 140,
    }
    assert parameters().value("staff_te_office_retained_share", ON) == 0.10


def test_hand_computations_assume_the_shipped_quota_and_own_input_parameters():
    assert parameters().value("quota_service_use", ON) == {
        "wage_subsidy": {"share": 0.060, "unit_cost_eur": 9000},
        "start_up_grant": {"share": 0.008, "unit_cost_eur": 5500},
        "training": {"share": 0.075, "unit_cost_eur": 6500},
    }
    assert parameters().value("municipal_own_input_ratio", ON) == {"ratio": 0.15, "base_year": 2018}


def test_segments_and_services_are_named_in_parameter_order():
    assert segment_names(ON) == SEGMENTS
    assert quota_services(ON) == SERVICES


# -- 1. municipal own input ----------------------------------------------------------------------


def test_municipality_spending_one_million_in_2018_has_own_input_reference_of_150_000():
    assert own_input_eur(1_000_000, ON) == pytest.approx(150_000)


def test_municipality_frame_reads_the_expenditure_of_the_base_year_2018():
    assert expenditure_column(ON) == "lms_expenditure_2018_eur"


def test_area_own_input_is_the_sum_over_its_municipalities():
    municipalities = pl.DataFrame(
        {"code": ["091", "049"], "lms_expenditure_2018_eur": [1_000_000, 2_500_000]}
    )
    assert own_input_total_eur(municipalities, ON) == pytest.approx(525_000)


def test_each_municipality_gets_its_own_input_in_the_frame():
    municipalities = pl.DataFrame(
        {"code": ["091", "049"], "lms_expenditure_2018_eur": [1_000_000, 2_500_000]}
    )
    result = own_input_by_municipality(municipalities, ON)
    assert result["own_input_eur"].to_list() == pytest.approx([150_000, 375_000])


def test_negative_expenditure_is_refused_naming_the_input():
    with pytest.raises(ValueError, match="base_year_expenditure_eur"):
        own_input_eur(-1, ON)


def test_negative_expenditure_in_a_frame_is_refused_naming_column_and_municipality():
    municipalities = pl.DataFrame(
        {"code": ["091", "049"], "lms_expenditure_2018_eur": [1_000_000, -5]}
    )
    with pytest.raises(ValueError, match=r"lms_expenditure_2018_eur .*refused for code 049"):
        own_input_total_eur(municipalities, ON)


def test_missing_expenditure_in_a_frame_is_refused():
    municipalities = pl.DataFrame(
        {"code": ["091"], "lms_expenditure_2018_eur": [None]},
        schema={"code": pl.String, "lms_expenditure_2018_eur": pl.Float64},
    )
    with pytest.raises(ValueError, match="refused for code 091"):
        own_input_total_eur(municipalities, ON)


def test_no_figures_before_the_parameters_take_effect():
    with pytest.raises(ParameterError, match="municipal_own_input_ratio"):
        own_input_eur(1_000_000, dt.date(2019, 10, 7))


# -- 2. staff ------------------------------------------------------------------------------------


def test_189_000_clients_split_by_shipped_segment_shares_need_just_under_900_workers():
    # 189 000 × 0.35 / 300 = 220.5; × 0.30 / 200 = 283.5; × 0.35 / 140 = 472.5; sum 976.5;
    # less the TE office's 10 %: 878.85 ("knappt 900", D004).
    staff = staff_allocation(189_000, ON)
    assert staff.workers == pytest.approx(878.85)


def test_189_000_clients_are_split_into_segment_workers_by_hand():
    staff = staff_allocation(189_000, ON)
    assert [s.segment for s in staff.segments] == list(SEGMENTS)
    assert [s.clients for s in staff.segments] == pytest.approx([66_150, 56_700, 66_150])
    assert [s.workers for s in staff.segments] == pytest.approx([198.45, 255.15, 425.25])
    assert staff.clients == pytest.approx(189_000)


def test_clients_given_by_segment_are_used_as_given():
    clients = {"job_placement": 3000, "competence_development": 2000, "supported_employment": 1400}
    # 10 + 10 + 10 workers, less 10 %
    assert staff_allocation(clients, ON).workers == pytest.approx(27.0)


def test_staff_is_rounded_for_display_only():
    staff = staff_allocation(189_000, ON)
    assert str(staff).startswith("878.9 workers (job_placement ")
    assert staff.workers != round(staff.workers, 1)


def test_zero_client_area_gets_no_staff():
    assert staff_allocation(0, ON).workers == 0


def test_unknown_segment_is_refused_naming_it():
    clients = {"job_placement": 1, "competence_development": 1, "supported_employment": 1, "x": 1}
    with pytest.raises(ValueError, match="unknown: x"):
        staff_allocation(clients, ON)


def test_missing_segment_is_refused_naming_it():
    with pytest.raises(ValueError, match="missing: competence_development, supported_employment"):
        staff_allocation({"job_placement": 10}, ON)


@pytest.mark.parametrize(
    ("clients", "named"),
    [
        pytest.param(-1, "clients", id="negative total"),
        pytest.param(float("nan"), "clients", id="not a number"),
        pytest.param(
            {"job_placement": 1, "competence_development": -2, "supported_employment": 1},
            "clients in segment 'competence_development'",
            id="negative segment",
        ),
    ],
)
def test_invalid_clients_are_refused_naming_the_input(clients, named):
    with pytest.raises(ValueError, match=f"^{named} must be a non-negative finite number"):
        staff_allocation(clients, ON)


# -- 3. quotas -----------------------------------------------------------------------------------


def test_area_of_10_000_clients_gets_todays_share_of_each_service_at_todays_unit_cost():
    result = by_service(quotas(10_000, ON))
    assert result["wage_subsidy"].places == pytest.approx(600)  # 10 000 × 6 %
    assert result["wage_subsidy"].euros == pytest.approx(5_400_000)  # × 9 000 €
    assert result["start_up_grant"].places == pytest.approx(80)
    assert result["start_up_grant"].euros == pytest.approx(440_000)
    assert result["training"].places == pytest.approx(750)
    assert result["training"].euros == pytest.approx(4_875_000)


def test_ten_months_of_2021_get_ten_twelfths_of_the_yearly_quota():
    wage_subsidy = by_service(quotas(12_000, ON, period_months=10))["wage_subsidy"]
    assert wage_subsidy.places == pytest.approx(600)  # 12 000 × 6 % × 10/12
    assert wage_subsidy.euros == pytest.approx(5_400_000)


def test_zero_client_area_gets_zero_quotas():
    assert quotas(0, ON) == tuple(Quota(k, 0.0, 0.0) for k in SERVICES)


def test_zero_client_area_gets_zero_quotas_in_the_area_frame():
    result = quotas_by_area(areas([{"area_id": "A", "clients": 0}]), ON)
    assert result.select(pl.exclude("area_id", "clients")).row(0) == (0.0,) * 6


def test_negative_clients_are_refused_for_quotas_naming_the_input():
    with pytest.raises(ValueError, match=r"^clients must be a non-negative"):
        quotas(-10, ON)


@pytest.mark.parametrize("months", [-1, 13])
def test_period_outside_one_year_is_refused_naming_period_months(months):
    with pytest.raises(ValueError, match=r"^period_months must be"):
        quotas(100, ON, period_months=months)


# -- 4. area frames ------------------------------------------------------------------------------


def test_negative_clients_in_an_area_frame_are_refused_naming_column_and_area():
    frame = areas([{"area_id": "A", "clients": 5}, {"area_id": "B", "clients": -5}])
    with pytest.raises(ValueError, match=r"^clients must be .*refused for area_id B$"):
        resources_by_area(frame, ON)


def test_area_frame_without_clients_is_refused():
    with pytest.raises(ValueError, match=r"lacks the column.*clients"):
        staff_by_area(pl.DataFrame({"area_id": ["A"]}), ON)


def test_area_frame_with_only_some_segment_columns_is_refused_naming_the_missing():
    frame = pl.DataFrame({"area_id": ["A"], "clients": [10.0], "clients_job_placement": [10.0]})
    with pytest.raises(
        ValueError, match="lacks clients_competence_development, clients_supported_employment"
    ):
        staff_by_area(frame, ON)


def test_segment_columns_that_do_not_add_up_to_clients_are_refused():
    frame = pl.DataFrame(
        {
            "area_id": ["A"],
            "clients": [100.0],
            "clients_job_placement": [10.0],
            "clients_competence_development": [10.0],
            "clients_supported_employment": [10.0],
        }
    )
    with pytest.raises(ValueError, match="add up to clients; they do not for area_id A"):
        staff_by_area(frame, ON)


def test_area_frame_gets_the_hand_computed_figures():
    result = resources_by_area(areas([{"area_id": "A", "clients": 189_000}]), ON)
    assert result["workers"].item() == pytest.approx(878.85)
    assert result["wage_subsidy_places"].item() == pytest.approx(11_340)  # 189 000 × 6 %


# -- scalar and vectorised forms agree -----------------------------------------------------------


def assert_row_equals_scalar(row: dict[str, object], period_months: float) -> None:
    segments = {s: row[f"clients_{s}"] for s in SEGMENTS if f"clients_{s}" in row}
    clients = segments or row["clients"]
    expected = area_resources(row["area_id"], clients, ON, period_months)
    for s in expected.staff.segments:
        assert row[f"workers_{s.segment}"] == pytest.approx(s.workers, rel=1e-12, abs=1e-12)
    assert row["workers"] == pytest.approx(expected.staff.workers, rel=1e-12, abs=1e-12)
    for q in expected.quotas:
        assert row[f"{q.service}_places"] == pytest.approx(q.places, rel=1e-12, abs=1e-12)
        assert row[f"{q.service}_euros"] == pytest.approx(q.euros, rel=1e-12, abs=1e-12)


def assert_forms_equal(frame: pl.DataFrame, period_months: float = 12) -> None:
    result = resources_by_area(frame, ON, period_months)
    assert result.height == frame.height
    for row in result.iter_rows(named=True):
        assert_row_equals_scalar(row, period_months)


def segment_frame(rows: list[tuple[str, float, float, float]]) -> pl.DataFrame:
    columns = ["area_id", *(f"clients_{s}" for s in SEGMENTS)]
    frame = pl.DataFrame(rows, schema=columns, orient="row")
    return frame.with_columns(clients=pl.sum_horizontal(columns[1:]))


@pytest.mark.parametrize("clients", [0, 1, 189_000, 12_345.5, 3_000_000])
@pytest.mark.parametrize("period_months", [12, 10, 0.5])
def test_scalar_and_vectorised_forms_agree_on_a_total(clients, period_months):
    assert_forms_equal(areas([{"area_id": "A", "clients": clients}]), period_months)


@pytest.mark.parametrize(
    "segments",
    [(0, 0, 0), (3000, 2000, 1400), (1, 0, 0), (66_150, 56_700, 66_150), (0.5, 1e6, 7)],
)
def test_scalar_and_vectorised_forms_agree_on_clients_by_segment(segments):
    assert_forms_equal(segment_frame([("A", *segments)]))


def test_scalar_and_vectorised_own_input_agree():
    expenditures = [0.0, 1_000_000.0, 2_500_000.5, 987_654_321.0]
    frame = pl.DataFrame({"code": ["1", "2", "3", "4"], "lms_expenditure_2018_eur": expenditures})
    result = own_input_by_municipality(frame, ON)["own_input_eur"].to_list()
    assert result == pytest.approx([own_input_eur(e, ON) for e in expenditures], rel=1e-12)
    assert own_input_total_eur(frame, ON) == pytest.approx(sum(result), rel=1e-12)


amounts = st.one_of(
    st.integers(min_value=0, max_value=2_000_000),
    st.floats(min_value=0, max_value=2e6, allow_nan=False, allow_infinity=False),
)


@given(
    totals=st.lists(amounts, min_size=1, max_size=8),
    period_months=st.floats(min_value=0, max_value=12, allow_nan=False),
)
def test_forms_agree_for_any_areas_given_by_total(totals, period_months):
    rows = [{"area_id": f"A{i}", "clients": float(n)} for i, n in enumerate(totals)]
    assert_forms_equal(areas(rows), period_months)


@given(segments=st.lists(st.tuples(amounts, amounts, amounts), min_size=1, max_size=8))
def test_forms_agree_for_any_areas_given_by_segment(segments):
    rows = [(f"A{i}", *(float(n) for n in s)) for i, s in enumerate(segments)]
    assert_forms_equal(segment_frame(rows))


@given(expenditures=st.lists(amounts, min_size=1, max_size=8))
def test_own_input_forms_agree_for_any_municipalities(expenditures):
    codes = [str(i) for i in range(len(expenditures))]
    frame = pl.DataFrame(
        {"code": codes, "lms_expenditure_2018_eur": [float(e) for e in expenditures]}
    )
    expected = [own_input_eur(e, ON) for e in expenditures]
    assert own_input_by_municipality(frame, ON)["own_input_eur"].to_list() == pytest.approx(
        expected, rel=1e-12, abs=1e-12
    )
