"""Indicative resources of an experiment area (D000 "Resurser"; DOMAIN.md §4-5).

Three rules. Each is one formula with a scalar form (one municipality or one area, for the web app)
and a vectorised Polars form (a frame of municipalities or areas, no per-row Python). Both forms
call the same formula helper, which computes on floats and on Polars expressions alike, and the
tests hold the two forms equal. Every parameter is the dated value in force on ``on``.

1. Municipal own-input reference (``municipal_own_input_ratio``)::

       own_input_eur = ratio × lms_expenditure_<base_year>_eur          (ratio 0.15, base year 2018)

   The area total is the sum over its member municipalities. It is the floor ("minst 15 procent")
   a municipality's application is compared with, not an amount paid.

2. Indicative staff moved to an area (``staff_clients_per_worker``, ``service_need_segments``,
   ``staff_te_office_retained_share``)::

       workers_s = clients_s / clients_per_worker_s × (1 − te_office_retained_share)
       workers   = Σ_s workers_s

   When only the area's total is known, clients_s = clients × segment_share_s.

3. Quotas of wage subsidy, start-up grant and training (``quota_service_use``)::

       places_k = clients × share_k × period_months / 12
       euros_k  = places_k × unit_cost_eur_k

   "The same share of the transferred group as today, at unchanged unit cost"; a yearly quota is
   pro-rated for a shorter period (e.g. the 10 months of 2021 from 1 March).

Figures are floats: round them only for display. Negative, missing or non-finite inputs are
refused with a ``ValueError`` naming the input. The vectorised forms validate their input, so they
collect it and return a ``DataFrame`` (a frame of areas or municipalities has at most some hundred
rows).
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TypeVar

import polars as pl

from kuntakokeilu.rules.parameters import ParameterError, parameters

MONTHS_IN_YEAR = 12
#: Relative tolerance between an area's ``clients`` and the sum of its ``clients_<segment>``.
SEGMENT_SUM_TOLERANCE = 1e-9
#: How many offending ids an error message lists.
SHOWN_IDS = 5

Amount = TypeVar("Amount", float, pl.Expr)
Frame = pl.DataFrame | pl.LazyFrame


# -- the formulas: one definition each, on floats or on Polars expressions ------------------------


def _own_input(expenditure: Amount, ratio: float) -> Amount:
    return expenditure * ratio


def _segment_clients(clients: Amount, share: float) -> Amount:
    return clients * share


def _segment_workers(clients: Amount, clients_per_worker: float, retained_share: float) -> Amount:
    return clients / clients_per_worker * (1 - retained_share)


def _places(clients: Amount, share: float, period_months: float) -> Amount:
    return clients * share * period_months / MONTHS_IN_YEAR


def _euros(places: Amount, unit_cost_eur: float) -> Amount:
    return places * unit_cost_eur


# -- the dated parameters ----------------------------------------------------------------------


def _own_input_parameter(on: dt.date) -> tuple[float, int]:
    value = parameters().value("municipal_own_input_ratio", on)
    return float(value["ratio"]), int(value["base_year"])


def expenditure_column(on: dt.date) -> str:
    """The input column of a municipality frame: labour market subsidy expenditure, base year."""
    return f"lms_expenditure_{_own_input_parameter(on)[1]}_eur"


def _clients_per_worker(on: dt.date) -> dict[str, float]:
    return {s: float(n) for s, n in parameters().value("staff_clients_per_worker", on).items()}


def _retained_share(on: dt.date) -> float:
    return float(parameters().value("staff_te_office_retained_share", on))


def _segment_shares(on: dt.date) -> dict[str, float]:
    shares = {s: float(x) for s, x in parameters().value("service_need_segments", on).items()}
    if not math.isclose(sum(shares.values()), 1.0, abs_tol=1e-9):
        raise ParameterError(f"service_need_segments on {on.isoformat()} do not add up to 1")
    return shares


def segment_names(on: dt.date) -> tuple[str, ...]:
    """The service-need segments in force on ``on``, in the parameter files' order."""
    per_worker, shares = _clients_per_worker(on), _segment_shares(on)
    if set(per_worker) != set(shares):
        raise ParameterError(
            f"on {on.isoformat()} staff_clients_per_worker names the segments "
            f"{', '.join(per_worker)} but service_need_segments names {', '.join(shares)}"
        )
    return tuple(per_worker)


def _service_use(on: dt.date) -> dict[str, tuple[float, float]]:
    """Service → (participation share, unit cost in euros)."""
    use = parameters().value("quota_service_use", on)
    return {k: (float(v["share"]), float(v["unit_cost_eur"])) for k, v in use.items()}


def quota_services(on: dt.date) -> tuple[str, ...]:
    return tuple(_service_use(on))


# -- scalar validation ---------------------------------------------------------------------------


def _require_amount(name: str, value: float) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError(f"{name} must be a number, got {value!r}")
    if not (math.isfinite(value) and value >= 0):
        raise ValueError(f"{name} must be a non-negative finite number, got {value!r}")
    return float(value)


def _require_period(period_months: float) -> float:
    months = _require_amount("period_months", period_months)
    if months > MONTHS_IN_YEAR:
        raise ValueError(f"period_months must be at most {MONTHS_IN_YEAR}, got {period_months!r}")
    return months


# -- 1. municipal own input ----------------------------------------------------------------------


def own_input_eur(base_year_expenditure_eur: float, on: dt.date) -> float:
    """Reference own input of one municipality a year, from its base-year expenditure."""
    expenditure = _require_amount("base_year_expenditure_eur", base_year_expenditure_eur)
    ratio, _ = _own_input_parameter(on)
    return _own_input(expenditure, ratio)


def own_input_by_municipality(municipalities: Frame, on: dt.date) -> pl.DataFrame:
    """Add ``own_input_eur`` to a frame of municipalities: ``code`` and the base-year expenditure
    column named by ``expenditure_column(on)`` (``lms_expenditure_2018_eur``)."""
    ratio, _ = _own_input_parameter(on)
    column = expenditure_column(on)
    frame = _checked_frame(municipalities, "code", [column])
    return frame.with_columns(_own_input(_float(column), ratio).alias("own_input_eur"))


def own_input_total_eur(municipalities: Frame, on: dt.date) -> float:
    """Reference own input of an area a year: the sum over its member municipalities."""
    return float(own_input_by_municipality(municipalities, on)["own_input_eur"].sum())


# -- 2. staff ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SegmentStaff:
    segment: str
    clients: float
    clients_per_worker: float
    workers: float


@dataclass(frozen=True)
class StaffAllocation:
    """Indicative staff moved to an area, by service-need segment (workers are not rounded)."""

    segments: tuple[SegmentStaff, ...]
    te_office_retained_share: float

    @property
    def clients(self) -> float:
        return sum(s.clients for s in self.segments)

    @property
    def workers(self) -> float:
        return sum(s.workers for s in self.segments)

    def __str__(self) -> str:
        parts = ", ".join(f"{s.segment} {s.workers:.1f}" for s in self.segments)
        return f"{self.workers:.1f} workers ({parts})"


def staff_allocation(clients: float | Mapping[str, float], on: dt.date) -> StaffAllocation:
    """Indicative staff for one area: ``clients`` is a total, or a mapping segment → clients."""
    per_worker, retained = _clients_per_worker(on), _retained_share(on)
    return StaffAllocation(
        tuple(
            SegmentStaff(s, n, per_worker[s], _segment_workers(n, per_worker[s], retained))
            for s, n in _clients_by_segment(clients, on).items()
        ),
        retained,
    )


def _clients_by_segment(clients: float | Mapping[str, float], on: dt.date) -> dict[str, float]:
    segments = segment_names(on)
    if isinstance(clients, Mapping):
        return _given_segments(clients, segments)
    total, shares = _require_amount("clients", clients), _segment_shares(on)
    return {s: _segment_clients(total, shares[s]) for s in segments}


def _given_segments(clients: Mapping[str, float], segments: Sequence[str]) -> dict[str, float]:
    unknown = sorted(set(clients) - set(segments))
    missing = [s for s in segments if s not in clients]
    if unknown or missing:
        raise ValueError(
            f"clients by segment must name exactly the segments {', '.join(segments)}; "
            f"unknown: {', '.join(unknown) or 'none'}; missing: {', '.join(missing) or 'none'}"
        )
    return {s: _require_amount(f"clients in segment {s!r}", clients[s]) for s in segments}


def staff_by_area(areas: Frame, on: dt.date) -> pl.DataFrame:
    """Add ``workers_<segment>`` and ``workers`` to a frame of areas.

    The frame has ``area_id`` and ``clients``, and either every ``clients_<segment>`` column (used
    as given; they must add up to ``clients``) or none (``clients`` is split by segment shares).
    """
    segments = segment_names(on)
    per_worker, retained = _clients_per_worker(on), _retained_share(on)
    frame = _checked_areas(areas, segments)
    clients = _segment_client_exprs(frame, segments, on)
    workers = [
        _segment_workers(clients[s], per_worker[s], retained).alias(f"workers_{s}")
        for s in segments
    ]
    total = pl.sum_horizontal([f"workers_{s}" for s in segments]).alias("workers")
    return frame.with_columns(workers).with_columns(total)


def _segment_client_exprs(
    frame: pl.DataFrame, segments: Sequence[str], on: dt.date
) -> dict[str, pl.Expr]:
    if _segment_columns_present(frame, segments):
        return {s: _float(f"clients_{s}") for s in segments}
    shares = _segment_shares(on)
    return {s: _segment_clients(_float("clients"), shares[s]) for s in segments}


# -- 3. quotas -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Quota:
    """A service's quota for an area: places (persons starting) and euros, not rounded."""

    service: str
    places: float
    euros: float


def quotas(clients: float, on: dt.date, period_months: float = MONTHS_IN_YEAR) -> tuple[Quota, ...]:
    """Quotas of one area with ``clients`` transferred, for a year or ``period_months`` of one."""
    total = _require_amount("clients", clients)
    months = _require_period(period_months)
    return tuple(_quota(k, total, use, months) for k, use in _service_use(on).items())


def _quota(service: str, clients: float, use: tuple[float, float], months: float) -> Quota:
    share, unit_cost = use
    places = _places(clients, share, months)
    return Quota(service, places, _euros(places, unit_cost))


def quotas_by_area(
    areas: Frame, on: dt.date, period_months: float = MONTHS_IN_YEAR
) -> pl.DataFrame:
    """Add ``<service>_places`` and ``<service>_euros`` to a frame of areas (``area_id``,
    ``clients``)."""
    months = _require_period(period_months)
    frame = _checked_frame(areas, "area_id", ["clients"])
    use = _service_use(on)
    places = [
        _places(_float("clients"), sh, months).alias(f"{k}_places") for k, (sh, _) in use.items()
    ]
    euros = [_euros(pl.col(f"{k}_places"), c).alias(f"{k}_euros") for k, (_, c) in use.items()]
    return frame.with_columns(places).with_columns(euros)


# -- 4. an area's resources together -------------------------------------------------------------


@dataclass(frozen=True)
class AreaResources:
    area_id: str
    staff: StaffAllocation
    quotas: tuple[Quota, ...]


def area_resources(
    area_id: str,
    clients: float | Mapping[str, float],
    on: dt.date,
    period_months: float = MONTHS_IN_YEAR,
) -> AreaResources:
    """Staff and quotas of one area (scalar form of ``resources_by_area``)."""
    staff = staff_allocation(clients, on)
    total = sum(clients.values()) if isinstance(clients, Mapping) else clients
    return AreaResources(area_id, staff, quotas(total, on, period_months))


def resources_by_area(
    areas: Frame, on: dt.date, period_months: float = MONTHS_IN_YEAR
) -> pl.DataFrame:
    """Staff and quota columns for every area of a frame (see ``staff_by_area``)."""
    return quotas_by_area(staff_by_area(areas, on), on, period_months)


# -- frame validation ----------------------------------------------------------------------------


def _float(column: str) -> pl.Expr:
    return pl.col(column).cast(pl.Float64)


def _checked_frame(frame: Frame, id_column: str, columns: Sequence[str]) -> pl.DataFrame:
    collected = frame.lazy().collect()
    missing = [c for c in (id_column, *columns) if c not in collected.columns]
    if missing:
        raise ValueError(f"the frame lacks the column(s) {', '.join(missing)}")
    for column in columns:
        _require_amounts(collected, id_column, column)
    return collected


def _require_amounts(frame: pl.DataFrame, id_column: str, column: str) -> None:
    valid = (_float(column).is_finite() & (_float(column) >= 0)).fill_null(False)
    refused = frame.filter(~valid)[id_column].head(SHOWN_IDS).cast(pl.String).to_list()
    if refused:
        raise ValueError(
            f"{column} must be a non-negative finite number; refused for {id_column} "
            f"{', '.join(str(i) for i in refused)}"
        )


def _checked_areas(areas: Frame, segments: Sequence[str]) -> pl.DataFrame:
    frame = areas.lazy().collect()
    if not _segment_columns_present(frame, segments):
        return _checked_frame(frame, "area_id", ["clients"])
    checked = _checked_frame(frame, "area_id", ["clients", *(f"clients_{s}" for s in segments)])
    _require_segments_add_up(checked, segments)
    return checked


def _segment_columns_present(frame: pl.DataFrame, segments: Sequence[str]) -> bool:
    present = [s for s in segments if f"clients_{s}" in frame.columns]
    if present and len(present) < len(segments):
        missing = [f"clients_{s}" for s in segments if s not in present]
        raise ValueError(
            f"give every clients_<segment> column or none; the frame lacks {', '.join(missing)}"
        )
    return bool(present)


def _require_segments_add_up(frame: pl.DataFrame, segments: Sequence[str]) -> None:
    given = pl.sum_horizontal([_float(f"clients_{s}") for s in segments])
    limit = SEGMENT_SUM_TOLERANCE * pl.max_horizontal(_float("clients"), pl.lit(1.0))
    refused = frame.filter((given - _float("clients")).abs() > limit)["area_id"].head(SHOWN_IDS)
    if len(refused):
        raise ValueError(
            "clients_<segment> columns must add up to clients; they do not for area_id "
            f"{', '.join(str(i) for i in refused.to_list())}"
        )
