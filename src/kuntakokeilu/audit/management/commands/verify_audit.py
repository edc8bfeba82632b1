from django.core.management.base import BaseCommand, CommandError

from kuntakokeilu.audit.chain import verify


class Command(BaseCommand):
    help = (
        "Verify the audit log's hash chain: re-read every entry in id order from the chain's "
        "start (or the retention purge's anchor), recompute its hash and compare. Prints OK and "
        "the count, or the first broken entry and what is wrong (exit status 1)."
    )

    def handle(self, *args, **options):
        result = verify()
        if not result.ok:
            where = f"entry {result.broken_id}" if result.broken_id else "the chain"
            raise CommandError(
                f"audit chain BROKEN at {where}: {result.problem} "
                f"({result.checked} entries verified before it)"
            )
        self.stdout.write(f"audit chain OK: {result.checked} entries verified")
