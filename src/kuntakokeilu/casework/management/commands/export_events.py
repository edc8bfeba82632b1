"""``kuntakokeilu export-events --out DIR [--from DATE] [--to DATE] [--by USERNAME]``: the case
system's history as a pseudonymous event directory (events/schema.py, docs/events.md)."""

from __future__ import annotations

from pathlib import Path

from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import BaseCommand, CommandError

from kuntakokeilu.audit.management.options import actor_named, add_by_option
from kuntakokeilu.casework.export import BATCH, ExportError, Period, export_events
from kuntakokeilu.web.arguments import iso_date
from kuntakokeilu.web.clock import today


class Command(BaseCommand):
    help = (
        "Export the case system's events (registrations, referrals, interviews, assessments, "
        "plans, services, job offers, reports to the TE office) to a new event directory, one "
        "Parquet file a month and manifest.json, as the event schema says. People appear only "
        "as keyed hashes (KUNTAKOKEILU_PSEUDONYM_KEY); kinds the schema has no meaning for are "
        "left out and counted. The export is written in the audit log (purpose: monitoring)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--out", required=True, type=Path, help="a new directory to write")
        parser.add_argument("--from", dest="first", help="first day to export (YYYY-MM-DD)")
        parser.add_argument("--to", dest="last", help="last day to export (default: today)")
        parser.add_argument(
            "--batch", type=int, default=BATCH, help=f"clients read at a time (default {BATCH})"
        )
        add_by_option(parser)

    def handle(self, *args, out: Path, first, last, batch: int, by, **options):
        if batch < 1:
            raise CommandError(f"--batch {batch}: give a positive number of clients")
        first = iso_date(first, "--from") if first else None
        last = iso_date(last, "--to") if last else today()
        try:
            result = export_events(
                out, period=Period(first, last), actor=actor_named(by), batch=batch
            )
        except (ExportError, ImproperlyConfigured) as error:
            raise CommandError(str(error)) from None
        self.report(result)

    def report(self, result) -> None:
        span = f"{result.first}..{result.last}" if result.rows else "no events"
        self.stdout.write(
            f"wrote {result.directory}: {result.rows} events of {result.clients} clients in "
            f"{result.files} monthly files ({span})"
        )
        if result.outside_period:
            self.stdout.write(f"outside the period: {result.outside_period} events")
        for reason, n in sorted(result.left_out.items()):
            self.stdout.write(f"left out (no meaning in the event schema): {reason}: {n}")
