"""The server-side SVG line charts: every series drawn and named, a gap for a missing month, a
title and a description for screen readers, the text escaped."""

from __future__ import annotations

import datetime as dt
import random
from xml.etree import ElementTree

import pytest

from kuntakokeilu.dashboards import formatting
from kuntakokeilu.dashboards.charts import Series, line_chart, nice_step, y_range
from kuntakokeilu.quotas import formatting as quota_formatting

SVG = "{http://www.w3.org/2000/svg}"
MONTHS = [dt.date(2021, m, 1) for m in range(3, 9)]


def series(label, values) -> Series:
    return Series(label, tuple(zip(MONTHS, values, strict=True)))


def parsed(svg: str):
    return ElementTree.fromstring(str(svg))


def lines(root, colour):
    return [p for p in root.iter(f"{SVG}polyline") if p.get("stroke") == colour]


def test_the_chart_draws_each_series_in_its_own_colour_pattern_and_marker():
    root = parsed(
        line_chart(
            "c",
            "Transitions",
            [
                series("Helsinki", [0.1, 0.12, 0.11, 0.13, 0.14, 0.15]),
                series("All experiment areas", [0.1] * 6),
                series("Comparison group", [0.12] * 6),
            ],
            unit="share",
        )
    )
    helsinki, experiment, comparison = (
        lines(root, "#00468c"), lines(root, "#a34700"), lines(root, "#4a4a4a")
    )  # fmt: skip
    assert [len(x) for x in (helsinki, experiment, comparison)] == [1, 1, 1]
    assert len(helsinki[0].get("points").split()) == 6
    assert experiment[0].get("stroke-dasharray") == "8 4"
    assert comparison[0].get("stroke-dasharray") == "2 3"
    assert len(list(root.iter(f"{SVG}circle"))) == 6 + 1  # the points and the legend's marker
    labels = [t.text for t in root.iter(f"{SVG}text")]
    assert {"Helsinki", "All experiment areas", "Comparison group"} <= set(labels)
    assert {"3/2021", "8/2021", "15,0\xa0%"} <= set(labels)


def test_the_chart_is_labelled_and_described_for_screen_readers():
    root = parsed(line_chart("chart-04", "Transitions", [series("Helsinki", [1, 2, 3, 4, 5, 6])]))
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == "chart-04-title chart-04-desc"
    assert root.find(f"{SVG}title").text == "Transitions"
    assert root.find(f"{SVG}desc").text == (
        "Monthly figures from 3/2021 to 8/2021. Helsinki: first 1, last 6, lowest 1, highest 6. "
        "A missing or suppressed month is a gap in the line."
    )


def test_a_missing_month_breaks_the_line():
    root = parsed(line_chart("c", "t", [series("Espoo", [1, 2, None, 4, 5, None])]))
    runs = [len(p.get("points").split()) for p in lines(root, "#00468c")]
    assert runs == [2, 2]


def test_a_lone_value_between_gaps_is_a_marker_without_a_line_to_nowhere():
    root = parsed(line_chart("c", "t", [series("Espoo", [None, None, 3, None, None, None])]))
    assert [len(p.get("points").split()) for p in lines(root, "#00468c")] == [1]
    assert len(list(root.iter(f"{SVG}circle"))) == 2


def test_text_in_the_chart_is_escaped():
    svg = str(line_chart('x"><script>', "<b>t</b>", [series("<script>", [1] * 6)]))
    assert "<script>" not in svg
    assert "&lt;script&gt;" in svg
    parsed(svg)  # still well-formed


def test_no_months_no_chart():
    assert line_chart("c", "t", []) == ""


def test_the_scale_starts_at_zero_and_ends_on_a_round_number():
    assert y_range([0.11, 0.15]) == pytest.approx((0.0, 0.15, 0.05))
    low, high, step = y_range([37, 212])
    assert (low, high, step) == (0, 250, 50)
    assert y_range([-3, 7]) == (-4, 8, 2)
    assert nice_step(1) == 0.2


# -- numbers in the Finnish format: the fast form held to Babel's ---------------------------------


def test_figures_are_written_as_babel_writes_them_for_finnish():
    rng = random.Random(0)
    values = [0, 1, -1, 0.5, 2.5, 0.0625, 1234.5678, 1e7, 999_999.9996, -0.0004]
    values += [rng.uniform(-1e6, 1e6) for _ in range(2000)]
    values += [rng.uniform(0, 1) for _ in range(2000)]
    for value in values:
        assert formatting.number(value) == formatting.babel_number(value), value
        assert formatting.share(value) == quota_formatting.share(value), value
