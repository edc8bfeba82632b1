"""The vectorised identity-code check is held to python-stdnum, the oracle (DOMAIN.md §7).

``problem_expr`` (the whole column at once, for the national batch) must accept exactly the codes
python-stdnum accepts and give the same reason text as ``problem`` (the scalar form, built on
stdnum). A code is checked in the form it is given: stdnum would first tidy it (strip, upper-case,
turn Unicode dashes into '-', read Unicode digits), so the oracle is stdnum's ``is_valid`` on codes
that are already in that tidy, ASCII form; for every other code both forms say what is untidy.

The million codes are generated with Polars' seeded sampling (numpy is not a dependency).
"""

from __future__ import annotations

import datetime as dt
import random

import polars as pl
import pytest
from stdnum.fi import hetu

from kuntakokeilu.rules import identity

MILLION = 1_000_000
DVV_TEST_CODES = ("010594Y9032", "020594X903P", "010516B903X", "131052-308T")
FIRST_DAY, LAST_DAY = dt.date(1850, 1, 1), dt.date(2025, 12, 31)
SIGNS_1900S, SIGNS_2000S = "-YXWVU", "ABCDEF"


def stdnum_accepts(code: str) -> bool:
    """python-stdnum's verdict on a code given in its tidy form (see the module docstring)."""
    tidy = code.isascii() and hetu.compact(code) == code
    return tidy and hetu.is_valid(code, allow_temporary=True)


def vectorised(codes: list[str] | pl.Series, allow_temporary: bool = True) -> list[str | None]:
    frame = pl.DataFrame({"code": codes}, schema={"code": pl.String})
    return (
        frame.select(identity.problem_expr(pl.col("code"), allow_temporary)).to_series().to_list()
    )


def with_check(first_ten: str) -> str:
    """DDMMYY + sign + NNN completed with its correct check character."""
    return first_ten + identity.check_character(first_ten)


# -- generating a million codes, vectorised -------------------------------------------------


def uniform(low: int, high: int, n: int, seed: int) -> pl.Series:
    """``n`` integers drawn uniformly from [low, high), reproducibly."""
    return pl.int_range(low, high, eager=True).sample(n, with_replacement=True, seed=seed)


def random_draws(n: int, seed: int) -> pl.DataFrame:
    span = (LAST_DAY - FIRST_DAY).days + 1
    names = ("day_offset", "sign_pick", "individual", "wrong", "shift", "raw_date", "raw_day")
    highs = (span, 6, 1000, 2, 31, 8, 40)
    frame = pl.DataFrame(
        {
            name: uniform(0, high, n, seed + i)
            for i, (name, high) in enumerate(zip(names, highs, strict=True))
        }
    )
    return frame.with_columns(
        raw_month=uniform(0, 20, n, seed + 20), corruption=uniform(0, 40, n, seed + 21)
    )


def birth_part() -> pl.Expr:
    """DDMMYY of a real day, or (1 in 8) any day 00-39 and month 00-19: impossible dates too."""
    born = pl.lit(FIRST_DAY) + pl.duration(days=pl.col("day_offset"))
    real = born.dt.to_string("%d%m%y")
    raw = pl.concat_str(
        [
            pl.col("raw_day").cast(pl.String).str.zfill(2),
            pl.col("raw_month").cast(pl.String).str.zfill(2),
            born.dt.to_string("%y"),
        ]
    )
    return pl.when(pl.col("raw_date") == 0).then(raw).otherwise(real)


def century_sign() -> pl.Expr:
    """A sign that fits the birth year: + for the 1800s, any of -YXWVU or ABCDEF otherwise."""
    year = (pl.lit(FIRST_DAY) + pl.duration(days=pl.col("day_offset"))).dt.year()
    pick = pl.col("sign_pick")
    return (
        pl.when(year < 1900)
        .then(pl.lit("+"))
        .when(year < 2000)
        .then(pl.lit(SIGNS_1900S).str.slice(pick, 1))
        .otherwise(pl.lit(SIGNS_2000S).str.slice(pick, 1))
    )


def check_part() -> pl.Expr:
    """The right check character, or (half the time) a wrong one."""
    digits = (pl.col("first_ten").str.slice(0, 6) + pl.col("first_ten").str.slice(7, 3)).cast(
        pl.Int64
    )
    index = (digits + pl.col("wrong") * (1 + pl.col("shift") % 30)) % 31
    return pl.lit(identity.CHECK_CHARACTERS).str.slice(index, 1)


CORRUPTIONS = {
    0: lambda code: code.str.to_lowercase(),
    1: lambda code: pl.lit(" ") + code,
    2: lambda code: code + pl.lit("\n"),
    3: lambda code: code.str.slice(0, 10),
    4: lambda code: code + pl.lit("0"),
    5: lambda code: code.str.slice(0, 6) + pl.lit("G") + code.str.slice(7),
    6: lambda code: code.str.slice(0, 8) + pl.lit("O") + code.str.slice(9),
    7: lambda code: code.str.slice(0, 6) + pl.lit("–") + code.str.slice(7),  # en dash
    8: lambda code: pl.lit(""),
    9: lambda code: pl.lit("１") + code.str.slice(1),  # fullwidth digit one
    10: lambda code: pl.lit("\x1c") + code,
    11: lambda code: code + pl.lit("\xa0"),
    12: lambda code: code.str.slice(0, 4) + pl.lit("٥") + code.str.slice(5),  # Arabic-Indic 5
    13: lambda code: code.str.slice(0, 6) + pl.lit("a") + code.str.slice(7),
}


def corrupted(code: pl.Expr) -> pl.Expr:
    """About a third of the codes get one of the corruptions; the rest stay as generated."""
    result = pl.when(pl.col("corruption") == 0).then(CORRUPTIONS[0](code))
    for kind, corrupt in list(CORRUPTIONS.items())[1:]:
        result = result.when(pl.col("corruption") == kind).then(corrupt(code))
    return result.otherwise(code)


def generated_codes(n: int, seed: int) -> pl.Series:
    draws = random_draws(n, seed)
    first_ten = pl.concat_str(
        [birth_part(), century_sign(), pl.col("individual").cast(pl.String).str.zfill(3)]
    )
    return (
        draws.with_columns(first_ten.alias("first_ten"))
        .select(corrupted(pl.col("first_ten") + check_part()).alias("code"))
        .get_column("code")
    )


@pytest.fixture(scope="module")
def million_codes() -> pl.Series:
    return generated_codes(MILLION, seed=2021)


# -- the differential tests -----------------------------------------------------------------


def test_generated_codes_cover_valid_invalid_and_corrupted_codes(million_codes):
    verdicts = pl.Series([stdnum_accepts(c) for c in million_codes.head(50_000)])
    assert 0.2 < verdicts.mean() < 0.6
    assert million_codes.str.contains("^[0-9]{6}[-+A-FYXWVU][0-9]{3}[0-9A-Y]$").mean() > 0.5


def test_vectorised_check_accepts_exactly_what_stdnum_accepts_on_a_million_codes(million_codes):
    # given a million generated codes
    # when both forms judge them
    accepted = pl.Series([c is None for c in vectorised(million_codes)])
    oracle = pl.Series([stdnum_accepts(code) for code in million_codes])
    # then they agree on every one
    disagreements = million_codes.filter(accepted != oracle)
    assert disagreements.head(10).to_list() == []


def test_vectorised_reason_equals_the_scalar_reason_on_a_sample(million_codes):
    sample = million_codes.sample(20_000, seed=7)
    assert vectorised(sample) == [identity.problem(code) for code in sample]


# -- every edge case ------------------------------------------------------------------------


def every_century_sign() -> list[str]:
    years = {1800: "94", 1900: "94", 2000: "16"}
    return [with_check(f"0105{years[c]}{sign}002") for sign, c in identity.CENTURY_SIGNS.items()]


def twenty_ninth_of_february() -> list[str]:
    days = [("00", "+"), ("96", "-"), ("97", "-"), ("00", "-"), ("00", "A"), ("04", "B")]
    days += [("01", "C"), ("24", "F")]
    return [with_check(f"2902{yy}{sign}123") for yy, sign in days]


def individual_numbers() -> list[str]:
    return [with_check(f"131052-{nnn}") for nnn in ("000", "001", "002", "899", "900", "999")]


def every_check_character() -> list[str]:
    """For one birth date: a valid code ending in each check character, and each wrong one."""
    codes = {}
    for individual in range(2, 900):
        code = with_check(f"311299-{individual:03d}")
        codes.setdefault(code[-1], code)
    wrong = [f"311299-123{c}" for c in identity.CHECK_CHARACTERS]
    return sorted(codes.values()) + wrong


def untidy_codes() -> list[str]:
    code = "131052-308T"
    return [
        "",
        " ",
        code.lower(),
        f" {code}",
        f"{code} ",
        f"{code}\n",
        f"\t{code}",
        f"\x1c{code}",
        f"{code}\xa0",
        "131052–308T",  # en dash
        "131052−308T",  # minus sign
        "１３１０５２-３０８T",  # fullwidth digits
        "1310٥٢-308T",  # Arabic-Indic digits
        "131052 308T",
        "131052-308",
        "131052-308TT",
        "131052G308T",
        "131052-308G",
        "131052-308I",
        "131052-308O",
        "131052-308Q",
        "131052-308Z",
        "3202A0-0027",
        "ä31052-308T",
        "131052-308ẞ",
    ]


def random_noise() -> list[str]:
    alphabet = "0123456789+-ABCDEFYXWVUabc HJKLMNPRST\n–"
    chooser = random.Random(11)
    return ["".join(chooser.choices(alphabet, k=chooser.randint(9, 13))) for _ in range(2000)]


EDGE_CASES = (
    list(DVV_TEST_CODES)
    + every_century_sign()
    + twenty_ninth_of_february()
    + individual_numbers()
    + every_check_character()
    + untidy_codes()
)


@pytest.mark.parametrize("code", EDGE_CASES)
def test_vectorised_reason_equals_the_scalar_reason_on_edge_case(code):
    assert vectorised([code]) == [identity.problem(code)]


@pytest.mark.parametrize("code", EDGE_CASES)
def test_vectorised_check_accepts_the_edge_case_exactly_when_stdnum_does(code):
    assert (vectorised([code])[0] is None) == stdnum_accepts(code)


@pytest.mark.parametrize("code", EDGE_CASES)
def test_both_forms_agree_on_edge_case_when_temporary_codes_are_refused(code):
    assert vectorised([code], allow_temporary=False) == [identity.problem(code, False)]


def test_both_forms_agree_on_random_noise():
    noise = random_noise()
    assert vectorised(noise) == [identity.problem(code) for code in noise]
    assert [r is None for r in vectorised(noise)] == [stdnum_accepts(c) for c in noise]


# -- what the edge cases mean ---------------------------------------------------------------


def test_dvv_test_codes_are_valid_as_temporary_codes():
    assert vectorised(list(DVV_TEST_CODES)) == [None, None, None, None]


def test_dvv_temporary_test_codes_are_refused_when_temporary_codes_are_not_allowed():
    assert vectorised(["010594Y9032"], allow_temporary=False) == [
        "individual number 903 is a temporary code (900-999), not accepted here"
    ]


def test_every_century_sign_is_accepted():
    assert vectorised(every_century_sign()) == [None] * len(identity.CENTURY_SIGNS)


@pytest.mark.parametrize(
    ("code", "reason"),
    [
        (with_check("290200-123"), "no such birth date: 290200 with century sign -"),
        (with_check("290200+123"), "no such birth date: 290200 with century sign +"),
        (with_check("290200A123"), None),
        (with_check("290296-123"), None),
    ],
    ids=["1900 not a leap year", "1800 not a leap year", "2000 a leap year", "1996 a leap year"],
)
def test_29_february_exists_only_in_leap_years(code, reason):
    assert vectorised([code]) == [reason]


def test_individual_numbers_start_from_002():
    codes = [with_check("131052-000"), with_check("131052-001"), with_check("131052-002")]
    assert vectorised(codes) == [
        "individual number 000 is not used (numbers start from 002)",
        "individual number 001 is not used (numbers start from 002)",
        None,
    ]


def test_every_check_character_occurs_in_a_valid_code():
    valid = [code for code in every_check_character() if identity.problem(code) is None]
    assert {code[-1] for code in valid} == set(identity.CHECK_CHARACTERS)


def test_wrong_check_character_names_the_right_one():
    assert vectorised(["131052-308U"]) == ["check character should be T"]


def test_code_with_an_en_dash_is_refused_although_stdnum_would_tidy_it():
    assert hetu.is_valid("131052–308T")
    assert identity.problem("131052–308T") == f"not an identity code: {identity.FORMAT_HINT}"
