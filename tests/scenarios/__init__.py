"""Scenario tables a domain expert can read (YAML), and a loader for the tests."""

from pathlib import Path

import yaml

HERE = Path(__file__).parent


def load(name: str) -> list[dict]:
    """The scenarios of ``name``.yaml, each merged over the file's defaults."""
    document = yaml.safe_load((HERE / f"{name}.yaml").read_text(encoding="utf-8"))
    defaults = document.get("defaults", {})
    return [defaults | scenario for scenario in document["scenarios"]]
