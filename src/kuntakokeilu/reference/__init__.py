"""Real reference data (Statistics Finland, THL) as Polars frames, answered for a date.

Pure Python over Polars, no Django: the web app stores what this gives it (``load_reference``),
the batch jobs read it directly. See ``data/PROVENANCE.md`` for where every figure comes from.
"""

from kuntakokeilu.reference.data import (
    Division,
    Municipality,
    ReferenceData,
    ReferenceError,
    UnknownMunicipality,
    reference_data,
)

__all__ = [
    "Division",
    "Municipality",
    "ReferenceData",
    "ReferenceError",
    "UnknownMunicipality",
    "reference_data",
]
