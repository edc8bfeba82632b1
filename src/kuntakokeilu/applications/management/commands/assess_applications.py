import datetime as dt
from pathlib import Path

import polars as pl
from django.core.management.base import BaseCommand, CommandError

from kuntakokeilu.applications.files import read_csv, read_waivers
from kuntakokeilu.fileio import OutputError, check_output, write_frame
from kuntakokeilu.reference import ReferenceError, reference_data
from kuntakokeilu.register.intake import RegisterUnreadable, read_register
from kuntakokeilu.rules.applications import (
    ApplicationError,
    application_problems,
    applications_from_frame,
    assess_frame,
    build_context,
    counts_from_register,
    with_joined_areas,
)
from kuntakokeilu.rules.parameters import ParameterError
from kuntakokeilu.web.arguments import iso_date


class Command(BaseCommand):
    help = (
        "Assess applications against the criteria (population, one ELY area, client share) on a "
        "date. Reads a CSV with application_id and kuntanumerot (space-separated municipality "
        "codes; optional adds_to) and writes one row per application and criterion: value, "
        "threshold, result (pass / fail / waiver_needed / waived). Bad input is reported row by "
        "row and nothing is written."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="applications CSV")
        parser.add_argument("--on", required=True, help="assessment date, YYYY-MM-DD")
        parser.add_argument(
            "--out", type=Path, help="write the results here (.csv or .parquet); default: print"
        )
        parser.add_argument(
            "--register",
            type=Path,
            help="register extract (REGISTER.md) to count clients and the target group from; "
            "default: the published monthly statistics",
        )
        parser.add_argument(
            "--waivers",
            type=Path,
            help="CSV of waivers granted: application_id, criterion, reason",
        )

    def handle(
        self,
        *args,
        file: Path,
        on: str,
        out: Path | None,
        waivers: Path | None,
        register: Path | None,
        **opts,
    ):
        day = iso_date(on)
        try:
            if out is not None:
                check_output(out)
            results = self.assess(file, day, waivers, register)
        except (
            ApplicationError,
            ReferenceError,
            ParameterError,
            OutputError,
            RegisterUnreadable,
        ) as error:
            raise CommandError(str(error)) from None
        if out is None:
            self.print_table(results)
        else:
            write_frame(results, out)
            self.stdout.write(f"wrote {results.height} rows to {out}")
        self.print_summary(results)

    def assess(
        self, file: Path, on: dt.date, waivers: Path | None, register: Path | None
    ) -> pl.DataFrame:
        ref = reference_data()
        frame = read_csv(file, "applications", {"application_id", "kuntanumerot"})
        applications = with_joined_areas(applications_from_frame(frame), ref)
        problems = application_problems(applications, on, ref)
        if problems:
            listing = "\n  ".join(problems)
            raise ApplicationError(
                f"{file}: {len(problems)} problem(s); nothing was assessed:\n  {listing}"
            )
        granted = read_waivers(waivers) if waivers else {}
        counts = self.register_counts(register, on) if register else None
        ctx = build_context(applications, on, counts=counts, waivers=granted)
        return assess_frame(applications, ctx)

    def register_counts(self, register: Path, on: dt.date) -> pl.DataFrame:
        intake = read_register(register, on)
        rejected = intake.rejected["row"].n_unique()
        self.stdout.write(
            f"register {register}: {intake.rows_read} rows, {rejected} rejected and left out "
            "of the counts"
        )
        return counts_from_register(intake.accepted, on)

    def print_table(self, results: pl.DataFrame) -> None:
        for row in results.iter_rows(named=True):
            value = (
                f"{row['value']:.1%}"
                if row["criterion"] == "MAX_CLIENT_SHARE"
                else f"{row['value']:,.0f}"
            )
            self.stdout.write(
                f"{row['application_id']:<6} {row['criterion']:<17} {value:>10}  "
                f"{row['result']:<13} {row['detail']}"
            )

    def print_summary(self, results: pl.DataFrame) -> None:
        counts = results.group_by("result").len().sort("result")
        summary = ", ".join(f"{r}: {n}" for r, n in counts.iter_rows())
        self.stdout.write(
            f"{results['application_id'].n_unique()} applications assessed ({summary})"
        )
