"""Monitoring finds the effect the simulator was told to put in, and none when there is none.

The simulator (``kuntakokeilu.simulate``) multiplies the monthly probability of leaving the
register for work by 1 + effect for the clients of the experiment areas during the experiment
(from 1.3.2021). Indicator 04's ``transition_rate_to_work`` should then move by about that much
in the experiment municipalities against the rest of Finland, before against during:

    difference in differences = (E_during / E_before) / (C_during / C_before) - 1

where each rate is pooled over its months (Σ transitions / Σ people unemployed at the previous
month end). Tolerance from the sample size: the counts of transitions are near Poisson, so the
standard error of log(1 + DiD) is about √(Σ 1/transitions) over the four cells (the denominators
are tens of times larger and are taken as fixed). A test allows 3 standard errors, and first
checks that the sample is large enough for 3 standard errors to tell 0 from 0.2.

The monitored group in the experiment municipalities is the target group by registration,
slightly wider than the referred clients the effect applies to, so the measured effect is a
little diluted; at this size that is well inside the tolerance.
"""

from __future__ import annotations

import datetime as dt
import math

import polars as pl
import pytest

from kuntakokeilu.monitoring.compute import compute_directory
from kuntakokeilu.simulate.engine import Settings
from kuntakokeilu.simulate.output import write_simulation

START, MONTHS, SCALE, SEED = dt.date(2020, 3, 1), 24, 0.08, 1
EXPERIMENT_BEGINS = dt.date(2021, 3, 1)
ALLOWED_STANDARD_ERRORS = 3


def transition_figures(tmp_path_factory, effect: float) -> pl.DataFrame:
    out = tmp_path_factory.mktemp(f"effect-{effect}") / "events"
    write_simulation(Settings(START, MONTHS, SCALE, SEED, effect), out)
    return compute_directory(out, only=("04",), check_quality=False).indicators


@pytest.fixture(scope="module")
def without_effect(tmp_path_factory):
    return transition_figures(tmp_path_factory, 0.0)


@pytest.fixture(scope="module")
def with_effect(tmp_path_factory):
    return transition_figures(tmp_path_factory, 0.2)


def difference_in_differences(figures: pl.DataFrame) -> tuple[float, float]:
    """(DiD of the pooled rates, its standard error from the transition counts)."""
    cells = (
        figures.filter(
            (pl.col("grouping") == "experiment_vs_comparison")
            & (pl.col("measure") == "transition_rate_to_work")
        )
        .with_columns((pl.col("month") >= EXPERIMENT_BEGINS).alias("during"))
        .group_by("group", "during")
        .agg(pl.col("numerator").sum(), pl.col("denominator").sum())
    )
    rate = {(g, d): n / den for g, d, n, den in cells.iter_rows()}
    estimate = (rate["experiment", True] / rate["experiment", False]) / (
        rate["comparison", True] / rate["comparison", False]
    ) - 1
    return estimate, math.sqrt(sum(1 / n for n in cells["numerator"]))


def test_the_sample_can_tell_no_effect_from_twenty_percent(without_effect):
    _, standard_error = difference_in_differences(without_effect)
    assert ALLOWED_STANDARD_ERRORS * standard_error < 0.2 / 2


def test_without_an_effect_experiment_and_comparison_move_alike(without_effect):
    estimate, standard_error = difference_in_differences(without_effect)
    assert abs(estimate) <= ALLOWED_STANDARD_ERRORS * standard_error, (estimate, standard_error)


def test_an_effect_of_twenty_percent_shows_as_about_twenty_percent_more_moves_to_work(
    with_effect,
):
    estimate, standard_error = difference_in_differences(with_effect)
    assert abs(estimate - 0.2) <= ALLOWED_STANDARD_ERRORS * standard_error, (
        estimate,
        standard_error,
    )
