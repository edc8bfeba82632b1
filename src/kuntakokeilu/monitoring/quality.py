"""Data-quality checks run with every computation: each finding is a ``results.QUALITY`` row
with a sentence a person can act on.

- ``missing_month`` (error): a month of the period has no event file or no events; (warning) a
  group has no figures for an indicator in a month although it has them in other months;
- ``impossible_value`` (error): events that cannot be right (after the end of the data, of an
  unknown kind, negative benefit days or counter, scores out of their range, client events
  without a client) and figures that cannot be right (shares outside 0–1, means outside the
  score range, negative counts);
- ``unknown_code`` (warning): a municipality code no municipal division knows;
- ``unmatched_event`` (warning): services ended that never started in the data;
- ``unplaced_event`` (warning): counted events of people with no status event by then;
- ``outlier`` (warning): a month far from the group's own neighbouring months. The check is a
  robust z-score: the month's distance from the median of the five months around it, in units
  of the series' robust spread of those distances (1.4826 × median absolute deviation), with
  |z| > 3.5 flagged (Iglewicz and Hoaglin). The spread is at least the figure's sampling noise
  (from the number of people behind it) and 5 % of the local level (10 % for the country-level
  groups), so a month must also move by some 17 % (35 %) to be flagged. Areas and ELY areas are
  checked as their ratio to the country's figure, so that the season and national trends do
  not flag every area at once; the country-level groups keep their season, and a strong
  seasonal month can show there. It is not run for municipalities (small counts are too
  noisy), for months with fewer than ``OUTLIER_MIN_PEOPLE`` people behind the figure, for the
  data's first months, nor for derived measures (changes against a year earlier);
- ``left_censored`` and ``incomplete_month`` (warning): what the data cannot tell.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

import polars as pl

from kuntakokeilu.events.schema import KINDS, SCORE_RANGES
from kuntakokeilu.monitoring.indicators import COUNT, DERIVED, INDICATORS, MEAN, SHARE, SUM
from kuntakokeilu.monitoring.results import QUALITY

ERROR, WARNING = "error", "warning"
OUTLIER_Z = 3.5
OUTLIER_WINDOW = 5
OUTLIER_MIN_PEOPLE = 100
OUTLIER_RELATIVE_FLOOR = 0.05
#: country-level series keep the season in them: only a larger jump is flagged there
OUTLIER_COUNTRY_FLOOR = 0.10
AGAINST_COUNTRY = ("area", "ely")
MISSING_MIN_PEOPLE = 20
WARM_UP_MONTHS = 2
#: groupings whose series are checked for outliers and missing months
SERIES_GROUPINGS = ("area", "ely", "rest_of_finland", "country", "experiment_vs_comparison")
CLIENT_KINDS = [k.name for k in KINDS.values() if k.about_a_client]


def finding(
    check: str,
    severity: str,
    message: str,
    *,
    indicator: str | None = None,
    grouping: str | None = "country",
    group: str | None = "FI",
    month: dt.date | None = None,
) -> dict:
    return {
        "check": check,
        "severity": severity,
        "indicator": indicator,
        "grouping": grouping,
        "group": group,
        "month": month,
        "message": message,
    }


def as_frame(findings: Iterable[dict]) -> pl.DataFrame:
    rows = list(findings)
    return pl.DataFrame(rows, schema=QUALITY) if rows else pl.DataFrame(schema=QUALITY)


def _month_name(month: dt.date | None) -> str:
    return month.strftime("%Y-%m") if month else "an unknown month"


# -- the events ------------------------------------------------------------------------------


#: (check, severity, indicator affected, condition on an event, what it means) per event problem
def _event_problems(data_end: dt.date) -> list[tuple[str, str, str | None, pl.Expr, str]]:
    kind, days = pl.col("kind"), pl.col("days")
    benefit = kind == "benefit_paid"
    subsidy = benefit & (pl.col("subtype") == "labour_market_subsidy")
    problems = [
        (
            "impossible_value",
            ERROR,
            None,
            pl.col("on") > data_end,
            f"event(s) dated after the end of the data ({data_end.isoformat()}); they are left "
            "out: check the export's period",
        ),
        (
            "impossible_value",
            ERROR,
            None,
            ~kind.is_in(list(KINDS)),
            "event(s) of a kind the schema does not know; they are left out",
        ),
        (
            "impossible_value",
            ERROR,
            None,
            kind.is_in(CLIENT_KINDS) & pl.col("client_key").is_null(),
            "client event(s) without a client key; they are left out",
        ),
        (
            "impossible_value",
            ERROR,
            "02",
            benefit & (days.is_null() | (days < 0)),
            "benefit payment(s) with negative or missing days; benefit days and financing "
            "shares of the month are wrong until the source is corrected",
        ),
        (
            "impossible_value",
            ERROR,
            "02",
            subsidy & (pl.col("counter_before").is_null() | (pl.col("counter_before") < 0)),
            "labour market subsidy payment(s) with a negative or missing financing counter; "
            "the municipality's share of them cannot be computed",
        ),
    ]
    for scored, (low, high) in SCORE_RANGES.items():
        score = pl.col("score")
        problems.append(
            (
                "impossible_value",
                ERROR,
                _indicator_of_kind(scored),
                (kind == scored) & score.is_not_null() & ~score.is_between(low, high),
                f"{scored} score(s) outside {low}–{high}; the month's means are wrong until "
                "the source is corrected",
            )
        )
    return problems


def _indicator_of_kind(kind: str) -> str | None:
    found = [i.number for i in INDICATORS.values() if kind in i.source_events]
    return found[0] if len(found) == 1 else None


def event_findings(events: pl.LazyFrame, data_end: dt.date) -> list[dict]:
    """Impossible events, counted per month in one pass over the events (per day first: the
    month of every event's day was the slow part)."""
    problems = _event_problems(data_end)
    counts = (
        events.group_by("on")
        .agg(
            *[cond.fill_null(False).sum().alias(str(i)) for i, (*_, cond, _) in enumerate(problems)]
        )
        .group_by(pl.col("on").dt.month_start().alias("month"))
        .agg(pl.exclude("on").sum())
        .sort("month")
        .collect()
    )
    found = []
    for row in counts.iter_rows(named=True):
        for i, (check, severity, indicator, _, meaning) in enumerate(problems):
            if row[str(i)]:
                found.append(
                    finding(
                        check,
                        severity,
                        f"{row[str(i)]} {meaning} ({_month_name(row['month'])}).",
                        indicator=indicator,
                        month=row["month"],
                    )
                )
    return found


def unknown_codes(codes: Iterable[str], known: set[str]) -> list[dict]:
    return [
        finding(
            "unknown_code",
            WARNING,
            f"Municipality code {code} is in no known municipal division: its figures count "
            "in the country and the rest of Finland but in no ELY area; check the code.",
            grouping="municipality",
            group=code,
        )
        for code in sorted(set(codes) - known)
    ]


def unmatched_service_ends(events: pl.LazyFrame) -> list[dict]:
    """Services ended that never started in the data (a start before the data began is the
    usual reason): they do not lower the count of services running."""
    services = events.filter(pl.col("kind").is_in(["service_started", "service_ended"]))
    started = services.filter(pl.col("kind") == "service_started").select("item_key")
    unmatched = (
        services.filter(pl.col("kind") == "service_ended")
        .join(started, on="item_key", how="anti")
        .group_by(pl.col("on").dt.month_start().alias("month"))
        .agg(pl.len().alias("n"))
        .sort("month")
        .collect()
    )
    return [
        finding(
            "unmatched_event",
            WARNING,
            f"{n} service(s) ended in {_month_name(month)} without a start in the data"
            + " (started before the data began, or the start was not exported): they are not "
            "counted as running before they end.",
            indicator="03",
            month=month,
        )
        for month, n in unmatched.iter_rows()
    ]


def unplaced_events(unplaced: pl.DataFrame | None) -> list[dict]:
    """Counted events (offers, service starts, assessments, answers) of people who have no
    status event by then: they have no home municipality or target group to count them under."""
    if unplaced is None or unplaced.is_empty():
        return []
    return [
        finding(
            "unplaced_event",
            WARNING,
            f"{n} {kind} event(s) in {_month_name(month)} belong to people with no registration "
            "or other status event by then; they are left out of the indicators: check that the "
            "export includes their registrations.",
            indicator=_indicator_of_kind(kind),
            month=month,
        )
        for month, kind, n in unplaced.sort("month", "kind").iter_rows()
    ]


def missing_event_months(rows_per_month: dict[dt.date, int], months: list[dt.date]) -> list[dict]:
    return [
        finding(
            "missing_month",
            ERROR,
            f"There are no events for {_month_name(month)}: every indicator of that month "
            "is computed without them and the months after it carry stale states.",
            month=month,
        )
        for month in months
        if not rows_per_month.get(month)
    ]


def period_findings(first_day: dt.date, last_full_month: dt.date, data_end: dt.date) -> list:
    found = [
        finding(
            "left_censored",
            WARNING,
            f"Spells that began before {first_day.isoformat()} are counted from that day: "
            f"spell lengths and long-term unemployment are understated until "
            f"{_month_name(_add_months(first_day, 12))}.",
            indicator=number,
            month=first_day.replace(day=1),
        )
        for number in ("05", "06")
    ]
    if _add_months(last_full_month, 1) <= data_end:
        found.append(
            finding(
                "incomplete_month",
                WARNING,
                f"The data end on {data_end.isoformat()}, within {_month_name(data_end)}: "
                "that month is left out because its month-end states are not known yet.",
                month=data_end.replace(day=1),
            )
        )
    return found


def _add_months(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


# -- the figures -----------------------------------------------------------------------------


def _measure_rules() -> pl.DataFrame:
    rows = [
        {
            "indicator": indicator.number,
            "measure": m.name,
            "kind": m.kind,
            "low": m.range[0] if m.range else (0.0 if m.kind in (COUNT, SUM) else None),
            "high": m.range[1] if m.range else None,
        }
        for indicator in INDICATORS.values()
        for m in indicator.measures
    ]
    return pl.DataFrame(
        rows,
        schema={
            "indicator": pl.String,
            "measure": pl.String,
            "kind": pl.String,
            "low": pl.Float64,
            "high": pl.Float64,
        },
    )


def impossible_figures(results: pl.DataFrame) -> list[dict]:
    """Figures outside what the measure allows (shares outside 0–1, means outside the score
    range, negative counts)."""
    value = pl.col("value")
    bad = results.join(_measure_rules(), on=["indicator", "measure"]).filter(
        (value < pl.col("low")) | (value > pl.col("high"))
    )
    return [
        finding(
            "impossible_value",
            ERROR,
            f"{r['measure']} is {r['value']:.4g} for {r['grouping']} {r['group']} in "
            f"{_month_name(r['month'])}, outside the possible "
            f"{_bounds(r['low'], r['high'])}: the events behind it are inconsistent.",
            indicator=r["indicator"],
            grouping=r["grouping"],
            group=r["group"],
            month=r["month"],
        )
        for r in bad.iter_rows(named=True)
    ]


def _bounds(low, high) -> str:
    if high is None or high == float("inf"):
        return f"range (at least {low:g})"
    return f"range {low:g}–{high:g}"


def _indicator_months(results: pl.DataFrame) -> pl.DataFrame:
    """Per indicator, group and month with figures: the most people behind any measure."""
    return results.group_by("indicator", "grouping", "group", "month").agg(
        pl.col("persons").max().fill_null(0).alias("people")
    )


def missing_figures(results: pl.DataFrame, months: list[dt.date]) -> list[dict]:
    """Months without figures that should have them.

    Country-wide: an indicator with figures in earlier months has none anywhere in a month
    (a survey not run that month, or events not exported). For a group: the country has the
    indicator's figures in the month but the group, which usually has at least
    ``MISSING_MIN_PEOPLE`` people behind them, has none (small groups may lack sparse events
    by chance, so they are not checked)."""
    present = _indicator_months(results.filter(pl.col("grouping").is_in(SERIES_GROUPINGS)))
    series = present.group_by("indicator", "grouping", "group").agg(
        pl.col("month").min().alias("first"), pl.col("people").median().alias("usual")
    )
    expected = series.join(pl.DataFrame({"month": months}), how="cross").filter(
        pl.col("month") >= pl.col("first")
    )
    missing = expected.join(present, on=["indicator", "grouping", "group", "month"], how="anti")
    country = present.filter(pl.col("grouping") == "country").select("indicator", "month")
    nowhere = missing.filter(pl.col("grouping") == "country")
    somewhere = missing.join(country, on=["indicator", "month"]).filter(
        pl.col("usual") >= MISSING_MIN_PEOPLE
    )
    return [
        *[_nowhere(r) for r in nowhere.sort("indicator", "month").iter_rows(named=True)],
        *[
            _missing_in_group(r)
            for r in somewhere.sort("indicator", "grouping", "group", "month").iter_rows(named=True)
        ],
    ]


def _nowhere(r: dict) -> dict:
    return finding(
        "missing_month",
        WARNING,
        f"Indicator {r['indicator']} ({INDICATORS[r['indicator']].name}) has no figures "
        f"anywhere in {_month_name(r['month'])}, though earlier months have: expected if the "
        "survey was not run that month, otherwise check that the month's events were exported.",
        indicator=r["indicator"],
        month=r["month"],
    )


def _missing_in_group(r: dict) -> dict:
    return finding(
        "missing_month",
        WARNING,
        f"{r['grouping']} {r['group']} has no figures for indicator {r['indicator']} "
        f"({INDICATORS[r['indicator']].name}) in {_month_name(r['month'])}, though the rest "
        f"of the country has and the group usually has {r['usual']:.0f} people behind them: "
        "check that the group's events of that month were exported.",
        indicator=r["indicator"],
        grouping=r["grouping"],
        group=r["group"],
        month=r["month"],
    )


def _distance_from_neighbours(series: list[str]) -> list[pl.Expr]:
    local = pl.col("checked").rolling_median(OUTLIER_WINDOW, center=True, min_samples=3)
    local = local.over(series, order_by="month")
    return [local.alias("local"), (pl.col("checked") - local).alias("distance")]


def _sampling_noise() -> pl.Expr:
    """The noise the checked figure has from the number of people behind it alone, at the
    level its neighbouring months lead to expect: for a share the binomial standard deviation;
    for a mean of a bounded score (or of changes in one) a sixth of the possible range over
    √people (the spread of one answer is at most about that); otherwise the level over √people
    (a coefficient of variation of one, as for counts and durations). Divided by the country's
    figure where the group is checked against it."""
    level = (pl.col("local") * pl.col("reference")).abs()
    people = pl.col("persons").cast(pl.Float64)
    binomial = (level.clip(0, 1) * (1 - level.clip(0, 1)) / pl.col("denominator")).sqrt()
    bounded = pl.col("high").is_not_null() & pl.col("high").is_finite()
    noise = (
        pl.when(pl.col("kind") == SHARE)
        .then(binomial)
        .when((pl.col("kind") == MEAN) & bounded)
        .then((pl.col("high") - pl.col("low")) / 6 / people.sqrt())
        .otherwise(level / people.sqrt())
    )
    return (noise / pl.col("reference").abs()).fill_null(0.0)


def _scale(series: list[str]) -> pl.Expr:
    """The spread a month's distance is measured in: the largest of the series' own spread
    (1.4826 × median absolute deviation of the distances: the standard deviation for normal
    noise), the sampling noise of the month's figure, and a floor relative to the local level
    (so that a smooth series does not flag a wiggle of a few per cent)."""
    distance = pl.col("distance")
    mad = (distance - distance.median().over(series)).abs().median().over(series)
    floor = pl.when(pl.col("grouping").is_in(AGAINST_COUNTRY))
    floor = floor.then(OUTLIER_RELATIVE_FLOOR).otherwise(OUTLIER_COUNTRY_FLOOR)
    return pl.max_horizontal(1.4826 * mad, _sampling_noise(), floor * pl.col("local").abs())


def _against_country(results: pl.DataFrame) -> pl.DataFrame:
    """Areas and ELY areas are checked as a ratio to the country's figure, so that what moves
    the whole country (the season, a trend, a change of rules) does not flag every area."""
    country = results.filter(pl.col("grouping") == "country").select(
        "indicator", "measure", "month", pl.col("value").alias("country")
    )
    against = pl.col("grouping").is_in(AGAINST_COUNTRY)
    return (
        results.join(country, on=["indicator", "measure", "month"], how="left")
        .with_columns(pl.when(against).then(pl.col("country")).otherwise(1.0).alias("reference"))
        .filter(pl.col("reference").is_not_null() & (pl.col("reference") != 0))
        .with_columns((pl.col("value") / pl.col("reference")).alias("checked"))
    )


def outliers(results: pl.DataFrame, data_start: dt.date) -> list[dict]:
    """Months far from the group's own neighbouring months (see the module docstring). The
    data's first ``WARM_UP_MONTHS`` are not checked: everyone enters the panel then, so their
    figures differ from the months after by construction."""
    checked_from = _add_months(data_start, WARM_UP_MONTHS)
    series = ["indicator", "measure", "grouping", "group"]
    rules = _measure_rules()
    people = pl.coalesce(pl.col("persons"), pl.col("denominator"), pl.col("numerator"))
    candidates = (
        results.filter(pl.col("grouping").is_in(SERIES_GROUPINGS) & pl.col("value").is_not_null())
        .join(rules, on=["indicator", "measure"])
        .filter(pl.col("kind") != DERIVED)
    )
    scored = (
        _against_country(candidates)
        .sort(*series, "month")
        .with_columns(_distance_from_neighbours(series))
        .with_columns(_scale(series).alias("scale"))
        .with_columns((pl.col("distance") / pl.col("scale")).alias("z"))
        .filter(
            (pl.col("scale") > 0)
            & (pl.col("z").abs() > OUTLIER_Z)
            & (people >= OUTLIER_MIN_PEOPLE)
            & (pl.col("month") >= checked_from)
        )
    )
    return [_outlier(r) for r in scored.iter_rows(named=True)]


def _outlier(r: dict) -> dict:
    expected = r["local"] * r["reference"]
    relative = " relative to the country" if r["grouping"] in AGAINST_COUNTRY else ""
    return finding(
        "outlier",
        WARNING,
        f"{r['measure']} of {r['grouping']} {r['group']} is {r['value']:.4g} in "
        f"{_month_name(r['month'])}, far from its neighbouring months{relative} (about "
        f"{expected:.4g} expected; robust z {r['z']:.1f}): check the month's events before "
        "publishing.",
        indicator=r["indicator"],
        grouping=r["grouping"],
        group=r["group"],
        month=r["month"],
    )
