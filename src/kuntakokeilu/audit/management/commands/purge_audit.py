import datetime as dt

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from kuntakokeilu.audit import retention
from kuntakokeilu.audit.chain import verify
from kuntakokeilu.audit.management.options import actor_named, add_by_option
from kuntakokeilu.web.arguments import iso_date


class Command(BaseCommand):
    help = (
        f"Delete audit entries older than the retention period ({retention.RETENTION_YEARS} "
        "years, SECURITY.md). --dry-run reports what would go and changes nothing; --apply "
        "deletes, moves the chain's start to the first kept entry and verifies the chain."
    )

    def add_arguments(self, parser):
        mode = parser.add_mutually_exclusive_group(required=True)
        mode.add_argument("--dry-run", action="store_true", help="report only")
        mode.add_argument("--apply", action="store_true", help="delete the old entries")
        parser.add_argument(
            "--today", help="the day to count back from, YYYY-MM-DD (default: today)"
        )
        add_by_option(parser)

    def handle(self, *args, apply: bool, today: str | None, by: str | None, **options):
        day = iso_date(today, "--today") if today else timezone.localdate()
        if apply:
            self.apply(day, actor_named(by))
        else:
            self.report(retention.plan(day), "would delete")

    def report(self, planned: retention.PurgePlan, verb: str) -> None:
        before = planned.cutoff.strftime("%Y-%m-%d %H:%M %Z")
        self.stdout.write(
            f"{verb} {planned.old} of {planned.total} audit entries (those before {before}); "
            f"{planned.kept} kept"
        )

    def apply(self, day: dt.date, actor) -> None:
        self.report(retention.purge(day, actor=actor), "deleted")
        result = verify()
        if not result.ok:
            raise CommandError(
                f"after the purge the chain is BROKEN at {result.broken_id}: {result.problem}"
            )
        self.stdout.write(f"audit chain OK: {result.checked} entries verified")
