"""Client notices: the TE office tells each referred client that their home municipality's
experiment is now responsible for their employment services (D000 "Målgrupp": "arbets- och
näringsbyrån informerar de arbetssökande om att deras hemkommun i fortsättningen ansvarar").

Pure Polars: ``render`` builds every notice's HTML in one pass (no per-client Python) in the
client's language — Swedish for ``sv``, English for the languages asked for (``english_for``),
Finnish otherwise — and ``write_documents`` writes one printable batch document per area and
language, one notice a page. The contact data come from ``area_contacts.csv`` (configuration:
each area fills in its own row; empty fields are left out).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import polars as pl

from kuntakokeilu.reference.data import DATA_DIR

TEXTS = {
    "fi": {
        "title": "Työ- ja elinkeinopalvelujesi järjestäjä vaihtuu",
        "body": (
            "Kotikuntasi {} kuuluu työllisyyden kuntakokeiluun. {} alkaen työ- ja "
            "elinkeinopalvelusi järjestää {} (laki työllisyyttä edistävistä kuntakokeiluista "
            "1269/2020). Työnhakusi jatkuu ennallaan. TE-toimisto antaa edelleen "
            "työttömyysetuutta koskevat työvoimapoliittiset lausunnot."
        ),
        "contact": "Yhteystiedot",
        "fallback": "Ota yhteyttä kotikuntasi työllisyyspalveluihin.",
        "client": "Asiakasnumero",
        "sender": "TE-toimisto",
    },
    "sv": {
        "title": "Hemkommunen ansvarar för dina arbets- och näringstjänster",
        "body": (
            "Din hemkommun {} deltar i ett kommunalt sysselsättningsförsök. Från och med {} "
            "ordnar {} dina arbets- och näringstjänster (lagen om kommunala försök för främjande "
            "av sysselsättningen 1269/2020). Din jobbsökning fortsätter som tidigare. Arbets- och "
            "näringsbyrån ger fortfarande de arbetskraftspolitiska utlåtandena om "
            "arbetslöshetsförmån."
        ),
        "contact": "Kontaktuppgifter",
        "fallback": "Kontakta din hemkommuns sysselsättningstjänster.",
        "client": "Kundnummer",
        "sender": "Arbets- och näringsbyrån",
    },
    "en": {
        "title": "Your home municipality is now responsible for your employment services",
        "body": (
            "Your home municipality {} takes part in a municipal employment experiment. From {} "
            "your public employment and business services are provided by {} (Act 1269/2020 on "
            "municipal experiments promoting employment). Your job search continues as before. "
            "The TE office still gives the labour-policy statements on unemployment benefit."
        ),
        "contact": "Contact",
        "fallback": "Please contact your home municipality's employment services.",
        "client": "Client number",
        "sender": "TE office",
    },
}
CONTACT_FIELDS = ("phone", "email", "web", "address")
PAGE = """<!doctype html>
<html lang="{lang}"><head><meta charset="utf-8"><title>{title}</title>
<style>
body {{ font: 12pt/1.5 serif; margin: 2cm; }}
section {{ page-break-after: always; max-width: 40em; }}
.meta {{ color: #333; font-size: 10pt; }}
</style></head><body>
{notices}
</body></html>
"""


def read_contacts(path: Path = DATA_DIR / "area_contacts.csv") -> pl.DataFrame:
    return pl.read_csv(path, infer_schema=False).with_columns(
        [pl.col(f).fill_null("") for f in CONTACT_FIELDS]
    )


def notice_language(english_for: tuple[str, ...] = ()) -> pl.Expr:
    """sv -> Swedish, the languages in ``english_for`` -> English, everything else -> Finnish."""
    return (
        pl.when(pl.col("language") == "sv")
        .then(pl.lit("sv"))
        .when(pl.col("language").is_in(list(english_for)))
        .then(pl.lit("en"))
        .otherwise(pl.lit("fi"))
    )


def _escaped(column: str) -> pl.Expr:
    text = pl.col(column).cast(pl.String)
    return (
        text.str.replace_all("&", "&amp;").str.replace_all("<", "&lt;").str.replace_all(">", "&gt;")
    )


def _contact_line() -> pl.Expr:
    parts = [pl.when(pl.col(f) != "").then(_escaped(f)) for f in CONTACT_FIELDS]
    return pl.concat_str(parts, separator=" · ", ignore_nulls=True)


def _notice_in(lang: str) -> pl.Expr:
    text = TEXTS[lang]
    contact = (
        pl.when(_contact_line() != "").then(_contact_line()).otherwise(pl.lit(text["fallback"]))
    )
    return pl.format(
        '<section><p class="meta">{} · {} {}</p><h1>{}</h1><p>'
        + text["body"]
        + "</p><p><strong>{}:</strong> {}</p></section>",
        pl.lit(text["sender"]),
        pl.lit(text["client"]),
        pl.col("client_id"),
        pl.lit(text["title"]),
        _escaped(f"municipality_{lang}"),
        pl.col("from_day"),
        _escaped(f"service_{lang}"),
        pl.lit(text["contact"]),
        contact,
    )


def render(
    clients: pl.DataFrame, contacts: pl.DataFrame, on: dt.date, english_for: tuple[str, ...] = ()
) -> pl.DataFrame:
    """One notice per client. ``clients``: client_id, language, area_id, municipality_fi/_sv/_en."""
    frame = clients.join(contacts, on="area_id", how="left").with_columns(
        notice_language(english_for).alias("notice_language"),
        pl.lit(f"{on.day}.{on.month}.{on.year}").alias("from_day"),
        *[pl.col(f"service_{lang}").fill_null("") for lang in TEXTS],
        *[pl.col(f).fill_null("") for f in CONTACT_FIELDS],
    )
    html = pl.when(pl.col("notice_language") == "sv").then(_notice_in("sv"))
    html = html.when(pl.col("notice_language") == "en").then(_notice_in("en"))
    return frame.with_columns(html.otherwise(_notice_in("fi")).alias("html")).select(
        "client_id", "area_id", "notice_language", "html"
    )


def write_documents(rendered: pl.DataFrame, directory: Path) -> list[Path]:
    """One batch document per area and language; returns the files written."""
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    groups = rendered.sort("client_id").group_by("area_id", "notice_language", maintain_order=True)
    for area, lang, group in groups.agg(pl.col("html").str.join("\n")).iter_rows():
        path = directory / f"notices-{area}-{lang}.html"
        path.write_text(
            PAGE.format(lang=lang, title=TEXTS[lang]["title"], notices=group), encoding="utf-8"
        )
        written.append(path)
    return sorted(written)
