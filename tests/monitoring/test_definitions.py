"""Every indicator carries its written definition, and docs/indicators.md is that definition."""

from pathlib import Path

import pytest

from kuntakokeilu.monitoring.docs import markdown
from kuntakokeilu.monitoring.indicators import DIVIDED, INDICATORS, in_order

DOC = Path(__file__).resolve().parents[2] / "docs" / "indicators.md"


def test_the_ten_monitoring_objects_are_registered_in_order():
    assert [i.number for i in in_order()] == [f"{n:02d}" for n in range(1, 11)]


@pytest.mark.parametrize("number", sorted(INDICATORS))
def test_each_indicator_says_what_it_counts_for_whom_from_what(number):
    indicator = INDICATORS[number]
    assert indicator.grain
    assert indicator.filters
    assert indicator.objective
    assert indicator.source_events
    for measure in indicator.measures:
        assert measure.numerator, measure.name
        if measure.kind in DIVIDED:
            assert measure.denominator, f"{measure.name} divides by something unnamed"


def test_docs_indicators_md_is_written_from_the_code():
    assert DOC.read_text(encoding="utf-8") == markdown(), (
        "docs/indicators.md is out of date: write it with "
        "`python -c 'from kuntakokeilu.monitoring.docs import write_markdown as w; "
        'from pathlib import Path; w(Path("docs/indicators.md"))\'`'
    )
