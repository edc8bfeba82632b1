"""Read the TE office's register extract and check every row (REGISTER.md).

``read_register`` reads a CSV or Parquet extract, checks the whole file at once with Polars
expressions and splits it in two: ``accepted`` rows, normalised for the target-group rules (status
by name, booleans, dates, the birth date from the identity code), and ``rejected`` problems, one
row per problem with the data row number, the person_id as given, the column and a reason a
register officer can act on. Nothing is lost: every data row is accepted or has at least one
problem.

A file that cannot be read at all (missing, not .csv/.parquet, not UTF-8, wrong delimiter, a
required column missing, empty) raises ``RegisterUnreadable`` with one message saying what is wrong
and how to fix it. No message carries a full identity code (``identity.mask``).

CSV and Parquet go through the same path: every REGISTER.md column is cast to text first, so a
Parquet file with real dates and booleans gives the same accepted rows as the CSV. Cells are read
without surrounding whitespace (except person_id, which is checked exactly as given); status names,
yes/no values and languages in any case. Extra columns are kept as they are; an extra column called
``row`` or ``birth_date`` is replaced by the derived value of that name.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

import polars as pl

from kuntakokeilu.reference import ReferenceData, UnknownMunicipality, reference_data
from kuntakokeilu.rules import identity

REQUIRED_COLUMNS = (
    "person_id",
    "home_municipality",
    "status",
    "earnings_related",
    "immigrant",
    "language",
    "registered_on",
)
OPTIONAL_COLUMNS = ("unemployed_since", "te_office")
REGISTER_COLUMNS = REQUIRED_COLUMNS + OPTIONAL_COLUMNS
REJECTED_COLUMNS = ("row", "person_id", "column", "reason")

#: Register status codes and the names the rules use (REGISTER.md).
STATUS_BY_CODE = {
    "00": "subsidised_employment",
    "01": "employed",
    "02": "unemployed",
    "03": "laid_off",
    "04": "short_week",
    "05": "other",
    "06": "other",
    "07": "in_services",
    "08": "in_training",
}
STATUSES = tuple(dict.fromkeys(STATUS_BY_CODE.values()))
YES_NO = {"true": True, "1": True, "yes": True, "false": False, "0": False, "no": False}

#: What to write in each required column, for the reasons.
WHAT_TO_GIVE = {
    "person_id": "the personal identity code (henkilötunnus)",
    "home_municipality": "a 3-digit municipality code (kuntanumero), e.g. 091",
    "status": f"one of {', '.join(STATUSES)} or a code 00-08",
    "earnings_related": "true/false, 1/0 or yes/no",
    "immigrant": "true/false, 1/0 or yes/no",
    "language": "a two-letter ISO 639-1 code such as fi, sv, se or en",
    "registered_on": "a date YYYY-MM-DD",
}

FORMATS = (".csv", ".parquet")
OTHER_DELIMITERS = (";", "\t", "|")
_BOM = b"\xef\xbb\xbf"
_ISO_DATE = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
_MUNICIPALITY_CODE = r"^[0-9]{3}$"
_IDENTITY_LIKE = re.compile(r"[0-9]{6}[-+A-FYXWVU][0-9]{3}[0-9A-Y]")


#: Problem column name -> (register column, reason expression: null when the row passes).
Problems = dict[str, tuple[str, pl.Expr]]


class RegisterUnreadable(Exception):
    """The whole register file is refused; the message says what is wrong and how to fix it."""


@dataclass(frozen=True)
class Intake:
    """A register extract split into accepted rows and rejected problems.

    ``rows_read`` counts the data rows; every one of them is in ``accepted`` or named by at least
    one row of ``rejected`` (a row with two problems is named twice).
    """

    accepted: pl.DataFrame
    rejected: pl.DataFrame
    rows_read: int


def read_register(
    path: Path,
    on: dt.date,
    *,
    ref: ReferenceData | None = None,
    allow_temporary_codes: bool = True,
) -> Intake:
    """Read the register extract at ``path`` and check every row for the extract date ``on``.

    Raises ``RegisterUnreadable`` when the file cannot be read at all, and the reference data's
    ``ReferenceError`` when it knows no municipal division for ``on``.
    """
    given = _numbered(_as_text(Path(path), _read_table(Path(path))))
    problems = _problems(given, on, ref or reference_data())
    checked = _checked(given, problems, allow_temporary_codes)
    return Intake(
        accepted=_accepted(checked, list(problems), given.columns),
        rejected=_rejected(checked, {name: column for name, (column, _) in problems.items()}),
        rows_read=given.height,
    )


def write_rejected(rejected: pl.DataFrame, path: Path) -> None:
    """Write the rejected problems as CSV with the columns row, person_id, column, reason."""
    rejected.select(REJECTED_COLUMNS).write_csv(path)


# -- reading the file -----------------------------------------------------------------------


def _read_table(path: Path) -> pl.DataFrame:
    _check_file(path)
    table = _read_csv(path) if path.suffix.lower() == ".csv" else _read_parquet(path)
    _check_columns(path, table)
    return table


def _check_file(path: Path) -> None:
    if not path.is_file():
        raise RegisterUnreadable(f"register file {path} does not exist; check the path")
    if path.suffix.lower() not in FORMATS:
        found = f"the extension '{path.suffix}'" if path.suffix else "no extension"
        raise RegisterUnreadable(
            f"register file {path} has {found}; REGISTER.md requires a .csv (UTF-8, comma, "
            "header row) or a .parquet file: export the extract again in one of those formats"
        )
    if path.stat().st_size == 0:
        raise _empty(path)


def _empty(path: Path) -> RegisterUnreadable:
    return RegisterUnreadable(
        f"register file {path} is empty; it needs at least a header row with the columns "
        f"{', '.join(REGISTER_COLUMNS)}"
    )


def _read_csv(path: Path) -> pl.DataFrame:
    data = path.read_bytes().removeprefix(_BOM)
    _check_utf8(path, data)
    if not data.strip():
        raise _empty(path)
    try:
        return pl.read_csv(data, infer_schema=False)
    except pl.exceptions.PolarsError as error:
        raise RegisterUnreadable(
            f"register file {path} is not readable as CSV ({_first_line(error)}); check that "
            "every line has as many comma-separated fields as the header and quotes are closed"
        ) from None


def _check_utf8(path: Path, data: bytes) -> None:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise RegisterUnreadable(
            f"register file {path} is not UTF-8 (byte 0x{data[error.start]:02x} on line {line}); "
            "REGISTER.md requires UTF-8: save the file again as UTF-8 (it may have been saved "
            "as Latin-1 or Windows-1252)"
        ) from None


def _read_parquet(path: Path) -> pl.DataFrame:
    try:
        return pl.read_parquet(path)
    except Exception as error:  # Polars raises several kinds for a file that is not Parquet
        raise RegisterUnreadable(
            f"register file {path} is not a readable Parquet file ({_first_line(error)}); "
            "export the extract again as Parquet, or as CSV"
        ) from None


def _first_line(error: Exception) -> str:
    """The first line of a reader's message, with any identity code in it masked."""
    text = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
    return _IDENTITY_LIKE.sub(lambda match: identity.mask(match.group()), text)


def _check_columns(path: Path, table: pl.DataFrame) -> None:
    missing = [column for column in REQUIRED_COLUMNS if column not in table.columns]
    if missing:
        raise RegisterUnreadable(_missing_columns_message(path, table.columns, missing))
    doubled = [c for c in REGISTER_COLUMNS if f"{c}_duplicated_0" in table.columns]
    if doubled:
        raise RegisterUnreadable(
            f"register file {path} has the column(s) {', '.join(doubled)} more than once in its "
            "header; keep one of each"
        )


def _missing_columns_message(path: Path, header: list[str], missing: list[str]) -> str:
    delimiter = next((d for d in OTHER_DELIMITERS if len(header) == 1 and d in header[0]), None)
    if delimiter:
        return (
            f"register file {path}: the file seems to use {delimiter!r} as delimiter; "
            "REGISTER.md requires comma: save it again as comma-separated CSV"
        )
    if any(_IDENTITY_LIKE.search(name) for name in header):
        return (
            f"register file {path} has no header row: its first line looks like data; add the "
            f"header row {','.join(REGISTER_COLUMNS)}"
        )
    return (
        f"register file {path} lacks the required column(s) {', '.join(missing)}; "
        f"REGISTER.md names the columns exactly, in lower case: {', '.join(REQUIRED_COLUMNS)}"
    )


def _as_text(path: Path, table: pl.DataFrame) -> pl.DataFrame:
    """Every REGISTER.md column as text (CSV and Parquet alike); absent optional ones empty."""
    present = [column for column in REGISTER_COLUMNS if column in table.columns]
    try:
        table = table.with_columns(pl.col(present).cast(pl.String))
    except pl.exceptions.PolarsError:
        types = ", ".join(f"{c} {table.schema[c]}" for c in present)
        raise RegisterUnreadable(
            f"register file {path} has a REGISTER.md column that cannot be read as text "
            f"({types}); store these columns as text, dates or booleans"
        ) from None
    absent = [column for column in OPTIONAL_COLUMNS if column not in table.columns]
    return table.with_columns(pl.lit(None, pl.String).alias(column) for column in absent)


def _numbered(table: pl.DataFrame) -> pl.DataFrame:
    """Add ``row``, the 1-based data row number."""
    table = table.drop("row", "birth_date", strict=False)
    return table.with_row_index("row", offset=1).with_columns(pl.col("row").cast(pl.Int64))


# -- normalised values ----------------------------------------------------------------------


def _checked(given: pl.DataFrame, problems: Problems, allow_temporary: bool) -> pl.DataFrame:
    """One pass over the register: trimmed text, normalised values, birth date, every problem."""
    return (
        given.lazy()
        .with_columns(_texts())
        .with_columns(_values(allow_temporary))
        .with_columns(_birth_date())
        .with_columns(expr.alias(name) for name, (_, expr) in problems.items())
        .collect()
    )


def _text(column: str) -> str:
    return f"text.{column}"


def _value(column: str) -> str:
    return f"value.{column}"


def _texts() -> list[pl.Expr]:
    """Each cell without surrounding whitespace; null when nothing is left."""
    stripped = [pl.col(column).str.strip_chars() for column in REGISTER_COLUMNS]
    return [
        pl.when(text != "").then(text).alias(_text(column))
        for column, text in zip(REGISTER_COLUMNS, stripped, strict=True)
    ]


def _is_empty(column: str) -> pl.Expr:
    return pl.col(_text(column)).is_null()


def _values(allow_temporary: bool) -> list[pl.Expr]:
    names = {name: name for name in STATUSES} | STATUS_BY_CODE
    return [
        identity.problem_expr(pl.col("person_id"), allow_temporary).alias("identity_problem"),
        pl.col(_text("home_municipality")).alias(_value("home_municipality")),
        pl.col(_text("status"))
        .str.to_lowercase()
        .replace_strict(names, default=None, return_dtype=pl.String)
        .alias(_value("status")),
        *(_yes_no(column).alias(_value(column)) for column in ("earnings_related", "immigrant")),
        pl.col(_text("language")).str.to_lowercase().alias(_value("language")),
        *(_date(column).alias(_value(column)) for column in ("registered_on", "unemployed_since")),
        pl.col(_text("te_office")).alias(_value("te_office")),
    ]


def _yes_no(column: str) -> pl.Expr:
    text = pl.col(_text(column)).str.to_lowercase()
    return text.replace_strict(YES_NO, default=None, return_dtype=pl.Boolean)


def _date(column: str) -> pl.Expr:
    text = pl.col(_text(column))
    return pl.when(text.str.contains(_ISO_DATE)).then(text.str.to_date("%Y-%m-%d", strict=False))


def _birth_date() -> pl.Expr:
    """The birth date the identity code carries, for valid codes only."""
    born = identity.birth_date_expr(pl.col("person_id"))
    return pl.when(pl.col("identity_problem").is_null()).then(born).alias("birth_date")


# -- problems -------------------------------------------------------------------------------


def _problems(given: pl.DataFrame, on: dt.date, ref: ReferenceData) -> Problems:
    """Every check, as a reason expression that is null when the row passes it."""
    checks = [
        ("person_id", _identity_problem()),
        ("person_id", _duplicate_problem(given)),
        ("home_municipality", _municipality_problem(given, on, ref)),
        ("status", _status_problem()),
        ("earnings_related", _yes_no_problem("earnings_related")),
        ("immigrant", _yes_no_problem("immigrant")),
        ("language", _language_problem()),
        ("registered_on", _registered_on_problem(on)),
        ("unemployed_since", _unemployed_since_problem(on)),
    ]
    return {f"problem.{i}": check for i, check in enumerate(checks)}


def _quoted(column: str) -> pl.Expr:
    return pl.concat_str([pl.lit(f"{column} '"), pl.col(column), pl.lit("'")])


def _not_valid(column: str) -> pl.Expr:
    return _quoted(column) + pl.lit(f" is not {WHAT_TO_GIVE[column]}")


def _missing(column: str) -> pl.Expr:
    return pl.lit(f"{column} is empty; give {WHAT_TO_GIVE[column]}")


def _identity_problem() -> pl.Expr:
    return (
        pl.when(_is_empty("person_id"))
        .then(_missing("person_id"))
        .otherwise(pl.col("identity_problem"))
    )


def _duplicate_problem(given: pl.DataFrame) -> pl.Expr:
    duplicates = _duplicates(given)
    named = pl.col("person_id").replace_strict(
        duplicates["person_id"], duplicates["reason"], default=None, return_dtype=pl.String
    )
    return pl.when(~_is_empty("person_id")).then(named)


def _duplicates(given: pl.DataFrame) -> pl.DataFrame:
    """One row per person_id given on more than one row, with the reason naming all rows."""
    rows = pl.col("row").sort().cast(pl.String)
    listed = pl.concat_str([rows.head(rows.len() - 1).str.join(", "), pl.lit(" and "), rows.last()])
    return (
        given.lazy()
        .with_columns(_texts())
        .filter(~_is_empty("person_id") & (pl.len().over("person_id") > 1))
        .group_by("person_id")
        .agg((pl.lit("person_id appears on rows ") + listed).alias("reason"))
        .collect()
    )


def _municipality_problem(given: pl.DataFrame, on: dt.date, ref: ReferenceData) -> pl.Expr:
    code = pl.col(_value("home_municipality"))
    known = ref.municipalities(on)["code"].implode()
    unknown = _unknown_municipalities(given, known, on, ref)
    return (
        pl.when(_is_empty("home_municipality"))
        .then(_missing("home_municipality"))
        .when(~code.str.contains(_MUNICIPALITY_CODE))
        .then(_not_valid("home_municipality"))
        .when(~code.is_in(known))
        .then(code.replace_strict(unknown, default=None, return_dtype=pl.String))
    )


def _unknown_municipalities(
    given: pl.DataFrame, known: pl.Series, on: dt.date, ref: ReferenceData
) -> dict[str, str]:
    """The reference data's own explanation for each distinct unknown code (at most 1 000)."""
    code = pl.col(_text("home_municipality"))
    unknown = given.lazy().with_columns(_texts()).select(code.unique())
    unknown = unknown.filter(code.str.contains(_MUNICIPALITY_CODE) & ~code.is_in(known))
    reasons = {}
    for municipality in unknown.collect().to_series().to_list():
        try:
            ref.municipality(municipality, on)
        except UnknownMunicipality as why:
            reasons[municipality] = str(why)
    return reasons


def _status_problem() -> pl.Expr:
    return (
        pl.when(_is_empty("status"))
        .then(_missing("status"))
        .when(pl.col(_value("status")).is_null())
        .then(
            pl.concat_str(
                [
                    pl.lit("unknown status '"),
                    pl.col("status"),
                    pl.lit(f"': use {WHAT_TO_GIVE['status']}"),
                ]
            )
        )
    )


def _yes_no_problem(column: str) -> pl.Expr:
    return (
        pl.when(_is_empty(column))
        .then(_missing(column))
        .when(pl.col(_value(column)).is_null())
        .then(_not_valid(column))
    )


def _language_problem() -> pl.Expr:
    return (
        pl.when(_is_empty("language"))
        .then(_missing("language"))
        .when(~pl.col(_value("language")).str.contains(r"^[a-z]{2}$"))
        .then(_not_valid("language"))
    )


def _not_a_date(column: str) -> pl.Expr:
    return _quoted(column) + pl.lit(" is not a date (YYYY-MM-DD)")


def _after_extract_date(column: str, on: dt.date) -> pl.Expr:
    day = pl.col(_value(column)).dt.to_string("%Y-%m-%d")
    return pl.lit(f"{column} ") + day + pl.lit(f" is after the extract date {on.isoformat()}")


def _registered_on_problem(on: dt.date) -> pl.Expr:
    value = pl.col(_value("registered_on"))
    return (
        pl.when(_is_empty("registered_on"))
        .then(_missing("registered_on"))
        .when(value.is_null())
        .then(_not_a_date("registered_on"))
        .when(value > on)
        .then(_after_extract_date("registered_on", on))
    )


def _unemployed_since_problem(on: dt.date) -> pl.Expr:
    value, born = pl.col(_value("unemployed_since")), pl.col("birth_date")
    before_birth = pl.concat_str(
        [
            pl.lit("unemployed_since "),
            value.dt.to_string("%Y-%m-%d"),
            pl.lit(" is before the birth date "),
            born.dt.to_string("%Y-%m-%d"),
        ]
    )
    return (
        pl.when(_is_empty("unemployed_since"))
        .then(None)
        .when(value.is_null())
        .then(_not_a_date("unemployed_since"))
        .when(value > on)
        .then(_after_extract_date("unemployed_since", on))
        .when(value < born)
        .then(before_birth)
    )


# -- the two results ------------------------------------------------------------------------


#: Columns of few distinct values, kept as dictionaries: the rules compare codes, not text.
DICTIONARY_TYPES = {
    "status": pl.Enum(STATUSES),
    "home_municipality": pl.Categorical,
    "language": pl.Categorical,
}


def _normalised(column: str) -> pl.Expr:
    value = pl.col(_value(column))
    if column in DICTIONARY_TYPES:
        value = value.cast(DICTIONARY_TYPES[column])
    return value.alias(column)


def _accepted(checked: pl.DataFrame, problems: list[str], given: list[str]) -> pl.DataFrame:
    extra = [c for c in given if c not in REGISTER_COLUMNS and c != "row"]
    normalised = [_normalised(c) for c in REGISTER_COLUMNS if c != "person_id"]
    return (
        checked.lazy()
        .filter(pl.all_horizontal(pl.col(problems).is_null()))
        .select("row", "person_id", *normalised, "birth_date", *extra)
        .collect()
    )


def _rejected(checked: pl.DataFrame, columns: dict[str, str]) -> pl.DataFrame:
    parts = [
        checked.lazy()
        .filter(pl.col(name).is_not_null())
        .select("row", "person_id", pl.lit(column).alias("column"), pl.col(name).alias("reason"))
        for name, column in columns.items()
    ]
    return pl.concat(parts).sort("row", maintain_order=True).collect()
