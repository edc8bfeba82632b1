"""Line charts of monthly figures as inline SVG, drawn on the server (no JavaScript).

Each chart is an ``<svg role="img">`` labelled by its ``<title>`` and described by its ``<desc>``
(the period and each series' first, last, lowest and highest value), so a screen reader hears
what a sighted reader sees; the page puts the chart's figures in a table beside it. Series differ
by line pattern and marker shape as well as colour (never colour alone), and every colour has a
contrast of at least 4.5:1 on white. A missing or suppressed month is a gap in the line.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from kuntakokeilu.dashboards.formatting import figure, month_short

WIDTH, PLOT_HEIGHT = 640, 200
LEFT, RIGHT, TOP, BOTTOM = 72, 20, 14, 34
LEGEND_ROW = 20
#: (colour, dash pattern, marker) per series, in order: dark blue solid circles, dark orange
#: dashed squares, dark grey dotted diamonds.
STYLES = (
    ("#00468c", "", "circle"),
    ("#a34700", "8 4", "square"),
    ("#4a4a4a", "2 3", "diamond"),
)


@dataclass(frozen=True)
class Series:
    label: str
    points: tuple[tuple[dt.date, float | None], ...]

    def values(self) -> list[float]:
        return [value for _, value in self.points if value is not None]


def month_index(month: dt.date) -> int:
    return month.year * 12 + month.month - 1


def month_of(index: int) -> dt.date:
    return dt.date(index // 12, index % 12 + 1, 1)


def nice_step(span: float, ticks: int = 5) -> float:
    """A round step (1, 2 or 5 × 10^n) that cuts ``span`` into about ``ticks`` parts."""
    raw = span / ticks
    power = 10 ** math.floor(math.log10(raw))
    return next(m * power for m in (1, 2, 5, 10) if m * power >= raw)


def y_range(values: list[float]) -> tuple[float, float, float]:
    """(bottom, top, step): from 0 (or below, for negative values) to a round top."""
    low, high = min(0.0, *values), max(0.0, *values)
    if high == low:
        high = low + 1
    step = nice_step(high - low)
    return math.floor(low / step) * step, math.ceil(high / step) * step, step


class Frame:
    """Where months and values fall on the drawing."""

    def __init__(self, first: int, last: int, low: float, high: float):
        self.first, self.last, self.low, self.high = first, last, low, high

    def x(self, month: dt.date) -> float:
        span = max(self.last - self.first, 1)
        offset = (month_index(month) - self.first) / span if self.last > self.first else 0.5
        return round(LEFT + offset * (WIDTH - LEFT - RIGHT), 1)

    def y(self, value: float) -> float:
        share = (value - self.low) / (self.high - self.low)
        return round(TOP + (1 - share) * PLOT_HEIGHT, 1)


def segments(series: Series, frame: Frame) -> list[list[tuple[float, float]]]:
    """Runs of consecutive months with a value: a gap breaks the line."""
    runs, run, previous = [], [], None
    for month, value in sorted(series.points):
        index = month_index(month)
        if value is None or (previous is not None and index != previous + 1):
            if run:
                runs.append(run)
            run = []
        if value is not None:
            run.append((frame.x(month), frame.y(value)))
        previous = index
    return [*runs, run] if run else runs


def marker(shape: str, x: float, y: float, colour: str) -> str:
    if shape == "square":
        return f'<rect x="{x - 3.5}" y="{y - 3.5}" width="7" height="7" fill="{colour}"/>'
    if shape == "diamond":
        points = f"{x},{y - 4.5} {x + 4.5},{y} {x},{y + 4.5} {x - 4.5},{y}"
        return f'<polygon points="{points}" fill="{colour}"/>'
    return f'<circle cx="{x}" cy="{y}" r="3.5" fill="{colour}"/>'


def series_marks(series: Series, frame: Frame, style: tuple[str, str, str]) -> list[str]:
    colour, dash, shape = style
    dashed = f' stroke-dasharray="{dash}"' if dash else ""
    parts = []
    for run in segments(series, frame):
        path = " ".join(f"{x},{y}" for x, y in run)
        parts.append(
            f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="2.5"{dashed}/>'
        )
        parts += [marker(shape, x, y, colour) for x, y in run]
    return parts


def axes(frame: Frame, step: float, unit: str) -> list[str]:
    parts, bottom = [], TOP + PLOT_HEIGHT
    ticks = round((frame.high - frame.low) / step)
    for i in range(ticks + 1):
        value = frame.low + i * step
        y = frame.y(value)
        label = escape(figure(value, unit))
        parts.append(
            f'<line x1="{LEFT}" y1="{y}" x2="{WIDTH - RIGHT}" y2="{y}" stroke="#c8c8c8"/>'
            f'<text x="{LEFT - 6}" y="{y + 4}" text-anchor="end">{label}</text>'
        )
    months = range(frame.first, frame.last + 1)
    every = max(1, math.ceil(len(months) / 8))
    for index in months[::every]:
        x = frame.x(month_of(index))
        parts.append(
            f'<line x1="{x}" y1="{bottom}" x2="{x}" y2="{bottom + 4}" stroke="#1a1a1a"/>'
            f'<text x="{x}" y="{bottom + 18}" text-anchor="middle">'
            f"{month_short(month_of(index))}</text>"
        )
    parts.append(
        f'<line x1="{LEFT}" y1="{bottom}" x2="{WIDTH - RIGHT}" y2="{bottom}" stroke="#1a1a1a"/>'
    )
    return parts


def legend(series: list[Series], top: float) -> list[str]:
    parts = []
    for row, (one, style) in enumerate(zip(series, STYLES, strict=False)):
        colour, dash, shape = style
        y = top + row * LEGEND_ROW
        dashed = f' stroke-dasharray="{dash}"' if dash else ""
        parts.append(
            f'<line x1="{LEFT}" y1="{y}" x2="{LEFT + 36}" y2="{y}" stroke="{colour}" '
            f'stroke-width="2.5"{dashed}/>{marker(shape, LEFT + 18, y, colour)}'
            f'<text x="{LEFT + 46}" y="{y + 4}">{escape(one.label)}</text>'
        )
    return parts


def describe(series: list[Series], unit: str, first: dt.date, last: dt.date) -> str:
    """What the chart shows, in words: the period, and each series' course."""
    sentences = [
        _("Monthly figures from %(first)s to %(last)s.")
        % {"first": month_short(first), "last": month_short(last)}
    ]
    for one in series:
        values = one.values()
        if not values:
            sentences.append(_("%(series)s: no figures to show.") % {"series": one.label})
            continue
        sentences.append(
            _("%(series)s: first %(first)s, last %(last)s, lowest %(low)s, highest %(high)s.")
            % {
                "series": one.label,
                "first": figure(values[0], unit),
                "last": figure(values[-1], unit),
                "low": figure(min(values), unit),
                "high": figure(max(values), unit),
            }
        )
    sentences.append(_("A missing or suppressed month is a gap in the line."))
    return " ".join(sentences)


def line_chart(chart_id: str, title: str, series: list[Series], unit: str = "") -> SafeString:
    """An accessible SVG line chart of up to three monthly series (see the module)."""
    chart_id = escape(chart_id)
    series = [s for s in series if s.points][: len(STYLES)]
    months = [month for s in series for month, _ in s.points]
    if not months:
        return mark_safe("")
    first, last = min(months), max(months)
    low, high, step = y_range([v for s in series for v in s.values()] or [0.0])
    frame = Frame(month_index(first), month_index(last), low, high)
    height = TOP + PLOT_HEIGHT + BOTTOM + LEGEND_ROW * len(series)
    body = axes(frame, step, unit)
    for one, style in zip(series, STYLES, strict=False):
        body += series_marks(one, frame, style)
    body += legend(series, TOP + PLOT_HEIGHT + BOTTOM + 6)
    svg = (
        f'<svg class="chart" role="img" viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" '
        f'height="{height}" aria-labelledby="{chart_id}-title {chart_id}-desc" '
        f'xmlns="http://www.w3.org/2000/svg" font-size="12" font-family="system-ui, sans-serif">'
        f'<title id="{chart_id}-title">{escape(title)}</title>'
        f'<desc id="{chart_id}-desc">{escape(describe(series, unit, first, last))}</desc>'
        f"{''.join(body)}</svg>"
    )
    return mark_safe(svg)  # every text in it is escaped above
