"""`kuntakokeilu refer` and `te-office-exception` as a register officer uses them."""

import io

import polars as pl
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from kuntakokeilu.clients.models import Client, TeOfficeException
from tests.referral.sequence import CODES, MONTH_ONE, row, write_extract


def refer(*args: str) -> str:
    out = io.StringIO()
    call_command("refer", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def extract(tmp_path):
    rows = [*MONTH_ONE, row("newcomer_in_month_two", "999")]  # one bad municipality
    return write_extract(rows, tmp_path / "extract.csv")


def test_decisions_are_written_one_per_accepted_row_with_the_contract_columns(extract, tmp_path):
    out = tmp_path / "decisions.parquet"
    refer(str(extract), "--on", "2021-03-01", "--out", str(out))
    decisions = pl.read_parquet(out)
    assert decisions.columns == ["person_id", "home_municipality", "decision", "area", "reasons"]
    assert decisions.height == len(MONTH_ONE)
    helsinki = decisions.filter(pl.col("person_id") == CODES["young_helsinki_stays"]).row(0)
    assert helsinki == (
        CODES["young_helsinki_stays"],
        "091",
        "refer",
        "helsinki",
        "NO_EARNINGS_RELATED;UNDER_30",
    )


def test_rejected_rows_go_next_to_the_decisions_with_their_reasons(extract, tmp_path):
    printed = refer(str(extract), "--on", "2021-03-01", "--out", str(tmp_path / "d.csv"))
    rejected = pl.read_csv(tmp_path / "d.rejected.csv", infer_schema=False)
    assert rejected.columns == ["row", "person_id", "column", "reason"]
    assert rejected.row(0)[:3] == ("10", CODES["newcomer_in_month_two"], "home_municipality")
    assert rejected.row(0)[3].startswith("unknown municipality code 999 on 2021-03-01")
    assert "10 rows read: 9 decided, 1 rejected" in printed


def test_the_summary_counts_decisions_and_referrals_per_area(extract, tmp_path):
    printed = refer(str(extract), "--on", "2021-03-01", "--out", str(tmp_path / "d.csv"))
    assert "  refer                                8" in printed
    assert "  helsinki                                    7" in printed


def test_an_unreadable_register_is_refused_and_nothing_is_written(tmp_path):
    bad = tmp_path / "extract.csv"
    bad.write_text("person_id;home_municipality\n010594Y9032;091\n", encoding="utf-8")
    with pytest.raises(CommandError, match="';' as delimiter"):
        refer(str(bad), "--on", "2021-03-01", "--out", str(tmp_path / "d.csv"))
    assert not (tmp_path / "d.csv").exists()


def test_decisions_need_a_csv_or_parquet_name(extract, tmp_path):
    with pytest.raises(CommandError, match=r"\.csv or \.parquet"):
        refer(str(extract), "--on", "2021-03-01", "--out", str(tmp_path / "d.xlsx"))


@pytest.mark.django_db
def test_load_applies_the_run_and_writes_the_notices(extract, tmp_path):
    call_command("load_reference", stdout=io.StringIO())
    printed = refer(
        str(extract),
        "--on",
        "2021-03-01",
        "--out",
        str(tmp_path / "d.csv"),
        "--load",
        "--notices",
        str(tmp_path / "notices"),
    )
    assert Client.objects.with_area().count() == 8
    assert "newly_referred                       8" in printed
    assert "notice documents written to" in printed
    assert (tmp_path / "notices" / "notices-helsinki-sv.html").exists()


@pytest.mark.django_db
def test_a_te_office_exception_is_recorded_with_its_reason_and_masked_in_output():
    out = io.StringIO()
    call_command(
        "te_office_exception",
        "--person",
        CODES["kept_by_te_office"],
        "--kind",
        "language_rights",
        "--reason",
        "Swedish service",
        "--from",
        "2021-02-01",
        "--by",
        "te-officer",
        stdout=out,
    )
    assert TeOfficeException.objects.get().reason == "Swedish service"
    assert CODES["kept_by_te_office"] not in out.getvalue()
    assert "070594-****" in out.getvalue()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--kind", "safety", "--reason", "x", "--from", "2021-02-01", "--by", "o"],
            "give --person",
        ),
        (
            [
                "--person",
                "010594Y9033",
                "--kind",
                "safety",
                "--reason",
                "x",
                "--from",
                "2021-02-01",
                "--by",
                "o",
            ],
            "check character should be 2",
        ),
        (
            [
                "--person",
                "010594Y9032",
                "--kind",
                "safety",
                "--reason",
                "x",
                "--from",
                "2021-02-01",
                "--to",
                "2021-01-01",
                "--by",
                "o",
            ],
            "--to 2021-01-01 is before --from 2021-02-01",
        ),
        (
            [
                "--person",
                "010594Y9032",
                "--kind",
                "safety",
                "--reason",
                "  ",
                "--from",
                "2021-02-01",
                "--by",
                "o",
            ],
            "--reason is empty",
        ),
    ],
    ids=["no person", "bad identity code", "ends before it starts", "empty reason"],
)
def test_a_bad_exception_is_refused_and_nothing_is_saved(args, message):
    with pytest.raises(CommandError, match=message):
        call_command("te_office_exception", *args, stdout=io.StringIO())
    assert not TeOfficeException.objects.exists()
