import datetime as dt
import math
import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from kuntakokeilu.reference import ReferenceError
from kuntakokeilu.register.synthetic import (
    SyntheticRegisterError,
    generate_register,
    register_format,
    write_register,
)
from kuntakokeilu.rules.parameters import ParameterError


def iso_date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise CommandError(f"--on {text!r} is not a date: give it as YYYY-MM-DD") from None


def positive_scale(text: str) -> float:
    try:
        scale = float(text)
    except ValueError:
        raise CommandError(f"--scale {text!r} is not a number: give e.g. 1 or 0.05") from None
    if not scale > 0 or math.isinf(scale):
        raise CommandError(f"--scale {text} must be a number above 0 (1 = all of Finland)")
    return scale


def seed_number(text: str) -> int:
    if not text.isdigit():
        raise CommandError(f"--seed {text!r} must be a whole number 0 or above")
    return int(text)


class Command(BaseCommand):
    help = (
        "Generate a synthetic job-seeker register extract for all of Finland on a date, with "
        "exactly the REGISTER.md columns (person_id, home_municipality, status, "
        "earnings_related, immigrant, language, registered_on, unemployed_since, te_office). "
        "Per municipality (division in force on the date), the unemployed and laid off follow the "
        "published unemployed job seekers of the last month ended by the date (from 1.12.2020, "
        "past the statistics, the mean of 2019-11..2020-10: a scenario); the other statuses stay "
        "at 1.5 x the municipality's 2019 mean. Statuses, ages, languages, "
        "dates and earnings-related entitlement follow the shares documented in "
        "kuntakokeilu.register.synthetic. The same --seed gives a byte-identical file."
    )

    def add_arguments(self, parser):
        parser.add_argument("--on", required=True, help="extract date, YYYY-MM-DD (2020 or later)")
        parser.add_argument(
            "--scale",
            default="1",
            help="size relative to all of Finland, above 0 (default 1: about 620 000 job seekers "
            "at the end of 2019, about 690 000 in the 2021 scenario)",
        )
        parser.add_argument("--seed", default="0", help="random seed, 0 or above (default 0)")
        parser.add_argument(
            "--out",
            required=True,
            type=Path,
            help="the file to write: .csv (UTF-8, comma, header) or .parquet, by the extension",
        )

    def handle(self, *args, on: str, scale: str, seed: str, out: Path, **opts):
        day, size, number = iso_date(on), positive_scale(scale), seed_number(seed)
        try:
            register_format(out)
            started = time.perf_counter()
            frame = generate_register(day, size, number, progress=self.stdout.write)
            self.stdout.write(f"writing {out}")
            write_register(frame, out)
        except (SyntheticRegisterError, ReferenceError, ParameterError) as error:
            raise CommandError(str(error)) from None
        elapsed = time.perf_counter() - started
        self.stdout.write(f"wrote {frame.height:,} job seekers to {out} in {elapsed:.1f} s")
