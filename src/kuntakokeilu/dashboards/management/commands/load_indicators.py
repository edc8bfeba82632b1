from django.core.management.base import BaseCommand, CommandError

from kuntakokeilu.dashboards.loading import LoadError, load_results


class Command(BaseCommand):
    help = (
        "Load a `monitor --out` directory (indicators.parquet, quality.parquet, definitions.json) "
        "into the dashboards. A month not yet approved is replaced by the new figures; an "
        "approved (locked) month is never changed: new figures that differ become a correction "
        "awaiting approval. Months the directory does not hold are left as they are. Loading "
        "the same directory again changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("--results", required=True, help="the monitor output directory")

    def handle(self, *args, results: str, **options):
        try:
            summary = load_results(results)
        except LoadError as error:
            raise CommandError(str(error)) from None
        release = summary.release
        self.stdout.write(
            f"release {release.pk}: {release.rows} figures, {release.findings} findings"
        )
        for outcome in summary.outcomes:
            version = f"version {outcome.version}" if outcome.version else ""
            errors = f", {outcome.errors} quality errors" if outcome.errors else ""
            self.stdout.write(
                f"  {outcome.month:%Y-%m}  {outcome.outcome:<22} {version:<11} "
                f"{outcome.figures} figures{errors}"
            )
        timings = ", ".join(f"{name} {seconds:.2f} s" for name, seconds in summary.timings.items())
        self.stdout.write(f"{summary.written} figures written; {timings}")
