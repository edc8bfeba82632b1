import math
import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from kuntakokeilu.reference import ReferenceError
from kuntakokeilu.register.synthetic import SyntheticRegisterError
from kuntakokeilu.rules.parameters import ParameterError
from kuntakokeilu.simulate.engine import Settings, SimulationError
from kuntakokeilu.simulate.output import write_simulation
from kuntakokeilu.web.arguments import iso_date


def whole_number(text: str, option: str, least: int) -> int:
    try:
        value = int(text)
    except ValueError:
        raise CommandError(f"{option} {text!r} is not a whole number") from None
    if value < least:
        raise CommandError(f"{option} must be {least} or more, not {value}")
    return value


def number(text: str, option: str, example: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise CommandError(f"{option} {text!r} is not a number: give e.g. {example}") from None
    if math.isnan(value) or math.isinf(value):
        raise CommandError(f"{option} must be a finite number, not {text}")
    return value


def positive(value: float, option: str) -> float:
    if value <= 0:
        raise CommandError(f"{option} must be above 0 (1 = all of Finland), not {value:g}")
    return value


def at_least_minus_one(value: float) -> float:
    if value < -1:
        raise CommandError(
            f"--effect must be -1 or more (-1: nobody leaves for work), not {value:g}"
        )
    return value


class Command(BaseCommand):
    help = (
        "Simulate event histories for the whole register of Finland (experiment and other "
        "municipalities) for M months and write them as an event directory (events.schema: "
        "events-YYYY-MM.parquet per month and manifest.json). The register on the first day is "
        "the synthetic national register (generate-register); people register, leave, return, "
        "are referred to the experiment areas and back by the target-group rules, have "
        "interviews and plans on the dated schedule, services, job offers, benefits paid "
        "monthly with the financing counter, surveys. --effect is a known treatment effect: "
        "the monthly probability of leaving for work of the experiment areas' clients during "
        "the experiment is multiplied by (1 + effect); the same --seed gives the same numbers "
        "to everyone, so runs that differ only in --effect differ only through it. Calibration "
        "and its sources: docs/simulator.md."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--from",
            dest="start",
            required=True,
            help="first day, YYYY-MM-DD, the first of a month (2020-01-01 or later)",
        )
        parser.add_argument("--months", required=True, help="how many months, 1 or more")
        parser.add_argument(
            "--scale",
            default="1",
            help="size relative to all of Finland, above 0 (default 1: about 610 000 on the "
            "register in March 2020)",
        )
        parser.add_argument("--seed", default="0", help="random seed, 0 or above (default 0)")
        parser.add_argument(
            "--effect",
            default="0",
            help="relative effect on leaving for work in the experiment areas during the "
            "experiment: 0 none (default), 0.2 = 20 %% more, -0.1 = 10 %% less (at least -1)",
        )
        parser.add_argument(
            "--out",
            required=True,
            type=Path,
            help="the event directory to write: new, empty, or an event directory to replace",
        )

    def handle(self, *args, start, months, scale, seed, effect, out: Path, **options):
        settings = Settings(
            start=iso_date(start, "--from"),
            months=whole_number(months, "--months", 1),
            scale=positive(number(scale, "--scale", "1 or 0.05"), "--scale"),
            seed=whole_number(seed, "--seed", 0),
            effect=at_least_minus_one(number(effect, "--effect", "0 or 0.2")),
        )
        began = time.perf_counter()
        try:
            manifest = write_simulation(settings, out, progress=self.stdout.write)
        except (SimulationError, SyntheticRegisterError, ReferenceError, ParameterError) as error:
            raise CommandError(str(error)) from None
        total = sum(manifest["files"].values())
        self.stdout.write("events by kind:")
        for kind, count in manifest["events_by_kind"].items():
            self.stdout.write(f"  {kind:<32} {count:>12,}")
        self.stdout.write(
            f"wrote {total:,} events in {len(manifest['files'])} month files to {out} in "
            f"{time.perf_counter() - began:.1f} s"
        )
