"""The shipped reference data answers for the municipal division in force on a date."""

import datetime as dt
import shutil

import polars as pl
import pytest

from kuntakokeilu.reference import ReferenceData, ReferenceError, UnknownMunicipality
from kuntakokeilu.reference.data import DATA_DIR

BEFORE_MERGER = dt.date(2020, 12, 31)
AFTER_MERGER = dt.date(2021, 1, 1)


@pytest.fixture(scope="module")
def ref() -> ReferenceData:
    return ReferenceData()


def test_the_2020_division_has_310_municipalities_and_the_2021_division_309(ref):
    assert ref.municipalities(BEFORE_MERGER).height == 310
    assert ref.municipalities(AFTER_MERGER).height == 309


def test_honkajoki_exists_until_its_merger_into_kankaanpaa(ref):
    assert ref.municipality("099", BEFORE_MERGER).name_fi == "Honkajoki"
    with pytest.raises(UnknownMunicipality, match=r"Honkajoki \(099\) no longer exists"):
        ref.municipality("099", AFTER_MERGER)


def test_an_unknown_code_says_it_is_in_no_known_division(ref):
    with pytest.raises(UnknownMunicipality, match="unknown municipality code 999 on 2021-03-01"):
        ref.municipality("999", dt.date(2021, 3, 1))


@pytest.mark.parametrize(
    ("code", "ely_2020", "ely_2021"),
    [
        ("090", "07", "09"),  # Heinävesi: Etelä-Savo -> Pohjois-Karjala
        ("142", "06", "04"),  # Iitti: Kymenlaakso -> Päijät-Häme
        ("152", "12", "11"),  # Isokyrö: Pohjanmaa -> Etelä-Pohjanmaa
        ("171", "07", "08"),  # Joroinen: Etelä-Savo -> Pohjois-Savo
        ("291", "10", "05"),  # Kuhmoinen: Keski-Suomi -> Pirkanmaa
    ],
)
def test_the_five_municipalities_that_changed_region_in_2021_answer_by_date(
    ref, code, ely_2020, ely_2021
):
    assert ref.municipality(code, BEFORE_MERGER).ely_code == ely_2020
    assert ref.municipality(code, AFTER_MERGER).ely_code == ely_2021


def test_a_date_before_the_first_division_is_refused_with_the_first_date(ref):
    with pytest.raises(ReferenceError, match="starts on 2020-01-01"):
        ref.municipalities(dt.date(2019, 12, 31))


def test_names_are_given_in_finnish_swedish_and_english(ref):
    helsinki = ref.municipality("091", AFTER_MERGER)
    assert (helsinki.name("fi"), helsinki.name("sv"), helsinki.name("en")) == (
        "Helsinki",
        "Helsingfors",
        "Helsinki",
    )


def test_population_is_that_of_the_last_31_december_before_the_date(ref):
    population = ref.population(dt.date(2020, 6, 1))
    helsinki = population.filter(pl.col("code") == "091").row(0, named=True)
    assert (helsinki["year"], helsinki["population"]) == (2019, 653_835)


def test_the_national_population_totals_match_statistics_finland(ref):
    assert ref.population(dt.date(2020, 6, 1))["population"].sum() == 5_525_292
    assert ref.population(dt.date(2021, 6, 1))["population"].sum() == 5_533_793


def test_experiment_areas_have_members_only_from_1_march_2021_to_31_december_2024(ref):
    assert ref.area_members(dt.date(2021, 2, 28)).is_empty()
    first_day = ref.area_members(dt.date(2021, 3, 1))
    assert (first_day.height, first_day["area_id"].n_unique()) == (118, 25)
    assert ref.area_members(dt.date(2024, 12, 31)).height == 118
    assert ref.area_members(dt.date(2025, 1, 1)).is_empty()


def test_the_area_of_a_municipality_is_answered_for_a_date(ref):
    assert ref.area_of("091", dt.date(2022, 1, 1)) == "helsinki"
    assert ref.area_of("257", dt.date(2022, 1, 1)) is None  # Kirkkonummi: not accepted


def test_2025_employment_areas_are_added_as_a_data_file(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data)
    (data / "employment_areas.csv").write_text(
        "area_id,area_name,kuntanumero,municipality_fi,municipality_sv,ely_code_2020,"
        "valid_from,valid_to,round,source\n"
        "helsingin-tyollisyysalue,Helsingin työllisyysalue,091,Helsinki,Helsingfors,01,"
        "2025-01-01,2099-12-31,permanent,Act 380/2023\n",
        encoding="utf-8",
    )
    ref = ReferenceData(data)
    assert ref.area_of("091", dt.date(2025, 1, 1)) == "helsingin-tyollisyysalue"
    assert ref.area_of("091", dt.date(2025, 1, 1), kind="experiment_area") is None
    assert ref.area_of("091", dt.date(2024, 12, 31), kind="experiment_area") == "helsinki"


def test_unemployed_job_seekers_are_averaged_over_the_last_twelve_ended_months(ref):
    window = ref.unemployed_jobseekers(dt.date(2020, 1, 1))
    assert (window["first_month"][0], window["last_month"][0]) == (
        dt.date(2019, 1, 1),
        dt.date(2019, 12, 1),
    )
    helsinki = window.filter(pl.col("code") == "091")["unemployed_jobseekers"][0]
    assert helsinki == pytest.approx(31_260, abs=1)  # PROVENANCE.md: Helsinki 2019 average


def test_a_month_counts_only_once_it_has_ended(ref):
    assert ref.unemployed_jobseekers(dt.date(2020, 1, 31))["last_month"][0] == dt.date(2019, 12, 1)
    assert ref.unemployed_jobseekers(dt.date(2020, 2, 1))["last_month"][0] == dt.date(2020, 1, 1)
