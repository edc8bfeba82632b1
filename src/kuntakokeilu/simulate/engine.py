"""The month-by-month loop: a person-state frame moved on one month at a time, vectorised.

Each month, in this order: municipal mergers at the turn of the year; who is responsible on the
first day (the experiment's start, end, membership changes; the reform); registrations (former
job seekers returning, new job seekers); leaving the register (the effect enters here);
changes of state and services; the interviews that fall due; job offers; benefits; who is
responsible at the month's end (referrals and returns after the month's changes); reports to the
TE office; the staff survey. The month's events are then put together: each gets the person's
municipality, and the organisation and area responsible on its day. Events dated after the month
(a late interview, an answer to an offer) wait for their month, and are dropped if the person has
left the register before their day.

Nothing here imports Django. ``Simulation.run`` yields each month's events; ``output`` writes them.
"""

from __future__ import annotations

import datetime as dt
import math
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import polars as pl

from kuntakokeilu.events import schema
from kuntakokeilu.reference import ReferenceData, reference_data
from kuntakokeilu.register.synthetic import MERGED_INTO
from kuntakokeilu.rules.parameters import Parameters, parameters
from kuntakokeilu.simulate import calibration as c
from kuntakokeilu.simulate.benefits import pay_benefits
from kuntakokeilu.simulate.days import DAY, Month, months_from, plus_days, whole_days
from kuntakokeilu.simulate.draws import Draws
from kuntakokeilu.simulate.labour_market import (
    changes_of_state,
    leaving,
    leaving_events,
    registration_events,
    returning_job_seekers,
    start_job_search,
)
from kuntakokeilu.simulate.offers import job_offers, reports
from kuntakokeilu.simulate.opening import with_process_so_far, with_running_services
from kuntakokeilu.simulate.people import (
    ACTIVE,
    OFF,
    arrival_counts,
    conform,
    former_job_seekers,
    new_job_seekers,
    opening_people,
    opening_register,
    templates,
)
from kuntakokeilu.simulate.process import hold_interviews, with_next_due
from kuntakokeilu.simulate.records import replace_rows
from kuntakokeilu.simulate.responsibility import MUNICIPALITY, Responsibility, changes
from kuntakokeilu.simulate.staff import staff_units, wellbeing_answers

Progress = Callable[[str], None]


#: The first day the synthetic register can be drawn for (``register.synthetic``).
EARLIEST_START = dt.date(2020, 1, 1)


class SimulationError(ValueError):
    """The simulation cannot run as asked; the message says why and what to do."""


@dataclass(frozen=True)
class Settings:
    """What to simulate: from the first day of a month, for ``months`` months."""

    start: dt.date
    months: int
    scale: float
    seed: int
    effect: float

    def check(self) -> None:
        if self.start < EARLIEST_START:
            raise SimulationError(
                f"the simulation starts on {EARLIEST_START.isoformat()} at the earliest (the "
                f"synthetic register needs the shipped 2019-2020 statistics), not "
                f"{self.start.isoformat()}"
            )
        if self.start.day != 1:
            raise SimulationError(
                f"the simulation starts on the first day of a month, not {self.start.isoformat()} "
                f"(e.g. {self.start.replace(day=1).isoformat()})"
            )
        if self.months < 1:
            raise SimulationError(f"months must be 1 or more, not {self.months}")
        if not self.scale > 0 or math.isinf(self.scale):
            raise SimulationError(
                f"scale must be a number above 0 (1 = all of Finland), not {self.scale}"
            )
        if self.seed < 0:
            raise SimulationError(f"seed must be 0 or more, not {self.seed}")
        if math.isnan(self.effect) or math.isinf(self.effect) or self.effect < -1:
            raise SimulationError(
                f"effect must be a number of at least -1 (0 = none, 0.2 = 20 % more leaving for "
                f"work), not {self.effect}"
            )

    @property
    def last_day(self) -> dt.date:
        return months_from(self.start, self.months)[-1].last


@dataclass(frozen=True)
class MonthResult:
    month: Month
    events: pl.DataFrame
    registered: int
    seconds: float


class Simulation:
    """One run: the person state and the month loop."""

    def __init__(
        self,
        settings: Settings,
        *,
        ref: ReferenceData | None = None,
        params: Parameters | None = None,
        progress: Progress | None = None,
    ) -> None:
        settings.check()
        self.settings = settings
        self.ref, self.params = ref or reference_data(), params or parameters()
        self.say = progress or (lambda message: None)
        self.draws = Draws(settings.seed)
        self.responsibility = Responsibility(self.params, self.ref)
        self.months = months_from(settings.start, settings.months)
        self.carried = pl.DataFrame(schema={"person": pl.UInt32, "on": pl.Date})
        self.opening_stock = 0

    # -- the start ------------------------------------------------------------------------------

    def _set_up(self) -> list[pl.DataFrame]:
        """The person state at the start; returns the opening-stock events of the first day."""
        start, draws = self.settings.start, self.draws
        register = opening_register(
            start, self.settings.scale, draws, self.ref, self.params, self.say
        )
        self.template = templates(register)
        people = opening_people(register, start, draws, self.params)
        organisation, _ = self.responsibility.default(start)
        active = conform(people.with_columns(pl.lit(organisation).alias("organisation")), ACTIVE)
        active = with_running_services(active, start, draws, self.params)
        active = with_process_so_far(active, start, draws, self.params)
        if active.is_empty():
            raise SimulationError(
                f"at scale {self.settings.scale:g} nobody is on the register: use a larger scale "
                "(0.001 is about 600 people)"
            )
        self.active = self._responsible_at_start(active.select(list(ACTIVE)))
        self.off = former_job_seekers(self.template, start, self.active.height, draws)
        self.next_person = int(pl.concat([self.active["person"], self.off["person"]]).max()) + 1
        self.arrivals = arrival_counts(self.template, self.months, draws)
        self.units = staff_units(self.active, start, self.ref, self.params)
        self.opening_stock = self.active.height
        self.say(
            f"{self.active.height:,} on the register and {self.off.height:,} former job seekers "
            f"on {start.isoformat()}; {self.arrivals['n'].sum():,} new job seekers to come"
        )
        return [self._opening_events()]

    def _responsible_at_start(self, active: pl.DataFrame) -> pl.DataFrame:
        """Referred already, without an event, when the run starts after the experiment did
        (a run that starts on the experiment's first day refers everyone in the first month)."""
        start, rules = self.settings.start, self.responsibility
        if not (rules.in_period(start) and rules.in_period(start - DAY)):
            return active
        areas = rules.areas(active, start)
        return active.with_columns(
            areas.alias("area"),
            pl.when(areas.is_not_null())
            .then(pl.lit(MUNICIPALITY))
            .otherwise(pl.col("organisation"))
            .alias("organisation"),
        )

    def _opening_events(self) -> pl.DataFrame:
        """The register at the start as ``registered`` events on the first day (the opening
        stock: their job searches began earlier; the manifest says how many there are)."""
        start = self.settings.start
        opening = self.active.with_columns(pl.lit(start).alias("_on"))
        target = self.responsibility.target_group(opening, "_on")
        frame = registration_events(
            opening.with_columns(pl.lit(start).alias("registered_on")), target
        )
        return frame

    # -- the loop -------------------------------------------------------------------------------

    def run(self) -> Iterator[MonthResult]:
        started = time.perf_counter()
        opening = self._set_up()
        self.say(f"set up in {time.perf_counter() - started:.1f} s")
        for index, month in enumerate(self.months):
            began = time.perf_counter()
            events = self._month(month, opening if index == 0 else [])
            yield MonthResult(month, events, self.active.height, time.perf_counter() - began)

    def _month(self, month: Month, opening: list[pl.DataFrame]) -> pl.DataFrame:
        draws, params = self.draws, self.params
        self._merge_municipalities(month)
        produced = list(opening)
        produced += self._responsible_on_first_day(month)
        produced += self._registrations(month)
        where = self.active.select("person", "organisation", "area")
        active = self.active.with_columns(self._treated(month))
        active = leaving(active, month, draws, self.settings.effect)
        produced.append(leaving_events(active))
        active, happened = changes_of_state(active, month, draws, params)
        produced += happened
        active, happened, missed = hold_interviews(active, month, draws, params)
        produced += happened
        happened, answered = job_offers(active, month, draws)
        produced += happened
        active, happened = pay_benefits(active, month, draws, params)
        produced += happened
        active, month_end = self._responsible_at_month_end(active, month)
        produced += [_change_events(month_end)]
        produced.append(reports(answered, missed, active, month, draws))
        self.active = active
        where = self._where(where, month_end)
        events = self._put_together(produced, where, month)
        self._leave_register()
        return events

    # -- steps ----------------------------------------------------------------------------------

    def _merge_municipalities(self, month: Month) -> None:
        """People in a municipality merged at the turn of the year move to the one it joined;
        so do the new job seekers still to come from it."""
        codes = self.ref.municipalities(month.first)["code"]
        if set(self.template["municipality"].unique()) <= set(codes):
            return
        merged = pl.col("municipality").replace(MERGED_INTO)
        kept = pl.col("municipality").is_in(codes.implode())
        moved = pl.when(kept).then(pl.col("municipality")).otherwise(merged).alias("municipality")
        self.active = self.active.with_columns(moved)
        self.off = self.off.with_columns(moved)
        self.arrivals = self.arrivals.with_columns(moved)
        self.template = templates(self.template.with_columns(moved))

    def _responsible_on_first_day(self, month: Month) -> list[pl.DataFrame]:
        """The experiment starts or ends, membership changes, the reform: on the first day."""
        day, rules = month.first, self.responsibility
        if day >= c.REFORM_DAY:
            self._reform(day)
            return []
        if not rules.decides(day) or self._same_rules(day):
            return []
        found = changes(self.active, rules.areas(self.active, day), pl.lit(day))
        self.active = _apply(self.active, found)
        if rules.in_period(day) and not rules.in_period(day - DAY):
            self._resize_staff(day)
        return [_change_events(found)]

    def _reform(self, day: dt.date) -> None:
        """From the reform the municipalities are responsible for everyone (no event)."""
        by_municipality = (pl.col("organisation") == MUNICIPALITY) & pl.col("area").is_null()
        if self.active.select(by_municipality.all()).item():
            return
        self.active = self.active.with_columns(
            pl.lit(MUNICIPALITY).alias("organisation"), pl.lit(None, pl.String).alias("area")
        )
        self._resize_staff(day)

    def _same_rules(self, day: dt.date) -> bool:
        """Whether the rules on ``day`` are those of the day before (no need to decide again)."""
        rules, before = self.responsibility, day - DAY
        if not rules.decides(before) or rules.in_period(day) != rules.in_period(before):
            return False
        today, yesterday = rules.context(day), rules.context(before)
        return (
            today.area_by_municipality == yesterday.area_by_municipality
            and today.age_limit == yesterday.age_limit
            and today.statuses == yesterday.statuses
            and today.native_languages == yesterday.native_languages
        )

    def _resize_staff(self, day: dt.date) -> None:
        self.units = staff_units(self.active, day, self.ref, self.params)

    def _registrations(self, month: Month) -> list[pl.DataFrame]:
        returning, self.off = returning_job_seekers(self.off, month, self.draws)
        new = new_job_seekers(self.arrivals, self.template, month, self.next_person, self.draws)
        self.next_person += new.height
        registering = pl.concat([returning, new], how="vertical")
        organisation, _ = self.responsibility.default(month.first)
        people = start_job_search(registering, month, self.draws, organisation)
        people = with_next_due(people, self.params).select(list(ACTIVE))
        target = self.responsibility.target_group(people, "registered_on")
        self.active = pl.concat([self.active, people], how="vertical").sort("person")
        return [registration_events(people, target)]

    def _treated(self, month: Month) -> pl.Expr:
        """Responsible: an experiment area's municipality on the first day, in the period."""
        in_period = self.responsibility.in_period(month.first)
        return (pl.col("area").is_not_null() & pl.lit(in_period)).alias("treated")

    def _responsible_at_month_end(
        self, active: pl.DataFrame, month: Month
    ) -> tuple[pl.DataFrame, pl.DataFrame]:
        """Referrals and returns after the month's changes, within ``REFERRAL_DAYS`` of them."""
        day, rules = month.last, self.responsibility
        if not rules.decides(day):
            return active, pl.DataFrame()
        staying = active.filter(pl.col("exit_on").is_null())
        staying = staying.with_columns(
            self.draws.uniform("referral_day", month.number, staying["person"]).alias("_u_delay")
        )
        found = changes(staying, rules.areas(staying, day), self._day_of_change(month))
        return _apply(active, found), found

    def _day_of_change(self, month: Month) -> pl.Expr:
        """The day a person's responsibility changes: the registration day for those who
        registered this month, else the month's latest change that can move a person in or out
        of the target group (change of state, the birthday of the age limit, the end of
        earnings-related allowance); plus the referral delay, by the month's end at the latest."""
        limit = self.params.value("target_group_age_limit", month.last)

        def in_month(day: pl.Expr) -> pl.Expr:
            return pl.when((day >= month.first) & (day <= month.last)).then(day)

        later_change = pl.max_horizontal(
            pl.col("changed_on"),
            in_month(pl.col("born").dt.offset_by(f"{limit}y")),
            pl.when(pl.col("exhausted")).then(pl.lit(month.last)),
        )
        trigger = pl.coalesce(in_month(pl.col("registered_on")), later_change, pl.lit(month.first))
        delay = whole_days(pl.col("_u_delay"), *c.REFERRAL_DAYS)
        return pl.min_horizontal(plus_days(trigger, delay), pl.lit(month.last))

    def _where(self, where: pl.DataFrame, month_end: pl.DataFrame) -> pl.DataFrame:
        """Per person (sorted): municipality, who was responsible from the first day, and the
        month-end change (day, organisation, area) if any."""
        if not where["person"].equals(self.active["person"]):
            raise RuntimeError("the register's rows moved during the month")
        where = where.with_columns(
            self.active["municipality"],
            pl.lit(None, pl.Date).alias("changed_on"),
            pl.lit(None, pl.String).alias("new_organisation"),
            pl.lit(None, pl.String).alias("new_area"),
        )
        if month_end.is_empty():
            return where
        change = month_end.select("person", "changed_on", "new_organisation", "new_area")
        return replace_rows(where, change)

    def _put_together(
        self, produced: list[pl.DataFrame], where: pl.DataFrame, month: Month
    ) -> pl.DataFrame:
        """The month's events with client keys and where they happened; later ones wait."""
        client = pl.concat(
            [self.carried, *(frame for frame in produced if frame.height)], how="diagonal_relaxed"
        )
        own = {"_own_organisation": pl.String, "_own_area": pl.String, "_own_where": pl.Boolean}
        client = client.with_columns(
            pl.lit(None, dtype).alias(name) for name, dtype in own.items() if name not in client
        )
        exits = self.active.select("person", "exit_on").filter(pl.col("exit_on").is_not_null())
        client = client.join(exits, on="person", how="left")
        gone = (
            pl.col("exit_on").is_not_null()
            & (pl.col("on") > pl.col("exit_on"))
            & (pl.col("kind") != "benefit_paid")
        )
        client = client.filter(~gone).drop("exit_on")
        self.carried = client.filter(pl.col("on") > month.last)
        now = client.filter(pl.col("on") <= month.last)
        rows = where["person"].search_sorted(now["person"])
        now = pl.concat([now, where.drop("person")[rows]], how="horizontal")
        now = now.with_columns(
            _responsible("organisation"),
            _responsible("area"),
            self.draws.client_keys(now["person"]).alias("client_key"),
        )
        # a report goes from a municipality to the TE office: none once the client is back there
        to_te_office = (pl.col("kind") == "te_report_made") & (
            pl.col("organisation") != MUNICIPALITY
        )
        now = now.filter(~to_te_office)
        staff = wellbeing_answers(self.units, month, self.draws)
        frame = pl.concat([now, staff], how="diagonal_relaxed") if staff.height else now
        return schema.conform(frame)

    def _leave_register(self) -> None:
        gone = pl.col("exit_on").is_not_null()
        leavers = self.active.filter(gone).with_columns(pl.col("exit_on").alias("left_on"))
        self.off = pl.concat([self.off, leavers.select(list(OFF))], how="vertical")
        self.active = self.active.filter(~gone).select(list(ACTIVE))


def _apply(active: pl.DataFrame, found: pl.DataFrame) -> pl.DataFrame:
    """``active`` with the new organisation and area of those in ``found``."""
    if found.is_empty():
        return active
    new = found.select(
        "person",
        pl.col("new_organisation").alias("organisation"),
        pl.col("new_area").alias("area"),
    )
    return replace_rows(active, new)


def _change_events(found: pl.DataFrame) -> pl.DataFrame:
    """``referred`` and ``returned_to_te_office`` events of responsibility changes (they say
    who is responsible from then on)."""
    if found.is_empty():
        return pl.DataFrame(schema={"person": pl.UInt32})
    return found.select(
        "person",
        "kind",
        pl.col("changed_on").alias("on"),
        pl.col("new_organisation").alias("_own_organisation"),
        pl.col("new_area").alias("_own_area"),
        pl.lit(True).alias("_own_where"),
    )


def _responsible(column: str) -> pl.Expr:
    """Who was responsible on the event's day: the month-end change from its day on (a
    registration on that day comes before it), else who was responsible from the first day;
    a referral or return says it itself."""
    changed = pl.col("changed_on")
    after = changed.is_not_null() & (
        (pl.col("on") > changed) | ((pl.col("on") == changed) & (pl.col("kind") != "registered"))
    )
    own = pl.col("_own_where").fill_null(False)
    return (
        pl.when(own)
        .then(pl.col(f"_own_{column}"))
        .when(after)
        .then(pl.col(f"new_{column}"))
        .otherwise(pl.col(column))
        .alias(column)
    )
