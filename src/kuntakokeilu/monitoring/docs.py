"""The indicator definitions written for people: docs/indicators.md is this module's output.

``monitor`` writes it beside its results, and a test holds the committed docs/indicators.md equal
to it, so the document cannot drift from the code.
"""

from __future__ import annotations

from pathlib import Path

from kuntakokeilu.monitoring import financing, groups
from kuntakokeilu.monitoring.indicators import DERIVED, Indicator, Sources, in_order
from kuntakokeilu.monitoring.panel import __doc__ as PANEL_DOC

INTRO = """\
# Monitoring indicators

The ten monitoring objects of the municipal employment experiments (D000, "Uppföljning och
utvärdering"), computed monthly from the events by `kuntakokeilu monitor --events DIR --out DIR`.
This file is written from the definitions in `src/kuntakokeilu/monitoring/indicators/` (do not
edit it by hand: `monitor` writes the same text to its output directory as `indicators.md`, and
a test compares the two).

Every figure is computed per home municipality and month as a numerator, a denominator (shares
and means) and the number of people behind it, then summed into the groupings; a share or mean
is divided only after summing, so an area's count is the sum of its municipalities' counts.
"""


def _measure_rows(indicator: Indicator) -> list[str]:
    rows = [
        "| measure | kind | unit | numerator | denominator | persons |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for m in indicator.measures:
        cells = [
            f"`{m.name}`",
            m.kind,
            m.unit,
            m.numerator,
            m.denominator or "–",
            m.persons or "–",
        ]
        rows.append("| " + " | ".join(c.replace("|", "/") for c in cells) + " |")
    return rows


def _indicator_section(indicator: Indicator) -> list[str]:
    lines = [
        f"## {indicator.number} {indicator.name}",
        "",
        f"*{indicator.objective}*",
        "",
        f"- grain: {indicator.grain}",
        f"- filters: {indicator.filters}",
        f"- source events: {', '.join(f'`{k}`' for k in indicator.source_events)}",
    ]
    if any(m.kind == DERIVED for m in indicator.measures):
        lines.append("- derived measures are computed from the summed figures of each group")
    lines += ["", *_measure_rows(indicator)]
    for note in indicator.notes:
        lines += ["", note]
    return [*lines, ""]


def _financing_section() -> list[str]:
    lines = [
        "## The financing rule (indicator 02)",
        "",
        "From the dated parameter `labour_market_subsidy_financing` (band of the financing-day "
        "counter: municipality share):",
        "",
    ]
    for regime in financing.regimes():
        bands = ", ".join(
            f"{b.first_day}–{b.last_day or '…'}: {b.municipality_share:.0%}" for b in regime.bands
        )
        lines.append(f"- from {regime.valid_from.isoformat()}: {bands}")
    return [*lines, ""]


def _block(title: str, text: str) -> list[str]:
    return [f"## {title}", "", *[line.strip() for line in text.strip().splitlines()], ""]


def markdown() -> str:
    parts = [
        INTRO,
        *_block("The monitored group", Sources.monitored.__doc__ or ""),
        *_block("Groupings", groups.__doc__ or ""),
        *_block("The client-month panel", PANEL_DOC or ""),
        *_financing_section(),
    ]
    for indicator in in_order():
        parts += _indicator_section(indicator)
    return "\n".join(parts).rstrip() + "\n"


def write_markdown(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(markdown(), encoding="utf-8")
    return path
