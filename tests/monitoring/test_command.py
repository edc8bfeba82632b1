"""`kuntakokeilu monitor`: from an event directory to indicators, quality and definitions."""

import io
import json
import shutil
import subprocess
import sys
from pathlib import Path

import polars as pl
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from kuntakokeilu.monitoring.indicators import INDICATORS
from kuntakokeilu.monitoring.results import QUALITY, RESULTS

KUNTAKOKEILU = str(Path(sys.executable).parent / "kuntakokeilu")


def monitor(*args: str) -> str:
    out = io.StringIO()
    call_command("monitor", *args, stdout=out)
    return out.getvalue()


@pytest.fixture(scope="module")
def written(synthetic_directory, tmp_path_factory):
    out = tmp_path_factory.mktemp("monitor") / "out"
    printed = monitor("--events", str(synthetic_directory), "--out", str(out))
    return out, printed


def test_the_results_are_written_in_the_contracts_shape(written):
    out, _ = written
    indicators = pl.read_parquet(out / "indicators.parquet")
    assert indicators.schema == pl.Schema(RESULTS)
    assert pl.read_parquet(out / "quality.parquet").schema == pl.Schema(QUALITY)
    assert set(indicators["indicator"]) == set(INDICATORS)
    assert set(indicators["grouping"]) == {
        "area",
        "municipality",
        "ely",
        "rest_of_finland",
        "country",
        "experiment_vs_comparison",
    }
    assert pl.read_csv(out / "indicators.csv").height == indicators.height


def test_every_month_of_the_data_is_covered(written):
    out, _ = written
    months = pl.read_parquet(out / "indicators.parquet")["month"].unique().sort()
    assert months.len() == 15
    assert (months.min().isoformat(), months.max().isoformat()) == ("2020-03-01", "2021-05-01")


def test_the_definitions_are_written_beside_the_figures(written):
    out, _ = written
    definitions = json.loads((out / "definitions.json").read_text())
    numbers = [d["indicator"] for d in definitions["indicators"]]
    assert numbers == [f"{n:02d}" for n in range(1, 11)]
    for indicator in definitions["indicators"]:
        assert indicator["grain"]
        assert indicator["filters"]
        assert indicator["source_events"]
        assert all(m["numerator"] for m in indicator["measures"])
    assert (out / "indicators.md").read_text().startswith("# Monitoring indicators")


def test_progress_and_a_readable_summary_are_printed(written):
    _, printed = written
    assert "client-month panel" in printed
    assert "4,000 people" in printed
    assert "experiment municipalities / the rest of Finland" in printed
    assert "data quality:" in printed


def test_from_and_to_limit_the_months(synthetic_directory, tmp_path):
    monitor(
        "--events",
        str(synthetic_directory),
        "--out",
        str(tmp_path),
        "--from",
        "2020-06",
        "--to",
        "2020-08",
        "--no-csv",
    )
    months = pl.read_parquet(tmp_path / "indicators.parquet")["month"].unique().sort()
    assert [m.isoformat() for m in months] == ["2020-06-01", "2020-07-01", "2020-08-01"]
    assert not (tmp_path / "indicators.csv").exists()


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--from", "2020-13"], "--from '2020-13' is not a month"),
        (["--from", "2021-01", "--to", "2020-12"], "--to 2020-12 is before --from 2021-01"),
        (["--from", "2030-01"], "no whole month to monitor"),
    ],
)
def test_bad_months_are_refused_with_the_reason(synthetic_directory, tmp_path, arguments, message):
    with pytest.raises(CommandError, match=message):
        monitor("--events", str(synthetic_directory), "--out", str(tmp_path), *arguments)


def test_a_directory_without_a_manifest_is_refused(tmp_path):
    with pytest.raises(CommandError, match=r"not an event directory: manifest\.json is missing"):
        monitor("--events", str(tmp_path), "--out", str(tmp_path / "out"))


def test_a_manifest_of_another_schema_version_is_refused(synthetic_directory, tmp_path):
    copy = tmp_path / "events"
    shutil.copytree(synthetic_directory, copy)
    manifest = json.loads((copy / "manifest.json").read_text())
    (copy / "manifest.json").write_text(json.dumps({**manifest, "schema_version": 99}))
    with pytest.raises(CommandError, match="event schema version 99"):
        monitor("--events", str(copy), "--out", str(tmp_path / "out"))


def test_a_broken_event_file_is_an_error_without_a_traceback(synthetic_directory, tmp_path):
    copy = tmp_path / "events"
    shutil.copytree(synthetic_directory, copy)
    (copy / "events-2020-05.parquet").write_bytes(b"not parquet at all")
    done = subprocess.run(
        [KUNTAKOKEILU, "monitor", "--events", str(copy), "--out", str(tmp_path / "out")],
        capture_output=True,
        text=True,
    )
    assert done.returncode != 0
    assert "Traceback" not in done.stderr
    assert "cannot be read" in done.stderr


def test_the_whole_panel_is_written_for_research_when_asked(synthetic_directory, tmp_path, written):
    printed = monitor(
        "--events",
        str(synthetic_directory),
        "--out",
        str(tmp_path / "out"),
        "--panel",
        str(tmp_path / "panel.parquet"),
    )
    panel = pl.read_parquet(tmp_path / "panel.parquet")
    assert {"age_band", "financing_counter", "days_basic_allowance", "area"} <= set(panel.columns)
    assert panel["client_key"].n_unique() == 4000  # everyone, also the never targeted
    assert f"4,000 people, all in the panel ({panel.height:,} person-months)" in printed
    # the indicators computed from the whole panel are those computed from the monitored part
    keys = ["indicator", "measure", "grouping", "group", "month"]
    whole = pl.read_parquet(tmp_path / "out" / "indicators.parquet").sort(keys)
    usual = pl.read_parquet(written[0] / "indicators.parquet").sort(keys)
    assert whole.select(keys).equals(usual.select(keys))
    assert (whole["value"] - usual["value"]).abs().max() < 1e-9


def test_a_panel_file_that_is_not_parquet_is_refused_before_any_work(synthetic_directory, tmp_path):
    with pytest.raises(
        CommandError, match=r"--panel .*panel\.csv: give a file name ending in \.parquet"
    ):
        monitor(
            "--events",
            str(synthetic_directory),
            "--out",
            str(tmp_path / "out"),
            "--panel",
            str(tmp_path / "panel.csv"),
        )
    assert not (tmp_path / "out").exists()
