from django.core.management.base import BaseCommand, CommandError

from kuntakokeilu.web.i18n import LANGUAGES, compile_catalogue, untranslated, update_catalogue


class Command(BaseCommand):
    help = (
        "Message catalogues (fi, sv) without GNU gettext: --update merges the messages marked in "
        "the code and templates into locale/<lang>/LC_MESSAGES/django.po (keeping translations); "
        "--compile writes django.mo; --check fails when any message is untranslated."
    )

    def add_arguments(self, parser):
        parser.add_argument("--update", action="store_true", help="extract and merge into .po")
        parser.add_argument("--compile", action="store_true", help="write the .mo files")
        parser.add_argument("--check", action="store_true", help="fail on untranslated messages")

    def handle(self, *args, update: bool, compile: bool, check: bool, **options):
        if not (update or compile or check):
            raise CommandError("say what to do: --update, --compile and/or --check")
        for language in LANGUAGES:
            if update:
                catalogue = update_catalogue(language)
                self.stdout.write(f"{language}: {len(catalogue)} messages in the catalogue")
            if compile:
                self.stdout.write(f"{language}: compiled {compile_catalogue(language)}")
            if check and (missing := untranslated(language)):
                listing = "\n  ".join(missing)
                raise CommandError(f"{language}: {len(missing)} untranslated:\n  {listing}")
