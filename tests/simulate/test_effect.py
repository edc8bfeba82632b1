"""The known effect: two runs with the same seed differ only through it.

Given the same seed, effect 0 and effect 0.2 (from 1.1.2021, the experiment starting 1.3.2021),
expect the experiment areas' monthly exit-to-work hazard to be about 20 % higher during the
experiment, and everything else the same: the months before it, and the client events of the
municipalities outside the experiment areas, to the byte.
"""

import datetime as dt

import polars as pl

from kuntakokeilu.simulate.engine import Settings
from kuntakokeilu.simulate.output import write_simulation
from tests.simulate.runs import PAIR, experiment_municipalities, months

EXPERIMENT_START = dt.date(2021, 3, 1)
STATE_KINDS = ("registered", "deregistered")
RESPONSIBILITY_KINDS = ("referred", "returned_to_te_office")


def without_effect():
    return months(*PAIR)


def with_effect():
    return months(*PAIR, effect=0.2)


def test_the_months_before_the_experiment_are_identical():
    for before, after in list(zip(without_effect(), with_effect(), strict=True))[:2]:
        assert before["on"].max() < EXPERIMENT_START
        assert before.equals(after)


def test_the_experiment_months_differ():
    for before, after in list(zip(without_effect(), with_effect(), strict=True))[2:]:
        assert not before.equals(after)


def test_nothing_changes_outside_the_experiment_areas():
    for before, after in zip(without_effect(), with_effect(), strict=True):

        def outside(frame: pl.DataFrame) -> pl.DataFrame:
            clients = pl.col("client_key").is_not_null()
            elsewhere = ~pl.col("municipality").is_in(experiment_municipalities())
            return frame.filter((clients & elsewhere) | ~clients).sort(pl.all())

        assert outside(before).equals(outside(after))


def exit_to_work_hazards(month_frames, in_areas: bool) -> tuple[int, int]:
    """(people at risk, exits to work) over the experiment months: the people registered on a
    month's first day whose responsible organisation that day is (or, for the comparison, whose
    home municipality is not in) an experiment area, and how many of them left for work in it."""
    frame = pl.concat(month_frames)
    at_risk_total, exits_total = 0, 0
    for month in sorted(
        frame.filter(pl.col("on") >= EXPERIMENT_START)["on"].dt.month_start().unique()
    ):
        before = frame.filter(pl.col("on") < month)
        registration = (
            before.filter(pl.col("kind").is_in(STATE_KINDS))
            .sort("on", pl.col("kind") == "deregistered")
            .group_by("client_key")
            .agg(pl.col("kind").last().alias("last"))
        )
        registered = registration.filter(pl.col("last") == "registered").select("client_key")
        responsible = (
            frame.filter(pl.col("kind").is_in(RESPONSIBILITY_KINDS) & (pl.col("on") <= month))
            .sort("on")
            .group_by("client_key")
            .agg(pl.col("area").last())
        )
        people = registered.join(responsible, on="client_key", how="left")
        if in_areas:
            people = people.filter(pl.col("area").is_not_null())
        else:
            homes = before.group_by("client_key").agg(pl.col("municipality").last())
            people = people.join(homes, on="client_key").filter(
                ~pl.col("municipality").is_in(experiment_municipalities())
            )
        this_month = frame.filter(pl.col("on").dt.month_start() == month)
        to_work = this_month.filter(
            (pl.col("kind") == "deregistered") & (pl.col("subtype") == "employed")
        )
        exits_total += to_work.join(people, on="client_key", how="semi").height
        at_risk_total += people.height
    return at_risk_total, exits_total


def test_the_effect_raises_the_experiment_areas_exit_to_work_hazard_by_a_fifth():
    risk_0, exits_0 = exit_to_work_hazards(without_effect(), in_areas=True)
    risk_2, exits_2 = exit_to_work_hazards(with_effect(), in_areas=True)
    assert risk_0 > 10_000
    assert exits_0 > 300
    ratio = (exits_2 / risk_2) / (exits_0 / risk_0)
    assert 1.12 < ratio < 1.28


def test_the_effect_leaves_the_comparison_areas_hazard_as_it_was():
    assert exit_to_work_hazards(without_effect(), in_areas=False) == exit_to_work_hazards(
        with_effect(), in_areas=False
    )


def test_the_manifest_records_the_true_effect(tmp_path):
    settings = Settings(dt.date(2021, 3, 1), 1, 0.005, 3, 0.2)
    manifest = write_simulation(settings, tmp_path / "events")
    assert manifest["effect"] == 0.2
    assert manifest["true_effect"]["relative_change"] == 0.2
    assert "experiment area" in manifest["true_effect"]["applies_to"]
    assert (manifest["seed"], manifest["scale"], manifest["from"], manifest["months"]) == (
        3,
        0.005,
        "2021-03-01",
        1,
    )
