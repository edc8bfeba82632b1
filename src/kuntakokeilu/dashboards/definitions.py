"""The indicators' written definitions (``definitions.json``), read into one shape.

``monitoring.results`` fixes the file's content (every indicator's numerator, denominator,
grain, filters and source events) but not its layout, so this reader accepts the layouts a
monitor is likely to write and turns them into ``Definition`` objects:

* a list of entries, ``{"indicators": [...]}``, or a mapping from indicator id to its entry;
* an entry per indicator (``indicator`` / ``id`` / ``code`` or the mapping key; ``name`` /
  ``title`` / ``label``; ``measures`` as a list of names, a list of entries or a mapping), or an
  entry per measure (``indicator`` and ``measure`` both set), which are gathered by indicator.

Every other key of an entry is kept as a field and shown as it is written (the texts are the
code's own, in English). A measure's ``unit`` (``share``, ``percent``, ``euros``) decides how its
values are written. The ten indicators' names come from ``INDICATORS`` (translated), whatever the
file says, so that every page names them alike in fi/sv/en.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext_lazy as _

#: The ten monitoring objects of the experiments (D000 "Uppföljning och utvärdering").
INDICATORS = {
    "01": _("Development of the employment level"),
    "02": _("Savings in labour market subsidy for municipalities and the state"),
    "03": _("Activation rate and service starts"),
    "04": _("Transitions from unemployment to work or education"),
    "05": _("Average length of unemployment spells"),
    "06": _("Long-term and structurally unemployed"),
    "07": _("Job offers and their results"),
    "08": _("Development of work and functional ability"),
    "09": _("Customer satisfaction"),
    "10": _("Staff wellbeing at work"),
}
ID_KEYS = ("indicator", "id", "code")
NAME_KEYS = ("name", "title", "label")
MEASURE_KEYS = ("measure", "name", "id")
SHARE_UNITS = {"share", "ratio", "proportion", "fraction"}
PERCENT_UNITS = {"percent", "per cent", "%", "percentage"}
EURO_UNITS = {"euros", "euro", "eur", "€"}


@dataclass(frozen=True)
class MeasureDefinition:
    measure: str
    name: str = ""
    unit: str = ""
    fields: tuple[tuple[str, str], ...] = ()


@dataclass
class Definition:
    indicator: str
    name: str = ""
    fields: list[tuple[str, str]] = field(default_factory=list)
    measures: list[MeasureDefinition] = field(default_factory=list)

    @property
    def title(self) -> str:
        return indicator_name(self.indicator, self.name)

    def measure(self, name: str) -> MeasureDefinition | None:
        return next((m for m in self.measures if m.measure == name), None)


def indicator_name(indicator: str, fallback: str = "") -> str:
    return str(INDICATORS.get(indicator, fallback or indicator))


def text(value: Any) -> str:
    """A field's value as one line of text."""
    if isinstance(value, dict):
        return "; ".join(f"{key}: {text(item)}" for key, item in value.items())
    if isinstance(value, list | tuple):
        return ", ".join(text(item) for item in value)
    return "" if value is None else str(value)


def first_of(entry: dict, keys: tuple[str, ...]) -> str:
    return next((str(entry[k]) for k in keys if entry.get(k) not in (None, "")), "")


def entries(raw: Any) -> list[tuple[str, dict]]:
    """(mapping key or "", entry) for each entry of the file, whatever its layout."""
    if isinstance(raw, dict) and "indicators" in raw:
        raw = raw["indicators"]
    if isinstance(raw, dict):
        return [(str(key), entry) for key, entry in raw.items() if isinstance(entry, dict)]
    if isinstance(raw, list):
        return [("", entry) for entry in raw if isinstance(entry, dict)]
    return []


def measures_of(raw: Any) -> list[MeasureDefinition]:
    if isinstance(raw, dict):
        raw = [{"measure": key, **(v if isinstance(v, dict) else {})} for key, v in raw.items()]
    found = []
    for item in raw if isinstance(raw, list) else []:
        if isinstance(item, str):
            found.append(MeasureDefinition(item))
        elif isinstance(item, dict) and first_of(item, MEASURE_KEYS):
            found.append(measure_of(item))
    return found


def measure_of(entry: dict) -> MeasureDefinition:
    id_key = next(k for k in MEASURE_KEYS if entry.get(k) not in (None, ""))
    named = {k: v for k, v in entry.items() if k != id_key}
    skip = {id_key, "indicator", "unit", *NAME_KEYS}
    return MeasureDefinition(
        measure=str(entry[id_key]),
        name=first_of(named, NAME_KEYS),
        unit=str(entry.get("unit") or ""),
        fields=tuple((key, text(value)) for key, value in entry.items() if key not in skip),
    )


def parse(raw: Any) -> list[Definition]:
    """The definitions in ``raw`` (the parsed JSON), one per indicator, sorted by indicator."""
    found: dict[str, Definition] = {}
    for key, entry in entries(raw):
        indicator = first_of(entry, ID_KEYS) or key
        if not indicator:
            continue
        definition = found.setdefault(indicator, Definition(indicator))
        if "indicator" in entry and "measure" in entry:
            definition.measures.append(measure_of(entry))
            continue
        definition.name = definition.name or first_of(entry, NAME_KEYS)
        definition.measures += measures_of(entry.get("measures"))
        skip = {*ID_KEYS, *NAME_KEYS, "measures"}
        definition.fields += [(k, text(v)) for k, v in entry.items() if k not in skip]
    return sorted(found.values(), key=lambda d: d.indicator)


def by_indicator(raw: Any) -> dict[str, Definition]:
    return {definition.indicator: definition for definition in parse(raw)}


def unit_kind(unit: str) -> str:
    """``share`` (0–1, shown as per cent), ``percent``, ``euros`` or ``number``."""
    unit = unit.strip().lower()
    for kind, units in (("share", SHARE_UNITS), ("percent", PERCENT_UNITS), ("euros", EURO_UNITS)):
        if unit in units:
            return kind
    return "number"
