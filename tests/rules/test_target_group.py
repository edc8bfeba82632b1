"""The target group on a date: the scenario table through both forms of the rules, and the two
forms held equal on generated people."""

import datetime as dt

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kuntakokeilu.rules.identity import birth_date_expr, check_character
from kuntakokeilu.rules.target_group import (
    Context,
    Decision,
    Person,
    age_on,
    decide_person,
    decide_register,
    younger_than_expr,
)
from tests.scenarios import load

SCENARIOS = load("target_group")
PERSON_FIELDS = list(Person.__dataclass_fields__)


def person_of(row: dict) -> Person:
    return Person(**{field: row[field] for field in PERSON_FIELDS})


def decide_batch(people: list[Person], on: dt.date) -> list[Decision]:
    frame = pl.DataFrame([p.__dict__ for p in people]).with_columns(
        birth_date_expr(pl.col("person_id")).alias("birth_date")
    )
    decided = decide_register(frame, Context.on_date(on)).collect()
    return [
        Decision(row["decision"], row["area"], tuple(row["reasons"].split(";")))
        for row in decided.iter_rows(named=True)
    ]


def expected(row: dict) -> Decision:
    want = row["expect"]
    return Decision(want["decision"], want.get("area"), tuple(want["reasons"]))


@pytest.mark.parametrize("row", SCENARIOS, ids=[s["name"] for s in SCENARIOS])
def test_scenario_for_one_person(row):
    assert decide_person(person_of(row), Context.on_date(row["decided_on"])) == expected(row)


@pytest.mark.parametrize("row", SCENARIOS, ids=[s["name"] for s in SCENARIOS])
def test_scenario_in_a_batch(row):
    assert decide_batch([person_of(row)], row["decided_on"]) == [expected(row)]


def test_age_is_completed_years_and_the_birthday_completes_the_year():
    born = dt.date(1991, 3, 1)
    assert age_on(born, dt.date(2021, 2, 28)) == 29
    assert age_on(born, dt.date(2021, 3, 1)) == 30


# -- the two forms agree on generated people -------------------------------------------------

STATUSES = [
    "subsidised_employment",
    "employed",
    "unemployed",
    "laid_off",
    "short_week",
    "other",
    "in_services",
    "in_training",
]
MUNICIPALITIES = ["091", "049", "257", "090", "638", "020", "743", "005"]


@st.composite
def identity_codes(draw) -> str:
    born = draw(st.dates(dt.date(1950, 1, 1), dt.date(2009, 12, 31)))
    sign = draw(st.sampled_from("-YXWVU" if born.year < 2000 else "ABCDEF"))
    body = f"{born:%d%m%y}{sign}{draw(st.integers(2, 899)):03d}"
    return body + check_character(body + "0")


people = st.builds(
    Person,
    person_id=identity_codes(),
    home_municipality=st.sampled_from(MUNICIPALITIES),
    status=st.sampled_from(STATUSES),
    earnings_related=st.booleans(),
    immigrant=st.booleans(),
    language=st.sampled_from(["fi", "sv", "se", "en", "ru", "so", "ar"]),
)


@settings(max_examples=60, deadline=None)
@given(
    group=st.lists(people, min_size=1, max_size=40),
    on=st.dates(dt.date(2021, 1, 1), dt.date(2025, 6, 30)),
)
def test_batch_and_single_person_decisions_agree(group, on):
    ctx = Context.on_date(on)
    assert decide_batch(group, on) == [decide_person(p, ctx) for p in group]


@settings(max_examples=300, deadline=None)
@given(
    born=st.dates(dt.date(1980, 1, 1), dt.date(2000, 12, 31)),
    on=st.dates(dt.date(2020, 1, 1), dt.date(2026, 12, 31)),
)
def test_the_batch_age_limit_agrees_with_completed_years(born, on):
    frame = pl.DataFrame({"born": [born]})
    younger = frame.select(younger_than_expr(pl.col("born"), on, 30)).item()
    assert younger == (age_on(born, on) < 30)


@pytest.mark.parametrize(
    ("born", "on", "younger"),
    [
        (dt.date(1992, 2, 29), dt.date(2022, 2, 28), True),
        (dt.date(1992, 2, 29), dt.date(2022, 3, 1), False),
        (dt.date(1994, 2, 28), dt.date(2024, 2, 29), False),
        (dt.date(1994, 3, 1), dt.date(2024, 2, 29), True),
    ],
    ids=["leapling a day before", "leapling on 1 March", "born 28.2 on leap day", "born 1.3"],
)
def test_leap_day_birthdays_at_the_age_limit(born, on, younger):
    frame = pl.DataFrame({"born": [born]})
    assert frame.select(younger_than_expr(pl.col("born"), on, 30)).item() is younger
    assert (age_on(born, on) < 30) is younger
