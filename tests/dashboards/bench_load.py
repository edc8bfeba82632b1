"""How long loading monitoring figures takes at national scale (not a test: a measurement).

    .venv/bin/python -m tests.dashboards.bench_load [--measures 62] [--months 46]
    DATABASE_URL=postgres://... .venv/bin/python -m tests.dashboards.bench_load  # a throw-away db!

A synthetic ``indicators.parquet`` with every grouping of ``monitoring.results`` (25 areas, 309
municipalities, 15 ELY areas, the rest of Finland, the country, the experiment/comparison pair)
× ``--measures`` × ``--months`` rows is loaded into a fresh database (SQLite in a temporary
directory unless DATABASE_URL is set): the first load (every month new), the same directory again
(digests only), a recomputation after every month is locked that changes one area's figures
(a correction per month: the locked figures are read back and compared), and ``bulk_create`` of
a sample as the baseline. Then the area page and the overview are timed through the test client.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

import polars as pl

WORK = Path(tempfile.mkdtemp(prefix="dashboards-bench-"))
if not os.environ.get("DATABASE_URL"):
    os.environ["KUNTAKOKEILU_DATA_DIR"] = str(WORK)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kuntakokeilu.web.settings")
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client as Browser  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402
from django.utils import timezone  # noqa: E402

from kuntakokeilu.dashboards.loading import load_results  # noqa: E402
from kuntakokeilu.dashboards.models import Figure, MonthVersion, Status  # noqa: E402
from kuntakokeilu.monitoring.results import RESULTS  # noqa: E402
from kuntakokeilu.reference import reference_data  # noqa: E402
from tests.casework import factories  # noqa: E402
from tests.dashboards.monitor_output import write_output  # noqa: E402

FIRST_MONTH = dt.date(2021, 3, 1)


def groups() -> pl.DataFrame:
    ref = reference_data()
    areas = sorted(ref.area_members(dt.date(2021, 3, 1))["area_id"].unique())
    municipalities = ref.municipalities(dt.date(2021, 3, 1))
    rows = [("area", a) for a in areas]
    rows += [("municipality", c) for c in municipalities["code"]]
    rows += [("ely", e) for e in sorted(municipalities["ely_code"].unique())]
    rows += [("rest_of_finland", "rest"), ("country", "FI")]
    rows += [("experiment_vs_comparison", "experiment"), ("experiment_vs_comparison", "comparison")]
    return pl.DataFrame(rows, schema={"grouping": pl.String, "group": pl.String}, orient="row")


def national_results(measures: int, months: int, seed: int = 0) -> pl.DataFrame:
    month_list = pl.date_range(
        FIRST_MONTH, FIRST_MONTH + dt.timedelta(days=31 * (months - 1)), "1mo", eager=True
    ).head(months)
    measure_frame = pl.DataFrame(
        {
            "indicator": [f"{m % 10 + 1:02d}" for m in range(measures)],
            "measure": [f"measure_{m:02d}" for m in range(measures)],
        }
    )
    frame = (
        groups()
        .join(measure_frame, how="cross")
        .join(pl.DataFrame({"month": month_list}), how="cross")
        .with_row_index("n")
    )
    denominator = (pl.col("n").hash(seed) % 5000 + 1).cast(pl.Float64)
    numerator = (pl.col("n").hash(seed + 1) % 1000).cast(pl.Float64)
    return frame.with_columns(
        value=numerator / denominator,
        numerator=numerator,
        denominator=denominator,
        persons=denominator.cast(pl.Int64),
    ).select(list(RESULTS))


def timed(what: str, work) -> object:
    started = time.perf_counter()
    result = work()
    print(f"  {what}: {time.perf_counter() - started:.2f} s")
    return result


def lock_everything() -> None:
    MonthVersion.objects.filter(status=Status.DRAFT).update(
        status=Status.LOCKED, approved_at=timezone.now()
    )


def bulk_create_baseline(frame: pl.DataFrame, rows: int) -> float:
    """Seconds a row for ORM ``bulk_create`` of a sample, rolled back."""
    template = MonthVersion.objects.first()
    sample = (
        frame.head(rows)
        .with_row_index("n")
        .with_columns(
            measure=pl.format("{}_{}", "measure", "n")  # one version holds each key once
        )
        .drop("n")
    )
    started = time.perf_counter()
    with transaction.atomic():
        version = MonthVersion.objects.create(
            month=dt.date(1999, 1, 1), number=1, status=Status.DRAFT,
            release=template.release, digest="0" * 64,
        )  # fmt: skip
        Figure.objects.bulk_create(
            (Figure(version=version, **row) for row in sample.iter_rows(named=True)),
            batch_size=5000,
        )
        transaction.set_rollback(True)
    return (time.perf_counter() - started) / sample.height


def page_times(url: str, user, repeat: int = 10) -> tuple[float, float]:
    browser = Browser()
    browser.force_login(user)
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        response = browser.get(url)
        times.append(time.perf_counter() - started)
        assert response.status_code == 200, response.status_code
    return statistics.median(times), max(times)


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--measures", type=int, default=62)
    parser.add_argument("--months", type=int, default=46)
    parser.add_argument("--keep", action="store_true", help="keep the work directory")
    args = parser.parse_args(argv)
    try:
        measure(args)
    finally:
        if not args.keep:
            connection.close()
            shutil.rmtree(WORK, ignore_errors=True)


def measure(args) -> None:
    setup_test_environment()
    print(f"database: {connection.vendor}, work directory {WORK}")
    call_command("migrate", verbosity=0)
    call_command("load_reference", stdout=open(os.devnull, "w"))  # noqa: SIM115
    frame = timed("generating the results", lambda: national_results(args.measures, args.months))
    print(f"  {frame.height:,} figures ({args.measures} measures, {args.months} months)")
    first = write_output(WORK / "first", frame)
    summary = timed("first load (every month new)", lambda: load_results(first))
    print(f"    {summary.written:,} written; {summary.timings}")
    summary = timed("the same directory again", lambda: load_results(first))
    print(f"    {summary.written:,} written; {summary.timings}")
    lock_everything()
    changed = frame.with_columns(
        value=pl.when(pl.col("group") == "helsinki").then(pl.col("value") * 1.01)
        .otherwise(pl.col("value"))
    )  # fmt: skip
    second = write_output(WORK / "second", changed)
    summary = timed(
        "recomputation of locked months (a correction each)", lambda: load_results(second)
    )
    print(f"    {summary.written:,} written; {summary.timings}")
    per_row = bulk_create_baseline(frame, 100_000)
    load_per_row = summary.timings["write"] / max(summary.written, 1)
    print(
        f"  bulk_create baseline: {per_row * 1e6:.1f} µs a row "
        f"({per_row * frame.height:.1f} s for all); the load's write path "
        f"(with the comparison): {load_per_row * 1e6:.1f} µs a row"
    )
    analyst = factories.analyst()
    for name, url in (("area page", "/monitoring/areas/helsinki/"), ("overview", "/monitoring/")):
        median, worst = page_times(url, analyst)
        print(f"  {name}: median {median * 1000:.0f} ms, worst {worst * 1000:.0f} ms of 10")


if __name__ == "__main__":
    sys.exit(main())
