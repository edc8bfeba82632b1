"""What the register at the start has already been through: running services, the process.

The synthetic register says only each person's status and dates. Someone in a service is given a
running episode (a service that fits the status and the segment, a part of its duration already
gone); someone in the service process is given an initial interview soon after registering and a
last contact in the weeks before the start, so their next items fall due over the first months
rather than all at once.
"""

from __future__ import annotations

import datetime as dt

import polars as pl

from kuntakokeilu.rules.parameters import Parameters
from kuntakokeilu.simulate import calibration as c
from kuntakokeilu.simulate.days import DAY, Month, pick, plus_days
from kuntakokeilu.simulate.draws import Draws
from kuntakokeilu.simulate.labour_market import _duration_days, service_months
from kuntakokeilu.simulate.people import IN_PROCESS, IN_SERVICE
from kuntakokeilu.simulate.process import regime_expr, with_next_due

#: Days after registering when the register's people had their initial interview, at most.
INITIAL_WITHIN_DAYS = 14
#: Days back from the start to the last contact: in the supplementary phase, otherwise.
LAST_CONTACT_WITHIN_DAYS = {"supplementary": 14, "otherwise": 90}


def _fitting_service() -> pl.Expr:
    """A service that puts a person in their status, weighted by their segment's mix."""
    chosen = pl.lit(None, dtype=pl.String)
    for status in IN_SERVICE:
        kinds = [kind for kind, put in c.SERVICE_STATUS.items() if put == status]
        for segment, mix in c.SERVICE_MIX.items():
            weights = {kind: mix.get(kind, 0) + 1 for kind in kinds}
            here = (pl.col("status") == status) & (pl.col("segment") == segment)
            chosen = pl.when(here).then(pick(pl.col("_u_which"), weights)).otherwise(chosen)
    return chosen


def with_running_services(
    active: pl.DataFrame, start: dt.date, draws: Draws, params: Parameters
) -> pl.DataFrame:
    month = Month(start)
    persons = active["person"]
    frame = active.with_columns(
        draws.uniform(f"opening_service_{n}", month.number, persons).alias(f"_u_{n}")
        for n in ("which", "length_1", "length_2", "left")
    ).with_columns(
        pl.when(pl.col("status").is_in(IN_SERVICE)).then(_fitting_service()).alias("service")
    )
    days = _duration_days(service_months(params, month))
    keys = draws.item_keys("service", month.number - 1, persons)
    in_service = pl.col("service").is_not_null()
    return frame.with_columns(
        pl.when(in_service)
        .then(plus_days(pl.lit(start), (pl.col("_u_left") * days).floor().cast(pl.Int64)))
        .alias("service_end"),
        pl.when(in_service).then(keys).alias("service_key"),
    ).drop("^_u_.*$")


def with_process_so_far(
    active: pl.DataFrame, start: dt.date, draws: Draws, params: Parameters
) -> pl.DataFrame:
    month = Month(start)
    persons = active["person"]
    frame = active.with_columns(
        draws.uniform(f"opening_process_{n}", month.number, persons).alias(f"_u_{n}")
        for n in ("initial", "contact")
    )
    in_process = pl.col("status").is_in(IN_PROCESS)
    initial = plus_days(
        pl.col("registered_on"),
        (pl.col("_u_initial") * (INITIAL_WITHIN_DAYS + 1)).floor().cast(pl.Int64),
    )
    frame = frame.with_columns(
        pl.when(in_process & (initial < start)).then(initial).alias("initial_on")
    )
    nordic = regime_expr(params, pl.lit(start)) == "nordic_model"
    in_phase = pl.col("initial_on").dt.offset_by("3mo") > start
    since_initial = (pl.lit(start) - pl.col("initial_on")).dt.total_days()
    supplementary = (
        pl.when(~nordic)
        .then(0)
        .when(in_phase)
        .then(pl.min_horizontal(since_initial // 14, pl.lit(5)))
        .otherwise(5)
    )
    back = (
        pl.when(nordic & in_phase)
        .then(pl.col("_u_contact") * LAST_CONTACT_WITHIN_DAYS["supplementary"])
        .otherwise(pl.col("_u_contact") * LAST_CONTACT_WITHIN_DAYS["otherwise"])
        .floor()
        .cast(pl.Int64)
    )
    contact = pl.max_horizontal(pl.col("initial_on"), plus_days(pl.lit(start - DAY), -back))
    six_month_over = pl.col("registered_on").dt.offset_by("7mo") <= start
    frame = frame.with_columns(
        pl.when(pl.col("initial_on").is_not_null()).then(contact).alias("clock_on"),
        supplementary.cast(pl.Int8).alias("supplementary_done"),
        pl.when(nordic & six_month_over).then(2).otherwise(0).cast(pl.Int8).alias("six_month_done"),
    ).drop("^_u_.*$")
    return with_next_due(frame, params)
