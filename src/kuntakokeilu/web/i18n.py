"""Message catalogues without GNU gettext: extraction and compilation in Python (Babel).

Every user-facing string is marked with gettext and an English message id, in Python code
(``gettext``, ``gettext_lazy``, ``pgettext``, ``ngettext``...) and in templates (``translate``,
``blocktranslate``; read through Django's own ``templatize``). ``extract`` finds them all,
``update_catalogue`` merges them into a language's ``django.po`` keeping the translations made,
``compile_catalogue`` writes the ``django.mo`` Django reads. ``untranslated`` lists what a
catalogue still lacks: the test suite fails on any.
"""

from __future__ import annotations

from collections.abc import Iterator
from io import BytesIO
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_python
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po
from django.utils.translation.template import templatize

PACKAGE = Path(__file__).resolve().parent.parent
LOCALE_DIR = PACKAGE / "locale"
LANGUAGES = ("fi", "sv")  # English is the message id itself
KEYWORDS = {
    "gettext": None,
    "gettext_lazy": None,
    "_": None,
    "pgettext": ((1, "c"), 2),
    "pgettext_lazy": ((1, "c"), 2),
    "ngettext": (1, 2),
    "ngettext_lazy": (1, 2),
    "npgettext": ((1, "c"), 2, 3),
    "npgettext_lazy": ((1, "c"), 2, 3),
}

Message = tuple[str | tuple[str, str], str | None]  # (id or (singular, plural), context)


def source_files(package: Path = PACKAGE) -> Iterator[Path]:
    yield from sorted(p for p in package.rglob("*.py") if "migrations" not in p.parts)
    yield from sorted(package.rglob("templates/**/*.html"))


def extract(package: Path = PACKAGE) -> dict[Message, list[str]]:
    """Every translatable message in the package, with the files it appears in."""
    found: dict[Message, list[str]] = {}
    for path in source_files(package):
        text = path.read_text(encoding="utf-8")
        source = templatize(text, origin=str(path)) if path.suffix == ".html" else text
        for message in _extract_with_context(source):
            found.setdefault(message, []).append(str(path.relative_to(package)))
    return found


def _extract_with_context(source: str) -> Iterator[Message]:
    for _lineno, func, message, _comments in extract_python(
        BytesIO(source.encode("utf-8")), KEYWORDS, [], {}
    ):
        parts = [m for m in (message if isinstance(message, tuple) else (message,)) if m]
        context = parts.pop(0) if func.startswith(("pgettext", "npgettext")) else None
        if parts:
            yield (parts[0] if len(parts) == 1 else tuple(parts[:2])), context


def catalogue_path(language: str, suffix: str = "po") -> Path:
    return LOCALE_DIR / language / "LC_MESSAGES" / f"django.{suffix}"


def read_catalogue(language: str) -> Catalog:
    path = catalogue_path(language)
    if not path.exists():
        return Catalog(locale=language, domain="django")
    with path.open("rb") as handle:
        return read_po(handle, locale=language, domain="django")


def update_catalogue(language: str, package: Path = PACKAGE) -> Catalog:
    """Merge the extracted messages into ``language``'s catalogue, keeping translations."""
    template = Catalog(locale=language, domain="django", project="kuntakokeilu")
    for (message, context), files in extract(package).items():
        template.add(message, locations=[(f, 0) for f in files], context=context)
    catalogue = read_catalogue(language)
    catalogue.update(template, no_fuzzy_matching=True)
    catalogue.obsolete.clear()
    path = catalogue_path(language)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as handle:
        write_po(handle, catalogue, width=100, omit_header=False, include_lineno=False)
    return catalogue


def compile_catalogue(language: str) -> Path:
    catalogue = read_catalogue(language)
    target = catalogue_path(language, "mo")
    with target.open("wb") as handle:
        write_mo(handle, catalogue, use_fuzzy=False)
    return target


def untranslated(language: str, package: Path = PACKAGE) -> list[str]:
    """Messages used in the code that ``language``'s catalogue does not translate."""
    catalogue = read_catalogue(language)
    missing = []
    for message, context in extract(package):
        entry = catalogue.get(message[0] if isinstance(message, tuple) else message, context)
        if entry is None or entry.fuzzy or not _translated(entry.string):
            missing.append(message if isinstance(message, str) else message[0])
    return sorted(missing)


def _translated(string: str | tuple[str, ...]) -> bool:
    return all(string) if isinstance(string, tuple) else bool(string)
