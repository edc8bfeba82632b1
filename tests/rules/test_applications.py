"""Assessing applications against the criteria: boundaries, the real 2020 round, both forms."""

import datetime as dt

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kuntakokeilu.reference import reference_data
from kuntakokeilu.reference.data import DATA_DIR
from kuntakokeilu.rules.applications import (
    FAIL,
    MAX_CLIENT_SHARE,
    MIN_POPULATION,
    ONE_ELY_AREA,
    PASS,
    WAIVED,
    WAIVER_NEEDED,
    Application,
    AssessmentContext,
    application_problems,
    applications_from_frame,
    assess_frame,
    assess_one,
    build_context,
    results_frame,
    with_joined_areas,
)

REF = reference_data()
ROUND_2020 = dt.date(2020, 6, 30)


def context(**overrides) -> AssessmentContext:
    """A hand-made context: two municipalities A (ELY 01) and B (ELY 02)."""
    values = dict(
        on=ROUND_2020,
        min_population=30_000,
        max_share=0.40,
        population={"001": 20_000, "002": 10_000},
        ely_of={"001": "01", "002": "02"},
        share_by_ely={"01": 0.40, "02": 0.41},
        population_year=2019,
        counts_source="test",
    )
    return AssessmentContext(**(values | overrides))


def result_of(app: Application, criterion: str, ctx: AssessmentContext) -> str:
    return next(r.result for r in assess_one(app, ctx) if r.criterion == criterion)


def test_a_combined_population_of_exactly_30000_passes():
    app = Application("A", ("001", "002"))
    ctx = context(ely_of={"001": "01", "002": "01"})
    assert result_of(app, MIN_POPULATION, ctx) == PASS


def test_a_population_one_short_of_30000_needs_a_waiver():
    app = Application("A", ("001", "002"))
    ctx = context(population={"001": 20_000, "002": 9_999})
    assert result_of(app, MIN_POPULATION, ctx) == WAIVER_NEEDED


def test_a_recorded_waiver_turns_waiver_needed_into_waived_with_its_reason():
    app = Application("A", ("002",))
    ctx = context(waivers={("A", MIN_POPULATION): "sparsely populated border region"})
    result = next(r for r in assess_one(app, ctx) if r.criterion == MIN_POPULATION)
    assert (result.result, result.waiver_reason) == (WAIVED, "sparsely populated border region")


def test_two_ely_areas_fail_and_cannot_be_waived():
    app = Application("A", ("001", "002"))
    ctx = context(waivers={("A", ONE_ELY_AREA): "please"})
    assert result_of(app, ONE_ELY_AREA, ctx) == FAIL


def test_a_client_share_of_exactly_40_percent_passes_and_above_needs_a_waiver():
    assert result_of(Application("A", ("001",)), MAX_CLIENT_SHARE, context()) == PASS
    assert result_of(Application("B", ("002",)), MAX_CLIENT_SHARE, context()) == WAIVER_NEEDED


def test_joroinen_and_kuopio_lie_in_two_ely_areas_in_2020_and_in_one_from_2021():
    apps = [Application("X", ("297", "171"))]  # Kuopio, Joroinen (Etelä-Savo until 2020)
    assert result_of(apps[0], ONE_ELY_AREA, build_context(apps, ROUND_2020)) == FAIL
    on_2021 = dt.date(2021, 1, 1)
    assert result_of(apps[0], ONE_ELY_AREA, build_context(apps, on_2021)) == PASS


# -- the real 2020 round ------------------------------------------------------------------


@pytest.fixture(scope="module")
def round_2020() -> pl.DataFrame:
    frame = pl.read_csv(DATA_DIR / "applications_2020.csv", infer_schema=False)
    apps = with_joined_areas(applications_from_frame(frame), REF)
    return assess_frame(apps, build_context(apps, ROUND_2020))


def results(frame: pl.DataFrame, criterion: str, result: str) -> list[str]:
    rows = frame.filter((pl.col("criterion") == criterion) & (pl.col("result") == result))
    return sorted(rows["application_id"])


def test_every_2020_application_meets_the_population_criterion(round_2020):
    assert results(round_2020, MIN_POPULATION, PASS) == sorted(
        round_2020["application_id"].unique()
    )


def test_additions_to_existing_areas_are_assessed_together_with_the_area(round_2020):
    ulvila = round_2020.filter(
        (pl.col("application_id") == "S07") & (pl.col("criterion") == MIN_POPULATION)
    ).row(0, named=True)
    assert ulvila["value"] > 30_000
    assert "together with pori" in ulvila["detail"]


def test_maisema_karjala_is_flagged_for_lying_in_two_ely_areas_in_2020(round_2020):
    # Heinävesi belonged to Etelä-Savo until the end of 2020
    assert results(round_2020, ONE_ELY_AREA, FAIL) == ["S02"]


def test_ely_areas_over_40_percent_are_flagged(round_2020):
    # Kainuu (14), Pirkanmaa (05) and North Karelia (09, with the Maisema-Karjala application)
    flagged = round_2020.filter(
        (pl.col("criterion") == MAX_CLIENT_SHARE) & (pl.col("result") == WAIVER_NEEDED)
    )
    assert set(flagged["application_id"]) == {"F06", "F09", "F11", "S02"}
    assert (flagged["value"] > 0.40).all()


def test_ely_areas_under_40_percent_pass(round_2020):
    helsinki = round_2020.filter(
        (pl.col("application_id") == "F17") & (pl.col("criterion") == MAX_CLIENT_SHARE)
    ).row(0, named=True)
    assert helsinki["result"] == PASS
    assert 0.30 < helsinki["value"] <= 0.40


def test_a_register_extract_replaces_the_statistical_estimate():
    apps = [Application("A", ("091",))]
    counts = pl.DataFrame(
        {"code": ["091", "049"], "clients": [100.0, 100.0], "target_group": [90.0, 10.0]}
    )
    ctx = build_context(apps, ROUND_2020, counts=counts)
    share = next(r for r in assess_one(apps[0], ctx) if r.criterion == MAX_CLIENT_SHARE)
    assert share.value == pytest.approx(90 / 200)
    assert "register extract" in share.detail


# -- bad input ------------------------------------------------------------------------------


def test_every_problem_is_named_with_its_row():
    apps = [
        Application("A", ("091", "999")),
        Application("B", ()),
        Application("A", ("049",)),
        Application("C", ("092", "092")),
        Application("", ("049",)),
    ]
    problems = application_problems(apps, dt.date(2021, 3, 1), REF)
    assert problems == [
        "row 1: application A: unknown municipality code 999 on 2021-03-01: not a municipality "
        "code in any known division; check the 3-digit kuntanumero",
        "row 2: application B names no municipalities",
        "row 3: application_id A already appears on row 1; give each application once",
        "row 4: application C names 092 twice",
        "row 5: application_id is empty",
    ]


def test_a_retired_municipality_code_is_refused_with_what_happened_to_it():
    problems = application_problems([Application("A", ("099",))], dt.date(2021, 3, 1), REF)
    assert problems == [
        "row 1: application A: unknown municipality code 099 on 2021-03-01: Honkajoki (099) no "
        "longer exists in the division in force from 2021-01-01 (merged); use the code of the "
        "municipality it joined"
    ]


def test_an_addition_to_an_unknown_area_is_refused():
    apps = with_joined_areas([Application("A", ("091",), adds_to="atlantis")], REF)
    assert "adds to 'atlantis'" in application_problems(apps, ROUND_2020, REF)[0]


# -- the two forms agree --------------------------------------------------------------------

CODES = sorted(REF.municipalities(ROUND_2020)["code"])


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.lists(st.sampled_from(CODES), min_size=1, max_size=6, unique=True),
        min_size=1,
        max_size=8,
    ),
    st.sets(st.tuples(st.integers(0, 7), st.sampled_from([MIN_POPULATION, MAX_CLIENT_SHARE]))),
)
def test_batch_and_single_application_assessments_agree(code_lists, waived):
    apps = [Application(f"A{i}", tuple(codes)) for i, codes in enumerate(code_lists)]
    waivers = {(f"A{i}", c): "reason" for i, c in waived if i < len(apps)}
    ctx = build_context(apps, ROUND_2020, waivers=waivers)
    scalar = results_frame([r for app in apps for r in assess_one(app, ctx)])
    assert assess_frame(apps, ctx).equals(scalar)
