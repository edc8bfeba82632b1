"""A sequence of register extracts, one person per behaviour (used by the referral tests).

Month 1 (1.3.2021) is the first wave; month 2 (1.4.2021) has movers, status changes, leavers
and newcomers. The names say what happens to each person.
"""

import datetime as dt
from pathlib import Path

import polars as pl

FIRST_WAVE = dt.date(2021, 3, 1)
MONTH_LATER = dt.date(2021, 4, 1)

CODES = {
    "young_helsinki_stays": "150599-1237",
    "moves_espoo_to_vantaa": "010190-123M",
    "moves_out_to_kirkkonummi": "020398-123Y",
    "gains_earnings_related": "030385-1238",
    "leaves_the_register": "040497-123T",
    "lives_outside_areas": "050596-1230",
    "newcomer_in_month_two": "060595-123C",
    "kept_by_te_office": "070594-123S",
    "row_rejected_in_month_two": "080593-1235",
    "finds_open_market_job": "090592-123J",
}


def row(name: str, municipality: str, **changes) -> dict:
    base = {
        "person_id": CODES[name],
        "home_municipality": municipality,
        "status": "unemployed",
        "earnings_related": "false",
        "immigrant": "false",
        "language": "fi",
        "registered_on": "2020-09-01",
        "unemployed_since": "2020-09-01",
        "te_office": "",
    }
    return base | changes


MONTH_ONE = [
    row("young_helsinki_stays", "091"),
    row("moves_espoo_to_vantaa", "049"),
    row("moves_out_to_kirkkonummi", "091"),
    row("gains_earnings_related", "091"),
    row("leaves_the_register", "091", language="sv"),
    row("lives_outside_areas", "257"),
    row("kept_by_te_office", "091", language="sv"),
    row("row_rejected_in_month_two", "091"),
    row("finds_open_market_job", "091", earnings_related="true"),
]

MONTH_TWO = [
    row("young_helsinki_stays", "091"),
    row("moves_espoo_to_vantaa", "092"),
    row("moves_out_to_kirkkonummi", "257"),
    row("gains_earnings_related", "091", earnings_related="true"),
    row("lives_outside_areas", "257"),
    row("newcomer_in_month_two", "091", registered_on="2021-03-20", unemployed_since="2021-03-20"),
    row("kept_by_te_office", "091", language="sv"),
    row("row_rejected_in_month_two", "999"),
    row(
        "finds_open_market_job",
        "091",
        earnings_related="true",
        status="employed",
        unemployed_since="",
    ),
]

EXPECTED_MONTH_ONE = {
    "young_helsinki_stays": ("newly_referred", "helsinki"),
    "moves_espoo_to_vantaa": ("newly_referred", "espoo"),
    "moves_out_to_kirkkonummi": ("newly_referred", "helsinki"),
    "gains_earnings_related": ("newly_referred", "helsinki"),
    "leaves_the_register": ("newly_referred", "helsinki"),
    "lives_outside_areas": ("not_referred", None),
    "kept_by_te_office": ("kept_by_te_office", None),
    "row_rejected_in_month_two": ("newly_referred", "helsinki"),
    "finds_open_market_job": ("newly_referred", "helsinki"),
}

EXPECTED_MONTH_TWO = {
    "young_helsinki_stays": ("stays", "helsinki"),
    "moves_espoo_to_vantaa": ("moves_area", "vantaa-kerava"),
    "moves_out_to_kirkkonummi": ("returns_to_te_office", None),
    "gains_earnings_related": ("returns_to_te_office", None),
    "leaves_the_register": ("customership_ends", None),
    "lives_outside_areas": ("not_referred", None),
    "newcomer_in_month_two": ("newly_referred", "helsinki"),
    "kept_by_te_office": ("kept_by_te_office", None),
    "row_rejected_in_month_two": ("held", "helsinki"),
    "finds_open_market_job": ("returns_to_te_office", None),
}

RETURN_REASONS = {
    "moves_out_to_kirkkonummi": "MOVED_OUT_OF_AREAS;NOT_IN_EXPERIMENT_AREA",
    "gains_earnings_related": "LEFT_TARGET_GROUP;NO_QUALIFYING_CRITERION",
    "finds_open_market_job": "LEFT_TARGET_GROUP;NOT_UNEMPLOYED_OR_IN_SERVICES",
    "leaves_the_register": "NO_LONGER_A_JOB_SEEKER",
}

NAME_OF = {code: name for name, code in CODES.items()}


def write_extract(rows: list[dict], path: Path) -> Path:
    pl.DataFrame(rows).write_csv(path)
    return path
