from collections import defaultdict

from django.core.management.base import BaseCommand, CommandError

from kuntakokeilu.quotas import formatting
from kuntakokeilu.quotas.actions import SizedQuota, size_quotas
from kuntakokeilu.quotas.periods import period_months
from kuntakokeilu.rules.parameters import ParameterError
from kuntakokeilu.web.arguments import iso_date

AREA_WIDTH = 34
SERVICE_WIDTH = 15


class Command(BaseCommand):
    help = (
        "Size the wage subsidy, start-up grant and training quotas of every experiment area for a "
        "period, from the clients each area is responsible for now (rules.resources: places = "
        "clients × share × months / 12, euros = places × unit cost). Idempotent: a second run "
        "changes nothing; a quota adjusted by a person, or used beyond its new size, is kept."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--from", dest="start", required=True, help="first day of the period, YYYY-MM-DD"
        )
        parser.add_argument("--to", dest="end", required=True, help="last day, YYYY-MM-DD")
        parser.add_argument(
            "--on", help="the day whose quota parameters apply, YYYY-MM-DD (default: --from)"
        )

    def handle(self, *args, start: str, end: str, on: str | None, **options):
        first, last = iso_date(start, "--from"), iso_date(end, "--to")
        day = iso_date(on) if on else first
        try:
            months = period_months(first, last)
            sized = size_quotas(day, first, last)
        except (ValueError, ParameterError) as error:
            raise CommandError(str(error)) from None
        self.stdout.write(
            f"Quotas for {formatting.day(first)}–{formatting.day(last)} "
            f"({formatting.count(months) if months.is_integer() else f'{months:.2f}'} months), "
            f"parameters of {formatting.day(day)}"
        )
        self.print_table(sized)

    def print_table(self, sized: list[SizedQuota]) -> None:
        self.stdout.write(
            f"{'area':<{AREA_WIDTH}} {'service':<{SERVICE_WIDTH}} {'clients':>9} "
            f"{'places':>7} {'euros':>18}  status"
        )
        totals: dict[str, list] = defaultdict(lambda: [0, 0])
        for row in sized:
            self.stdout.write(
                f"{row.quota.area.name[:AREA_WIDTH]:<{AREA_WIDTH}} "
                f"{row.quota.service:<{SERVICE_WIDTH}} {formatting.count(row.clients):>9} "
                f"{formatting.count(row.places):>7} {formatting.euros(row.euros):>18}  "
                f"{row.status}"
            )
            totals[row.quota.service][0] += row.places
            totals[row.quota.service][1] += row.euros
        for service, (places, euros) in totals.items():
            self.stdout.write(
                f"{'all areas':<{AREA_WIDTH}} {service:<{SERVICE_WIDTH}} {'':>9} "
                f"{formatting.count(places):>7} {formatting.euros(euros):>18}"
            )
        statuses = defaultdict(int)
        for row in sized:
            statuses[row.status] += 1
        self.stdout.write(", ".join(f"{n} {status}" for status, n in sorted(statuses.items())))
