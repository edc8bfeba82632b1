"""The client-month panel: one row per person and month, the layer the indicators read.

A person has a row for every month from the month of their first status event (``PANEL_KINDS``:
registration, state change, deregistration, referral or return, service start or end, benefit
payment) to the last month of the data. Each row says where the person stood **at the end of
the month** (state, registration, responsible organisation and area, home municipality as the
month's last status event has them, services running, financing counter, current unemployment
spell) and what happened **during the month** (services started, benefit days paid by kind,
unemployment spells completed). What a month's events do not say is carried forward from the
month before: a person deregistered to work stays ``employed`` until an event says otherwise.

Definitions used throughout:

- *unemployed* means registered and in state ``unemployed`` or ``laid_off`` (``UNEMPLOYED``);
- an *unemployment spell* is an unbroken run of that: it starts when a person enters one of the
  two states while registered and ends at any other state or at deregistration. Its length is
  counted in days from the day it started to the day it ended; an ongoing spell is counted to
  the end of the month, that day included. Spells that began before the data begins are counted
  from the person's first event (they are left-censored).
- events of one person on the same day are ordered registration, other events, referral or
  return, deregistration (``SAME_DAY_ORDER``).

``monitor`` builds only what the indicators read: the columns of ``PANEL_COLUMNS``, for the
people some registration puts in the target group (the others' months are never in the
monitored group); ``monitor --panel FILE`` writes the whole panel, everyone and every column.

How it is built, and why this way: at national size (2.3 million people, 48 months, some
73 million person-months) hash group-bys and joins over person and month were measured to be the
slow part (tens of seconds each), and sorted, linear passes the fast one. So the client events
are split into pieces by ranges of client keys and each piece is sorted by person and time, on
one number at a time (``person_pieces``, ``in_person_and_time_order``); what is carried from
event to event (state, registration, spell start, financing counter) is carried along that
stream by row numbers, and what is summed is kept as running sums (``person_stream``); the last
event of each person-month then holds the month's word (``person_month_facts``: a filter and a
difference, no group-by); and each of those rows is repeated until the person's next month with
events (``expand``), which makes the dense panel without a join. Every step looks at one person
at a time, so pieces of whole people can be built one after the other: their working columns
are small enough for the allocator to reuse, where with whole-size columns a third of the dense
step's time went to the kernel handing out and clearing fresh memory pages (measured with
``perf``). ``Panel.rows_of`` finds a person's month from their first row and first month (a
join on the 2.3 million people, not on the panel's rows), so that the indicators attach the
panel's municipality and target group to their events.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass, field

import numpy as np
import polars as pl

from kuntakokeilu.events.schema import KINDS, ORGANISATIONS, STATES

UNEMPLOYED = ("unemployed", "laid_off")
KIND = pl.Enum(tuple(KINDS))
STATE = pl.Enum(STATES)
ORGANISATION = pl.Enum(ORGANISATIONS)
AGE_BANDS = ("under_25", "25_29", "30_39", "40_49", "50_59", "60_plus")
AGE_BAND = pl.Enum(AGE_BANDS)
#: the lower age limit of each band after the first
AGE_BAND_LIMITS = (25, 30, 40, 50, 60)

#: how many month ends back the structural-unemployment count looks (the current one included)
STRUCTURAL_WINDOW_MONTHS = 16

STATE_KINDS = ("registered", "state_changed", "deregistered")
SAME_DAY_ORDER = {"registered": 0, "referred": 2, "returned_to_te_office": 2, "deregistered": 3}
OTHER_KINDS_ORDER = 1
BENEFIT_DAY_COLUMNS = {
    "labour_market_subsidy": "days_labour_market_subsidy",
    "basic_allowance": "days_basic_allowance",
    "earnings_related_allowance": "days_earnings_related_allowance",
}


def panel_schema(municipalities: pl.DataType, areas: pl.DataType) -> dict[str, pl.DataType]:
    """The panel's columns and compact types (the code lists depend on the data)."""
    return {
        "client_key": pl.UInt64(),
        "month": pl.Date(),
        # where the person stood at the end of the month
        "municipality": municipalities,
        "area": areas,
        "organisation": ORGANISATION,
        "state": STATE,
        "registered": pl.Boolean(),
        "state_previous_month": STATE,
        "registered_previous_month": pl.Boolean(),
        "months_since_registered": pl.UInt8(),  # 0: registered on some day of this month
        "services_active": pl.UInt8(),
        "financing_counter": pl.UInt16(),
        "spell_days": pl.UInt16(),  # null when not unemployed at the end of the month
        "spell_months": pl.UInt8(),
        "months_unemployed_or_in_service": pl.UInt8(),  # of the last STRUCTURAL_WINDOW_MONTHS
        # what happened during the month
        "services_started": pl.UInt8(),
        **{name: pl.UInt16() for name in BENEFIT_DAY_COLUMNS.values()},
        "spells_completed": pl.UInt8(),
        "completed_spell_days": pl.UInt16(),
        # who the person is (from the latest registration)
        "target_group": pl.Boolean(),
        "age_band": AGE_BAND,
        "immigrant": pl.Boolean(),
    }


#: The panel columns that can be left out, and the working columns each needs from the steps
#: before the dense panel. The others are always built: the indicators read them, and the
#: optional ones are made from them. ``build_panel(columns=...)`` builds only those asked for.
OPTIONAL_INPUTS: dict[str, tuple[str, ...]] = {
    "area": ("area",),
    "organisation": ("organisation",),
    "financing_counter": ("financing_counter", "counter_before", "days"),
    "services_started": (),
    **{name: (name, "days") for name in BENEFIT_DAY_COLUMNS.values()},
    "immigrant": ("immigrant",),
    "age_band": ("registered_on", "age_month_offset"),
}
#: the working columns only optional panel columns need
_OPTIONAL_WORKING = frozenset(c for inputs in OPTIONAL_INPUTS.values() for c in inputs)


@dataclass(frozen=True)
class Needs:
    """The panel columns being built, and so which working columns the steps carry."""

    panel: frozenset[str]

    @classmethod
    def of(cls, columns: Collection[str] | None) -> Needs:
        every = panel_schema(pl.String(), pl.String())
        asked = set(every if columns is None else columns)
        unknown = asked - set(every)
        if unknown:
            raise ValueError(f"the panel has no column(s) {', '.join(sorted(unknown))}")
        return cls(frozenset(asked | (set(every) - set(OPTIONAL_INPUTS))))

    def has(self, column: str) -> bool:
        """Whether a working column is carried: always, unless only left-out columns need it."""
        if column not in _OPTIONAL_WORKING:
            return True
        return any(column in OPTIONAL_INPUTS[c] for c in self.panel if c in OPTIONAL_INPUTS)

    def kept(self, columns: Iterable[str]) -> list[str]:
        return [c for c in columns if self.has(c)]

    def schema(self, vocabulary: Vocabulary) -> dict[str, pl.DataType]:
        full = panel_schema(vocabulary.municipality, vocabulary.area)
        return {c: t for c, t in full.items() if c in self.panel}


@dataclass(frozen=True)
class Vocabulary:
    """The municipality codes and area ids the events use, as the panel's Enum types."""

    municipalities: tuple[str, ...]
    areas: tuple[str, ...]

    @classmethod
    def of(cls, events: pl.LazyFrame) -> Vocabulary:
        # one group-by over the pairs, then the few pairs apart: measured twice as fast as
        # the distinct values of each column over all events
        pairs = events.group_by("municipality", "area").len().collect()

        def codes(column: str) -> tuple[str, ...]:
            return tuple(pairs[column].drop_nulls().unique().sort())

        return cls(codes("municipality"), codes("area"))

    @property
    def municipality(self) -> pl.Enum:
        return pl.Enum(self.municipalities)

    @property
    def area(self) -> pl.Enum:
        return pl.Enum(self.areas)


@dataclass(frozen=True)
class Panel:
    """The client-month panel (its rows in pieces, see ``build_panel``), and per person (in the
    panel's order) their first row and month: what ``rows_of`` needs to find a person's month
    without a join on the panel's rows."""

    frame: pl.DataFrame
    persons: pl.DataFrame
    vocabulary: Vocabulary
    #: the client keys of the people left out of the panel (``build_panel(monitored_only=True)``)
    left_out: pl.Series = field(
        default_factory=lambda: pl.Series("client_key", [], dtype=pl.UInt64())
    )

    def rows_of(self, client_key: pl.Series, month: pl.Series) -> pl.Series:
        """The panel row of each (client, month); null where the panel has no such row. The
        person is found by a join on the client key that keeps the order of ``client_key``
        (measured two to four times faster than a binary search of the sorted keys at national
        size, 5.4 million events among 2.3 million people); the month by counting from their
        first."""
        person = pl.DataFrame({"client_key": client_key}).join(
            self.persons, on="client_key", how="left", maintain_order="left"
        )
        step = month_index_of(month) - person["month_index"]
        row = person["first_row"].cast(pl.Int64) + step.cast(pl.Int64)
        inside = (step >= 0) & (row < self.frame.height)
        return pl.select(pl.when(inside).then(row).cast(pl.UInt32)).to_series().alias("row")


def month_end(month: dt.date) -> dt.date:
    """The last day of ``month``'s calendar month."""
    return month.replace(day=calendar.monthrange(month.year, month.month)[1])


def month_index(day: pl.Expr) -> pl.Expr:
    """Months since year 0: consecutive calendar months are consecutive integers."""
    return day.dt.year().cast(pl.Int32) * 12 + day.dt.month().cast(pl.Int32) - 1


def month_index_of(month: pl.Series) -> pl.Series:
    return pl.select(month_index(pl.lit(month))).to_series()


def month_of_index(index: pl.Expr) -> pl.Expr:
    return pl.date(index // 12, index % 12 + 1, 1)


# -- 1. the person stream -------------------------------------------------------------------

#: every subtype the schema names (a subtype outside them, e.g. a service-need segment, is null)
SUBTYPE = pl.Enum(sorted({s for kind in KINDS.values() for s in kind.subtypes}))
#: the event columns the panel reads as they are (the coded ones become small Enums)
PLAIN = ("client_key", "on", "days", "counter_before")


# Codes are translated by looking them up by position in a small table: measured three to nine
# times faster than casting through text or replacing values.

#: the same-day order of each kind, by the kind's position in ``KINDS``
_ORDER_OF_KIND = pl.Series(
    [SAME_DAY_ORDER.get(kind, OTHER_KINDS_ORDER) for kind in KINDS], dtype=pl.UInt32
)
#: the state each subtype names, by the subtype's position (null: not a state)
_STATE_OF_SUBTYPE = pl.Series([s if s in STATES else None for s in SUBTYPE.categories], dtype=STATE)


def _same_day_order() -> pl.Expr:
    return pl.lit(_ORDER_OF_KIND).gather(pl.col("kind").to_physical())


#: The events the panel is built from: those that change or confirm a person's status. The
#: others (interviews, plans, assessments, offers, surveys, reports) are 40 % of the events and
#: would only repeat where the person stood; the indicators still count them, in the person's
#: panel month (``Panel.rows_of``).
PANEL_KINDS = (
    "registered",
    "state_changed",
    "deregistered",
    "referred",
    "returned_to_te_office",
    "service_started",
    "service_ended",
    "benefit_paid",
)


def compact_events(
    events: pl.LazyFrame, vocabulary: Vocabulary, last_day: dt.date, needs: Needs
) -> pl.LazyFrame:
    """The status events (``PANEL_KINDS``) up to ``last_day`` with codes as small Enums."""
    coded = {
        "kind": pl.col("kind").cast(KIND, strict=False),
        "municipality": pl.col("municipality").cast(vocabulary.municipality),
        "area": pl.col("area").cast(vocabulary.area),
        "organisation": pl.col("organisation").cast(ORGANISATION, strict=False),
        "subtype": pl.col("subtype").cast(SUBTYPE, strict=False),
    }
    return (
        events.filter(
            pl.col("kind").is_in(PANEL_KINDS)
            & pl.col("client_key").is_not_null()
            & (pl.col("on") <= last_day)
        )
        .select(
            *needs.kept(PLAIN),
            *[coded[c] for c in needs.kept(coded)],
            pack_registration().alias("registration"),
        )
        .filter(pl.col("kind").is_not_null())
    )


def in_person_and_time_order(events: pl.DataFrame) -> pl.DataFrame:
    """The events sorted by person, then day, then the same-day order: a sort on the time (one
    32-bit number), then a stable sort on the client key. Two single-key sorts: at national
    size a sort over several keys was measured three times slower."""
    time = (pl.col("on").cast(pl.Int32) - pl.col("on").min().cast(pl.Int32)).cast(pl.UInt32)
    by_time = events.select((time * 4 + _same_day_order()).arg_sort()).to_series()
    keys = events.select(pl.col("client_key").gather(by_time))
    by_person = keys.select(pl.arg_sort_by("client_key", maintain_order=True)).to_series()
    return events[by_time.gather(by_person)]  # rows by position: faster than gather


#: about how many events each piece of the panel is built from (see ``person_pieces``)
PIECE_EVENTS = 400_000
#: how many events of a piece's worth the client keys are sampled at to cut the pieces
_SAMPLES_PER_PIECE = 32


def person_pieces(events: pl.DataFrame, size: int = PIECE_EVENTS) -> Iterator[pl.DataFrame]:
    """The events in pieces of about ``size`` events, every person whole in one piece, the
    pieces in client key order and each sorted by person and time.

    The panel is built piece by piece: every step after the sort looks at one person at a
    time, and pieces of this size keep each step's working columns a few megabytes, which the
    allocator hands back out at once instead of asking the operating system for fresh memory
    (see the module docstring). The pieces are ranges of client keys (cut at quantiles of a
    sample of the keys), each sorted on its own: sorting cache-sized pieces was measured half
    again as fast as sorting all events once and taking each piece's rows from that order."""
    if events.is_empty():
        return
    count = -(-events.height // size)
    keys = events["client_key"]
    sample = keys.gather_every(max(1, events.height // (count * _SAMPLES_PER_PIECE))).sort()
    cuts = sample.gather([len(sample) * i // count for i in range(1, count)]).unique().sort()
    piece = cuts.search_sorted(keys, side="right").cast(pl.UInt32).alias("piece")
    split = events.with_columns(piece).partition_by("piece", as_dict=True, maintain_order=True)
    for number in sorted(split):
        yield in_person_and_time_order(split.pop(number).drop("piece"))


#: the registration's three small attributes travel through the sort as one number (one
#: column to move instead of three): (age + 1) * 16 + immigrant * 4 + target group, where a
#: yes/no is 0 unknown, 1 no, 2 yes and an age of 0 is unknown
_REGISTRATION_AGE_PLACE, _IMMIGRANT_PLACE = 16, 4


def _yes_no_code(column: str) -> pl.Expr:
    return pl.col(column).cast(pl.Int16).fill_null(-1) + 1


def pack_registration() -> pl.Expr:
    age = (pl.col("age_years").cast(pl.Int16) + 1).clip(0, 127).fill_null(0)
    packed = (
        age * _REGISTRATION_AGE_PLACE
        + _yes_no_code("immigrant") * _IMMIGRANT_PLACE
        + _yes_no_code("target_group")
    )
    return pl.when(pl.col("kind") == "registered").then(packed.cast(pl.Int16))


def _yes_no(code: pl.Expr) -> pl.Expr:
    """A packed yes/no back: null for unknown."""
    return pl.when(code > 0).then(code == 2)


def _target_group_of(packed: pl.Expr) -> pl.Expr:
    return _yes_no(packed % _IMMIGRANT_PLACE)


def says_target_group() -> pl.Expr:
    """Whether the event is a registration that puts the person in the target group."""
    return _target_group_of(pl.col("registration").cast(pl.Int32)).fill_null(False)


def without_the_never_targeted(ordered: pl.DataFrame) -> tuple[pl.DataFrame, pl.Series]:
    """The events (in person order) without the people none of whose registrations puts them
    in the target group, and those people's keys. No group-by: a person's count of such
    registrations is a running count at their last event less that before their first."""
    counted = ordered.select(
        "client_key",
        _new_person().alias("first"),
        says_target_group().cast(pl.UInt32).cum_sum().alias("so_far"),
        says_target_group().cast(pl.UInt32).alias("here"),
    )
    last_of_person = pl.col("first").shift(-1).fill_null(True)
    before_person = (pl.col("so_far") - pl.col("here")).gather(_latest_row_where(pl.col("first")))
    kept = counted.select(
        pl.when(last_of_person).then(pl.col("so_far") - before_person > 0).backward_fill()
    ).to_series()
    left_out = counted.filter(pl.col("first") & ~kept)["client_key"]
    return ordered.filter(kept), left_out


def unpack_registration(column: str) -> list[pl.Expr]:
    packed = pl.col(column).cast(pl.Int32)
    age = packed // _REGISTRATION_AGE_PLACE - 1
    return [
        pl.when(age >= 0).then(age).cast(pl.Int16).alias("age_years"),
        _yes_no((packed % _REGISTRATION_AGE_PLACE) // _IMMIGRANT_PLACE).alias("immigrant"),
        _target_group_of(packed).alias("target_group"),
    ]


_ROW = pl.int_range(pl.len(), dtype=pl.UInt32)


def _new_person() -> pl.Expr:
    return (pl.col("client_key") != pl.col("client_key").shift(1)).fill_null(True)


# Carrying a value forward is done with row numbers: the latest row so far where something
# holds is a running maximum of row numbers, and the value is fetched from that row. Filling
# nulls forward does the same, but was measured the slowest operation of the panel.


def _latest_row_where(condition: pl.Expr) -> pl.Expr:
    """The latest row at or before each row where ``condition`` holds (0 if none)."""
    return pl.when(condition).then(_ROW).otherwise(0).cum_max()


def _first_row_of_person() -> pl.Expr:
    return _latest_row_where(_new_person()).alias("first_row")


def carry_forward(value: pl.Expr) -> pl.Expr:
    """The latest non-null ``value`` at or before each row of the same person. Rows must be in
    person order and the frame must hold ``first_row``, the row where the person starts."""
    known = _latest_row_where(value.is_not_null())
    return pl.when(known >= pl.col("first_row")).then(value.gather(known))


def previous_row(value: pl.Expr) -> pl.Expr:
    """``value`` on the same person's previous row (null on their first row)."""
    return pl.when(pl.col("first_row") < _ROW).then(value.shift(1))


def running_total(value: pl.Expr) -> pl.Expr:
    """The cumulative sum of ``value`` within each person."""
    total = value.cum_sum()
    return total - (total - value).gather(pl.col("first_row"))


def window_total(value: pl.Expr, rows: int) -> pl.Expr:
    """The sum of a non-negative ``value`` over the person's last ``rows`` rows. The running
    total before the person's first row belongs to earlier people and is never larger than the
    one just before the person (the values are non-negative), so the larger of the two bounds
    keeps the window within the person."""
    total = value.cum_sum()
    before_person = (total - value).gather(pl.col("first_row"))
    return total - pl.max_horizontal(total.shift(rows).fill_null(0), before_person)


def _is(kind: str) -> pl.Expr:
    return pl.col("kind") == kind


def _said_by_state_events() -> list[pl.Expr]:
    """On each state event: the state and registration it leaves, and whether the person is in
    an unemployment spell after it (null on other events)."""
    is_state = pl.col("kind").is_in(STATE_KINDS)
    registered = ~_is("deregistered")
    in_spell = registered & pl.col("subtype").is_in(UNEMPLOYED)
    return [
        pl.when(is_state)
        .then(pl.lit(_STATE_OF_SUBTYPE).gather(pl.col("subtype").to_physical()))
        .alias("state_said"),
        pl.when(is_state).then(registered).alias("registered_said"),
        pl.when(is_state).then(in_spell).alias("in_spell_said"),
        is_state.alias("is_state"),
    ]


def _spell_markers() -> list[pl.Expr]:
    in_spell = carry_forward(pl.col("in_spell_said")).fill_null(False)
    was_in_spell = previous_row(in_spell).fill_null(False)
    return [
        (pl.col("is_state") & in_spell & ~was_in_spell).alias("spell_starts"),
        (pl.col("is_state") & ~in_spell & was_in_spell).alias("spell_ends"),
    ]


def _carried_along_stream(needs: Needs) -> list[pl.Expr]:
    """What holds after each event: the latest word of the events so far of the same person."""
    carried = {
        "state": lambda: carry_forward(pl.col("state_said")),
        "registered": lambda: carry_forward(pl.col("registered_said")).fill_null(False),
        "financing_counter": lambda: carry_forward(
            pl.when(_is("benefit_paid")).then(
                (pl.col("counter_before") + pl.col("days").cast(pl.Int32)).clip(0, 2**16 - 1)
            )
        ),
        "registered_on": lambda: carry_forward(pl.when(_is("registered")).then(pl.col("on"))),
        "registration": lambda: carry_forward(pl.col("registration")),
        "spell_started_on": lambda: carry_forward(
            pl.when(pl.col("spell_starts")).then(pl.col("on"))
        ),
    }
    return [carried[name]().alias(name) for name in needs.kept(carried)]


def _completed_spell_days() -> pl.Expr:
    started = previous_row(pl.col("spell_started_on"))
    return pl.when(pl.col("spell_ends")).then((pl.col("on") - started).dt.total_days())


def _benefit_days(benefit: str) -> pl.Expr:
    """Days paid of ``benefit`` (negative days, an error the quality checks report, count 0)."""
    paid = _is("benefit_paid") & (pl.col("subtype") == benefit)
    return pl.when(paid).then(pl.col("days").cast(pl.Int32).clip(lower_bound=0)).otherwise(0)


#: what happens in a month, summed over its events. The running sums along the stream are 32-bit
#: and wrap around if they overflow: the difference of two of them is still exact as long as
#: one person-month's sum fits in 32 bits.
SUMMED = {
    "had_state_event": pl.col("is_state").cast(pl.Int32),
    "services_started": _is("service_started").cast(pl.Int32),
    "services_ended": _is("service_ended").cast(pl.Int32),
    **{name: _benefit_days(b) for b, name in BENEFIT_DAY_COLUMNS.items()},
    "spells_completed": pl.col("spell_ends").cast(pl.Int32),
    "completed_spell_days": pl.col("completed_spell_days").fill_null(0).cast(pl.Int32),
}


def _summed(needs: Needs) -> dict[str, pl.Expr]:
    return {name: SUMMED[name] for name in needs.kept(SUMMED)}


def _month_index_by_lookup(on: pl.Expr, first: dt.date, last: dt.date) -> pl.Expr:
    """``month_index(on)`` through a table of the days in range (a date's parts are slow to
    take apart on every row)."""
    days = pl.date_range(first, last, "1d", eager=True)
    table = pl.select(month_index(pl.lit(days))).to_series()
    return pl.lit(table).gather((on - pl.lit(first)).dt.total_days())


def person_stream(
    ordered: pl.DataFrame, first_day: dt.date, last_day: dt.date, needs: Needs
) -> pl.DataFrame:
    """Client events in person and time order, each with what holds after it (state,
    registration, financing counter, spell start) and the running sums of ``SUMMED``."""
    return (
        ordered.lazy()
        .with_columns(
            _first_row_of_person(),
            _month_index_by_lookup(pl.col("on"), first_day, last_day).alias("month_index"),
            *_said_by_state_events(),
        )
        .with_columns(_spell_markers())
        .with_columns(_carried_along_stream(needs))
        .with_columns(_completed_spell_days().alias("completed_spell_days"))
        .with_columns([value.cum_sum().alias(name) for name, value in _summed(needs).items()])
        .collect()
    )


# -- 2. one row per person and month with events --------------------------------------------

#: what the month's last event says (carried along the stream already)
LAST_OF_MONTH = (
    "client_key",
    "month_index",
    "municipality",
    "area",
    "organisation",
    "state",
    "registered",
    "financing_counter",
    "registered_on",
    "registration",
    "spell_started_on",
)


def person_month_facts(stream: pl.DataFrame, needs: Needs) -> pl.DataFrame:
    """One row per person and month with events: the month's last event with what holds after
    it, and the month's sums (running sums at the month's last event, less those at the
    previous person-month's last event)."""
    last_in_month = (pl.col("month_index") != pl.col("month_index").shift(-1)) | (
        pl.col("client_key") != pl.col("client_key").shift(-1)
    )
    return (
        stream.lazy()
        .filter(last_in_month.fill_null(True))
        .select(*needs.kept(LAST_OF_MONTH), *_summed(needs))
        .with_columns([(pl.col(c) - pl.col(c).shift(1).fill_null(0)) for c in _summed(needs)])
        .with_columns(
            _first_row_of_person(),
            (pl.col("had_state_event") > 0).alias("had_state_event"),
            *unpack_registration("registration"),
        )
        .with_columns(
            running_total(pl.col("services_started") - pl.col("services_ended"))
            .clip(lower_bound=0)
            .alias("services_active")
        )
        .drop("first_row", "services_ended", "registration")
        .collect()
    )


# -- 3. the dense panel ---------------------------------------------------------------------


def _months_until_next(last_index: int) -> pl.Expr:
    """How many panel months each fact row stands for: until the person's next row with
    events, or to the end of the data."""
    same_person_next = pl.col("client_key") == pl.col("client_key").shift(-1)
    next_index = pl.when(same_person_next).then(pl.col("month_index").shift(-1))
    return (next_index.fill_null(last_index + 1) - pl.col("month_index")).cast(pl.UInt32)


#: columns that hold for the month with events only, zero in the months repeated after it
OF_THE_MONTH = (
    "services_started",
    *BENEFIT_DAY_COLUMNS.values(),
    "spells_completed",
    "completed_spell_days",
)


def _month_end_inputs(needs: Needs) -> list[pl.Expr]:
    """Per fact row, the numbers the month-end columns are computed from in every month the
    row stands for (each a simple function of the month index there):

    - ``last_registered_month``: the latest month the person was registered on some day (a
      state event in the month, or registered at its end or at the previous month's end);
    - ``spell_month_offset``: spell_months = month index - this;
    - ``spell_start_day``: the spell's first day as a day number;
    - ``age_month_offset``: age in whole years = (month index + this) // 12, the age at the
      latest registration growing by a year at each anniversary month of it;
    - ``in_unemployment_or_service``: unemployed, or registered and in a service."""
    started = pl.col("spell_started_on")
    previous_registered = previous_row(pl.col("registered")).fill_null(False)
    registered_in_month = pl.col("registered") | pl.col("had_state_event") | previous_registered
    unemployed = pl.col("registered") & pl.col("state").is_in(UNEMPLOYED)
    in_service = pl.col("registered") & (
        (pl.col("state") == "in_service") | (pl.col("services_active") > 0)
    )
    inputs = {
        "last_registered_month": lambda: carry_forward(
            pl.when(registered_in_month).then(pl.col("month_index"))
        ),
        "spell_month_offset": lambda: month_index(started) - (started.dt.day() == 1).cast(pl.Int32),
        "spell_start_day": lambda: started.cast(pl.Int32),
        "age_month_offset": lambda: (
            pl.col("age_years").cast(pl.Int32) * 12 - month_index(pl.col("registered_on"))
        ),
        "unemployed_at_end": lambda: unemployed,
        "in_unemployment_or_service": lambda: unemployed | in_service,
    }
    return [inputs[name]().alias(name) for name in needs.kept(inputs)]


#: what the dense panel takes from each fact row, in compact types
REPEATED: dict[str, pl.DataType | None] = {
    "client_key": None,
    "month_index": None,
    "municipality": None,
    "area": None,
    "organisation": None,
    "state": None,
    "registered": None,
    "financing_counter": pl.UInt16(),
    "target_group": None,
    "immigrant": None,
    "services_active": pl.UInt8(),
    "last_registered_month": None,
    "spell_month_offset": None,
    "spell_start_day": None,
    "age_month_offset": None,
    "unemployed_at_end": None,
    "in_unemployment_or_service": None,
}


def prepared_facts(facts: pl.DataFrame, schema: dict, needs: Needs) -> pl.DataFrame:
    """The fact rows with what the dense panel needs, in the panel's compact types."""
    repeated = {c: REPEATED[c] for c in needs.kept(REPEATED)}
    return (
        facts.lazy()
        .with_columns(_first_row_of_person())
        .with_columns(_month_end_inputs(needs))
        .select(
            *[pl.col(c) if t is None else pl.col(c).cast(t) for c, t in repeated.items()],
            *[pl.col(c).cast(schema[c]) for c in OF_THE_MONTH if c in schema],
        )
        .collect()
    )


def expand(facts: pl.DataFrame, last_index: int) -> pl.DataFrame:
    """Every person-month: each fact row repeated until the person's next fact row; the
    columns of the month itself are the fact row's in its own month and zero after it."""
    repeats = facts.select(_months_until_next(last_index).alias("n"))["n"]
    source = pl.Series(np.repeat(np.arange(facts.height, dtype=np.uint32), repeats.to_numpy()))
    starts = repeats.cum_sum() - repeats
    step = pl.int_range(source.len(), dtype=pl.Int32, eager=True) - starts.gather(source).cast(
        pl.Int32
    )
    repeated = [c for c in REPEATED if c in facts.columns]
    dense = facts.select(repeated)[source]  # rows by position: far faster than gather
    month_only = [
        pl.zeros(source.len(), dtype=facts.schema[c], eager=True).scatter(starts, facts[c]).alias(c)
        for c in OF_THE_MONTH
        if c in facts.columns
    ]
    return dense.with_columns((pl.col("month_index") + step).alias("month_index"), *month_only)


def _calendar(first_index: int, last_index: int) -> pl.DataFrame:
    """One row per month index in the panel: the month's first day and the day number (days
    since 1970) of the next month's first day, looked up by position: date arithmetic on every
    panel row is slow."""
    indices = pl.int_range(first_index, last_index + 2, dtype=pl.Int32, eager=True)
    firsts = pl.select(month_of_index(pl.lit(indices))).to_series()
    return pl.DataFrame({"month": firsts[:-1], "next_month": firsts[1:].cast(pl.Int32)})


def _by_month(calendar: pl.Series, first_index: int) -> pl.Expr:
    return pl.lit(calendar).gather(pl.col("month_index") - first_index)


#: the age band of each age in years, for looking up by position
_BAND_OF_AGE = pl.Series(
    [AGE_BANDS[sum(age >= limit for limit in AGE_BAND_LIMITS)] for age in range(128)],
    dtype=AGE_BAND,
)


def age_band() -> pl.Expr:
    """The age band at the month (see ``_month_end_inputs``)."""
    age = (pl.col("month_index") + pl.col("age_month_offset")) // 12
    return pl.lit(_BAND_OF_AGE).gather(age.clip(0, len(_BAND_OF_AGE) - 1))


def _month_end_columns(next_month_day: pl.Expr, schema: dict) -> list[pl.Expr]:
    """The ongoing spell's days to the month's end (included) and its whole calendar months;
    months since the person was last registered; age band; last month's state."""
    unemployed = pl.col("unemployed_at_end")
    since_registered = pl.col("month_index") - pl.col("last_registered_month")
    columns = {
        "spell_days": lambda: pl.when(unemployed).then(next_month_day - pl.col("spell_start_day")),
        "spell_months": lambda: pl.when(unemployed).then(
            pl.col("month_index") - pl.col("spell_month_offset")
        ),
        "months_since_registered": lambda: (
            pl.when(pl.col("registered")).then(0).otherwise(since_registered.clip(upper_bound=255))
        ),
        "age_band": age_band,
        "state_previous_month": lambda: previous_row(pl.col("state")),
        "registered_previous_month": lambda: previous_row(pl.col("registered")),
        "months_unemployed_or_in_service": lambda: window_total(
            pl.col("in_unemployment_or_service").cast(pl.Int32), STRUCTURAL_WINDOW_MONTHS
        ),
    }
    return [make().alias(name) for name, make in columns.items() if name in schema]


def dense_panel(prepared: pl.DataFrame, last_index: int, schema: dict) -> pl.DataFrame:
    """Every person-month from ``prepared_facts``, with the month-end columns."""
    first_index = prepared["month_index"].min() if prepared.height else last_index
    calendar = _calendar(first_index, last_index)
    return (
        expand(prepared, last_index)
        .lazy()
        .with_columns(
            _by_month(calendar["month"], first_index).alias("month"),
            _first_row_of_person(),
        )
        .with_columns(_month_end_columns(_by_month(calendar["next_month"], first_index), schema))
        .select([pl.col(name).cast(dtype) for name, dtype in schema.items()])
        .collect()
    )


def _persons(pieces: list[pl.DataFrame], last_index: int) -> pl.DataFrame:
    """Each person's client key, first panel row and first month (people in client key
    order, as in the panel), from each piece's first months of its people."""
    first = (
        pl.concat(pieces)
        if pieces
        else pl.DataFrame(schema={"client_key": pl.UInt64(), "month_index": pl.Int32()})
    )
    months = (last_index + 1 - first["month_index"]).cast(pl.UInt32)
    return first.with_columns((months.cum_sum() - months).alias("first_row"))


def panel_piece(
    ordered: pl.DataFrame,
    first_day: dt.date,
    last_day: dt.date,
    last_index: int,
    needs: Needs,
    schema: dict[str, pl.DataType],
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """The panel rows of the people in ``ordered`` (their events in person and time order),
    and each person's client key and first month."""
    facts = person_month_facts(person_stream(ordered, first_day, last_day, needs), needs)
    first_months = facts.filter(_new_person()).select("client_key", "month_index")
    prepared = prepared_facts(facts, schema, needs)
    return dense_panel(prepared, last_index, schema).rechunk(), first_months


def build_panel(
    events: pl.LazyFrame,
    last_month: dt.date,
    vocabulary: Vocabulary | None = None,
    piece_events: int = PIECE_EVENTS,
    columns: Collection[str] | None = None,
    monitored_only: bool = False,
) -> Panel:
    """The client-month panel of ``events`` up to the end of ``last_month`` (see the module
    docstring). Collected once: every indicator reads it. The events are cut into pieces of
    whole people of about ``piece_events`` events, each sorted and built into panel rows on its
    own (``person_pieces``): the result does not depend on the piece size. ``columns``
    (default: all) leaves out the panel columns of ``OPTIONAL_INPUTS`` not named, and the work
    of making them. ``monitored_only`` leaves out the people no registration puts in the
    target group: none of their rows is ever in the monitored group (``target_group`` comes
    from the latest registration), and they are about half the panel at national size. Their
    keys are in ``Panel.left_out``."""
    vocabulary = vocabulary or Vocabulary.of(events)
    last_index = last_month.year * 12 + last_month.month - 1
    last_day = month_end(last_month)
    needs = Needs.of(columns)
    schema = needs.schema(vocabulary)
    compact = compact_events(events, vocabulary, last_day, needs).collect()
    first_day = last_day if compact.is_empty() else compact["on"].min()
    rows, first_months, left_out = [], [], [pl.Series("client_key", [], dtype=pl.UInt64())]
    for ordered in person_pieces(compact, piece_events):
        if monitored_only:
            ordered, never_targeted = without_the_never_targeted(ordered)
            left_out.append(never_targeted)
        piece, firsts = panel_piece(ordered, first_day, last_day, last_index, needs, schema)
        rows.append(piece)
        first_months.append(firsts)
    del compact  # memory is the limit at national size
    frame = pl.concat(rows, rechunk=False) if rows else pl.DataFrame(schema=schema)
    return Panel(frame, _persons(first_months, last_index), vocabulary, pl.concat(left_out))
