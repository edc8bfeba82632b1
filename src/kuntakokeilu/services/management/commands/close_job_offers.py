from django.core.management.base import BaseCommand

from kuntakokeilu.services.actions import close_overdue_job_offers
from kuntakokeilu.web.arguments import iso_date
from kuntakokeilu.web.clock import today


class Command(BaseCommand):
    help = (
        "Set 'no answer' on the open job offers whose answer deadline has passed, with the "
        "client's event and an audit row for each. Idempotent: a second run changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--on",
            default=None,
            help="the day to close for, YYYY-MM-DD (default: today); deadlines before it passed",
        )

    def handle(self, *args, on=None, **options):
        day = iso_date(on) if on else today()
        closed = close_overdue_job_offers(day)
        self.stdout.write(f"closed {closed} job offers with no answer by the deadline ({day})")
