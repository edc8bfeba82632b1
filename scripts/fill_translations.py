"""Fill the fi/sv catalogues from the worksheets in scripts/translations/ (every module's FI and
SV tables). Entries already translated in the .po files are kept; only empty ones are filled.

Usage (after `kuntakokeilu catalogues --update`):
    DJANGO_SETTINGS_MODULE=kuntakokeilu.web.settings .venv/bin/python scripts/fill_translations.py
"""

import importlib
import pkgutil
import sys
from pathlib import Path

from babel.messages.pofile import write_po

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kuntakokeilu.web.i18n import catalogue_path, read_catalogue
from scripts import translations


def tables(name: str) -> dict:
    merged = {}
    for module in pkgutil.iter_modules(translations.__path__):
        merged |= getattr(importlib.import_module(f"scripts.translations.{module.name}"), name, {})
    return merged


def fill(language: str, table: dict) -> int:
    catalogue = read_catalogue(language)
    filled = 0
    for message in catalogue:
        done = all(message.string) if message.pluralizable else message.string
        if message.id and not done and message.id in table:
            message.string = table[message.id]
            filled += 1
    with catalogue_path(language).open("wb") as handle:
        write_po(handle, catalogue, width=100, include_lineno=False)
    return filled


if __name__ == "__main__":
    for language, name in (("fi", "FI"), ("sv", "SV")):
        print(f"{language}: filled {fill(language, tables(name))}")
