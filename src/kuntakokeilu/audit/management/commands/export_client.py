import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from kuntakokeilu.audit.management.options import actor_named, add_by_option
from kuntakokeilu.audit.subject import ExportEncoder, do_export_client
from kuntakokeilu.clients.models import Client
from kuntakokeilu.rules.identity import mask


class Command(BaseCommand):
    help = (
        "Data-subject export (GDPR Art. 15): one JSON document with everything held about the "
        "person with the given identity code: the client record, every row linked to it, the "
        "referral history and the consultations of the data (dates, actions and purposes, no "
        "staff names). The export is written in the audit log."
    )

    def add_arguments(self, parser):
        parser.add_argument("--person", required=True, help="identity code of the person")
        parser.add_argument("--out", required=True, type=Path, help="the JSON file to write")
        add_by_option(parser)

    def handle(self, *args, person: str, out: Path, by: str | None, **options):
        client = Client.objects.filter(person_id=person.strip()).first()
        if client is None:
            raise CommandError(f"no client with the identity code {mask(person)}")
        document = do_export_client(client, actor=actor_named(by))
        text = json.dumps(document, cls=ExportEncoder, ensure_ascii=False, indent=2)
        out.write_text(text, encoding="utf-8")
        records = sum(len(rows) for rows in document["records"].values())
        self.stdout.write(
            f"wrote {out}: client {client.pk}, {records} linked records, "
            f"{len(document['consultations'])} consultations"
        )
