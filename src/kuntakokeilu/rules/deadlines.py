"""When a job seeker's next interview or discussion is due (Act 916/2012 ch. 2; DOMAIN.md §3).

Two regimes, read from the dated parameter ``service_process``:

- ``interview_every_3_months`` (until 1.5.2022): the initial interview within 14 calendar days of
  registering, then an interview whenever 3 months have passed since the last one.
- ``nordic_model`` (from 2.5.2022): the initial interview within 5 working days of registering;
  5 supplementary discussions, each 14 days after the previous contact, as long as they fall within
  3 months of the initial interview; a job-search discussion 3 months after the initial interview
  and then 3 months after the last contact; and when the job search (counted from registration)
  has lasted 6 months, a 1-month period in which 2 supplementary discussions are due by its end.

**Which regime applies.** The regime in force on the day the clock starts: the registration day for
the initial interview; for every later item the latest contact (the initial interview or the last
discussion, whichever is later). A client registered on 1.5.2022 therefore has 14 calendar days; one
registered on 2.5.2022 has 5 working days; a client registered earlier moves to the Nordic model
with the first contact on or after 2.5.2022.

**Next due.** Of the items that still apply after the latest contact, the earliest; on a tie the
order of ``FOLLOW_UPS`` decides. The six-month period no longer applies once a contact is recorded
on or after its end, so a missed period is history, not a deadline that stays overdue for ever.

**Calendar.** Working days are Monday to Friday less the public holidays of ``holidays.Finland``
(its default category already includes Midsummer Eve and Christmas Eve); the n-th working day
after a day is counted from the next day, so a registration on a Saturday or a holiday counts
from the next working day. Months add like Polars ``dt.offset_by("3mo")``: same day of the month,
clamped to the month's last day (30.11. + 3 months = 28.2. or 29.2.). Calendar-day deadlines are
not moved off weekends.

``next_due`` is the scalar form for one client (the web app); ``next_due_frame`` the vectorised
form over a frame of clients (no per-row Python). The tests hold the two equal.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache
from typing import Any

import holidays
import polars as pl

from kuntakokeilu.rules.parameters import Parameters, parameters

INITIAL_INTERVIEW = "initial_interview"
SUPPLEMENTARY_DISCUSSION = "supplementary_discussion"
SIX_MONTH_DISCUSSION = "six_month_discussion"
JOB_SEARCH_DISCUSSION = "job_search_discussion"
PARAMETER = "service_process"
STATE_COLUMNS = (
    "registered_on",
    "initial_interview_on",
    "supplementary_done",
    "six_month_done",
    "last_discussion_on",
)


# -- calendar -------------------------------------------------------------------------------


@cache
def holidays_in(year: int) -> frozenset[dt.date]:
    """Finnish public holidays of one year (holidays.Finland, default category)."""
    return frozenset(holidays.Finland(years=year))


def holiday_list(years: Iterable[int]) -> list[dt.date]:
    return sorted(day for year in years for day in holidays_in(year))


def is_working_day(day: dt.date) -> bool:
    return day.weekday() < 5 and day not in holidays_in(day.year)


def add_working_days(start: dt.date, n: int) -> dt.date:
    """The n-th working day after ``start`` (n >= 1); ``start`` itself never counts."""
    if n < 1:
        raise ValueError(f"add_working_days needs n >= 1, got {n}")
    day = start
    while n:
        day += dt.timedelta(days=1)
        n -= is_working_day(day)
    return day


def add_working_days_expr(start: pl.Expr, n: int, holiday_dates: list[dt.date]) -> pl.Expr:
    """Vectorised ``add_working_days``: rolling a non-working start back to the previous working
    day leaves the working days after it unchanged, so the count starts from the next one."""
    return start.dt.add_business_days(n, holidays=holiday_dates, roll="backward")


def add_months(day: dt.date, months: int) -> dt.date:
    """Like Polars ``dt.offset_by(f"{months}mo")``: same day of the month, clamped to its end."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return dt.date(year, month + 1, min(day.day, last))


def add_months_expr(day: pl.Expr, months: int) -> pl.Expr:
    return day.dt.offset_by(f"{months}mo")


# -- the schedule of one regime -------------------------------------------------------------


@dataclass(frozen=True)
class Schedule:
    """One dated value of the ``service_process`` parameter, typed."""

    regime: str
    initial_working_days: int | None
    initial_calendar_days: int | None
    supplementary_count: int
    supplementary_every_days: int
    supplementary_within_months: int
    every_months: int
    six_month_after_months: int
    six_month_discussions: int
    six_month_within_months: int

    @classmethod
    def from_value(cls, value: dict[str, Any]) -> Schedule:
        initial, supplementary, six = (
            value["initial_interview"],
            value["supplementary"],
            value["six_month_period"],
        )
        return cls(
            regime=value["regime"],
            initial_working_days=initial.get("working_days"),
            initial_calendar_days=initial.get("calendar_days"),
            supplementary_count=supplementary["count"],
            supplementary_every_days=supplementary["every_days"],
            supplementary_within_months=supplementary["within_months"],
            every_months=value["regular_interview_every_months"],
            six_month_after_months=six["after_months"],
            six_month_discussions=six["discussions"],
            six_month_within_months=six["within_months"],
        )


def schedule_on(anchor: dt.date, params: Parameters | None = None) -> Schedule:
    """The schedule of the regime in force on the day the clock starts."""
    return Schedule.from_value((params or parameters()).value(PARAMETER, anchor))


# -- the state of one client and what is due ------------------------------------------------


@dataclass(frozen=True)
class ProcessState:
    """What has happened to one client in the service process."""

    registered_on: dt.date
    initial_interview_on: dt.date | None = None
    supplementary_done: int = 0
    six_month_done: int = 0
    last_discussion_on: dt.date | None = None

    @property
    def latest_contact(self) -> dt.date | None:
        """The initial interview or the last discussion, whichever is later."""
        contacts = [d for d in (self.initial_interview_on, self.last_discussion_on) if d]
        return max(contacts, default=None)


@dataclass(frozen=True)
class Due:
    kind: str
    due_on: dt.date
    regime: str


def is_overdue(due: Due, on: dt.date) -> bool:
    """Overdue once the due day has passed; on the due day itself there is still time."""
    return on > due.due_on


# -- one deadline, two forms ----------------------------------------------------------------
# Each scalar form answers for a client whose initial interview is held (None: does not apply);
# each vectorised form is the same formula over the STATE_COLUMNS (null: does not apply).

REGISTERED = pl.col("registered_on")
INITIAL = pl.col("initial_interview_on")
LATEST = pl.max_horizontal("initial_interview_on", "last_discussion_on")
NO_DATE = pl.lit(None, dtype=pl.Date)


@dataclass(frozen=True)
class Deadline:
    kind: str
    description: str
    scalar: Callable[[ProcessState, Schedule], dt.date | None]
    vectorised: Callable[[Schedule], pl.Expr]


def _initial_due(state: ProcessState, s: Schedule) -> dt.date:
    if s.initial_working_days:
        return add_working_days(state.registered_on, s.initial_working_days)
    return state.registered_on + dt.timedelta(days=s.initial_calendar_days or 0)


def _initial_due_expr(s: Schedule, holiday_dates: list[dt.date]) -> pl.Expr:
    if s.initial_working_days:
        return add_working_days_expr(REGISTERED, s.initial_working_days, holiday_dates)
    return REGISTERED.dt.offset_by(f"{s.initial_calendar_days or 0}d")


def _supplementary(state: ProcessState, s: Schedule) -> dt.date | None:
    if state.supplementary_done >= s.supplementary_count:
        return None
    due = state.latest_contact + dt.timedelta(days=s.supplementary_every_days)
    phase_end = add_months(state.initial_interview_on, s.supplementary_within_months)
    return due if due <= phase_end else None


def _supplementary_expr(s: Schedule) -> pl.Expr:
    due = LATEST.dt.offset_by(f"{s.supplementary_every_days}d")
    phase_end = add_months_expr(INITIAL, s.supplementary_within_months)
    applies = (pl.col("supplementary_done") < s.supplementary_count) & (due <= phase_end)
    return pl.when(applies).then(due).otherwise(NO_DATE)


def _job_search(state: ProcessState, s: Schedule) -> dt.date:
    """In the supplementary phase the clock runs from the initial interview, after it from the
    latest contact (the state does not say which later contacts were job-search discussions)."""
    phase_end = add_months(state.initial_interview_on, s.supplementary_within_months)
    latest = state.latest_contact
    clock_start = state.initial_interview_on if latest < phase_end else latest
    return add_months(clock_start, s.every_months)


def _job_search_expr(s: Schedule) -> pl.Expr:
    phase_end = add_months_expr(INITIAL, s.supplementary_within_months)
    clock_start = pl.when(phase_end > LATEST).then(INITIAL).otherwise(LATEST)
    return add_months_expr(clock_start, s.every_months)


def _six_month(state: ProcessState, s: Schedule) -> dt.date | None:
    if state.six_month_done >= s.six_month_discussions:
        return None
    start = add_months(state.registered_on, s.six_month_after_months)
    end = add_months(start, s.six_month_within_months)
    return end if state.latest_contact < end else None


def _six_month_expr(s: Schedule) -> pl.Expr:
    start = add_months_expr(REGISTERED, s.six_month_after_months)
    end = add_months_expr(start, s.six_month_within_months)
    applies = (pl.col("six_month_done") < s.six_month_discussions) & (end > LATEST)
    return pl.when(applies).then(end).otherwise(NO_DATE)


#: The items after the initial interview, in the order that breaks a tie between equal dates.
FOLLOW_UPS = (
    Deadline(
        SUPPLEMENTARY_DISCUSSION,
        "Supplementary discussion 14 days after the last contact, within 3 months of the initial "
        "interview, until 5 are held",
        _supplementary,
        _supplementary_expr,
    ),
    Deadline(
        SIX_MONTH_DISCUSSION,
        "Two supplementary discussions by the end of the month that starts when the job search "
        "has lasted 6 months",
        _six_month,
        _six_month_expr,
    ),
    Deadline(
        JOB_SEARCH_DISCUSSION,
        "Job-search discussion (before 2.5.2022: interview) 3 months after the initial interview "
        "or the last contact",
        _job_search,
        _job_search_expr,
    ),
)


# -- scalar form ----------------------------------------------------------------------------


def next_due(state: ProcessState, params: Parameters | None = None) -> Due:
    """The next interview or discussion due for one client."""
    if state.initial_interview_on is None:
        s = schedule_on(state.registered_on, params)
        return Due(INITIAL_INTERVIEW, _initial_due(state, s), s.regime)
    s = schedule_on(state.latest_contact, params)
    candidates = [(d.kind, d.scalar(state, s)) for d in FOLLOW_UPS]
    due = [(kind, on) for kind, on in candidates if on is not None]
    kind, due_on = min(due, key=lambda item: item[1])
    return Due(kind, due_on, s.regime)


# -- vectorised form ------------------------------------------------------------------------


def _earliest_follow_up(s: Schedule) -> tuple[pl.Expr, pl.Expr]:
    dates = [(d.kind, d.vectorised(s)) for d in FOLLOW_UPS]
    earliest = pl.min_horizontal([on for _, on in dates])
    kind = pl.when(dates[0][1] == earliest).then(pl.lit(dates[0][0]))
    for name, on in dates[1:]:
        kind = kind.when(on == earliest).then(pl.lit(name))
    return kind, earliest


def _due_under(s: Schedule, holiday_dates: list[dt.date]) -> pl.Expr:
    kind, earliest = _earliest_follow_up(s)
    waiting = INITIAL.is_null()
    return pl.struct(
        pl.when(waiting).then(pl.lit(INITIAL_INTERVIEW)).otherwise(kind).alias("due_kind"),
        pl.when(waiting)
        .then(_initial_due_expr(s, holiday_dates))
        .otherwise(earliest)
        .alias("due_on"),
        pl.lit(s.regime).alias("regime"),
    )


def next_due_expr(
    params: Parameters | None = None, holiday_dates: Iterable[dt.date] = ()
) -> pl.Expr:
    """A struct (``due_kind``, ``due_on``, ``regime``) over the STATE_COLUMNS. The regime is picked
    per row by the anchor day; a row whose anchor precedes every regime gets a null struct.
    ``holiday_dates`` must cover the registration years (and the next) for working days."""
    holiday_dates = sorted(holiday_dates)
    anchor = pl.when(INITIAL.is_null()).then(REGISTERED).otherwise(LATEST)
    versions = (params or parameters())[PARAMETER].values
    newest, *older = reversed(versions)
    due = pl.when(anchor >= newest.valid_from).then(
        _due_under(Schedule.from_value(newest.value), holiday_dates)
    )
    for version in older:
        due = due.when(anchor >= version.valid_from).then(
            _due_under(Schedule.from_value(version.value), holiday_dates)
        )
    return due


def registration_years(frame: pl.LazyFrame) -> range:
    """The years whose holidays an initial-interview deadline can cross (the last year + 1)."""
    bounds = frame.select(
        REGISTERED.min().dt.year().alias("first"), REGISTERED.max().dt.year().alias("last")
    ).collect()
    first, last = bounds.row(0)
    return range(first, last + 2) if first is not None else range(0)


def next_due_frame(
    frame: pl.DataFrame | pl.LazyFrame, params: Parameters | None = None
) -> pl.LazyFrame:
    """Add ``due_kind``, ``due_on`` and ``regime`` to a frame with the STATE_COLUMNS."""
    lazy = frame.lazy()
    missing = set(STATE_COLUMNS) - set(lazy.collect_schema().names())
    if missing:
        raise ValueError(f"next_due_frame needs the columns {', '.join(sorted(missing))}")
    holiday_dates = holiday_list(registration_years(lazy))
    return lazy.with_columns(next_due_expr(params, holiday_dates).alias("_due")).unnest("_due")
