"""``kuntakokeilu simulate``: writes an event directory, reports progress, refuses bad input."""

import json

import polars as pl
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from kuntakokeilu.events import schema
from kuntakokeilu.simulate.management.commands.simulate import Command

SMALL = {"start": "2021-02-01", "months": "2", "scale": "0.005", "seed": "4"}


def simulate(out, **options):
    call_command(Command(), **(SMALL | {"out": out} | options))


def test_the_command_writes_an_event_directory_and_reports_each_month(tmp_path, capsys):
    simulate(tmp_path / "events")
    printed = capsys.readouterr().out
    manifest = schema.read_manifest(tmp_path / "events")
    assert sorted(manifest["files"]) == ["events-2021-02.parquet", "events-2021-03.parquet"]
    assert "2021-02: " in printed
    assert "2021-03: " in printed
    assert "events by kind" in printed
    frame = schema.scan(tmp_path / "events").collect()
    assert frame.height == sum(manifest["files"].values())
    assert manifest["events_by_kind"] == dict(sorted(frame.group_by("kind").len().iter_rows()))


def test_the_same_seed_writes_identical_files(tmp_path):
    simulate(tmp_path / "first")
    simulate(tmp_path / "second")
    for name in ("events-2021-02.parquet", "events-2021-03.parquet", "manifest.json"):
        assert (tmp_path / "first" / name).read_bytes() == (tmp_path / "second" / name).read_bytes()


def test_another_seed_writes_other_events(tmp_path):
    simulate(tmp_path / "first")
    simulate(tmp_path / "second", seed="5")
    first = pl.read_parquet(tmp_path / "first" / "events-2021-02.parquet")
    second = pl.read_parquet(tmp_path / "second" / "events-2021-02.parquet")
    assert not first.equals(second)


def test_an_event_directory_is_replaced(tmp_path):
    simulate(tmp_path / "events", months="1")
    simulate(tmp_path / "events", start="2021-05-01", months="1")
    names = sorted(p.name for p in (tmp_path / "events").iterdir())
    assert names == ["events-2021-05.parquet", "manifest.json"]
    assert json.loads((tmp_path / "events" / "manifest.json").read_text())["from"] == "2021-05-01"
    assert [p.name for p in tmp_path.iterdir()] == ["events"]  # nothing left beside it


def test_help_names_every_option():
    help_text = Command().create_parser("kuntakokeilu", "simulate").format_help()
    for option in ("--from", "--months", "--scale", "--seed", "--effect", "--out"):
        assert option in help_text


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"start": "2021-02-30"}, "--from '2021-02-30' is not a date"),
        ({"start": "1.3.2021"}, "is not a date: give it as YYYY-MM-DD"),
        ({"start": "2021-03-15"}, "first day of a month"),
        ({"start": "2019-01-01"}, "2020-01-01 at the earliest"),
        ({"months": "0"}, "--months must be 1 or more"),
        ({"months": "-3"}, "--months must be 1 or more"),
        ({"months": "two"}, "--months 'two' is not a whole number"),
        ({"scale": "0"}, "--scale must be above 0"),
        ({"scale": "-0.5"}, "--scale must be above 0"),
        ({"scale": "half"}, "--scale 'half' is not a number"),
        ({"scale": "inf"}, "--scale must be a finite number"),
        ({"scale": "0.0000001"}, "nobody is on the register: use a larger scale"),
        ({"seed": "-1"}, "--seed must be 0 or more"),
        ({"seed": "1.5"}, "--seed '1.5' is not a whole number"),
        ({"effect": "-1.5"}, "--effect must be -1 or more"),
        ({"effect": "nan"}, "--effect must be a finite number"),
        ({"effect": "20%"}, "--effect '20%' is not a number"),
    ],
)
def test_bad_arguments_are_refused_with_a_clear_message_and_nothing_written(
    tmp_path, options, message
):
    with pytest.raises(CommandError, match=message):
        simulate(tmp_path / "events", **options)
    assert not (tmp_path / "events").exists()


def test_a_directory_with_other_files_is_refused_and_left_alone(tmp_path):
    (tmp_path / "notes.txt").write_text("mine")
    with pytest.raises(CommandError, match="not empty and is not an event directory"):
        simulate(tmp_path)
    assert [p.name for p in tmp_path.iterdir()] == ["notes.txt"]


def test_a_file_is_refused_as_the_output(tmp_path):
    target = tmp_path / "events.parquet"
    target.write_bytes(b"")
    with pytest.raises(CommandError, match="is a file"):
        simulate(target)
