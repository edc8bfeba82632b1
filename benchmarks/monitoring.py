"""Monitoring at national size: simulate 48 months of Finland, then `monitor` on it.

Measured, each in a child process: the simulation, the whole `monitor` command (targets: at
most 30 s and 8 GiB), and two indicators (02 subsidy financing, 04 transitions) computed by the
Polars core and by a straightforward pandas implementation on the same events. The two must
give the same figures per municipality and month; the bench checks that and prints it, then
the ratio (target: pandas at least 5 times slower).

Run as a module for the two-indicator children:
``python -m benchmarks.monitoring polars|pandas EVENTS OUT.parquet`` prints {"seconds", "peak_mib"}.
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import time
from pathlib import Path

import polars as pl

from benchmarks.harness import KUNTAKOKEILU, Report, measure

SQLITE = {"DATABASE_URL": ""}
SIMULATION = ["--from", "2020-03-01", "--months", "48", "--scale", "1", "--seed", "1"]
#: the figures both implementations give, per municipality and month
COMPARED = {
    "02": ("subsidy_days", "subsidy_eur", "municipality_share_eur"),
    "04": ("unemployed_at_previous_month_end", "transitions_to_work", "transitions_to_education"),
}


# -- the Polars core --------------------------------------------------------------------------


def polars_two(events: Path) -> pl.DataFrame:
    from kuntakokeilu.monitoring.compute import compute_directory

    results = compute_directory(events, only=tuple(COMPARED), check_quality=False)
    wanted = [m for measures in COMPARED.values() for m in measures]
    return results.indicators.filter(
        (pl.col("grouping") == "municipality") & pl.col("measure").is_in(wanted)
    ).select("measure", pl.col("group").alias("municipality"), "month", "value")


# -- the pandas baseline ----------------------------------------------------------------------

STATE_KINDS = ["registered", "state_changed", "deregistered"]
SAME_DAY_ORDER = {"registered": 0, "referred": 2, "returned_to_te_office": 2, "deregistered": 3}
UNEMPLOYED = ["unemployed", "laid_off"]


def _read(events: Path, columns: list[str]):
    import pandas as pd

    frames = [pd.read_parquet(p, columns=columns) for p in sorted(events.glob("events-*.parquet"))]
    frame = pd.concat(frames, ignore_index=True)
    frame["on"] = pd.to_datetime(frame["on"])
    return frame


def _last_day(events: Path):
    import pandas as pd

    manifest = json.loads((events / "manifest.json").read_text())
    return pd.Timestamp(manifest["last_day"])


def pandas_subsidy(events: Path):
    """Indicator 02 per payment municipality and month, with numpy over the parameter's bands."""
    import numpy as np

    from kuntakokeilu.monitoring.financing import regimes

    columns = ["kind", "on", "municipality", "subtype", "days", "amount_eur", "counter_before"]
    paid = _read(events, columns)
    paid = paid[(paid["kind"] == "benefit_paid") & (paid["subtype"] == "labour_market_subsidy")]
    paid = paid[paid["on"] <= _last_day(events)]
    first = paid["counter_before"].to_numpy(np.int64) + 1
    last = paid["counter_before"].to_numpy(np.int64) + paid["days"].to_numpy(np.int64)
    on = paid["on"].to_numpy()
    weighted = np.zeros(len(paid))
    for regime in regimes():
        in_force = on >= np.datetime64(regime.valid_from)
        if regime.valid_until is not None:
            in_force &= on < np.datetime64(regime.valid_until)
        for band in regime.bands:
            top = last if band.last_day is None else np.minimum(last, band.last_day)
            days_in_band = np.clip(top - np.maximum(first, band.first_day) + 1, 0, None)
            weighted += np.where(in_force, days_in_band * band.municipality_share, 0.0)
    days = paid["days"].to_numpy(np.float64)
    paid = paid.assign(
        month=paid["on"].dt.to_period("M").dt.to_timestamp(),
        municipality_share_eur=np.where(days > 0, paid["amount_eur"] * weighted / days, 0.0),
    )
    grouped = paid.groupby(["municipality", "month"]).agg(
        subsidy_days=("days", "sum"),
        subsidy_eur=("amount_eur", "sum"),
        municipality_share_eur=("municipality_share_eur", "sum"),
    )
    return grouped.reset_index().melt(["municipality", "month"], var_name="measure")


def _person_months(events: Path):
    """Each monitored person's months from the first event month to the end, with the month-end
    state, registration, municipality and target group carried forward (the panel, the pandas
    way)."""
    import numpy as np
    import pandas as pd

    from kuntakokeilu.monitoring.panel import PANEL_KINDS  # the same definition: status events

    columns = ["client_key", "kind", "on", "municipality", "subtype", "target_group"]
    ev = _read(events, columns)
    ev = ev[
        ev["client_key"].notna() & ev["kind"].isin(PANEL_KINDS) & (ev["on"] <= _last_day(events))
    ]
    # as the Polars core does: people no registration puts in the target group are never
    # monitored, so their months are not built
    targeted = ev.loc[(ev["kind"] == "registered") & (ev["target_group"] == True), "client_key"]  # noqa: E712
    ev = ev[ev["client_key"].isin(targeted.unique())]
    ev["order"] = ev["kind"].map(SAME_DAY_ORDER).fillna(1)
    ev["month"] = ev["on"].dt.year * 12 + ev["on"].dt.month - 1
    ev = ev.sort_values(["client_key", "on", "order"], kind="stable")
    keys = ["client_key", "month"]
    where = ev.groupby(keys)["municipality"].last()
    states = ev[ev["kind"].isin(STATE_KINDS)].assign(
        registered=lambda f: f["kind"] != "deregistered"
    )
    said = states.groupby(keys)[["subtype", "registered"]].last()
    registrations = ev[ev["kind"] == "registered"].groupby(keys)["target_group"].last()
    first = ev.groupby("client_key")["month"].min()
    end = _last_day(events).year * 12 + _last_day(events).month - 1
    lengths = (end + 1 - first).to_numpy()
    index = pd.MultiIndex.from_arrays(
        [
            np.repeat(first.index.to_numpy(), lengths),
            np.concatenate([np.arange(f, end + 1) for f in first.to_numpy()]),
        ],
        names=keys,
    )
    panel = pd.DataFrame(index=index).join(where).join(said).join(registrations)
    panel = panel.groupby(level="client_key").ffill()
    panel["previous_state"] = panel.groupby(level="client_key")["subtype"].shift()
    panel["previous_registered"] = panel.groupby(level="client_key")["registered"].shift()
    return panel.reset_index()


def pandas_transitions(events: Path):
    """Indicator 04 per home municipality at the month's end and month."""
    import pandas as pd

    panel = _person_months(events)
    at_risk = panel[
        (panel["target_group"] == True)  # noqa: E712  (nullable column)
        & (panel["previous_registered"] == True)  # noqa: E712
        & panel["previous_state"].isin(UNEMPLOYED)
    ]
    at_risk = at_risk.assign(
        to_work=at_risk["subtype"] == "employed", to_education=at_risk["subtype"] == "education"
    )
    grouped = (
        at_risk.groupby(["municipality", "month"])
        .agg(
            unemployed_at_previous_month_end=("client_key", "size"),
            transitions_to_work=("to_work", "sum"),
            transitions_to_education=("to_education", "sum"),
        )
        .reset_index()
    )
    grouped["month"] = pd.to_datetime(
        {"year": grouped["month"] // 12, "month": grouped["month"] % 12 + 1, "day": 1}
    )
    return grouped.melt(["municipality", "month"], var_name="measure")


def pandas_two(events: Path) -> pl.DataFrame:
    import pandas as pd

    both = pd.concat([pandas_subsidy(events), pandas_transitions(events)], ignore_index=True)
    return pl.from_pandas(both).select(
        "measure",
        pl.col("municipality").cast(pl.String),
        pl.col("month").cast(pl.Date),
        pl.col("value").cast(pl.Float64),
    )


def child(mode: str, events: Path, out: Path) -> None:
    started = time.perf_counter()
    figures = polars_two(events) if mode == "polars" else pandas_two(events)
    seconds = time.perf_counter() - started
    figures.write_parquet(out)
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"seconds": seconds, "peak_mib": peak_mib, "rows": figures.height}))


# -- the bench ---------------------------------------------------------------------------------


def _two(mode: str, events: Path, out: Path) -> dict:
    done = subprocess.run(
        [sys.executable, "-m", "benchmarks.monitoring", mode, str(events), str(out)],
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        raise SystemExit(f"the {mode} two-indicator run failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def compare(polars_file: Path, pandas_file: Path) -> tuple[int, int, float]:
    """(figures compared, figures that differ, largest relative difference); zeros the pandas
    groupby does not write are filled in."""
    keys = ["measure", "municipality", "month"]
    ours = pl.read_parquet(polars_file)
    theirs = pl.read_parquet(pandas_file)
    both = ours.join(theirs, on=keys, how="full", coalesce=True, suffix="_pandas").with_columns(
        pl.col("value").fill_null(0.0), pl.col("value_pandas").fill_null(0.0)
    )
    scale = pl.max_horizontal(pl.col("value").abs(), pl.col("value_pandas").abs(), pl.lit(1.0))
    relative = ((pl.col("value") - pl.col("value_pandas")).abs() / scale).alias("relative")
    diffs = both.select(relative)["relative"]
    return both.height, int((diffs > 1e-9).sum()), float(diffs.max() or 0.0)


def run(work: Path, report: Report) -> None:
    report.say("\nMonitoring: the ten indicators from a national simulation (48 months)")
    events, out = work / "events-national", work / "monitoring"
    simulated = measure(
        "kuntakokeilu simulate (scale 1, 48 months)",
        [KUNTAKOKEILU, "simulate", *SIMULATION, "--effect", "0.2", "--out", str(events)],
        SQLITE,
    )
    report.measurement(simulated)
    manifest = json.loads((events / "manifest.json").read_text())
    report.say(f"  {sum(manifest['files'].values()):,} events")
    monitored = measure(
        "kuntakokeilu monitor (all ten, quality, writing)",
        [KUNTAKOKEILU, "monitor", "--events", str(events), "--out", str(out)],
        SQLITE,
        note="target ≤ 30 s, ≤ 8192 MiB; incl. Python and Django start-up",
    )
    report.measurement(monitored)
    polars_file, pandas_file = work / "two-polars.parquet", work / "two-pandas.parquet"
    ours = _two("polars", events, polars_file)
    report.say(
        f"  {'indicators 02 and 04, Polars core (read + panel + figures)':<58} "
        f"{ours['seconds']:8.2f} s  {ours['peak_mib']:8.0f} MiB"
    )
    theirs = _two("pandas", events, pandas_file)
    report.say(
        f"  {'indicators 02 and 04, straightforward pandas':<58} "
        f"{theirs['seconds']:8.2f} s  {theirs['peak_mib']:8.0f} MiB"
    )
    compared, differing, largest = compare(polars_file, pandas_file)
    report.say(
        f"  same figures: {compared - differing:,} of {compared:,} municipality-month figures "
        f"equal (largest relative difference {largest:.2g})"
    )
    report.ratio(
        "pandas against Polars, indicators 02 and 04", theirs["seconds"] / ours["seconds"], "≥ 5×"
    )


if __name__ == "__main__":
    child(sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3]))
