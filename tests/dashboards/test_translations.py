"""Every message of the dashboards has its Finnish and Swedish translation in the worksheet
(scripts/translations/dashboards.py), which fills the catalogues when they are next updated."""

from __future__ import annotations

import re

import pytest
from scripts.translations import dashboards

from kuntakokeilu.web.i18n import PACKAGE, extract


def own_messages():
    """The dashboards' own messages (base.html's other strings belong to others)."""
    found = extract(PACKAGE / "dashboards")
    return sorted({message for message, _context in found}, key=str)


def test_the_dashboards_have_messages_to_translate():
    assert len(own_messages()) > 100


@pytest.mark.parametrize(("table", "language"), [(dashboards.FI, "fi"), (dashboards.SV, "sv")])
def test_every_message_has_a_translation(table, language):
    missing = [m for m in own_messages() if not table.get(m)]
    assert missing == [], f"{language}: {missing}"


@pytest.mark.parametrize("table", [dashboards.FI, dashboards.SV])
def test_the_placeholders_survive_translation(table):
    for message, translated in table.items():
        ids = message if isinstance(message, tuple) else (message,)
        texts = translated if isinstance(translated, tuple) else (translated,)
        for text in texts:
            for placeholder in _placeholders(ids[-1]):
                assert placeholder in text, (message, text)


def _placeholders(text: str) -> set[str]:
    return set(re.findall(r"%\(\w+\)s|\{\{ ?\w+ ?\}\}", text))
