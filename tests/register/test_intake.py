"""Reading the register extract (REGISTER.md): nothing is lost, nothing is silent."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import polars as pl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from polars.testing import assert_frame_equal

from kuntakokeilu.register import Intake, RegisterUnreadable, read_register, write_rejected
from kuntakokeilu.register.intake import REGISTER_COLUMNS, REQUIRED_COLUMNS, STATUS_BY_CODE
from kuntakokeilu.rules.identity import check_character

ON = dt.date(2021, 3, 1)
DVV_CODE = "010594Y9032"  # born 1994-05-01, a temporary code (individual number 903)


def person_id(n: int) -> str:
    """A distinct valid permanent identity code for each n (born 1 February 1980)."""
    base = f"010280-{n + 2:03d}"
    return base + check_character(base)


def register_row(n: int = 0, **cells: str) -> dict[str, str]:
    """A row that passes every check, with ``cells`` changed."""
    good = {
        "person_id": person_id(n),
        "home_municipality": "091",
        "status": "unemployed",
        "earnings_related": "false",
        "immigrant": "no",
        "language": "fi",
        "registered_on": "2021-01-15",
        "unemployed_since": "2020-12-01",
        "te_office": "Uudenmaan TE-toimisto",
    }
    return good | cells


def write_csv(folder: Path, rows: list[dict], name: str = "register.csv") -> Path:
    path = folder / name
    pl.DataFrame(rows, schema=dict.fromkeys(rows[0], pl.String)).write_csv(path)
    return path


def typed(rows: list[dict]) -> pl.DataFrame:
    """The rows as a Parquet-style frame: real dates and booleans."""
    frame = pl.DataFrame(rows, schema=dict.fromkeys(rows[0], pl.String))
    return frame.with_columns(
        pl.col("registered_on", "unemployed_since").str.to_date(strict=False),
        pl.col("earnings_related", "immigrant").replace_strict(
            {"false": False, "no": False, "true": True, "yes": True}, return_dtype=pl.Boolean
        ),
    )


def read(folder: Path, rows: list[dict], **options) -> Intake:
    return read_register(write_csv(folder, rows), ON, **options)


def reasons(intake: Intake) -> list[tuple[int, str, str]]:
    return list(intake.rejected.select("row", "column", "reason").iter_rows())


def assert_every_row_accounted_for(intake: Intake) -> None:
    accepted = set(intake.accepted["row"])
    rejected = set(intake.rejected["row"])
    assert accepted | rejected == set(range(1, intake.rows_read + 1))
    assert not accepted & rejected


# -- accepted rows --------------------------------------------------------------------------


def test_valid_row_is_accepted_with_normalised_values(tmp_path):
    # given a row with a status code, yes/no booleans and an upper-case language
    row = register_row(status="03", earnings_related="Yes", immigrant="0", language="SV")
    # when
    intake = read(tmp_path, [row])
    # then
    assert intake.rejected.is_empty()
    assert intake.accepted.row(0, named=True) == {
        "row": 1,
        "person_id": person_id(0),
        "home_municipality": "091",
        "status": "laid_off",
        "earnings_related": True,
        "immigrant": False,
        "language": "sv",
        "registered_on": dt.date(2021, 1, 15),
        "unemployed_since": dt.date(2020, 12, 1),
        "te_office": "Uudenmaan TE-toimisto",
        "birth_date": dt.date(1980, 2, 1),
    }


@pytest.mark.parametrize(
    ("given", "status"),
    [
        *STATUS_BY_CODE.items(),
        *((name, name) for name in dict.fromkeys(STATUS_BY_CODE.values())),
        ("Unemployed", "unemployed"),
        (" in_services ", "in_services"),
    ],
)
def test_status_is_accepted_as_register_code_or_name(tmp_path, given, status):
    intake = read(tmp_path, [register_row(status=given)])
    assert intake.accepted["status"].to_list() == [status]


@pytest.mark.parametrize(
    ("given", "value"),
    [
        *[("true", True), ("TRUE", True), ("1", True), ("Yes", True)],
        *[("false", False), ("False", False), ("0", False), ("NO", False)],
    ],
)
def test_yes_no_columns_accept_true_false_one_zero_yes_no_in_any_case(tmp_path, given, value):
    intake = read(tmp_path, [register_row(earnings_related=given, immigrant=given)])
    assert intake.accepted.select("earnings_related", "immigrant").row(0) == (value, value)


def test_empty_unemployed_since_is_accepted_as_not_unemployed(tmp_path):
    intake = read(tmp_path, [register_row(unemployed_since="")])
    assert intake.accepted["unemployed_since"].to_list() == [None]


def test_optional_columns_may_be_left_out_of_the_file(tmp_path):
    row = {c: v for c, v in register_row().items() if c in REQUIRED_COLUMNS}
    intake = read(tmp_path, [row])
    assert intake.accepted.select("unemployed_since", "te_office").row(0) == (None, None)


def test_extra_columns_are_kept_in_the_accepted_rows(tmp_path):
    intake = read(tmp_path, [register_row(customer_segment="B2")])
    assert intake.accepted["customer_segment"].to_list() == ["B2"]


def test_registration_on_the_extract_date_itself_is_accepted(tmp_path):
    intake = read(tmp_path, [register_row(registered_on="2021-03-01")])
    assert intake.accepted.height == 1


def test_unemployment_from_the_birth_date_itself_is_accepted(tmp_path):
    intake = read(tmp_path, [register_row(unemployed_since="1980-02-01")])
    assert intake.accepted.height == 1


def test_temporary_identity_codes_are_accepted_by_default(tmp_path):
    intake = read(tmp_path, [register_row(person_id=DVV_CODE)])
    assert intake.accepted["birth_date"].to_list() == [dt.date(1994, 5, 1)]


def test_temporary_identity_codes_are_rejected_when_not_allowed(tmp_path):
    intake = read(tmp_path, [register_row(person_id=DVV_CODE)], allow_temporary_codes=False)
    assert reasons(intake) == [
        (1, "person_id", "individual number 903 is a temporary code (900-999), not accepted here")
    ]


# -- rejected rows --------------------------------------------------------------------------

UNKNOWN_999 = (
    "unknown municipality code 999 on 2021-03-01: not a municipality code in any known "
    "division; check the 3-digit kuntanumero"
)
MERGED_099 = (
    "unknown municipality code 099 on 2021-03-01: Honkajoki (099) no longer exists in the "
    "division in force from 2021-01-01 (merged); use the code of the municipality it joined"
)
STATUS_HINT = (
    "use one of subsidised_employment, employed, unemployed, laid_off, short_week, other, "
    "in_services, in_training or a code 00-08"
)
FORMAT_HINT = (
    "expected DDMMYY, a century sign (+, -, Y, X, W, V, U, A-F), 3 digits and a check character"
)

#: One bad row of each kind: (cells changed, column, exact reason).
BAD_ROWS = {
    "wrong check character": (
        {"person_id": "010594Y9033"},
        "person_id",
        "check character should be 2",
    ),
    "not an identity code": (
        {"person_id": "1234567"},
        "person_id",
        f"not an identity code: {FORMAT_HINT}",
    ),
    "identity code in lower case": (
        {"person_id": "010594y9032"},
        "person_id",
        "identity code has spaces or lower-case letters; give it as 11 upper-case characters",
    ),
    "no such birth date": (
        {"person_id": "290297-0027"},
        "person_id",
        "no such birth date: 290297 with century sign -",
    ),
    "empty person_id": (
        {"person_id": ""},
        "person_id",
        "person_id is empty; give the personal identity code (henkilötunnus)",
    ),
    "unknown municipality": (
        {"home_municipality": "999"},
        "home_municipality",
        UNKNOWN_999,
    ),
    "merged municipality": (
        {"home_municipality": "099"},
        "home_municipality",
        MERGED_099,
    ),
    "municipality code without leading zero": (
        {"home_municipality": "91"},
        "home_municipality",
        "home_municipality '91' is not a 3-digit municipality code (kuntanumero), e.g. 091",
    ),
    "empty municipality": (
        {"home_municipality": " "},
        "home_municipality",
        "home_municipality is empty; give a 3-digit municipality code (kuntanumero), e.g. 091",
    ),
    "unknown status": (
        {"status": "retired"},
        "status",
        f"unknown status 'retired': {STATUS_HINT}",
    ),
    "status code out of range": (
        {"status": "09"},
        "status",
        f"unknown status '09': {STATUS_HINT}",
    ),
    "empty status": (
        {"status": ""},
        "status",
        f"status is empty; give one of {STATUS_HINT.removeprefix('use one of ')}",
    ),
    "bad boolean": (
        {"earnings_related": "maybe"},
        "earnings_related",
        "earnings_related 'maybe' is not true/false, 1/0 or yes/no",
    ),
    "empty boolean": (
        {"immigrant": ""},
        "immigrant",
        "immigrant is empty; give true/false, 1/0 or yes/no",
    ),
    "three-letter language": (
        {"language": "fin"},
        "language",
        "language 'fin' is not a two-letter ISO 639-1 code such as fi, sv, se or en",
    ),
    "empty language": (
        {"language": ""},
        "language",
        "language is empty; give a two-letter ISO 639-1 code such as fi, sv, se or en",
    ),
    "month 13": (
        {"registered_on": "2021-13-01"},
        "registered_on",
        "registered_on '2021-13-01' is not a date (YYYY-MM-DD)",
    ),
    "Finnish date format": (
        {"registered_on": "1.3.2021"},
        "registered_on",
        "registered_on '1.3.2021' is not a date (YYYY-MM-DD)",
    ),
    "registration in the future": (
        {"registered_on": "2031-01-01"},
        "registered_on",
        "registered_on 2031-01-01 is after the extract date 2021-03-01",
    ),
    "empty registration date": (
        {"registered_on": ""},
        "registered_on",
        "registered_on is empty; give a date YYYY-MM-DD",
    ),
    "unemployment date not a date": (
        {"unemployed_since": "soon"},
        "unemployed_since",
        "unemployed_since 'soon' is not a date (YYYY-MM-DD)",
    ),
    "unemployed after the extract date": (
        {"unemployed_since": "2021-03-02"},
        "unemployed_since",
        "unemployed_since 2021-03-02 is after the extract date 2021-03-01",
    ),
    "unemployed before birth": (
        {"unemployed_since": "1980-01-31"},
        "unemployed_since",
        "unemployed_since 1980-01-31 is before the birth date 1980-02-01",
    ),
}


@pytest.mark.parametrize(("cells", "column", "reason"), BAD_ROWS.values(), ids=list(BAD_ROWS))
def test_bad_row_is_rejected_with_a_reason_to_act_on(tmp_path, cells, column, reason):
    intake = read(tmp_path, [register_row(**cells)])
    assert reasons(intake) == [(1, column, reason)]
    assert intake.accepted.is_empty()


def test_file_with_every_kind_of_bad_row_keeps_the_good_rows_and_reports_each_bad_one(tmp_path):
    # given a good first and last row around one bad row of each kind
    bad = [register_row(n + 1, **cells) for n, (cells, _, _) in enumerate(BAD_ROWS.values())]
    rows = [register_row(0), *bad, register_row(len(bad) + 1)]
    # when
    intake = read(tmp_path, rows)
    # then
    assert intake.accepted["row"].to_list() == [1, len(rows)]
    expected = [(n + 2, column, reason) for n, (_, column, reason) in enumerate(BAD_ROWS.values())]
    assert reasons(intake) == expected
    assert_every_row_accounted_for(intake)


def test_rejected_rows_carry_the_person_id_as_given(tmp_path):
    intake = read(tmp_path, [register_row(person_id=" 010594Y9032")])
    assert intake.rejected["person_id"].to_list() == [" 010594Y9032"]


def test_every_occurrence_of_a_duplicated_person_id_is_rejected_naming_all_rows(tmp_path):
    rows = [register_row(0), register_row(1), register_row(0), register_row(2), register_row(0)]
    intake = read(tmp_path, rows)
    reason = "person_id appears on rows 1, 3 and 5"
    assert reasons(intake) == [(row, "person_id", reason) for row in (1, 3, 5)]
    assert intake.accepted["row"].to_list() == [2, 4]


def test_person_id_on_two_rows_names_both(tmp_path):
    rows = [register_row(n) for n in range(8)] + [register_row(4)]
    intake = read(tmp_path, rows)
    assert set(intake.rejected["reason"]) == {"person_id appears on rows 5 and 9"}


def test_row_with_two_problems_is_reported_once_for_each(tmp_path):
    intake = read(tmp_path, [register_row(status="retired", language="fin")])
    assert [column for _, column, _ in reasons(intake)] == ["status", "language"]


def test_blank_line_is_rejected_not_dropped(tmp_path):
    path = write_csv(tmp_path, [register_row(0)])
    path.write_text(path.read_text() + "\n" + ",".join(register_row(1).values()) + "\n")
    intake = read_register(path, ON)
    assert intake.rows_read == 3
    assert set(intake.rejected["row"]) == {2}
    assert_every_row_accounted_for(intake)


def test_rejected_file_has_the_contract_columns(tmp_path):
    # given a register with a bad row
    intake = read(tmp_path, [register_row(status="retired")])
    # when
    write_rejected(intake.rejected, tmp_path / "decisions.rejected.csv")
    # then
    written = pl.read_csv(tmp_path / "decisions.rejected.csv", infer_schema=False)
    assert written.columns == ["row", "person_id", "column", "reason"]
    assert written.row(0) == (
        "1",
        person_id(0),
        "status",
        f"unknown status 'retired': {STATUS_HINT}",
    )


# -- CSV and Parquet ------------------------------------------------------------------------


def test_parquet_with_real_dates_and_booleans_gives_the_same_rows_as_csv(tmp_path):
    # given the same register as CSV text and as typed Parquet
    rows = [register_row(n) for n in range(3)]
    rows += [register_row(3, status="retired"), register_row(4, unemployed_since="")]
    rows += [register_row(5, registered_on="2031-01-01", earnings_related="yes")]
    csv = write_csv(tmp_path, rows)
    parquet = tmp_path / "register.parquet"
    typed(rows).write_parquet(parquet)
    # when
    from_csv, from_parquet = read_register(csv, ON), read_register(parquet, ON)
    # then
    assert_frame_equal(from_parquet.accepted, from_csv.accepted)
    assert_frame_equal(from_parquet.rejected, from_csv.rejected)


def test_parquet_extension_is_recognised_in_any_case(tmp_path):
    path = tmp_path / "REGISTER.PARQUET"
    typed([register_row()]).write_parquet(path)
    assert read_register(path, ON).accepted.height == 1


# -- whole-file refusals --------------------------------------------------------------------


def refusal(path: Path) -> str:
    with pytest.raises(RegisterUnreadable) as refused:
        read_register(path, ON)
    return str(refused.value)


def test_missing_file_is_refused(tmp_path):
    path = tmp_path / "nowhere.csv"
    assert refusal(path) == f"register file {path} does not exist; check the path"


def test_excel_file_is_refused(tmp_path):
    path = tmp_path / "register.xlsx"
    path.write_bytes(b"PK\x03\x04")
    assert refusal(path) == (
        f"register file {path} has the extension '.xlsx'; REGISTER.md requires a .csv (UTF-8, "
        "comma, header row) or a .parquet file: export the extract again in one of those formats"
    )


def test_latin1_file_is_refused_naming_the_line(tmp_path):
    path = tmp_path / "register.csv"
    text = ",".join(REGISTER_COLUMNS) + "\n" + ",".join(register_row(te_office="Hämeen").values())
    path.write_bytes(text.encode("latin-1"))
    assert refusal(path) == (
        f"register file {path} is not UTF-8 (byte 0xe4 on line 2); REGISTER.md requires UTF-8: "
        "save the file again as UTF-8 (it may have been saved as Latin-1 or Windows-1252)"
    )


def test_semicolon_separated_file_is_refused_naming_the_delimiter(tmp_path):
    path = tmp_path / "register.csv"
    path.write_text(";".join(REGISTER_COLUMNS) + "\n" + ";".join(register_row().values()) + "\n")
    assert refusal(path) == (
        f"register file {path}: the file seems to use ';' as delimiter; REGISTER.md requires "
        "comma: save it again as comma-separated CSV"
    )


def test_file_without_required_columns_is_refused_naming_them(tmp_path):
    row = {c: v for c, v in register_row().items() if c not in ("immigrant", "language")}
    path = write_csv(tmp_path, [row])
    assert refusal(path) == (
        f"register file {path} lacks the required column(s) immigrant, language; REGISTER.md "
        "names the columns exactly, in lower case: person_id, home_municipality, status, "
        "earnings_related, immigrant, language, registered_on"
    )


def test_file_without_header_row_is_refused_without_showing_the_identity_code(tmp_path):
    path = tmp_path / "register.csv"
    path.write_text(",".join(register_row().values()) + "\n")
    message = refusal(path)
    assert message == (
        f"register file {path} has no header row: its first line looks like data; add the header "
        "row person_id,home_municipality,status,earnings_related,immigrant,language,"
        "registered_on,unemployed_since,te_office"
    )
    assert person_id(0) not in message


def test_file_with_a_column_twice_is_refused(tmp_path):
    path = tmp_path / "register.csv"
    header = ",".join([*REGISTER_COLUMNS, "status"])
    path.write_text(header + "\n" + ",".join([*register_row().values(), "02"]) + "\n")
    assert refusal(path) == (
        f"register file {path} has the column(s) status more than once in its header; "
        "keep one of each"
    )


def test_line_with_too_many_fields_refuses_the_file(tmp_path):
    path = tmp_path / "register.csv"
    path.write_text(",".join(REGISTER_COLUMNS) + "\n" + ",".join(register_row().values()) + ",x\n")
    message = refusal(path)
    assert message.startswith(f"register file {path} is not readable as CSV (")
    assert message.endswith(
        "); check that every line has as many comma-separated fields as the header and quotes "
        "are closed"
    )
    assert person_id(0) not in message


def test_empty_file_is_refused(tmp_path):
    path = tmp_path / "register.csv"
    path.write_bytes(b"")
    assert refusal(path) == (
        f"register file {path} is empty; it needs at least a header row with the columns "
        "person_id, home_municipality, status, earnings_related, immigrant, language, "
        "registered_on, unemployed_since, te_office"
    )


def test_file_that_is_not_parquet_is_refused(tmp_path):
    path = tmp_path / "register.parquet"
    path.write_text("person_id,home_municipality\n")
    message = refusal(path)
    assert message.startswith(f"register file {path} is not a readable Parquet file (")
    assert message.endswith("); export the extract again as Parquet, or as CSV")


def test_header_only_file_reads_as_no_rows(tmp_path):
    path = tmp_path / "register.csv"
    path.write_text(",".join(REGISTER_COLUMNS) + "\n")
    intake = read_register(path, ON)
    assert (intake.rows_read, intake.accepted.height, intake.rejected.height) == (0, 0, 0)


def test_utf8_file_with_byte_order_mark_is_read(tmp_path):
    path = write_csv(tmp_path, [register_row()])
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    assert read_register(path, ON).accepted.height == 1


# -- anything at all in the cells -----------------------------------------------------------

VALID_CELLS = register_row() | {"person_id": DVV_CODE}
cell = st.one_of(st.none(), st.text(max_size=20), st.sampled_from(["", " ", "00", "1", "yes"]))
rows_of_anything = st.lists(
    st.fixed_dictionaries({c: st.one_of(st.just(VALID_CELLS[c]), cell) for c in REGISTER_COLUMNS}),
    min_size=1,
    max_size=6,
)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(rows=rows_of_anything, suffix=st.sampled_from([".csv", ".parquet"]))
def test_any_text_in_any_cell_is_accepted_or_rejected_with_a_reason(tmp_path, rows, suffix):
    # given a register whose cells hold anything
    path = tmp_path / f"register{suffix}"
    frame = pl.DataFrame(rows, schema=dict.fromkeys(REGISTER_COLUMNS, pl.String))
    if suffix == ".csv":
        frame.write_csv(path)
    else:
        frame.write_parquet(path)
    # when
    intake = read_register(path, ON)
    # then every row is accounted for, and every rejection says why
    assert intake.rows_read == len(rows)
    assert_every_row_accounted_for(intake)
    assert (intake.rejected["reason"].str.len_chars() > 0).all()
