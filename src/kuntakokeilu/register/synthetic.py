"""A synthetic job-seeker register extract for the whole of Finland on a date (REGISTER.md).

``generate_register(on, scale, seed)`` draws one row per registered job seeker, with exactly the
REGISTER.md columns, sized and shaped by the shipped real statistics and a handful of stated
shares. Everything is drawn column-wise (no per-person Python loop): the 687 021 rows of
1.3.2021 in about 0.9 s. The same seed gives the same rows, and ``write_register`` the same bytes.

Random numbers come from Polars' seeded sampler (``Draws``), one independent stream per named
quantity: numpy is not a dependency of this project, so STYLE.md's ``default_rng(seed)`` is
replaced by the equivalent seeded generator Polars already carries (rand's SmallRng).

How many, where (the scenario)
    Unemployed job seekers per municipality come from the shipped monthly statistics (Statistics
    Finland table 1001 via PTT, 2018-01..2020-10, 2020 division; PROVENANCE.md §3): the count
    at the end of the last month that ended by the date; when that month is past the statistics
    (dates from 1.12.2020), the mean of the last 12 published months (2019-11..2020-10). A
    suppressed month falls back to the municipality's 12-month mean. On the 2021 division,
    Honkajoki (099) is counted in Kankaanpää (214). Only the unemployed + laid off follow that
    level: they are the unemployed job seekers x ``scale``. The other statuses stay at the
    calibration year's level (``BASELINE_YEAR``): (``application_clients_per_unemployed`` - 1)
    x the municipality's mean unemployed job seekers 2019-01..2019-12 x ``scale``, where 2.50 =
    600 000 registered / 240 265 unemployed (2019 means), i.e. 1.5 x the 2019 mean, about
    360 400 at scale 1 whatever the date: the covid rise in unemployment came mostly from the
    fully laid off, not from more people in services or employed job seekers. Per municipality
    the total is rounded, and the unemployed + laid off; the others are the difference. So the
    earliest date, 1.1.2020 (December 2019's level), gives 617 983 rows (257 556 unemployed or
    laid off), close to the 2019 size of about 600 000 (ARCHITECTURE.md); 15.6.2020 (May 2020,
    the covid peak) 792 497; the 2021 scenario (1.3.2021) 687 021, of which 326 638 unemployed
    or laid off. The Åland municipalities are included (they are in the statistics); they have
    no TE office, so their ``te_office`` is empty.

Statuses (laid out systematically in each municipality, so its shares hold to the person)
    Each municipality's first ``n_unemployed`` ranks are unemployed or laid_off (the statistic
    "unemployed job seekers" counts the fully laid off too), the rest the other statuses, each
    group laid out by its own shares. The laid-off part of the unemployed is 10 % before April
    2020, 35 % in April-June 2020, 20 % from July 2020 (guesses after the TEM Employment
    Bulletin's covid months). The others: in_services 15 %, in_training 8.5 %,
    subsidised_employment 8.5 %, employed 45 %, short_week 6.5 %, other 16.5 % (guesses; the
    three services, 0.48 per 2019 unemployed job seeker, are of the size the TEM bulletin
    reports for 2019). Measured: unemployed + laid off are 41.7 % of the 1.1.2020 register (the
    2019 ratio 1 / 2.50 = 40 %) and 47.5 % of the 1.3.2021 one; the services 18.7 % and 16.8 %.

People
    Age 17-66 on the date, by band: 17-19 2.5 %, 20-24 9 %, 25-29 11 %, 30-34 11 %, 35-39
    10.5 %, 40-44 10 %, 45-49 10 %, 50-54 11 %, 55-59 12.5 %, 60-64 11 %, 65-66 1.5 % (guess:
    22.5 % under 30, with the older job seekers' bulge). Identity codes: birth date from the
    age, unique (birth date, individual number 002-899) pairs, correct check characters; 20 %
    of codes use the new century signs (Y/X/W/V/U, B-F) so that both families occur (far more
    than in reality, on purpose). Foreign-language share by home municipality: 28 % in the
    capital region (Helsinki, Espoo, Vantaa, Kauniainen), 14 % in other towns of 100 000+,
    9 % 50 000+, 6 % 20 000+, 4 % 5 000+, 2.5 % below (guesses: foreign-language speakers were
    7.8 % of the population in 2019, twice as often unemployed, and concentrated in the big
    towns); the language among them weighted as ``FOREIGN_LANGUAGES`` (Statistics Finland's
    largest foreign languages, tilted towards the groups with high unemployment; guess).
    Native speakers: Swedish 1 % in Finnish municipalities, 8 % in bilingual Finnish-majority
    ones (Helsinki 6 %, Espoo 7 %, Vantaa 2 %, Porvoo 28 %), 60 % in bilingual Swedish-majority
    ones, 88 % in Swedish ones (guesses from the population by language); Sámi in the Sámi
    homeland (Utsjoki 40 %, Enontekiö 8 %, Inari 5 %, Sodankylä 1 %; guesses). Immigrant: 85 %
    of foreign-language speakers, 0.5 % of the others (guess).

Dates
    Unemployment spells (unemployed): 47 % exponential with mean 75 days, 25 % exponential with
    mean 250 days, 28 % lognormal with median 900 days (sigma 0.6): on 1.3.2021, 32 % of the
    unemployed and 27 % of unemployed + laid off have been so for 365 days or more (long-term
    unemployed were about a quarter of the unemployed job seekers in 2019-2021; guess from the
    TEM bulletin).
    Laid off: exponential, mean 120 days. The job search started on the same day for 60 %, else
    an exponential 90 days earlier. Other statuses: job search lognormal with median 300 days
    (sigma 1.0). No spell or search starts before the 16th birthday, nor after the date.

Earnings-related allowance
    Entitled: 25 % under 25, 50 % 25-29, 60 % 30-54, 66 % 55+; laid off 80 %; immigrants half
    as often; after 560 days (400 benefit days, Unemployment Security Act 1290/2002 6:7) only
    10 % remain entitled unless 61 or older (guesses, calibrated below). 45.5 % of the
    1.3.2021 register is entitled.

Calibration
    The scale-1 register of 1.3.2021 (687 021 rows) with ``decide_register`` on that day: refer
    209 938, not_in_target_group 292 593, not_in_experiment_area 184 490 (seed 0; seed 1 refers
    209 952, not_in_target_group 292 579; seed 2 refers 209 334). Before the 30-54, 55+ and
    laid-off shares were lowered from 72 %, 78 % and 85 % to 60 %, 66 % and 80 %, this
    register referred 191 079 (seed 0). The published figures are about 189 000 clients planned
    (D004) and a client survey sent to about 220 000 clients in June 2021 (DOMAIN.md §1); a test
    holds the referred count between 189 000 and 240 000. The earnings-related shares were the free
    parameter of the calibration; the others were set first from the statistics and guesses.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
import os
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import polars as pl

from kuntakokeilu.reference import ReferenceData, reference_data
from kuntakokeilu.register.intake import REGISTER_COLUMNS
from kuntakokeilu.rules.identity import CHECK_CHARACTERS
from kuntakokeilu.rules.parameters import Parameters, parameters

FORMATS = (".csv", ".parquet")

#: Municipalities merged since the statistics' 2020 division: old code -> the code it joined.
MERGED_INTO = {"099": "214"}  # Honkajoki into Kankaanpää, 1.1.2021

UNEMPLOYED_STATUSES = ("unemployed", "laid_off")
#: The other statuses are sized by this year's mean unemployed job seekers (the calibration year
#: of ``application_clients_per_unemployed``), whatever the date's level.
BASELINE_YEAR = 2019
#: The other statuses, relative weights (guesses, see the module docstring).
OTHER_STATUS_WEIGHTS = {
    "in_services": 0.15,
    "in_training": 0.085,
    "subsidised_employment": 0.085,
    "employed": 0.45,
    "short_week": 0.065,
    "other": 0.165,
}
#: Share of the fully laid off among unemployed job seekers, from the month given (guesses).
LAID_OFF_SHARE = (
    (dt.date(2018, 1, 1), 0.10),
    (dt.date(2020, 4, 1), 0.35),
    (dt.date(2020, 7, 1), 0.20),
)

#: Age bands [from, to) in years and their weight among job seekers (guess).
AGE_BANDS = (
    (17, 20, 2.5),
    (20, 25, 9.0),
    (25, 30, 11.0),
    (30, 35, 11.0),
    (35, 40, 10.5),
    (40, 45, 10.0),
    (45, 50, 10.0),
    (50, 55, 11.0),
    (55, 60, 12.5),
    (60, 65, 11.0),
    (65, 67, 1.5),
)
#: No job search or unemployment spell starts before this age.
EARLIEST_START_AGE = 16

#: Native speakers' share of Swedish by the municipality's language status (guesses).
SWEDISH_SHARE = {
    "fi": 0.01,
    "bilingual_fi_majority": 0.08,
    "bilingual_sv_majority": 0.60,
    "sv": 0.88,
}
#: Native speakers' share of Sámi in the Sámi homeland (guesses).
SAMI_SHARE = {"890": 0.40, "047": 0.08, "148": 0.05, "758": 0.01}
CAPITAL_REGION = ("091", "049", "092", "235")
CAPITAL_REGION_FOREIGN_SHARE = 0.28
#: Foreign-language share of job seekers by the municipality's population (guesses).
FOREIGN_SHARE_BY_POPULATION = (
    (100_000, 0.14),
    (50_000, 0.09),
    (20_000, 0.06),
    (5_000, 0.04),
    (0, 0.025),
)
#: Foreign languages among foreign-language job seekers, ISO 639-1, relative weights (guess).
#: Extra columns (REGISTER.md keeps extra columns): names for the case workers' pages. Common
#: first names and surnames in Finland by language group (guess-weighted: uniform within a list).
EXTRA_COLUMNS = ("first_names", "last_name")
FIRST_NAMES = {
    "fi": (
        "Juha",
        "Timo",
        "Matti",
        "Mikko",
        "Jari",
        "Antti",
        "Jukka",
        "Mika",
        "Markku",
        "Pekka",
        "Maria",
        "Helena",
        "Johanna",
        "Anne",
        "Kaarina",
        "Marjatta",
        "Tuula",
        "Anna",
        "Päivi",
        "Elina",
        "Aino",
        "Eino",
        "Veeti",
        "Emma",
        "Onni",
        "Sanna",
        "Jussi",
        "Laura",
        "Ville",
        "Riikka",
    ),
    "sv": (
        "Johan",
        "Mikael",
        "Peter",
        "Anders",
        "Erik",
        "Henrik",
        "Fredrik",
        "Karl",
        "Lars",
        "Jonas",
        "Anna",
        "Maria",
        "Kristina",
        "Elisabeth",
        "Sara",
        "Emma",
        "Linnea",
        "Ida",
        "Ellen",
        "Julia",
    ),
    "other": (
        "Ahmed",
        "Mohamed",
        "Ali",
        "Hassan",
        "Omar",
        "Ivan",
        "Dmitri",
        "Olga",
        "Natalia",
        "Fatima",
        "Amina",
        "Hodan",
        "Leyla",
        "Sergei",
        "Svetlana",
        "Nguyen",
        "Wei",
        "Priya",
        "Andrei",
        "Yasmin",
    ),
}
LAST_NAMES = {
    "fi": (
        "Korhonen",
        "Virtanen",
        "Mäkinen",
        "Nieminen",
        "Mäkelä",
        "Hämäläinen",
        "Laine",
        "Heikkinen",
        "Koskinen",
        "Järvinen",
        "Lehtonen",
        "Lehtinen",
        "Saarinen",
        "Salminen",
        "Heinonen",
        "Niemi",
        "Heikkilä",
        "Kinnunen",
        "Salonen",
        "Turunen",
    ),
    "sv": (
        "Lindholm",
        "Lindqvist",
        "Nyman",
        "Lindroos",
        "Johansson",
        "Karlsson",
        "Eriksson",
        "Andersson",
        "Björklund",
        "Holmström",
        "Forsman",
        "Sundström",
    ),
    "other": (
        "Mohamed",
        "Ali",
        "Hassan",
        "Ahmed",
        "Ivanov",
        "Smirnova",
        "Petrov",
        "Nguyen",
        "Abdi",
        "Farah",
        "Osman",
        "Kuznetsova",
        "Wang",
        "Singh",
        "Popescu",
    ),
}

FOREIGN_LANGUAGES = {
    "ru": 22,
    "ar": 14,
    "et": 10,
    "so": 9,
    "en": 6,
    "ku": 6,
    "fa": 5,
    "sq": 3,
    "zh": 2,
    "vi": 2,
    "th": 2,
    "tr": 2,
    "es": 2,
    "ti": 2,
    "uk": 1,
    "de": 1,
    "pl": 1,
}
IMMIGRANT_IF_FOREIGN = 0.85
IMMIGRANT_IF_NATIVE = 0.005

#: Unemployment spells of the unemployed: (weight, kind, days, sigma) (calibrated guess).
SPELL_MIXTURE = (
    (0.47, "exponential", 75.0, 0.0),
    (0.25, "exponential", 250.0, 0.0),
    (0.28, "lognormal", 900.0, 0.6),
)
LAID_OFF_MEAN_DAYS = 120.0
SAME_DAY_REGISTRATION = 0.60
EARLIER_REGISTRATION_MEAN_DAYS = 90.0
SEARCH_MEDIAN_DAYS, SEARCH_SIGMA = 300.0, 1.0

#: Entitled to earnings-related allowance by age [from, to) (guesses, calibrated).
EARNINGS_RELATED_BY_AGE = ((17, 25, 0.25), (25, 30, 0.50), (30, 55, 0.60), (55, 67, 0.66))
EARNINGS_RELATED_LAID_OFF = 0.80
EARNINGS_RELATED_IMMIGRANT_FACTOR = 0.5
#: 400 benefit days (5 a week) in calendar days; Unemployment Security Act 1290/2002 6:7.
EARNINGS_RELATED_DAYS = 560
EARNINGS_RELATED_AFTER_EXHAUSTION = 0.10
EARNINGS_RELATED_EXTRA_DAYS_AGE = 61

#: Century signs and their shares; the new ones on purpose far more common than in reality.
CENTURY_SIGNS_1900 = {"-": 0.80, "Y": 0.04, "X": 0.04, "W": 0.04, "V": 0.04, "U": 0.04}
CENTURY_SIGNS_2000 = {"A": 0.80, "B": 0.04, "C": 0.04, "D": 0.04, "E": 0.04, "F": 0.04}
FIRST_INDIVIDUAL, INDIVIDUALS = 2, 898  # permanent individual numbers 002-899

Progress = Callable[[str], None]


class SyntheticRegisterError(ValueError):
    """The register cannot be generated as asked; the message says why and what to do."""


# -- random numbers -------------------------------------------------------------------------

_BITS = 20


@cache
def _words() -> pl.Series:
    return pl.int_range(0, 1 << _BITS, dtype=pl.Int64, eager=True)


@dataclass(frozen=True)
class Draws:
    """Seeded uniform numbers in (0, 1), one independent stream per name (40 bits each)."""

    seed: int

    def uniform(self, name: str, n: int) -> pl.Series:
        words = _words().sample(2 * n, with_replacement=True, seed=self.stream_seed(name))
        value = words.head(n) * (1 << _BITS) + words.tail(n)
        return ((value.cast(pl.Float64) + 0.5) / float(1 << (2 * _BITS))).alias(name)

    def stream_seed(self, name: str) -> int:
        digest = hashlib.blake2b(f"{self.seed}/{name}".encode(), digest_size=8).digest()
        return int.from_bytes(digest, "big")

    def add(self, frame: pl.DataFrame, *names: str) -> pl.DataFrame:
        """``frame`` with a uniform column for each name."""
        return frame.with_columns(self.uniform(name, frame.height) for name in names)


def _pick(u: pl.Expr, weights: dict[str, float]) -> pl.Expr:
    """The label whose share of (0, 1) holds ``u``, shares proportional to ``weights``."""
    total, upper, cases = sum(weights.values()), 0.0, []
    for label, weight in list(weights.items())[:-1]:
        upper += weight / total
        cases.append((u < upper, pl.lit(label)))
    return _first_match(cases, pl.lit(list(weights)[-1]))


def _first_match(
    cases: list[tuple[pl.Expr, pl.Expr | float]], otherwise: pl.Expr | float
) -> pl.Expr:
    """The value of the first case whose condition holds, else ``otherwise``."""
    if not cases:
        return otherwise if isinstance(otherwise, pl.Expr) else pl.lit(otherwise)
    (condition, value), *rest = cases
    chain = pl.when(condition).then(value)
    for condition, value in rest:
        chain = chain.when(condition).then(value)
    return chain.otherwise(otherwise)


def _exponential(u: pl.Expr, mean: float) -> pl.Expr:
    return -(1.0 - u).log() * mean


def _lognormal(u1: pl.Expr, u2: pl.Expr, median: float, sigma: float) -> pl.Expr:
    normal = (-2.0 * u1.log()).sqrt() * (2.0 * math.pi * u2).cos()  # Box-Muller
    return median * (sigma * normal).exp()


# -- how many in each municipality ----------------------------------------------------------


@dataclass(frozen=True)
class Level:
    """The months of the statistics that size the register."""

    first_month: dt.date
    last_month: dt.date

    @property
    def scenario(self) -> bool:
        return self.first_month != self.last_month

    def describe(self) -> str:
        if not self.scenario:
            return f"unemployed job seekers at the end of {self.last_month:%Y-%m}"
        months = f"{self.first_month:%Y-%m}..{self.last_month:%Y-%m}"
        return f"scenario: mean unemployed job seekers {months} (the statistics end there)"


@dataclass(frozen=True)
class Counts:
    """Job seekers to draw per municipality of the division in force on ``on``."""

    on: dt.date
    level: Level
    #: One row per municipality: its attributes, ``expected`` and ``n`` (all job seekers),
    #: ``n_unemployed`` (unemployed + laid off, the date's level) and ``n_other`` (the rest).
    frame: pl.DataFrame

    @property
    def total(self) -> int:
        return int(self.frame["n"].sum())

    @property
    def unemployed(self) -> int:
        return int(self.frame["n_unemployed"].sum())


def municipality_counts(
    on: dt.date,
    scale: float,
    ref: ReferenceData | None = None,
    params: Parameters | None = None,
) -> Counts:
    """How many job seekers each municipality of ``on``'s division gets at ``scale``: the
    unemployed + laid off at the date's level, the other statuses at the 2019 level."""
    ref, params = ref or reference_data(), params or parameters()
    level, unemployed = unemployed_level(on, ref)
    others_per_unemployed = float(params.value("application_clients_per_unemployed", on)) - 1.0
    baseline = ref.unemployed_jobseekers(dt.date(BASELINE_YEAR + 1, 1, 1), 12).select(
        "code", pl.col("unemployed_jobseekers").alias("baseline_jobseekers")
    )
    figures = ("unemployed_jobseekers", "baseline_jobseekers")
    expected_unemployed = pl.col("unemployed_jobseekers") * scale
    expected_other = pl.col("baseline_jobseekers") * others_per_unemployed * scale
    frame = (
        _municipality_attributes(on, ref)
        .join(_on_division(unemployed, on, ref), on="code", how="left")
        .join(_on_division(baseline, on, ref), on="code", how="left")
        .with_columns(pl.col(figures).fill_null(0.0))
        .with_columns(
            expected_unemployed.alias("expected_unemployed"),
            (expected_unemployed + expected_other).alias("expected"),
        )
        .with_columns(
            _rounded(pl.col("expected")).alias("n"),
            _rounded(pl.col("expected_unemployed")).alias("n_unemployed"),
        )
        # the total is rounded as a whole, so the others take what the unemployed leave
        .with_columns(pl.min_horizontal("n_unemployed", "n").alias("n_unemployed"))
        .with_columns((pl.col("n") - pl.col("n_unemployed")).alias("n_other"))
    )
    return Counts(on, level, frame)


def _rounded(expected: pl.Expr) -> pl.Expr:
    return (expected + 0.5).floor().cast(pl.Int64)


def unemployed_level(on: dt.date, ref: ReferenceData) -> tuple[Level, pl.DataFrame]:
    """Unemployed job seekers per municipality (2020 division) for ``on`` (see the docstring)."""
    last_ended = (on.replace(day=1) - dt.timedelta(days=1)).replace(day=1)
    published = ref.jobseekers_monthly["month"].max()
    months = 1 if last_ended <= published else 12
    chosen = ref.unemployed_jobseekers(on, months)
    fallback = ref.unemployed_jobseekers(on, 12).select(
        "code", pl.col("unemployed_jobseekers").alias("fallback")
    )
    level = Level(chosen["first_month"][0], chosen["last_month"][0])
    figures = chosen.join(fallback, on="code", how="full", coalesce=True).select(
        "code", pl.coalesce("unemployed_jobseekers", "fallback").alias("unemployed_jobseekers")
    )
    return level, figures


def _on_division(unemployed: pl.DataFrame, on: dt.date, ref: ReferenceData) -> pl.DataFrame:
    """The 2020-division figures summed onto the division in force on ``on``."""
    codes = ref.municipalities(on)["code"]
    merged = pl.col("code").replace(MERGED_INTO)
    mapped = unemployed.with_columns(
        pl.when(pl.col("code").is_in(codes.implode())).then(pl.col("code")).otherwise(merged)
    )
    unknown = sorted(set(mapped["code"]) - set(codes))
    if unknown:
        raise SyntheticRegisterError(
            f"the statistics have municipality codes {', '.join(unknown)} that are not in the "
            f"division in force on {on.isoformat()}; add them to MERGED_INTO"
        )
    return mapped.group_by("code").agg(pl.exclude("code").sum())


def _municipality_attributes(on: dt.date, ref: ReferenceData) -> pl.DataFrame:
    population = ref.population(on).select("code", "population")
    return (
        ref.municipalities(on)
        .select("code", "te_office_fi", "language_status")
        .join(population, on="code", how="left")
        .with_columns(
            pl.col("language_status").replace_strict(SWEDISH_SHARE).alias("swedish_share"),
            pl.col("code").replace_strict(SAMI_SHARE, default=0.0).alias("sami_share"),
            _foreign_share().alias("foreign_share"),
        )
        .sort("code")
    )


def _foreign_share() -> pl.Expr:
    share = pl.when(pl.col("code").is_in(CAPITAL_REGION)).then(CAPITAL_REGION_FOREIGN_SHARE)
    for least, value in FOREIGN_SHARE_BY_POPULATION:
        share = share.when(pl.col("population").fill_null(0) >= least).then(value)
    return share.otherwise(FOREIGN_SHARE_BY_POPULATION[-1][1])


# -- the people -----------------------------------------------------------------------------


def generate_register(
    on: dt.date,
    scale: float = 1.0,
    seed: int = 0,
    *,
    ref: ReferenceData | None = None,
    params: Parameters | None = None,
    progress: Progress | None = None,
) -> pl.DataFrame:
    """A synthetic register extract for all of Finland on ``on``: the REGISTER.md columns."""
    say = progress or (lambda message: None)
    if not scale > 0 or math.isinf(scale):
        raise SyntheticRegisterError(f"scale must be a positive number, not {scale}")
    params = params or parameters()
    counts = municipality_counts(on, scale, ref, params)
    say(
        f"{counts.level.describe()}; {counts.total:,} job seekers in "
        f"{counts.frame.height} municipalities ({counts.unemployed:,} unemployed or laid off, "
        f"the others at the {BASELINE_YEAR} level)"
    )
    return _people(counts, Draws(seed), say)


def _people(counts: Counts, draws: Draws, say: Progress) -> pl.DataFrame:
    started, on = time.perf_counter(), counts.on
    frame = _with_statuses(_expanded(counts, draws), on)
    frame = _with_birth_dates(frame, on, draws)
    frame = _with_languages(frame, draws)
    frame = _with_spells(frame, on, draws)
    frame = _with_earnings_related(frame, on, draws)
    frame = _with_person_ids(frame, draws)
    frame = _with_names(frame, draws)
    say(f"drew {frame.height:,} people in {time.perf_counter() - started:.1f} s")
    return frame.select(
        "person_id",
        pl.col("code").alias("home_municipality"),
        "status",
        "earnings_related",
        "immigrant",
        "language",
        "registered_on",
        "unemployed_since",
        pl.col("te_office_fi").alias("te_office"),
        "first_names",
        "last_name",
    ).sort("home_municipality", "person_id")


def _expanded(counts: Counts, draws: Draws) -> pl.DataFrame:
    """One row per person with the municipality's attributes, its ``rank`` and an offset."""
    municipalities = draws.add(counts.frame.filter(pl.col("n") > 0), "offset")
    return municipalities.with_columns(pl.int_ranges(0, pl.col("n")).alias("rank")).explode("rank")


def _status_weights(on: dt.date) -> tuple[dict[str, float], dict[str, float]]:
    """Shares within the unemployed + laid off on ``on``, and within the other statuses."""
    laid_off = [share for since, share in LAID_OFF_SHARE if since <= on][-1]
    return {"unemployed": 1.0 - laid_off, "laid_off": laid_off}, OTHER_STATUS_WEIGHTS


def _with_statuses(frame: pl.DataFrame, on: dt.date) -> pl.DataFrame:
    """Statuses laid out systematically in each municipality: the first ``n_unemployed`` ranks
    are the unemployed and laid off, the rest the other statuses, each group's shares exact."""
    unemployed_weights, other_weights = _status_weights(on)
    in_unemployed = pl.col("rank") < pl.col("n_unemployed")
    unemployed_position = (pl.col("rank") + pl.col("offset")) / pl.col("n_unemployed")
    other_position = (pl.col("rank") - pl.col("n_unemployed") + pl.col("offset")) / pl.col(
        "n_other"
    )
    status = (
        pl.when(in_unemployed)
        .then(_pick(unemployed_position, unemployed_weights))
        .otherwise(_pick(other_position, other_weights))
    )
    return frame.with_columns(status.alias("status"))


def _with_birth_dates(frame: pl.DataFrame, on: dt.date, draws: Draws) -> pl.DataFrame:
    bands = {str(i): weight for i, (_, _, weight) in enumerate(AGE_BANDS)}
    band = _pick(pl.col("age_band"), bands)
    low = band.replace_strict({str(i): lo for i, (lo, _, _) in enumerate(AGE_BANDS)})
    width = band.replace_strict({str(i): hi - lo for i, (lo, hi, _) in enumerate(AGE_BANDS)})
    age = low + pl.col("age_within") * width
    days = (age * 365.25).floor().cast(pl.Int64)
    return (
        draws.add(frame, "age_band", "age_within")
        .with_columns(age.alias("age"))
        .with_columns((pl.lit(on) - pl.duration(days=days)).alias("birth_date"))
    )


def _with_languages(frame: pl.DataFrame, draws: Draws) -> pl.DataFrame:
    native = (
        pl.when(pl.col("native") < pl.col("sami_share"))
        .then(pl.lit("se"))
        .when(pl.col("native") < pl.col("sami_share") + pl.col("swedish_share"))
        .then(pl.lit("sv"))
        .otherwise(pl.lit("fi"))
    )
    foreign = pl.col("foreign") < pl.col("foreign_share")
    immigrant_share = pl.when(foreign).then(IMMIGRANT_IF_FOREIGN).otherwise(IMMIGRANT_IF_NATIVE)
    return draws.add(frame, "foreign", "which_foreign", "native", "immigrant_draw").with_columns(
        pl.when(foreign)
        .then(_pick(pl.col("which_foreign"), FOREIGN_LANGUAGES))
        .otherwise(native)
        .alias("language"),
        (pl.col("immigrant_draw") < immigrant_share).alias("immigrant"),
    )


def _name_from(u: pl.Expr, lists: dict[str, tuple[str, ...]]) -> pl.Expr:
    """A name from the list of the person's language group, uniformly by ``u``."""
    group = pl.when(pl.col("language").is_in(["fi", "se"])).then(pl.lit("fi"))
    group = group.when(pl.col("language") == "sv").then(pl.lit("sv")).otherwise(pl.lit("other"))
    picks = [
        pl.when(group == g).then(
            (u * len(names))
            .floor()
            .cast(pl.Int64)
            .replace_strict(dict(enumerate(names)), return_dtype=pl.String)
        )
        for g, names in lists.items()
    ]
    return pl.coalesce(picks)


def _with_names(frame: pl.DataFrame, draws: Draws) -> pl.DataFrame:
    return draws.add(frame, "first_name", "last_name_draw").with_columns(
        _name_from(pl.col("first_name"), FIRST_NAMES).alias("first_names"),
        _name_from(pl.col("last_name_draw"), LAST_NAMES).alias("last_name"),
    )


def _days_available(on: dt.date) -> pl.Expr:
    """Days from the earliest possible start (the 16th birthday) to ``on``."""
    return (pl.lit(on) - pl.col("birth_date")).dt.total_days() - int(EARLIEST_START_AGE * 365.25)


def _capped(days: pl.Expr, cap: pl.Expr, u: pl.Expr) -> pl.Expr:
    """``days`` where it fits under ``cap``, else a uniform share of ``cap``; whole days."""
    return pl.when(days > cap).then(u * cap).otherwise(days).floor().cast(pl.Int64)


def _spell_days() -> pl.Expr:
    """Days since the unemployment spell started: the mixture, or the laid-off exponential."""
    u1, u2 = pl.col("spell_u1"), pl.col("spell_u2")
    cases, threshold = [], 0.0
    for weight, kind, days, sigma in SPELL_MIXTURE:
        threshold += weight
        draw = _exponential(u1, days) if kind == "exponential" else _lognormal(u1, u2, days, sigma)
        cases.append((pl.col("spell_kind") < threshold, draw))
    laid_off = (pl.col("status") == "laid_off", _exponential(u1, LAID_OFF_MEAN_DAYS))
    return _first_match([laid_off, *cases], cases[-1][1])


def _with_spells(frame: pl.DataFrame, on: dt.date, draws: Draws) -> pl.DataFrame:
    unemployed = pl.col("status").is_in(UNEMPLOYED_STATUSES)
    available = _days_available(on)
    spell = _capped(_spell_days(), available, pl.col("spell_cap"))
    earlier = (
        pl.when(pl.col("same_day") < SAME_DAY_REGISTRATION)
        .then(0.0)
        .otherwise(_exponential(pl.col("earlier_u"), EARLIER_REGISTRATION_MEAN_DAYS))
    )
    gap = _capped(earlier, available - pl.col("spell"), pl.col("earlier_cap"))
    search = _lognormal(pl.col("search_u1"), pl.col("search_u2"), SEARCH_MEDIAN_DAYS, SEARCH_SIGMA)
    searched = (
        pl.when(unemployed)
        .then(pl.col("spell") + gap)
        .otherwise(_capped(search, available, pl.col("search_cap")))
    )
    names = ("spell_kind", "spell_u1", "spell_u2", "spell_cap", "same_day", "earlier_u")
    names += ("earlier_cap", "search_u1", "search_u2", "search_cap")
    return (
        draws.add(frame, *names)
        .with_columns(spell.alias("spell"))
        .with_columns(
            pl.when(unemployed)
            .then(pl.lit(on) - pl.duration(days=pl.col("spell")))
            .alias("unemployed_since"),
            (pl.lit(on) - pl.duration(days=searched)).alias("registered_on"),
        )
    )


def _earnings_related_share(on: dt.date) -> pl.Expr:
    by_age = [(pl.col("age") < high, share) for _, high, share in EARNINGS_RELATED_BY_AGE]
    laid_off = (pl.col("status") == "laid_off", EARNINGS_RELATED_LAID_OFF)
    base = _first_match([laid_off, *by_age], EARNINGS_RELATED_BY_AGE[-1][2])
    started = pl.coalesce("unemployed_since", "registered_on")
    exhausted = ((pl.lit(on) - started).dt.total_days() > EARNINGS_RELATED_DAYS) & (
        pl.col("age") < EARNINGS_RELATED_EXTRA_DAYS_AGE
    )
    immigrant = pl.when(pl.col("immigrant")).then(EARNINGS_RELATED_IMMIGRANT_FACTOR)
    after = pl.when(exhausted).then(EARNINGS_RELATED_AFTER_EXHAUSTION)
    return base * immigrant.otherwise(1.0) * after.otherwise(1.0)


def _with_earnings_related(frame: pl.DataFrame, on: dt.date, draws: Draws) -> pl.DataFrame:
    entitled = pl.col("earnings_draw") < _earnings_related_share(on)
    return draws.add(frame, "earnings_draw").with_columns(entitled.alias("earnings_related"))


# -- identity codes -------------------------------------------------------------------------


def _with_person_ids(frame: pl.DataFrame, draws: Draws) -> pl.DataFrame:
    """Unique codes: within a birth date the k-th person gets 2 + (a * k + b) mod 898, where
    a is odd and not 449 (898 = 2 x 449), so distinct people get distinct individual numbers."""
    frame = draws.add(frame, "order", "stride", "start", "sign")
    frame = frame.with_columns(
        (pl.col("order").rank("ordinal").over("birth_date") - 1).cast(pl.Int64).alias("id_rank")
    )
    _check_room(frame)
    stride = (pl.col("stride").first().over("birth_date") * (INDIVIDUALS // 2)).floor()
    stride = (2 * stride.cast(pl.Int64) + 1).replace(INDIVIDUALS // 2, INDIVIDUALS // 2 + 2)
    start = (pl.col("start").first().over("birth_date") * INDIVIDUALS).floor().cast(pl.Int64)
    individual = FIRST_INDIVIDUAL + (stride * pl.col("id_rank") + start) % INDIVIDUALS
    return frame.with_columns(individual.alias("individual")).with_columns(
        _identity_code().alias("person_id")
    )


def _check_room(frame: pl.DataFrame) -> None:
    most = int(frame["id_rank"].max() or 0) + 1
    if most > INDIVIDUALS:
        raise SyntheticRegisterError(
            f"{most} people share one birth date, more than the {INDIVIDUALS} permanent "
            "individual numbers (002-899) allow: use a smaller scale"
        )


def _identity_code() -> pl.Expr:
    born = pl.col("birth_date")
    sign = (
        pl.when(born.dt.year() >= 2000)
        .then(_pick(pl.col("sign"), CENTURY_SIGNS_2000))
        .otherwise(_pick(pl.col("sign"), CENTURY_SIGNS_1900))
    )
    date_part = born.dt.strftime("%d%m%y")
    digits = date_part.cast(pl.Int64) * 1000 + pl.col("individual")
    check = pl.lit(CHECK_CHARACTERS).str.slice(digits % 31, 1)
    number = pl.col("individual").cast(pl.String).str.zfill(3)
    return pl.concat_str([date_part, sign, number, check])


# -- writing --------------------------------------------------------------------------------


def register_format(path: Path) -> str:
    """``.csv`` or ``.parquet`` from the file name, or a SyntheticRegisterError."""
    suffix = Path(path).suffix.lower()
    if suffix not in FORMATS:
        found = f"'{Path(path).suffix}'" if Path(path).suffix else "no extension"
        raise SyntheticRegisterError(
            f"{path} has {found}; the register is written as .csv or .parquet"
        )
    return suffix


def write_register(frame: pl.DataFrame, path: Path) -> None:
    """Write the extract as CSV or Parquet by the extension; the whole file or nothing.

    Rows are in order of home municipality and identity code. The file is readable by its owner
    only (it holds identity codes, even if synthetic ones).
    """
    path = Path(path)
    suffix = register_format(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, suffix=f".tmp{suffix}")
    os.close(handle)
    try:
        if suffix == ".csv":
            frame.select(*REGISTER_COLUMNS, *EXTRA_COLUMNS).write_csv(temporary)
        else:
            frame.select(*REGISTER_COLUMNS, *EXTRA_COLUMNS).write_parquet(temporary)
        os.replace(temporary, path)
    finally:
        if os.path.exists(temporary):
            os.remove(temporary)
