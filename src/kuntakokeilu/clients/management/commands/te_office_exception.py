import datetime as dt

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from kuntakokeilu.clients.models import TeOfficeException
from kuntakokeilu.rules.identity import mask, problem
from kuntakokeilu.web.arguments import iso_date


class Command(BaseCommand):
    help = (
        "Record a TE office's discretionary exception for one person (language rights, conflict "
        "of interest, safety): later referral runs keep the person with the TE office, or take "
        "them back, while it is in force. --list shows the exceptions in force on a date."
    )

    def add_arguments(self, parser):
        parser.add_argument("--person", help="identity code of the person")
        parser.add_argument("--kind", choices=TeOfficeException.Kind.values)
        parser.add_argument("--reason", help="why (required when recording)")
        parser.add_argument("--from", dest="valid_from", help="first day, YYYY-MM-DD")
        parser.add_argument("--to", dest="valid_to", help="last day, YYYY-MM-DD (default: open)")
        parser.add_argument("--by", dest="recorded_by", help="who records it (the TE officer)")
        parser.add_argument("--list", dest="list_on", metavar="DATE", help="list those in force")

    def handle(self, *args, list_on: str | None, **options):
        if list_on:
            self.list_in_force(iso_date(list_on, "--list"))
        else:
            self.record(**options)

    def list_in_force(self, on: dt.date) -> None:
        exceptions = TeOfficeException.in_force_on(on).order_by("valid_from", "pk")
        for e in exceptions:
            until = e.valid_to.isoformat() if e.valid_to else "open"
            self.stdout.write(
                f"{mask(e.person_id)}  {e.kind:<22} {e.valid_from}–{until}  {e.reason}"
            )
        self.stdout.write(f"{exceptions.count()} exception(s) in force on {on.isoformat()}")

    def record(self, person, kind, reason, valid_from, valid_to, recorded_by, **_):
        missing = [
            n
            for n, v in (
                ("--person", person),
                ("--kind", kind),
                ("--reason", reason),
                ("--from", valid_from),
                ("--by", recorded_by),
            )
            if not v
        ]
        if missing:
            raise CommandError(f"to record an exception give {', '.join(missing)}")
        if (why := problem(person)) is not None:
            raise CommandError(f"--person: {why}")
        start = iso_date(valid_from, "--from")
        end = iso_date(valid_to, "--to") if valid_to else None
        if end is not None and end < start:
            raise CommandError(f"--to {end.isoformat()} is before --from {start.isoformat()}")
        if not reason.strip():
            raise CommandError("--reason is empty: say why the TE office keeps the person")
        exception = TeOfficeException(
            person_id=person,
            kind=kind,
            reason=reason.strip(),
            recorded_by=recorded_by,
            valid_from=start,
            valid_to=end,
        )
        with transaction.atomic():
            exception.save()
        self.stdout.write(
            f"recorded: {mask(person)} stays with the TE office ({kind}) from {valid_from}"
        )
