"""Load the shipped reference files once and answer questions for a date.

Municipal divisions change only at the turn of a year (Municipal Structure Act 1698/2009 §4: a
change takes effect at the start of a calendar year), so each ``municipalities_YYYY.csv`` is the
division in force from 1 January of YYYY until the next file's year. Area membership is dated per
row (``valid_from``/``valid_to``, both inclusive). Adding the 2025 employment areas is adding an
``employment_areas.csv`` in the same shape as ``experiment_areas.csv``: data, not code.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

import polars as pl

DATA_DIR = Path(str(resources.files("kuntakokeilu.reference") / "data"))

#: Membership files and the kind of area each holds. A missing file simply holds no areas.
AREA_FILES = {
    "experiment_areas.csv": "experiment_area",
    "employment_areas.csv": "employment_area",
}

_DIVISION_FILE = re.compile(r"^municipalities_(\d{4})\.csv$")

#: Column names of the source files -> names used in code.
_MUNICIPALITY_COLUMNS = {
    "kuntanumero": "code",
    "name_fi": "name_fi",
    "name_sv": "name_sv",
    "name_en": "name_en",
    "maakunta_code": "region_code",
    "maakunta_name_fi": "region_name_fi",
    "maakunta_name_sv": "region_name_sv",
    "maakunta_name_en": "region_name_en",
    "seutukunta_code": "subregion_code",
    "ely_code": "ely_code",
    "ely_name_fi": "ely_name_fi",
    "ely_name_sv": "ely_name_sv",
    "ely_name_en": "ely_name_en",
    "te_office_fi": "te_office_fi",
    "language_status": "language_status",
    "kuntaryhma_code": "municipality_group",
}


class ReferenceError(ValueError):
    """A question the reference data cannot answer; the message says why and what to do."""


class UnknownMunicipality(ReferenceError):
    def __init__(self, code: str, on: dt.date, hint: str) -> None:
        self.code, self.on = code, on
        super().__init__(f"unknown municipality code {code} on {on.isoformat()}: {hint}")


@dataclass(frozen=True)
class Municipality:
    code: str
    name_fi: str
    name_sv: str
    name_en: str
    region_code: str
    ely_code: str
    ely_name_fi: str
    te_office_fi: str
    language_status: str

    def name(self, language: str) -> str:
        return {"sv": self.name_sv, "en": self.name_en}.get(language, self.name_fi)


@dataclass(frozen=True)
class Division:
    """The municipal division in force from ``valid_from`` (a 1 January) on."""

    valid_from: dt.date
    municipalities: pl.DataFrame


def _read_csv(path: Path) -> pl.DataFrame:
    # Every code column is text ("005", "01"): read all as strings, cast what is numeric.
    return pl.read_csv(path, infer_schema=False)


def _read_division(path: Path, year: int) -> tuple[Division, pl.DataFrame]:
    raw = _read_csv(path)
    frame = raw.select([pl.col(src).alias(dst) for src, dst in _MUNICIPALITY_COLUMNS.items()])
    population = raw.unpivot(
        index="kuntanumero",
        on=[c for c in raw.columns if c.startswith("population_")],
        variable_name="year",
        value_name="population",
    ).select(
        pl.lit(year).alias("division"),
        pl.col("kuntanumero").alias("code"),
        pl.col("year").str.strip_prefix("population_").cast(pl.Int32),
        pl.col("population").cast(pl.Int64),
    )
    return Division(dt.date(year, 1, 1), frame), population


def _read_memberships(data_dir: Path) -> pl.DataFrame:
    frames = []
    for name, kind in AREA_FILES.items():
        path = data_dir / name
        if not path.exists():
            continue
        frames.append(
            _read_csv(path).select(
                "area_id",
                "area_name",
                pl.lit(kind).alias("kind"),
                pl.col("kuntanumero").alias("code"),
                pl.col("valid_from").str.to_date(),
                pl.col("valid_to").str.to_date(),
                "round",
                "source",
            )
        )
    return pl.concat(frames) if frames else pl.DataFrame()


class ReferenceData:
    """All shipped reference data, read once from a data directory."""

    def __init__(self, data_dir: Path = DATA_DIR) -> None:
        self.data_dir = data_dir
        divisions, populations = [], []
        for path in sorted(data_dir.glob("municipalities_*.csv")):
            match = _DIVISION_FILE.match(path.name)
            if match:
                division, population = _read_division(path, int(match.group(1)))
                divisions.append(division)
                populations.append(population)
        if not divisions:
            raise ReferenceError(f"no municipalities_YYYY.csv files in {data_dir}")
        self.divisions: tuple[Division, ...] = tuple(divisions)
        self.populations = pl.concat([*populations, self._sotkanet_population()])
        self.memberships = _read_memberships(data_dir)
        self.ely_centres = self._ely_centres()
        self.jobseekers_monthly = self._jobseekers_monthly()

    # -- divisions -------------------------------------------------------------------------
    def division(self, on: dt.date) -> Division:
        """The municipal division in force on ``on``."""
        in_force = [d for d in self.divisions if d.valid_from <= on]
        if not in_force:
            first = self.divisions[0].valid_from.isoformat()
            raise ReferenceError(
                f"no municipal division is known for {on.isoformat()}: "
                f"the reference data starts on {first}"
            )
        return in_force[-1]

    def municipalities(self, on: dt.date) -> pl.DataFrame:
        """One row per municipality in the division in force on ``on``."""
        return self.division(on).municipalities

    def municipality(self, code: str, on: dt.date) -> Municipality:
        rows = self.municipalities(on).filter(pl.col("code") == code)
        if rows.is_empty():
            raise UnknownMunicipality(code, on, self._why_unknown(code, on))
        row = rows.row(0, named=True)
        return Municipality(**{f: row[f] for f in Municipality.__dataclass_fields__})

    def _why_unknown(self, code: str, on: dt.date) -> str:
        earlier = [d for d in self.divisions if d.valid_from <= on]
        for division in reversed(earlier):
            old = division.municipalities.filter(pl.col("code") == code)
            if not old.is_empty():
                name = old.item(0, "name_fi")
                ended = self.division(on).valid_from.isoformat()
                return (
                    f"{name} ({code}) no longer exists in the division in force from {ended} "
                    "(merged); use the code of the municipality it joined"
                )
        return "not a municipality code in any known division; check the 3-digit kuntanumero"

    # -- population ------------------------------------------------------------------------
    def _sotkanet_population(self) -> pl.DataFrame:
        # THL Sotkanet series, on the 2021 division, every year 2000-2022.
        frame = _read_csv(self.data_dir / "population_sotkanet_2000_2022_div2021.csv")
        return frame.select(
            pl.lit(2021).alias("division"),
            pl.col("kuntanumero").alias("code"),
            pl.col("year").cast(pl.Int32),
            pl.col("population").cast(pl.Int64),
        ).join(
            # the division file already carries 2019-2020; keep one value per key
            self._division_years(2021),
            on=["code", "year"],
            how="anti",
        )

    def _division_years(self, year: int) -> pl.DataFrame:
        path = self.data_dir / f"municipalities_{year}.csv"
        return _read_division(path, year)[1].select("code", "year")

    def population(self, on: dt.date) -> pl.DataFrame:
        """Population on 31 December of the last year ended before ``on``, on ``on``'s division.

        Columns ``code`` and ``population``; ``year`` says which 31 December it is. When that
        year is not yet published for the division, the latest earlier year is used.
        """
        division = self.division(on).valid_from.year
        available = self.populations.filter(
            (pl.col("division") == division) & (pl.col("year") < on.year)
        )
        if available.is_empty():
            raise ReferenceError(
                f"no population figures before {on.year} on the {division} division"
            )
        year = available["year"].max()
        return available.filter(pl.col("year") == year).select("code", "year", "population")

    # -- areas -----------------------------------------------------------------------------
    def area_members(self, on: dt.date, kind: str | None = None) -> pl.DataFrame:
        """Municipality code -> area for the areas whose membership is valid on ``on``."""
        members = self.memberships.filter((pl.col("valid_from") <= on) & (pl.col("valid_to") >= on))
        if kind is not None:
            members = members.filter(pl.col("kind") == kind)
        return members.select("code", "area_id", "area_name", "kind")

    def area_of(self, code: str, on: dt.date, kind: str | None = None) -> str | None:
        """The area ``code`` belongs to on ``on``, or None."""
        rows = self.area_members(on, kind).filter(pl.col("code") == code)
        return None if rows.is_empty() else rows.item(0, "area_id")

    # -- ELY centres and TE offices --------------------------------------------------------
    def _ely_centres(self) -> pl.DataFrame:
        frame = _read_csv(self.data_dir / "ely_te_areas_2020_2021.csv")
        return frame.select(
            pl.col("year").cast(pl.Int32).alias("division"),
            "ely_code",
            "ely_name_fi",
            "ely_name_sv",
            "ely_name_en",
            "te_office_fi",
        )

    # -- labour market statistics ----------------------------------------------------------
    def _jobseekers_monthly(self) -> pl.DataFrame:
        frame = _read_csv(self.data_dir / "unemployed_jobseekers_monthly_2018_2020.csv")
        return frame.select(
            pl.col("kuntanumero").alias("code"),
            (pl.col("month") + "-01").str.to_date().alias("month"),
            pl.col("unemployed_jobseekers").cast(pl.Int64),
            pl.col("labour_force").cast(pl.Int64),
            pl.col("open_vacancies").cast(pl.Int64),
        )

    def unemployed_jobseekers(self, on: dt.date, months: int = 12) -> pl.DataFrame:
        """Mean unemployed job seekers per municipality over the last ``months`` months that had
        ended by ``on`` (2020 division, as published). Suppressed months are left out of the mean.
        A month's figure is the count at its end, so a month counts only once it is over."""
        published = self.jobseekers_monthly.filter(pl.col("month").dt.offset_by("1mo") <= on)
        if published.is_empty():
            first = self.jobseekers_monthly["month"].min()
            raise ReferenceError(f"no job-seeker statistics before {first}; choose a later date")
        last = published["month"].max()
        window = published["month"].unique().sort().tail(months)
        return (
            published.filter(pl.col("month").is_in(window.implode()))
            .group_by("code")
            .agg(pl.col("unemployed_jobseekers").mean().alias("unemployed_jobseekers"))
            .with_columns(
                pl.lit(window.min()).alias("first_month"), pl.lit(last).alias("last_month")
            )
            .sort("code")
        )


@cache
def reference_data() -> ReferenceData:
    """The shipped reference data, read once per process."""
    return ReferenceData()
