"""The labour market subsidy financing split at the legal band edges (DOMAIN.md §6).

Until 2024: the state pays days 1-300, the municipality 50 % of days 301-1000 and 70 % from day
1001. From 1.1.2025: the municipality pays from day 101 in steps (10/20/30/40 %, then 50 %).
The regime is the one in force on the payment day. Each case: a payment of ``days`` days and
1 000 euros with the counter at ``counter_before`` before it.
"""

import datetime as dt
import shutil

import polars as pl
import pytest

from kuntakokeilu.monitoring import financing
from kuntakokeilu.rules.parameters import PARAMETER_DIR, Parameters

CASES = [
    # (name, payment day, counter before, days, municipality euros of 1 000)
    ("the 300th day is the state's", "2024-06-10", 290, 10, 0.0),
    ("the 301st day is half the municipality's", "2024-06-10", 291, 10, 50.0),
    # days 296-305: five at 0 %, five at 50 %: 250 €
    ("a payment across day 300/301 is split", "2024-06-10", 295, 10, 250.0),
    ("days 301-1000 are half the municipality's", "2024-06-10", 500, 20, 500.0),
    ("the 1000th day is still half", "2024-06-10", 990, 10, 500.0),
    # days 992-1001: nine at 50 % and one at 70 %: (9 × 0.5 + 0.7) / 10 × 1 000 € = 520 €
    ("the 1001st day is 70 %", "2024-06-10", 991, 10, 520.0),
    # days 996-1005: five at 50 %, five at 70 %: 250 € + 350 €
    ("a payment across day 1000/1001 is split", "2024-06-10", 995, 10, 600.0),
    ("the last day of 2024 is under the old rule", "2024-12-31", 150, 10, 0.0),
    ("from 2025 day 100 is still the state's", "2025-01-02", 90, 10, 0.0),
    ("from 2025 day 101 is 10 %", "2025-01-02", 91, 10, 10.0),
    ("from 2025 a payment across day 100/101 is split", "2025-01-02", 95, 10, 50.0),
    ("from 2025 days 301-400 are 30 %", "2025-01-02", 310, 10, 300.0),
    ("from 2025 day 701 on is 50 %", "2025-01-02", 700, 10, 500.0),
]


def municipality_euros(on: str, counter_before: int, days: int, params=None) -> float:
    frame = pl.DataFrame(
        {
            "on": [dt.date.fromisoformat(on)],
            "counter_before": [counter_before],
            "days": [days],
            "amount_eur": [1000.0],
        }
    )
    expression = financing.municipality_share_eur(
        pl.col("on"), pl.col("counter_before"), pl.col("days"), pl.col("amount_eur"), params
    )
    return frame.select(expression).item()


@pytest.mark.parametrize(
    ("name", "on", "counter_before", "days", "expected"), CASES, ids=[c[0] for c in CASES]
)
def test_municipality_share_at_the_band_edges(name, on, counter_before, days, expected):
    assert municipality_euros(on, counter_before, days) == pytest.approx(expected)


def test_days_are_counted_by_the_share_they_fall_in():
    frame = pl.DataFrame({"on": [dt.date(2024, 6, 10)], "counter_before": [995], "days": [10]})
    at = {
        share: frame.select(
            financing.days_at_share(pl.col("on"), pl.col("counter_before"), pl.col("days"), share)
        ).item()
        for share in financing.municipality_shares()
    }
    # days 996-1000 at 50 %, 1001-1005 at 70 %
    assert at[0.5] == 5
    assert at[0.7] == 5
    assert at[0.0] == 0


def test_the_rule_is_read_from_the_dated_parameter(tmp_path):
    # a new dated value (the municipality pays 100 % from day 1 in mid-2024) changes the result
    for path in PARAMETER_DIR.glob("*.yaml"):
        shutil.copy(path, tmp_path / path.name)
    target = tmp_path / "labour_market_subsidy_financing.yaml"
    text = target.read_text(encoding="utf-8")
    addition = (
        "  - from: 2024-06-01\n"
        "    value:\n"
        "      counted_days: paid_on_unemployment\n"
        "      bands: [[1, null, 1.0]]\n"
        "    status: inferred\n"
        "    source: a test\n"
    )
    marker = "  - from: 2025-01-01"
    target.write_text(text.replace(marker, addition + marker), encoding="utf-8")
    changed = Parameters(tmp_path)
    assert municipality_euros("2024-06-10", 0, 10, changed) == pytest.approx(1000.0)
    assert municipality_euros("2024-05-31", 0, 10, changed) == pytest.approx(0.0)
    assert municipality_euros("2025-01-02", 91, 10, changed) == pytest.approx(10.0)


def test_a_payment_before_any_regime_has_no_share():
    assert municipality_euros("2014-12-31", 500, 10) is None
