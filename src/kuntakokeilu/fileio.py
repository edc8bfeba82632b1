"""Writing frames to files: whole or not at all, CSV or Parquet by the file's extension."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import polars as pl

FORMATS = (".csv", ".parquet")


class OutputError(ValueError):
    """An output path the command cannot write; the message says why."""


def check_output(path: Path) -> None:
    if path.suffix.lower() not in FORMATS:
        raise OutputError(f"{path}: give the output a .csv or .parquet extension")


def write_frame(frame: pl.DataFrame, path: Path) -> None:
    """Write ``frame`` to ``path`` atomically (a temporary file renamed into place)."""
    check_output(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    os.close(handle)
    try:
        if path.suffix.lower() == ".parquet":
            frame.write_parquet(temporary)
        else:
            frame.write_csv(temporary)
        os.replace(temporary, path)
    finally:
        if os.path.exists(temporary):
            os.remove(temporary)
