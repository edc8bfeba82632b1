"""Write the notices of a referral run and record on each event which document holds it."""

from __future__ import annotations

from pathlib import Path

import polars as pl

from kuntakokeilu.clients.models import ReferralEvent, ReferralRun
from kuntakokeilu.reference import reference_data
from kuntakokeilu.referral.notices import read_contacts, render, write_documents

NOTIFIED = (ReferralEvent.Kind.NEWLY_REFERRED, ReferralEvent.Kind.MOVES_AREA)


def notified_clients(run: ReferralRun) -> pl.DataFrame:
    """The clients of ``run`` who get a notice, with their municipality's names."""
    rows = ReferralEvent.objects.filter(run=run, kind__in=NOTIFIED).values_list(
        "client_id", "client__language", "to_area", "client__home_municipality"
    )
    frame = pl.DataFrame(
        list(rows),
        schema={
            "client_id": pl.Int64,
            "language": pl.String,
            "area_id": pl.String,
            "code": pl.String,
        },
        orient="row",
    )
    names = (
        reference_data()
        .municipalities(run.on)
        .select(
            "code",
            *[pl.col(f"name_{lang}").alias(f"municipality_{lang}") for lang in ("fi", "sv", "en")],
        )
    )
    return frame.join(names, on="code", how="left")


def write_run_notices(
    run: ReferralRun, directory: Path, english_for: tuple[str, ...] = ()
) -> list[Path]:
    """Write the run's notice documents (the same files again on a rerun)."""
    rendered = render(notified_clients(run), read_contacts(), run.on, english_for)
    written = write_documents(rendered, directory)
    events = ReferralEvent.objects.filter(run=run, kind__in=NOTIFIED)
    by_language = {
        "sv": events.filter(client__language="sv"),
        "en": events.filter(client__language__in=english_for).exclude(client__language="sv"),
        "fi": events.exclude(client__language__in=("sv", *english_for)),
    }
    for area, lang in rendered.select("area_id", "notice_language").unique().iter_rows():
        by_language[lang].filter(to_area=area).update(notice=f"notices-{area}-{lang}.html")
    return written
