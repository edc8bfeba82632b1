"""`kuntakokeilu assess-applications`: results as a file, every problem named, nothing partial."""

import io

import polars as pl
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from kuntakokeilu.reference.data import DATA_DIR

APPLICATIONS_2020 = DATA_DIR / "applications_2020.csv"


def assess(*args: str) -> str:
    out = io.StringIO()
    call_command("assess_applications", *args, stdout=out)
    return out.getvalue()


def test_the_2020_round_is_written_one_row_per_application_and_criterion(tmp_path):
    out = tmp_path / "assessment.csv"
    printed = assess(str(APPLICATIONS_2020), "--on", "2020-06-30", "--out", str(out))
    results = pl.read_csv(out)
    assert results.height == 32 * 3
    assert results.columns == [
        "application_id",
        "criterion",
        "value",
        "threshold",
        "result",
        "detail",
        "waiver_reason",
    ]
    assert "32 applications assessed" in printed


def test_without_out_the_results_are_printed_as_a_table():
    printed = assess(str(APPLICATIONS_2020), "--on", "2020-06-30")
    assert "S02    ONE_ELY_AREA" in printed
    assert "45.6%" in printed or "waiver_needed" in printed


def test_granted_waivers_are_shown_as_waived(tmp_path):
    waivers = tmp_path / "waivers.csv"
    waivers.write_text(
        "application_id,criterion,reason\nF09,MAX_CLIENT_SHARE,whole region applies together\n",
        encoding="utf-8",
    )
    out = tmp_path / "assessment.csv"
    assess(
        str(APPLICATIONS_2020), "--on", "2020-06-30", "--waivers", str(waivers), "--out", str(out)
    )
    f09 = pl.read_csv(out).filter(
        (pl.col("application_id") == "F09") & (pl.col("criterion") == "MAX_CLIENT_SHARE")
    )
    assert f09.select("result", "waiver_reason").row(0) == (
        "waived",
        "whole region applies together",
    )


def test_bad_rows_are_all_reported_and_no_output_is_written(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("application_id,kuntanumerot\nA,091 999\nB,\n", encoding="utf-8")
    out = tmp_path / "assessment.csv"
    with pytest.raises(CommandError) as error:
        assess(str(bad), "--on", "2021-03-01", "--out", str(out))
    message = str(error.value)
    assert "2 problem(s); nothing was assessed" in message
    assert "row 1: application A: unknown municipality code 999" in message
    assert "row 2: application B names no municipalities" in message
    assert not out.exists()


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("", "is empty: it needs a header row"),
        ("application_id;kuntanumerot\nA;091\n", "lacks column(s) application_id, kuntanumerot"),
        ("application_id,kuntanumerot\n", "has a header but no rows"),
        ("id,codes\nA,091\n", "lacks column(s) application_id, kuntanumerot"),
    ],
    ids=["empty file", "semicolons", "header only", "wrong columns"],
)
def test_a_malformed_file_is_refused_whole_with_one_message(tmp_path, content, expected):
    path = tmp_path / "applications.csv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(CommandError, match=expected.replace("(", r"\(").replace(")", r"\)")):
        assess(str(path), "--on", "2020-06-30")


def test_a_latin1_file_is_refused_as_not_utf8(tmp_path):
    path = tmp_path / "applications.csv"
    path.write_bytes("application_id,kuntanumerot,nimi\nA,091,Hämeenlinna\n".encode("latin-1"))
    with pytest.raises(CommandError, match="not a readable UTF-8 CSV"):
        assess(str(path), "--on", "2020-06-30")


def test_a_missing_file_is_named(tmp_path):
    with pytest.raises(CommandError, match="does not exist"):
        assess(str(tmp_path / "nope.csv"), "--on", "2020-06-30")


def test_a_bad_date_says_the_expected_format():
    with pytest.raises(CommandError, match="not a date: give it as YYYY-MM-DD"):
        assess(str(APPLICATIONS_2020), "--on", "30.6.2020")


def test_a_date_before_the_reference_data_is_refused_clearly():
    with pytest.raises(CommandError, match="no municipal division is known for 2019-06-30"):
        assess(str(APPLICATIONS_2020), "--on", "2019-06-30")
