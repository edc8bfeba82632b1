from pathlib import Path

import polars as pl
from django.core.management.base import BaseCommand, CommandError

from kuntakokeilu.casework.process import refresh_due
from kuntakokeilu.clients.models import Client
from kuntakokeilu.clients.notices import write_run_notices
from kuntakokeilu.clients.referral import decide, run_referral
from kuntakokeilu.fileio import OutputError, check_output, write_frame
from kuntakokeilu.reference import ReferenceError
from kuntakokeilu.register.intake import RegisterUnreadable, read_register, write_rejected
from kuntakokeilu.rules.parameters import ParameterError
from kuntakokeilu.web.arguments import iso_date

DECISION_COLUMNS = ["person_id", "home_municipality", "decision", "area", "reasons"]


class Command(BaseCommand):
    help = (
        "Refer the target group of a register extract (CSV or Parquet, REGISTER.md) to the "
        "experiment areas on a date. Writes one decision per accepted row to DECISIONS (.csv or "
        ".parquet) and the rejected rows with their reasons to <stem>.rejected.csv. With --load "
        "the decisions are applied to the case database (continuous referral: newly referred, "
        "moves, returns to the TE office, customership ends) and the client notices are written. "
        "Exits 0 when it ran, also with rejected rows."
    )

    def add_arguments(self, parser):
        parser.add_argument("register", type=Path, help="register extract (.csv or .parquet)")
        parser.add_argument("--on", required=True, help="referral date, YYYY-MM-DD")
        parser.add_argument("--out", required=True, type=Path, help="decisions (.csv or .parquet)")
        parser.add_argument("--rejected", type=Path, help="default: <stem of --out>.rejected.csv")
        parser.add_argument(
            "--load", action="store_true", help="apply to the case database and write notices"
        )
        parser.add_argument(
            "--notices", type=Path, help="notice folder (default: var/notices/<date>)"
        )
        parser.add_argument(
            "--english-for",
            default="",
            help="registered languages whose notices are in English (comma-separated, e.g. en)",
        )
        parser.add_argument("--chunk-size", type=int, default=20_000, help="people per transaction")

    def handle(self, *args, register: Path, on: str, out: Path, rejected: Path | None, **opts):
        day = iso_date(on)
        rejected = rejected or out.with_name(f"{out.stem}.rejected.csv")
        try:
            check_output(out)
            intake = read_register(register, day)
            decisions = decide(intake, day)
        except (RegisterUnreadable, ReferenceError, ParameterError, OutputError) as error:
            raise CommandError(str(error)) from None
        write_frame(decisions.select(DECISION_COLUMNS), out)
        write_rejected(intake.rejected, rejected)
        self.report(intake, decisions, out, rejected)
        if opts["load"]:
            try:
                self.load(register, day, intake, decisions, opts)
            except ReferenceError as error:
                raise CommandError(str(error)) from None

    def report(self, intake, decisions: pl.DataFrame, out: Path, rejected: Path) -> None:
        bad_rows = intake.rejected["row"].n_unique()
        self.stdout.write(
            f"{intake.rows_read} rows read: {intake.accepted.height} decided, {bad_rows} rejected "
            f"({rejected})"
        )
        for decision, n in decisions.group_by("decision").len().sort("decision").iter_rows():
            self.stdout.write(f"  {decision:<28} {n:>9}")
        referred = decisions.filter(pl.col("decision") == "refer").group_by("area").len()
        self.stdout.write("referred per area:")
        for area, n in referred.sort("area").iter_rows():
            self.stdout.write(f"  {area:<35} {n:>9}")
        self.stdout.write(f"decisions written to {out}")

    def load(self, register: Path, day, intake, decisions, opts) -> None:
        result = run_referral(
            register,
            day,
            intake=intake,
            decisions=decisions,
            chunk_size=opts["chunk_size"],
            progress=self.stdout.write,
        )
        state = "resumed and finished" if result.resumed else "finished"
        self.stdout.write(f"referral run {result.run.pk} {state}:")
        for transition, n in result.transitions.items():
            self.stdout.write(f"  {transition:<28} {n:>9}")
        folder = opts["notices"] or Path("var") / "notices" / day.isoformat()
        english = tuple(x.strip() for x in opts["english_for"].split(",") if x.strip())
        files = write_run_notices(result.run, folder, english)
        self.stdout.write(f"{len(files)} notice documents written to {folder}")
        refreshed = refresh_due(Client.objects.with_area(), label=f"referral run {result.run.pk}")
        self.stdout.write(
            f"work lists: what is due computed for {refreshed.clients} clients "
            f"({refreshed.created} new, {refreshed.updated} changed)"
        )
