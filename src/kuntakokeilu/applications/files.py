"""Reading the application and waiver files (CSV) for the assessment; no Django here."""

from __future__ import annotations

from pathlib import Path

import polars as pl

from kuntakokeilu.rules.applications import ApplicationError


def read_csv(path: Path, what: str, required: set[str]) -> pl.DataFrame:
    """A CSV with every column as text, or one clear ApplicationError saying what is wrong."""
    if not path.is_file():
        raise ApplicationError(f"{what} file {path} does not exist")
    try:
        frame = pl.read_csv(path, infer_schema=False, encoding="utf8")
    except pl.exceptions.ComputeError as error:
        raise ApplicationError(
            f"{what} file {path} is not a readable UTF-8 CSV file with a header row: "
            f"{str(error).splitlines()[0]}"
        ) from None
    except pl.exceptions.NoDataError:
        raise ApplicationError(f"{what} file {path} is empty: it needs a header row") from None
    missing = required - set(frame.columns)
    if missing:
        found = ", ".join(frame.columns)
        raise ApplicationError(
            f"{what} file {path} lacks column(s) {', '.join(sorted(missing))} "
            f"(found: {found}); the file must be comma-separated with a header row"
        )
    if frame.is_empty():
        raise ApplicationError(f"{what} file {path} has a header but no rows")
    return frame


def read_waivers(path: Path) -> dict[tuple[str, str], str]:
    """Waivers (application_id, criterion, reason); every row needs a reason."""
    frame = read_csv(path, "waivers", {"application_id", "criterion", "reason"})
    empty = frame.with_row_index("row", offset=1).filter(
        pl.col("reason").is_null() | (pl.col("reason").str.strip_chars() == "")
    )
    if not empty.is_empty():
        rows = ", ".join(str(r) for r in empty["row"])
        raise ApplicationError(
            f"waivers file {path}: row(s) {rows} give no reason; a waiver needs one"
        )
    return {
        (row["application_id"], row["criterion"]): row["reason"]
        for row in frame.iter_rows(named=True)
    }
