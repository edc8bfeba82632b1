"""The ten monitoring indicators (D000 "Uppföljningsobjekt"), each a registered ``Indicator``
with its written definition beside its code. Importing this package registers them all."""

from kuntakokeilu.monitoring.indicators import (  # noqa: F401  (registers the indicators)
    employment,
    offers,
    services,
    spells,
    subsidy,
    surveys,
)
from kuntakokeilu.monitoring.indicators.base import (
    COUNT,
    DERIVED,
    DIVIDED,
    INDICATORS,
    MEAN,
    PANEL_COLUMNS,
    PARTS,
    SHARE,
    SUM,
    Indicator,
    Measure,
    Sources,
)

__all__ = [
    "COUNT",
    "DERIVED",
    "DIVIDED",
    "INDICATORS",
    "MEAN",
    "PANEL_COLUMNS",
    "PARTS",
    "SHARE",
    "SUM",
    "Indicator",
    "Measure",
    "Sources",
]


def in_order() -> list[Indicator]:
    return [INDICATORS[number] for number in sorted(INDICATORS)]
