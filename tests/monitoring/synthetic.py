"""A small, throw-away event generator for the monitoring tests (not the project's simulator).

It exists so that monitoring can be exercised on many people and months without depending on
``kuntakokeilu.simulate``: a monthly Markov chain of labour-market states per person, vectorised
over people with numpy, writing every event kind monitoring reads. The numbers are plausible,
not calibrated. ``effect`` multiplies the monthly chance of moving from unemployment to work for
the target group of the experiment municipalities during the experiment period.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import polars as pl

from kuntakokeilu.events.schema import OFFER_OUTCOMES, conform, write_manifest, write_month
from kuntakokeilu.reference import reference_data

EXPERIMENT_START, EXPERIMENT_END = dt.date(2021, 3, 1), dt.date(2024, 12, 31)
# states of the chain
UNEMPLOYED, IN_SERVICE, EMPLOYED, EDUCATION, OUTSIDE, NOT_YET = range(6)
STATE_NAMES = {
    UNEMPLOYED: "unemployed",
    IN_SERVICE: "in_service",
    EMPLOYED: "employed",
    EDUCATION: "education",
    OUTSIDE: "outside_labour_force",
}
REGISTERED_STATES = (UNEMPLOYED, IN_SERVICE)


@dataclass
class People:
    municipality: np.ndarray  # index into codes
    area: np.ndarray  # index into area ids, -1 for none
    target: np.ndarray
    age: np.ndarray
    immigrant: np.ndarray
    arrival: np.ndarray  # month index of the first registration
    state: np.ndarray
    counter: np.ndarray
    referred: np.ndarray
    service_item: np.ndarray


def _months(start: dt.date, count: int) -> list[dt.date]:
    return [
        dt.date(start.year + (start.month - 1 + i) // 12, (start.month - 1 + i) % 12 + 1, 1)
        for i in range(count)
    ]


def _municipalities(on: dt.date):
    ref = reference_data()
    population = ref.population(on)
    members = ref.area_members(EXPERIMENT_START, kind="experiment_area")
    frame = population.join(members.select("code", "area_id"), on="code", how="left").sort("code")
    return frame["code"].to_list(), frame["area_id"].to_list(), frame["population"].to_numpy()


def _people(rng, count, months, weights, areas, area_ids) -> People:
    municipality = rng.choice(len(weights), size=count, p=weights / weights.sum())
    area_index = {a: i for i, a in enumerate(area_ids)}
    area = np.array([area_index.get(a, -1) if a else -1 for a in areas])[municipality]
    arrival = np.where(rng.random(count) < 0.45, 0, rng.integers(0, months, count))
    return People(
        municipality=municipality,
        area=area,
        target=rng.random(count) < 0.7,
        age=rng.integers(18, 64, count),
        immigrant=rng.random(count) < 0.12,
        arrival=arrival,
        state=np.full(count, NOT_YET),
        counter=rng.integers(0, 900, count) * (arrival == 0),
        referred=np.zeros(count, dtype=bool),
        service_item=np.zeros(count, dtype=np.int64),
    )


class _Month:
    """The events of one month, gathered as column arrays."""

    def __init__(self, month: dt.date, codes, area_ids, people: People):
        self.month, self.codes, self.area_ids, self.people = month, codes, area_ids, people
        self.parts: list[dict] = []

    def add(self, who: np.ndarray, kind: str, days_in_month: np.ndarray, **attributes):
        if len(who) == 0:
            return
        p = self.people
        referred = p.referred[who]
        self.parts.append(
            {
                "client_key": who.astype(np.uint64) + 1,
                "kind": np.full(len(who), kind),
                "on": np.datetime64(self.month, "D")
                + (np.asarray(days_in_month) - 1).astype("timedelta64[D]"),
                "municipality": np.array(self.codes)[p.municipality[who]],
                "area": np.where(referred, np.array([*self.area_ids, None])[p.area[who]], None),
                "organisation": np.where(referred, "municipality", "te_office"),
                **attributes,
            }
        )

    def frame(self) -> pl.DataFrame:
        frames = [
            pl.DataFrame({k: list(v) if k == "area" else v for k, v in part.items()})
            for part in self.parts
        ]
        return conform(pl.concat(frames, how="diagonal_relaxed")) if frames else None


def _days(rng, n, low=1, high=28):
    return rng.integers(low, high + 1, n)


def _step(rng, t, month, people: People, events: _Month, effect: float):
    p = people
    treated_period = EXPERIMENT_START <= month <= EXPERIMENT_END
    in_area = p.area >= 0
    _arrive(rng, t, people, events)
    _refer(month, treated_period, people, events)
    unemployed = np.flatnonzero((p.state == UNEMPLOYED) & (p.arrival < t))
    draw = rng.random(len(unemployed))
    treated = treated_period & in_area[unemployed] & p.target[unemployed]
    to_work = 0.06 * np.where(treated, 1 + effect, 1.0)
    moves = {
        EMPLOYED: draw < to_work,
        EDUCATION: (draw >= to_work) & (draw < to_work + 0.012),
        IN_SERVICE: (draw >= to_work + 0.012) & (draw < to_work + 0.06),
        OUTSIDE: (draw >= to_work + 0.06) & (draw < to_work + 0.066),
    }
    in_service = np.flatnonzero((p.state == IN_SERVICE) & (p.arrival < t))
    ending = in_service[rng.random(len(in_service)) < 0.25]
    away = np.flatnonzero(np.isin(p.state, (EMPLOYED, EDUCATION, OUTSIDE)))
    returning = away[rng.random(len(away)) < 0.02]
    for state, chosen in moves.items():
        who = unemployed[chosen]
        day = _days(rng, len(who))
        if state == IN_SERVICE:
            p.service_item[who] = rng.integers(1, 2**40, len(who))
            events.add(who, "state_changed", day, subtype=np.full(len(who), "in_service"))
            events.add(
                who,
                "service_started",
                day,
                subtype=np.full(len(who), "coaching"),
                item_key=p.service_item[who].astype(np.uint64),
            )
        else:
            events.add(who, "deregistered", day, subtype=np.full(len(who), STATE_NAMES[state]))
        p.state[who] = state
    day = _days(rng, len(ending))
    events.add(
        ending,
        "service_ended",
        day,
        subtype=np.full(len(ending), "coaching"),
        item_key=p.service_item[ending].astype(np.uint64),
    )
    events.add(ending, "state_changed", day, subtype=np.full(len(ending), "unemployed"))
    p.state[ending] = UNEMPLOYED
    _register(rng, returning, people, events)
    _monthly_contacts(rng, people, events)


def _register(rng, who, people: People, events: _Month):
    p = people
    events.add(
        who,
        "registered",
        _days(rng, len(who)),
        subtype=np.full(len(who), "unemployed"),
        age_years=p.age[who].astype(np.int16),
        immigrant=p.immigrant[who],
        language=np.full(len(who), "fi"),
        target_group=p.target[who],
    )
    p.state[who] = UNEMPLOYED


def _arrive(rng, t, people: People, events: _Month):
    _register(rng, np.flatnonzero(people.arrival == t), people, events)


def _refer(month, treated_period, people: People, events: _Month):
    p = people
    registered = np.isin(p.state, REGISTERED_STATES)
    if treated_period:
        who = np.flatnonzero(registered & p.target & (p.area >= 0) & ~p.referred)
        p.referred[who] = True
        events.add(who, "referred", np.ones(len(who), dtype=int))


def _monthly_contacts(rng, people: People, events: _Month):
    p = people
    unemployed = np.flatnonzero(p.state == UNEMPLOYED)
    lms = unemployed[p.target[unemployed]]
    events.add(
        lms,
        "benefit_paid",
        np.full(len(lms), 28),
        subtype=np.full(len(lms), "labour_market_subsidy"),
        days=np.full(len(lms), 20, dtype=np.int16),
        amount_eur=np.full(len(lms), 700.0),
        counter_before=p.counter[lms].astype(np.int32),
    )
    p.counter[lms] += 20
    others = unemployed[~p.target[unemployed]]
    events.add(
        others,
        "benefit_paid",
        np.full(len(others), 28),
        subtype=np.full(len(others), "earnings_related_allowance"),
        days=np.full(len(others), 20, dtype=np.int16),
        amount_eur=np.full(len(others), 1500.0),
    )
    offered = unemployed[rng.random(len(unemployed)) < 0.08]
    offer = rng.integers(1, 2**40, len(offered)).astype(np.uint64)
    events.add(offered, "job_offer_made", np.full(len(offered), 3), item_key=offer)
    outcome = rng.choice(OFFER_OUTCOMES, size=len(offered), p=[0.5, 0.1, 0.15, 0.25])
    events.add(
        offered, "job_offer_answered", np.full(len(offered), 20), item_key=offer, subtype=outcome
    )
    assessed = unemployed[rng.random(len(unemployed)) < 0.04]
    events.add(
        assessed,
        "work_ability_assessed",
        _days(rng, len(assessed)),
        score=rng.integers(0, 11, len(assessed)).astype(np.int8),
    )
    answered = unemployed[rng.random(len(unemployed)) < 0.03]
    events.add(
        answered,
        "customer_satisfaction_answered",
        _days(rng, len(answered)),
        score=rng.integers(1, 6, len(answered)).astype(np.int8),
    )


def _staff(rng, month, codes, area_ids, areas) -> pl.DataFrame:
    rows = [(code, area) for code, area in zip(codes, areas, strict=True) if area]
    answers = rng.integers(0, 4, len(rows))
    frame = pl.DataFrame(
        {
            "kind": "staff_wellbeing_answered",
            "on": [month + dt.timedelta(days=14)] * int(answers.sum()),
            "municipality": [c for (c, _), n in zip(rows, answers, strict=True) for _ in range(n)],
            "area": [a for (_, a), n in zip(rows, answers, strict=True) for _ in range(n)],
            "organisation": "municipality",
            "score": rng.integers(1, 6, int(answers.sum())),
        }
    )
    return conform(frame.with_columns(pl.lit(None).alias("client_key")))


def synthetic_events(
    people: int,
    months: int = 24,
    start: dt.date = dt.date(2020, 3, 1),
    seed: int = 1,
    effect: float = 0.0,
):
    """Yield (month, events of the month) for ``people`` people over ``months`` months."""
    rng = np.random.default_rng(seed)
    codes, areas, weights = _municipalities(start)
    area_ids = sorted({a for a in areas if a})
    population = _people(rng, people, months, weights.astype(float), areas, area_ids)
    for t, month in enumerate(_months(start, months)):
        events = _Month(month, codes, area_ids, population)
        _step(rng, t, month, population, events, effect)
        frames = [
            f for f in (events.frame(), _staff(rng, month, codes, area_ids, areas)) if f is not None
        ]
        yield month, pl.concat(frames)


def write_synthetic(directory: Path, people: int, months: int = 24, **options) -> Path:
    """Write an event directory (monthly files and a manifest) as ``monitor`` reads it."""
    directory.mkdir(parents=True, exist_ok=True)
    first = last = None
    for month, frame in synthetic_events(people, months, **options):
        write_month(frame, directory, month)
        first = first or month
        last = month
    end = _months(last, 2)[1] - dt.timedelta(days=1)
    write_manifest(directory, written_by="tests.monitoring.synthetic", first=first, last=end)
    return directory
