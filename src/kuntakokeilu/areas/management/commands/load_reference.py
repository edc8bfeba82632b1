from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from kuntakokeilu.applications.loading import load_applications
from kuntakokeilu.areas.loading import load_reference
from kuntakokeilu.reference import ReferenceData, ReferenceError
from kuntakokeilu.reference.data import DATA_DIR


class Command(BaseCommand):
    help = (
        "Load the reference data (municipalities by division, ELY centres, population, job-seeker "
        "statistics, areas with dated membership, the 2020 applications) into the database. "
        "Idempotent: a second run changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--data-dir",
            type=Path,
            default=DATA_DIR,
            help="directory of the reference files (default: the files shipped in the package)",
        )

    def handle(self, *args, data_dir: Path, **options):
        try:
            ref = ReferenceData(data_dir)
        except (ReferenceError, OSError) as error:
            raise CommandError(f"cannot read the reference data in {data_dir}: {error}") from None
        with transaction.atomic():
            results = load_reference(ref) | {"applications": load_applications(ref)}
        for table, counts in results.items():
            self.stdout.write(f"{table:>20}: {counts}")
