"""The synthetic register extract: sized by the statistics, valid, reproducible, calibrated."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import polars as pl
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from polars.testing import assert_frame_equal

from kuntakokeilu.reference import reference_data
from kuntakokeilu.register import read_register
from kuntakokeilu.register.intake import REGISTER_COLUMNS
from kuntakokeilu.register.management.commands.generate_register import Command
from kuntakokeilu.register.synthetic import (
    SyntheticRegisterError,
    generate_register,
    write_register,
)
from kuntakokeilu.rules.identity import birth_date_expr, problem_expr
from kuntakokeilu.rules.target_group import Context, decide_register

EXPERIMENT_START = dt.date(2021, 3, 1)  # 2021 division, past the statistics: the scenario
IN_STATISTICS = dt.date(2020, 6, 15)  # sized by the unemployed at the end of May 2020
BEFORE_COVID = dt.date(2020, 1, 1)  # sized by the unemployed at the end of December 2019
CLIENTS_PER_UNEMPLOYED = 2.5
OTHERS_PER_UNEMPLOYED_2019 = CLIENTS_PER_UNEMPLOYED - 1  # the other statuses, 2019 level
UNEMPLOYED = ("unemployed", "laid_off")


@pytest.fixture(scope="module")
def small() -> pl.DataFrame:
    """A 5 % register on the first day of the experiments, with birth dates."""
    frame = generate_register(EXPERIMENT_START, 0.05, seed=7)
    return frame.with_columns(birth_date_expr(pl.col("person_id")).alias("birth_date"))


def written(folder: Path, name: str, on: dt.date, scale: float, seed: int) -> bytes:
    path = folder / name
    write_register(generate_register(on, scale, seed), path)
    return path.read_bytes()


def unemployed_in_may_2020() -> pl.DataFrame:
    monthly = reference_data().jobseekers_monthly
    return monthly.filter(pl.col("month") == dt.date(2020, 5, 1)).select(
        "code", "unemployed_jobseekers"
    )


def unemployed_2019_mean() -> pl.DataFrame:
    """Mean unemployed job seekers 2019-01..2019-12 per municipality (2020 division)."""
    mean = reference_data().unemployed_jobseekers(BEFORE_COVID, 12)
    assert (mean["first_month"][0], mean["last_month"][0]) == (
        dt.date(2019, 1, 1),
        dt.date(2019, 12, 1),
    )
    return mean.select("code", pl.col("unemployed_jobseekers").alias("mean_2019"))


def counts_by_municipality(register: pl.DataFrame) -> pl.DataFrame:
    """All job seekers, and the unemployed + laid off, per home municipality."""
    counts = register.group_by(pl.col("home_municipality").alias("code")).agg(
        pl.len().alias("all"), pl.col("status").is_in(UNEMPLOYED).sum().alias("unemployed")
    )
    return counts.cast({"all": pl.Int64, "unemployed": pl.Int64})


# -- reproducible --------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["a.csv", "a.parquet"])
def test_same_seed_gives_a_byte_identical_file(tmp_path, name):
    first = written(tmp_path / "1", name, EXPERIMENT_START, 0.01, seed=3)
    second = written(tmp_path / "2", name, EXPERIMENT_START, 0.01, seed=3)
    assert first == second


def test_different_seeds_give_different_registers():
    first = generate_register(EXPERIMENT_START, 0.01, seed=3)
    second = generate_register(EXPERIMENT_START, 0.01, seed=4)
    assert first.height == second.height  # sizes come from the statistics, not the seed
    assert not first.equals(second)


# -- sized by the statistics ---------------------------------------------------------------


def test_register_has_the_register_md_columns_and_names_as_extra_columns(small):
    assert tuple(small.drop("birth_date").columns) == (
        *REGISTER_COLUMNS,
        "first_names",
        "last_name",
    )


def test_swedish_speakers_get_names_from_the_swedish_list(small):
    from kuntakokeilu.register.synthetic import FIRST_NAMES

    swedish = small.filter(pl.col("language") == "sv")
    assert swedish["first_names"].is_in(list(FIRST_NAMES["sv"])).all()
    assert small["last_name"].null_count() == 0


def test_every_municipality_with_20_expected_job_seekers_appears_in_proportion():
    # unemployed + laid off: the date's unemployed job seekers; the others: 1.5 x the 2019 mean
    given = (
        unemployed_in_may_2020()
        .join(unemployed_2019_mean(), on="code")
        .with_columns(
            (pl.col("unemployed_jobseekers") * 0.05).alias("expected_unemployed"),
            (pl.col("mean_2019") * OTHERS_PER_UNEMPLOYED_2019 * 0.05).alias("expected_other"),
        )
        .with_columns((pl.col("expected_unemployed") + pl.col("expected_other")).alias("expected"))
    )
    register = generate_register(IN_STATISTICS, 0.05, seed=1)
    compared = given.filter(pl.col("expected") >= 20).join(
        counts_by_municipality(register), on="code", how="left"
    )
    assert compared.height > 200
    assert compared["all"].null_count() == 0
    assert (compared["all"] - compared["expected"]).abs().max() <= 0.5
    assert (compared["unemployed"] - compared["expected_unemployed"]).abs().max() <= 0.5
    others = compared["all"] - compared["unemployed"]
    assert (others - compared["expected_other"]).abs().max() <= 1.0


def test_covid_unemployment_raises_only_the_unemployed_and_laid_off():
    before = counts_by_municipality(generate_register(BEFORE_COVID, 0.05, seed=1))
    peak = counts_by_municipality(generate_register(IN_STATISTICS, 0.05, seed=1))
    both = before.join(peak, on="code", suffix="_peak")
    others = both["all"] - both["unemployed"]
    others_peak = both["all_peak"] - both["unemployed_peak"]
    assert (others_peak - others).abs().max() <= 1  # the 2019 level on both dates, rounded
    assert both["unemployed_peak"].sum() > 1.5 * both["unemployed"].sum()
    assert 30_000 <= before["all"].sum() <= 32_000  # about 600 000 at scale 1


def test_on_the_2021_division_honkajoki_is_counted_in_kankaanpaa(small):
    assert small.filter(pl.col("home_municipality") == "099").is_empty()
    kankaanpaa = small.filter(pl.col("home_municipality") == "214").height
    scenario = reference_data().unemployed_jobseekers(EXPERIMENT_START, 12)
    statistics = scenario.join(unemployed_2019_mean(), on="code")
    both = statistics.filter(pl.col("code").is_in(["099", "214"]))
    expected = both["unemployed_jobseekers"].sum() + both["mean_2019"].sum() * 1.5
    assert kankaanpaa == pytest.approx(expected * 0.05, abs=0.5)


def test_unemployed_and_laid_off_are_the_scenarios_unemployed_over_the_register(small):
    scenario = reference_data().unemployed_jobseekers(EXPERIMENT_START, 12)
    unemployed = scenario["unemployed_jobseekers"].sum()
    others = unemployed_2019_mean()["mean_2019"].sum() * OTHERS_PER_UNEMPLOYED_2019
    share = small["status"].is_in(UNEMPLOYED).mean()
    assert share == pytest.approx(unemployed / (unemployed + others), abs=0.002)  # about 47.5 %


def test_in_each_municipality_a_fifth_of_the_unemployed_are_laid_off_in_2021(small):
    laid_off = small.group_by("home_municipality").agg(
        (pl.col("status") == "laid_off").sum() - 0.20 * pl.col("status").is_in(UNEMPLOYED).sum()
    )
    assert laid_off["status"].abs().max() < 1  # laid out systematically, not drawn


def test_every_status_occurs(small):
    assert set(small["status"]) == {
        "unemployed",
        "laid_off",
        "in_services",
        "in_training",
        "subsidised_employment",
        "employed",
        "short_week",
        "other",
    }


def test_te_office_is_the_home_municipalitys(small):
    offices = (
        reference_data()
        .municipalities(EXPERIMENT_START)
        .select(pl.col("code").alias("home_municipality"), "te_office_fi")
    )
    joined = small.join(offices, on="home_municipality", how="left")
    assert joined.filter(pl.col("te_office").ne_missing(pl.col("te_office_fi"))).is_empty()


# -- identity codes ------------------------------------------------------------------------


def test_all_identity_codes_are_valid_permanent_and_unique(small):
    problems = small.select(problem_expr(pl.col("person_id"), allow_temporary=False))
    assert problems.to_series().null_count() == small.height
    assert small["person_id"].n_unique() == small.height


def test_both_century_sign_families_occur(small):
    signs = set(small["person_id"].str.slice(6, 1))
    assert "-" in signs
    assert "A" in signs
    assert signs & set("YXWVU")
    assert signs & set("BCDEF")


def test_ages_are_17_to_66_on_the_extract_date(small):
    ages = small.select(
        (pl.lit(EXPERIMENT_START) - pl.col("birth_date")).dt.total_days() / 365.25
    ).to_series()
    assert ages.min() >= 16.99
    assert ages.max() < 67


# -- dates ---------------------------------------------------------------------------------


def test_no_date_is_after_the_extract_date(small):
    assert small["registered_on"].max() <= EXPERIMENT_START
    assert small["unemployed_since"].max() <= EXPERIMENT_START


def test_no_job_search_or_unemployment_starts_before_the_16th_birthday(small):
    sixteen = pl.col("birth_date").dt.offset_by("16y")
    assert small.filter(pl.col("registered_on") < sixteen).is_empty()
    assert small.filter(pl.col("unemployed_since") < sixteen).is_empty()


def test_unemployed_since_is_given_exactly_for_the_unemployed_and_laid_off(small):
    given = small["unemployed_since"].is_not_null()
    assert given.equals(small["status"].is_in(UNEMPLOYED), check_names=False)


def test_job_search_starts_no_later_than_the_unemployment(small):
    assert small.filter(pl.col("registered_on") > pl.col("unemployed_since")).is_empty()


def test_a_quarter_to_a_third_of_the_unemployed_are_long_term_unemployed(small):
    unemployed = small.filter(pl.col("unemployed_since").is_not_null())
    days = (pl.lit(EXPERIMENT_START) - pl.col("unemployed_since")).dt.total_days()
    share = unemployed.select((days >= 365).mean()).item()
    assert 0.22 <= share <= 0.33


# -- people --------------------------------------------------------------------------------


def test_swedish_is_more_common_in_swedish_municipalities_than_finnish_ones(small):
    status = (
        reference_data()
        .municipalities(EXPERIMENT_START)
        .select(pl.col("code").alias("home_municipality"), "language_status")
    )
    shares = (
        small.join(status, on="home_municipality")
        .group_by("language_status")
        .agg((pl.col("language") == "sv").mean().alias("swedish"))
    )
    swedish = dict(shares.iter_rows())
    assert swedish["sv"] > 0.7
    assert swedish["fi"] < 0.03
    assert swedish["bilingual_sv_majority"] > swedish["bilingual_fi_majority"] > swedish["fi"]


def test_foreign_languages_are_more_common_in_helsinki_than_in_small_municipalities(small):
    foreign = ~pl.col("language").is_in(["fi", "sv", "se"])
    helsinki = small.filter(pl.col("home_municipality") == "091").select(foreign.mean()).item()
    others = small.filter(pl.col("home_municipality") != "091").select(foreign.mean()).item()
    assert helsinki > 2 * others


def test_earnings_related_entitlement_is_rarer_for_the_young_and_immigrants(small):
    young = pl.col("birth_date") > dt.date(1996, 3, 1)
    share = small.group_by(young.alias("young"), "immigrant").agg(pl.col("earnings_related").mean())
    by_group = {(y, i): s for y, i, s in share.iter_rows()}
    assert by_group[(True, False)] < by_group[(False, False)]
    assert by_group[(False, True)] < by_group[(False, False)]


# -- the calibration -----------------------------------------------------------------------


def test_scale_1_on_the_first_day_refers_the_published_size_of_the_target_group():
    # Takes a few seconds: the whole of Finland (about 690 000 job seekers) is drawn.
    register = generate_register(EXPERIMENT_START, 1.0, seed=0).with_columns(
        birth_date_expr(pl.col("person_id")).alias("birth_date")
    )
    decisions = decide_register(register, Context.on_date(EXPERIMENT_START)).collect()
    referred = decisions.filter(pl.col("decision") == "refer").height
    assert 189_000 <= referred <= 240_000


# -- files ---------------------------------------------------------------------------------


def test_csv_and_parquet_hold_the_same_register(tmp_path):
    frame = generate_register(EXPERIMENT_START, 0.01, seed=5)
    write_register(frame, tmp_path / "r.csv")
    write_register(frame, tmp_path / "r.parquet")
    from_csv = pl.read_csv(
        tmp_path / "r.csv",
        schema_overrides={"home_municipality": pl.String},
        try_parse_dates=True,
    )
    assert_frame_equal(from_csv, pl.read_parquet(tmp_path / "r.parquet"))
    assert_frame_equal(from_csv, frame)


@pytest.mark.parametrize("name", ["register.csv", "register.parquet"])
def test_generated_file_passes_intake_with_nothing_rejected(tmp_path, name):
    path = tmp_path / name
    write_register(generate_register(EXPERIMENT_START, 0.02, seed=2), path)
    intake = read_register(path, EXPERIMENT_START, allow_temporary_codes=False)
    assert intake.rejected.is_empty()
    assert intake.accepted.height == intake.rows_read > 0


def test_other_file_extensions_are_refused(tmp_path):
    frame = generate_register(EXPERIMENT_START, 0.01, seed=5)
    with pytest.raises(SyntheticRegisterError, match=r"\.csv or \.parquet"):
        write_register(frame, tmp_path / "register.xlsx")
    assert list(tmp_path.iterdir()) == []


def test_scale_must_be_above_zero():
    with pytest.raises(SyntheticRegisterError, match="positive"):
        generate_register(EXPERIMENT_START, 0.0)


# -- the command ---------------------------------------------------------------------------


def run(**options) -> None:
    call_command(Command(), **({"on": "2021-03-01", "scale": "0.01", "seed": "1"} | options))


def test_command_writes_the_register_and_reports_progress(tmp_path, capsys):
    run(out=tmp_path / "register.parquet")
    printed = capsys.readouterr().out
    assert "scenario: mean unemployed job seekers 2019-11..2020-10" in printed
    assert "6,874 job seekers in 309 municipalities (3,273 unemployed or laid off" in printed
    assert "wrote 6,874 job seekers" in printed
    assert pl.read_parquet(tmp_path / "register.parquet").height == 6_874


def test_command_help_names_every_option():
    text = Command().create_parser("kuntakokeilu", "generate_register").format_help()
    for option in ("--on", "--scale", "--seed", "--out", ".parquet", "byte-identical"):
        assert option in text


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"scale": "0"}, "must be a number above 0"),
        ({"scale": "-1"}, "must be a number above 0"),
        ({"scale": "lots"}, "is not a number"),
        ({"on": "2021-02-30"}, "is not a date"),
        ({"on": "2019-11-01"}, "no municipal division is known"),
        ({"seed": "-3"}, "whole number"),
    ],
)
def test_command_refuses_bad_arguments_and_writes_nothing(tmp_path, options, message):
    with pytest.raises(CommandError, match=message):
        run(out=tmp_path / "register.csv", **options)
    assert list(tmp_path.iterdir()) == []


def test_command_refuses_an_unknown_extension_before_drawing(tmp_path):
    with pytest.raises(CommandError, match=r"\.csv or \.parquet"):
        run(out=tmp_path / "register.txt")
