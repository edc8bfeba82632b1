"""``kuntakokeilu refresh-due [--area AREA_ID ...]``: recompute every client's next interview or
discussion due, area by area, after a referral load (the vectorised deadline rules, bulk writes of
the states that are new or changed)."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from kuntakokeilu.areas.models import Area
from kuntakokeilu.casework.process import refresh_due
from kuntakokeilu.clients.models import Client


class Command(BaseCommand):
    help = "Recompute what is due next for the clients of one or all areas (after a referral load)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--area",
            action="append",
            default=[],
            metavar="AREA_ID",
            help="an area's identifier, e.g. helsinki (repeatable; default: every area)",
        )

    def handle(self, *args, **options):
        for area in self.areas(options["area"]):
            result = refresh_due(Client.objects.in_area(area), label=area.area_id)
            self.stdout.write(
                f"{area.area_id}: {result.clients} clients, {result.created} new, "
                f"{result.updated} changed, {result.unchanged} unchanged"
            )

    def areas(self, wanted: list[str]):
        if not wanted:
            return Area.objects.filter(clients__isnull=False).distinct().order_by("area_id")
        found = {a.area_id: a for a in Area.objects.filter(area_id__in=wanted)}
        unknown = sorted(set(wanted) - found.keys())
        if unknown:
            raise CommandError(f"no such area: {', '.join(unknown)}")
        return [found[a] for a in wanted]
