"""``kuntakokeilu simulate-casework --areas helsinki espoo --from 2021-03-01 --to 2021-06-30
--seed N [--share 0.3]``: a few months of simulated case work for the demo, through the real
actions (``casework.simulation``), acting as the demo case workers of each area."""

from __future__ import annotations

import random
import time
from contextlib import contextmanager

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from kuntakokeilu.areas.models import Area
from kuntakokeilu.casework.actions import today
from kuntakokeilu.casework.simulation import (
    AreaResult,
    NoCaseWorkers,
    case_workers,
    simulate_area,
)
from kuntakokeilu.quotas.models import Quota
from kuntakokeilu.web.arguments import iso_date

#: The summary's rows: (label, counter keys summed).
SUMMARY = (
    ("case worker assigned", ("assigned",)),
    ("initial interviews", ("interview:initial_interview",)),
    (
        "later interviews and discussions",
        (
            "interview:job_search_discussion",
            "interview:supplementary_discussion",
            "interview:six_month_discussion",
        ),
    ),
    ("  of all interviews, held late", ("interviews_late",)),
    ("service-needs assessments", ("assessments",)),
    ("plans made", ("plans",)),
    ("  of them, later than 14 days", ("plans_late",)),
    ("plan updates", ("plan_updates",)),
    ("service decisions", None),
    ("  refused: over the quota", ("decisions_over_quota",)),
    ("job offers", ("job_offers",)),
    ("  answered", ("offer:applied", "offer:hired", "offer:refused", "offer:no_answer")),
    ("reports to the TE office", ("te_reports",)),
    ("clients with an interview overdue", ("overdue_interviews",)),
    ("job offers overdue (no answer)", ("overdue_job_offers",)),
)


class Command(BaseCommand):
    help = (
        "Simulate a few months of case work for a share of each area's clients (loaded by "
        "`refer --load`), through the real actions and as the area's case workers (from "
        "`create-demo-users`): interviews (some late), service-needs assessments, plans, service "
        "decisions within the quotas (`size-quotas` first), job offers and TE reports, with "
        "events and audit rows as in real use. Clients that already have case work are left "
        "alone. Deterministic for a seed and a database."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--areas", nargs="+", required=True, metavar="AREA_ID", help="e.g. helsinki espoo"
        )
        parser.add_argument(
            "--from", dest="start", required=True, help="first day of the case work, YYYY-MM-DD"
        )
        parser.add_argument(
            "--to", dest="end", required=True, help="last day (the demo's today), YYYY-MM-DD"
        )
        parser.add_argument("--seed", type=int, required=True, help="random seed")
        parser.add_argument(
            "--share",
            type=float,
            default=0.3,
            help="share of each area's clients to simulate, 0 to 1 (default 0.3)",
        )

    def handle(self, *args, areas, start, end, seed, share, **options):
        first, last = iso_date(start, "--from"), iso_date(end, "--to")
        if last < first:
            raise CommandError("--to is before --from")
        if last > today():
            raise CommandError(f"--to {last} is in the future: case work cannot be recorded then")
        if not 0 < share <= 1:
            raise CommandError(f"--share {share} is not within 0 to 1")
        chosen = self.areas(areas)
        rng = random.Random(seed)
        results = []
        for area in chosen:
            if not Quota.objects.filter(area=area, period_start__lte=last).exists():
                self.stderr.write(
                    f"{area.area_id}: no quotas: decisions that need one are refused "
                    "(run `kuntakokeilu size-quotas` first)"
                )
            self.stdout.write(f"{area.area_id}: simulating case work {first} – {last} ...")
            began = time.perf_counter()
            try:
                with no_query_log():
                    result = simulate_area(
                        area,
                        start=first,
                        end=last,
                        share=share,
                        rng=rng,
                        progress=self.stdout.write,
                    )
            except NoCaseWorkers:
                raise CommandError(
                    f"no case workers in the area {area.area_id}: run "
                    "`kuntakokeilu create-demo-users` first"
                ) from None
            result.seconds = time.perf_counter() - began
            self.stdout.write(
                f"{area.area_id}: {result.simulated} of {result.clients} clients simulated "
                f"({result.eligible} had no case work yet) in {result.seconds:.1f} s"
            )
            results.append(result)
        self.stdout.write(summary(results))

    def areas(self, wanted: list[str]) -> list[Area]:
        found = {a.area_id: a for a in Area.objects.filter(area_id__in=wanted)}
        unknown = sorted(set(wanted) - found.keys())
        if unknown:
            raise CommandError(f"no such area: {', '.join(unknown)}")
        for area_id in wanted:
            if self._case_workers_missing(found[area_id]):
                raise CommandError(
                    f"no case workers in the area {area_id}: run "
                    "`kuntakokeilu create-demo-users` first"
                )
        return [found[a] for a in dict.fromkeys(wanted)]

    @staticmethod
    def _case_workers_missing(area: Area) -> bool:
        try:
            case_workers(area)
        except NoCaseWorkers:
            return True
        return False


@contextmanager
def no_query_log():
    """DEBUG off while simulating: with it on (the local default) Django wraps every cursor to
    log its queries, which takes about 40 % of a demo-sized run's time."""
    debug, settings.DEBUG = settings.DEBUG, False
    try:
        yield
    finally:
        settings.DEBUG = debug


def summary(results: list[AreaResult]) -> str:
    """A table: one row per thing created, one column per area."""
    width = max(len(label) for label, _ in SUMMARY)
    lines = [f"{'':<{width}}" + "".join(f"{r.area_id:>11}" for r in results)]
    lines.append(f"{'clients simulated':<{width}}" + "".join(f"{r.simulated:>11}" for r in results))
    for label, keys in SUMMARY:
        cells = []
        for result in results:
            if keys is None:
                value = sum(n for k, n in result.counts.items() if k.startswith("decision:"))
            else:
                value = sum(result.counts[k] for k in keys)
            cells.append(f"{value:>11}")
        lines.append(f"{label:<{width}}" + "".join(cells))
    return "\n".join(line.rstrip() for line in lines)
