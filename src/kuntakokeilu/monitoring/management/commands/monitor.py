import datetime as dt
from pathlib import Path

import polars as pl
from django.core.management.base import BaseCommand, CommandError

from kuntakokeilu.events.schema import EventSchemaError
from kuntakokeilu.fileio import OutputError, write_frame
from kuntakokeilu.monitoring.compute import (
    MonitoringError,
    MonitoringResults,
    compute_directory,
    panel_size,
    write_results,
)
from kuntakokeilu.monitoring.docs import write_markdown
from kuntakokeilu.monitoring.indicators import in_order
from kuntakokeilu.reference import ReferenceError
from kuntakokeilu.rules.parameters import ParameterError

#: the figure the summary shows for each indicator
HEADLINE = {
    "01": "employment_rate",
    "02": "municipality_share_eur",
    "03": "activation_rate",
    "04": "transition_rate",
    "05": "ongoing_spell_mean_days",
    "06": "long_term_share",
    "07": "hired_share",
    "08": "work_ability_mean",
    "09": "satisfaction_mean",
    "10": "wellbeing_mean",
}


def month_argument(text: str | None, option: str) -> dt.date | None:
    if text is None:
        return None
    try:
        return dt.date.fromisoformat(f"{text}-01")
    except ValueError:
        raise CommandError(f"{option} {text!r} is not a month: give it as YYYY-MM") from None


class Command(BaseCommand):
    help = (
        "Compute the ten monthly monitoring indicators and their data-quality checks from an "
        "event directory (events-YYYY-MM.parquet files and manifest.json, as `kuntakokeilu "
        "simulate` and `kuntakokeilu export-events` write it), without the web application. "
        "Writes indicators.parquet, quality.parquet, definitions.json, indicators.md and CSV "
        "copies to --out (and with --panel the whole client-month panel). Exits 0 when it ran, "
        "also when the quality checks found errors."
    )

    def add_arguments(self, parser):
        parser.add_argument("--events", required=True, type=Path, help="event directory")
        parser.add_argument("--out", required=True, type=Path, help="output directory")
        parser.add_argument("--from", dest="first", help="first month, YYYY-MM (default: data's)")
        parser.add_argument("--to", dest="last", help="last month, YYYY-MM (default: data's)")
        parser.add_argument("--no-csv", action="store_true", help="write Parquet and JSON only")
        parser.add_argument(
            "--panel",
            type=Path,
            metavar="FILE.parquet",
            help="also write the whole client-month panel (everyone, every column: see "
            "docs/indicators.md) for research; the indicators need only part of it",
        )

    def handle(self, *args, events: Path, out: Path, first, last, no_csv: bool, panel, **options):
        first_month = month_argument(first, "--from")
        last_month = month_argument(last, "--to")
        if first_month and last_month and last_month < first_month:
            raise CommandError(f"--to {last} is before --from {first}")
        if not events.is_dir():
            raise CommandError(f"{events} is not a directory: give --events an event directory")
        if panel is not None and panel.suffix.lower() != ".parquet":
            raise CommandError(f"--panel {panel}: give a file name ending in .parquet")
        self.stdout.write(f"monitoring {events}")
        try:
            results = compute_directory(
                events,
                first_month,
                last_month,
                progress=lambda m: self.stdout.write(f"  {m}"),
                whole_panel=panel is not None,
            )
            written = write_results(results, out, csv=not no_csv)
            written.append(write_markdown(out / "indicators.md"))
            if panel is not None:
                write_frame(results.panel.frame, panel)
                written.append(panel)
        except (
            EventSchemaError,
            MonitoringError,
            ReferenceError,
            ParameterError,
            OutputError,
        ) as error:
            raise CommandError(str(error)) from None
        except pl.exceptions.PolarsError as error:
            first_line = str(error).strip().splitlines()[0]
            raise CommandError(
                f"the event files in {events} cannot be read: {first_line}"
            ) from None
        except OSError as error:
            raise CommandError(f"cannot write to {out}: {error.strerror}") from None
        self.summarise(results, written)

    def summarise(self, results: MonitoringResults, written: list[Path]) -> None:
        period = results.period
        self.stdout.write(
            f"\n{panel_size(results.people, results.panel_people, results.person_months)}; "
            f"figures for {period.first_month:%Y-%m} to {period.last_month:%Y-%m}, "
            f"{results.indicators.height:,} rows"
        )
        self.headlines(results.indicators, period.last_month)
        self.findings(results.quality)
        self.stdout.write("written: " + ", ".join(str(p) for p in written))

    def headlines(self, figures: pl.DataFrame, month: dt.date) -> None:
        last = figures.filter(
            (pl.col("month") == month) & (pl.col("grouping") == "experiment_vs_comparison")
        )
        self.stdout.write(f"\n{month:%Y-%m}: experiment municipalities / the rest of Finland")
        for indicator in in_order():
            measure = HEADLINE[indicator.number]
            value = {
                group: v
                for group, v in last.filter(pl.col("measure") == measure)
                .select("group", "value")
                .iter_rows()
            }
            shown = " / ".join(_figure(value.get(g)) for g in ("experiment", "comparison"))
            self.stdout.write(
                f"  {indicator.number} {indicator.name[:44]:<44} {measure:<26} {shown}"
            )

    def findings(self, quality: pl.DataFrame) -> None:
        counts = dict(quality.group_by("severity").len().iter_rows())
        self.stdout.write(
            f"\ndata quality: {counts.get('error', 0)} error(s), {counts.get('warning', 0)} "
            "warning(s) (quality.parquet)"
        )
        for message in quality.filter(pl.col("severity") == "error")["message"].head(10):
            self.stdout.write(f"  error: {message}")


def _figure(value: float | None) -> str:
    if value is None:
        return "–"
    if abs(value) >= 1000:
        return f"{value:,.0f}".replace(",", " ")
    return f"{value:.3g}"
