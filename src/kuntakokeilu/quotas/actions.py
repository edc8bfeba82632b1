"""Every change of a quota goes through here (docs/casework-design.md, "quotas").

- ``size_quotas`` sizes each experiment area's quotas from its clients (``rules.resources``).
- ``consume`` takes an amount from the quota covering a day with ONE conditional UPDATE
  (``... SET used = used + x WHERE id = ? AND used + x <= cap``): two decisions can never both
  take the last euros, whatever the isolation level, and the CHECK ``used <= cap`` backs it up.
- ``release`` gives back what a cancelled decision took; ``adjust`` changes the caps, with a
  reason, and writes the audit row in the same transaction.

On PostgreSQL a serialisation failure or a deadlock is retried a few times when the action runs
in its own transaction; inside a caller's transaction it is raised for the caller to retry.
"""

from __future__ import annotations

import datetime as dt
import random
import time
from collections.abc import Callable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import TypeVar

import polars as pl
from django.core.exceptions import ValidationError
from django.db import OperationalError, transaction
from django.db.models import Count, F, Q, Sum
from django.db.models.functions import Round
from django.db.models.lookups import LessThanOrEqual
from django.utils.translation import gettext

from kuntakokeilu.areas.models import Area
from kuntakokeilu.audit.log import record
from kuntakokeilu.clients.models import Client
from kuntakokeilu.quotas import formatting
from kuntakokeilu.quotas.models import CENT, EURO_DIGITS, Quota, QuotaAdjustment, QuotaUse, Service
from kuntakokeilu.quotas.periods import period_months
from kuntakokeilu.rules.resources import quota_services, quotas_by_area
from kuntakokeilu.web.clock import today

#: How many times an action runs before a serialisation failure or deadlock is passed on.
ATTEMPTS = 5
#: Seconds; the n-th retry waits a random time up to BACKOFF × 2**n.
BACKOFF = 0.02
#: PostgreSQL's serialization_failure and deadlock_detected.
RETRIED_SQLSTATES = frozenset({"40001", "40P01"})

#: The first amount a euro column cannot hold.
LARGEST_EUROS = Decimal(10) ** (EURO_DIGITS - 2)

T = TypeVar("T")


# -- errors --------------------------------------------------------------------------------------


class QuotaError(Exception):
    """A quota action refused; ``str()`` is the message for people, in the active language."""

    def __str__(self) -> str:
        return self.message()

    def message(self) -> str:
        raise NotImplementedError


def _service_name(service: str) -> str:
    return str(Service(service).label) if service in Service.values else service


def _period(quota: Quota) -> str:
    return f"{formatting.day(quota.period_start)}–{formatting.day(quota.period_end)}"


class NoQuota(QuotaError):
    """No quota of the area and service covers the day."""

    def __init__(self, area: Area, service: str, on: dt.date):
        super().__init__(area, service, on)
        self.area, self.service, self.on = area, service, on

    def message(self) -> str:
        return gettext("%(area)s has no %(service)s quota for %(day)s.") % {
            "area": self.area.name,
            "service": _service_name(self.service),
            "day": formatting.day(self.on),
        }


class QuotaExceeded(QuotaError):
    """The quota has less left than asked for; nothing was taken."""

    def __init__(
        self,
        remaining_euros: Decimal,
        remaining_places: int | None,
        quota: Quota,
        asked_euros: Decimal = Decimal(0),
        asked_places: int = 0,
    ):
        super().__init__(remaining_euros, remaining_places, quota)
        self.remaining_euros = remaining_euros
        self.remaining_places = remaining_places  # None: the quota does not limit places
        self.quota = quota
        self.asked_euros = asked_euros
        self.asked_places = asked_places

    def message(self) -> str:
        values = {
            "service": _service_name(self.quota.service),
            "area": self.quota.area.name,
            "period": _period(self.quota),
            "euros": formatting.euros(self.remaining_euros),
            "asked_euros": formatting.euros(self.asked_euros),
        }
        if self.remaining_places is None:
            text = gettext(
                "The %(service)s quota of %(area)s for %(period)s has %(euros)s left; "
                "%(asked_euros)s was asked for."
            )
            return text % values
        text = gettext(
            "The %(service)s quota of %(area)s for %(period)s has %(euros)s and %(places)s "
            "places left; %(asked_euros)s and %(asked_places)s places were asked for."
        )
        places = formatting.count(self.remaining_places)
        return text % {**values, "places": places, "asked_places": self.asked_places}


class NothingToRelease(QuotaError):
    """No use under the reference is outstanding (never consumed, or released already)."""

    def __init__(self, reference: str):
        super().__init__(reference)
        self.reference = reference

    def message(self) -> str:
        return gettext("Nothing is in use under %(reference)s.") % {"reference": self.reference}


# -- amounts and retries -------------------------------------------------------------------------


def euro_amount(value, name: str = "euros") -> Decimal:
    """A non-negative amount in whole cents; floats are read through their shortest repr."""
    try:
        amount = Decimal(str(value)) if isinstance(value, float) else Decimal(value)
    except (InvalidOperation, TypeError, ValueError):
        raise ValueError(f"{name} must be an amount in euros, got {value!r}") from None
    if not amount.is_finite() or amount < 0:
        raise ValueError(f"{name} must be a non-negative amount, got {value!r}")
    if amount >= LARGEST_EUROS:
        raise ValueError(f"{name} must be below {LARGEST_EUROS} euros, got {value!r}")
    if amount != amount.quantize(CENT):
        raise ValueError(f"{name} must be in whole cents, got {value!r}")
    return amount.quantize(CENT)


def place_count(value, name: str = "places") -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ValueError(f"{name} must be a non-negative whole number, got {value!r}")
    return value


def _retryable(error: OperationalError) -> bool:
    cause = error.__cause__  # the driver's error: psycopg 3 names the code sqlstate, 2 pgcode
    sqlstate = getattr(cause, "sqlstate", None) or getattr(cause, "pgcode", None)
    return sqlstate in RETRIED_SQLSTATES


def in_own_transaction(work: Callable[[], T]) -> T:
    """Run ``work`` atomically; retry serialisation failures and deadlocks when the transaction
    is ours (not nested in a caller's, which PostgreSQL has aborted by then)."""
    outermost = not transaction.get_connection().in_atomic_block
    for attempt in range(1, ATTEMPTS + 1):
        try:
            with transaction.atomic():
                return work()
        except OperationalError as error:
            if not (outermost and attempt < ATTEMPTS and _retryable(error)):
                raise
            time.sleep(random.uniform(0, BACKOFF * 2**attempt))
    raise AssertionError("unreachable")  # pragma: no cover


# -- sizing --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SizedQuota:
    """One quota as sized, and what sizing did to it: created, updated, unchanged, or kept
    (``kept_adjusted``: a person has adjusted it; ``kept_in_use``: more is used than the new
    size)."""

    quota: Quota
    clients: int
    places: int
    euros: Decimal
    status: str


def size_quotas(on: dt.date, period_start: dt.date, period_end: dt.date) -> list[SizedQuota]:
    """Create or update the quotas of every experiment area with members in the period, from the
    number of clients the area is responsible for now and the quota parameters in force on
    ``on``, pro-rated for the period. Idempotent: running it again changes nothing."""
    months = period_months(period_start, period_end)
    services = _known_services(on)
    areas = experiment_areas(period_start, period_end)
    clients = client_counts(areas)
    rows = _formula_rows(areas, clients, on, months)
    period = (period_start, period_end)
    return in_own_transaction(
        lambda: [
            _size(area, service, period, rows[area.area_id], clients[area.pk])
            for area in areas
            for service in services
        ]
    )


def _known_services(on: dt.date) -> tuple[str, ...]:
    services = quota_services(on)
    unknown = sorted(set(services) - set(Service.values))
    if unknown:
        raise ValueError(f"quota_service_use names services unknown here: {', '.join(unknown)}")
    return services


def _formula_rows(areas: list[Area], clients: dict[int, int], on: dt.date, months: float) -> dict:
    """area_id → ``<service>_places`` and ``<service>_euros`` by ``rules.resources``."""
    frame = pl.DataFrame(
        {"area_id": [a.area_id for a in areas], "clients": [clients[a.pk] for a in areas]},
        schema={"area_id": pl.String, "clients": pl.Int64},
    )
    sized = quotas_by_area(frame, on, months)
    return {row["area_id"]: row for row in sized.iter_rows(named=True)}


def experiment_areas(start: dt.date, end: dt.date) -> list[Area]:
    return list(
        Area.objects.filter(
            kind=Area.Kind.EXPERIMENT_AREA,
            memberships__valid_from__lte=end,
            memberships__valid_to__gte=start,
        )
        .distinct()
        .order_by("name")
    )


def client_counts(areas: list[Area]) -> dict[int, int]:
    """Area pk → how many clients the area is responsible for now."""
    counted = dict(
        Client.objects.filter(area__in=areas)
        .order_by()
        .values("area")
        .annotate(n=Count("pk"))
        .values_list("area", "n")
    )
    return {area.pk: counted.get(area.pk, 0) for area in areas}


def _rounded(value: float, exponent: Decimal) -> Decimal:
    return Decimal(repr(value)).quantize(exponent, rounding=ROUND_HALF_UP)


def _size(area: Area, service: str, period: tuple, row: dict, clients: int) -> SizedQuota:
    places = int(_rounded(row[f"{service}_places"], Decimal(1)))
    euros = _rounded(row[f"{service}_euros"], CENT)
    quota, status = _store_size(area, service, period, places, euros)
    if status in ("created", "updated"):
        record(
            actor=None,
            action={"created": "create", "updated": "update"}[status],
            purpose="administration",
            object_kind="quota",
            object_id=quota.pk,
            detail=f"sized: {euros} euros, {places} places, {clients} clients",
        )
    return SizedQuota(quota, clients, places, euros, status)


def _store_size(area, service, period, places: int, euros: Decimal) -> tuple[Quota, str]:
    start, end = period
    quota = _existing_quota(area, service, start, end)
    if quota is None:
        quota = Quota.objects.create(
            area=area,
            service=service,
            period_start=start,
            period_end=end,
            cap_euros=euros,
            cap_places=places,
        )
        return quota, "created"
    if (quota.cap_euros, quota.cap_places) == (euros, places):
        return quota, "unchanged"
    if quota.adjustments.exists():
        return quota, "kept_adjusted"
    resized = Quota.objects.filter(pk=quota.pk, used_euros__lte=euros, used_places__lte=places)
    if not resized.update(cap_euros=euros, cap_places=places):
        return quota, "kept_in_use"
    quota.refresh_from_db()
    return quota, "updated"


def _existing_quota(area, service, start: dt.date, end: dt.date) -> Quota | None:
    """The quota of exactly this period (locked), or None; another period overlapping it is an
    error, so that one day is never covered by two quotas of a service."""
    found = list(
        Quota.objects.select_for_update()
        .filter(area=area, service=service)
        .overlapping(start, end)
        .order_by("pk")
    )
    clash = [q for q in found if (q.period_start, q.period_end) != (start, end)]
    if clash:
        raise ValueError(
            f"{area.area_id} already has a {service} quota for "
            f"{clash[0].period_start}–{clash[0].period_end}, which overlaps {start}–{end}"
        )
    return found[0] if found else None


# -- consuming and releasing ---------------------------------------------------------------------


def covering_quota(area: Area, service: str, on: dt.date) -> Quota:
    quota = (
        Quota.objects.select_related("area")
        .filter(area=area, service=service)
        .covering(on)
        .order_by("-period_start")
        .first()
    )
    if quota is None:
        raise NoQuota(area, service, on)
    return quota


def consume(
    *, area: Area, service: str, on: dt.date, euros, places: int = 0, reference: str = ""
) -> Quota:
    """Take ``euros`` and ``places`` from the area's quota of ``service`` covering ``on`` and
    write the ledger row; the quota as it is after. Raises ``QuotaExceeded`` (nothing taken)
    when less is left, ``NoQuota`` when no quota covers ``on``."""
    amount, count = euro_amount(euros), place_count(places)
    return in_own_transaction(lambda: _consume(area, service, on, amount, count, reference))


def _cents(expression):
    """Rounded to the cent in the database: a no-op on PostgreSQL's numeric; on SQLite, which
    keeps decimals as binary floats, it makes 0.10 + 0.20 equal 0.30 again."""
    return Round(expression, 2)


def _consume(area, service, on, euros: Decimal, places: int, reference: str) -> Quota:
    quota = covering_quota(area, service, on)
    used_after = _cents(F("used_euros") + euros)
    euros_fit = LessThanOrEqual(used_after, F("cap_euros"))
    places_fit = Q(cap_places__isnull=True) | Q(
        LessThanOrEqual(F("used_places") + places, F("cap_places"))
    )
    taken = Quota.objects.filter(euros_fit, places_fit, pk=quota.pk).update(
        used_euros=used_after, used_places=F("used_places") + places
    )
    quota.refresh_from_db(fields=["cap_euros", "used_euros", "cap_places", "used_places"])
    if not taken:
        raise QuotaExceeded(quota.remaining_euros, quota.remaining_places, quota, euros, places)
    QuotaUse.objects.create(
        quota=quota,
        kind=QuotaUse.Kind.CONSUME,
        euros=euros,
        places=places,
        on=on,
        reference=reference,
    )
    return quota


def release(*, reference: str, on: dt.date | None = None) -> list[Quota]:
    """Give back everything still in use under ``reference`` (a cancelled decision) and write
    the ledger rows; the quotas as they are after. Raises ``NothingToRelease`` when nothing is
    outstanding, so a second release of the same decision gives nothing back twice."""
    if not reference.strip():
        raise ValueError("release needs the reference the use was recorded under")
    day = on or today()
    return in_own_transaction(lambda: _release(reference, day))


def _release(reference: str, on: dt.date) -> list[Quota]:
    used_in = QuotaUse.objects.filter(reference=reference).order_by().values("quota").distinct()
    # Lock first, then read the ledger: a concurrent release of the same reference waits here
    # and then sees this one's rows.
    quotas = Quota.objects.select_for_update().filter(pk__in=used_in).order_by("pk")
    released = [quota for quota in quotas if _release_from(quota, reference, on)]
    if not released:
        raise NothingToRelease(reference)
    return released


def _release_from(quota: Quota, reference: str, on: dt.date) -> bool:
    outstanding = quota.uses.filter(reference=reference).aggregate(
        euros=Sum("euros", default=Decimal(0)), places=Sum("places", default=0)
    )
    euros, places = Decimal(outstanding["euros"]).quantize(CENT), outstanding["places"]
    if euros <= 0 and places <= 0:
        return False
    Quota.objects.filter(pk=quota.pk).update(
        used_euros=_cents(F("used_euros") - euros), used_places=F("used_places") - places
    )
    QuotaUse.objects.create(
        quota=quota,
        kind=QuotaUse.Kind.RELEASE,
        euros=-euros,
        places=-places,
        on=on,
        reference=reference,
    )
    quota.refresh_from_db()
    return True


# -- adjusting -----------------------------------------------------------------------------------


def adjust(
    quota: Quota, *, new_cap_euros, new_cap_places: int | None, reason: str, by, request=None
) -> Quota:
    """Set the quota's caps, with the reason, as ``by``: writes the ``QuotaAdjustment`` and the
    audit row in one transaction; the quota as it is after. Raises ``ValidationError`` keyed by
    field (``new_cap_euros``, ``new_cap_places``, ``reason``) and changes nothing when the reason
    is empty or a cap would be below what is already used."""
    reason = (reason or "").strip()
    euros = _cap_euros(new_cap_euros)
    places = None if new_cap_places is None else _cap_places(new_cap_places)
    return in_own_transaction(lambda: _adjust(quota, euros, places, reason, by, request))


def _cap_euros(value) -> Decimal:
    try:
        return euro_amount(value, "new_cap_euros")
    except ValueError:
        raise ValidationError(
            {"new_cap_euros": gettext("Give a non-negative amount in euros and cents.")}
        ) from None


def _cap_places(value) -> int:
    try:
        return place_count(value, "new_cap_places")
    except ValueError:
        raise ValidationError(
            {"new_cap_places": gettext("Give a non-negative whole number of places.")}
        ) from None


def _adjust(quota: Quota, euros: Decimal, places: int | None, reason: str, by, request) -> Quota:
    locked = Quota.objects.select_for_update().get(pk=quota.pk)
    _refuse_bad_adjustment(locked, euros, places, reason)
    QuotaAdjustment.objects.create(
        quota=locked,
        old_cap_euros=locked.cap_euros,
        new_cap_euros=euros,
        old_cap_places=locked.cap_places,
        new_cap_places=places,
        reason=reason,
        adjusted_by=by,
    )
    Quota.objects.filter(pk=locked.pk).update(cap_euros=euros, cap_places=places)
    record(
        actor=by,
        action="update",
        purpose="supervision",
        object_kind="quota",
        object_id=locked.pk,
        request=request,
        detail=(
            f"caps {locked.cap_euros} → {euros} euros, "
            f"{_or_none(locked.cap_places)} → {_or_none(places)} places"
        ),
    )
    quota.refresh_from_db()
    return quota


def _or_none(places: int | None) -> str:
    return "no limit" if places is None else str(places)


def _refuse_bad_adjustment(quota: Quota, euros: Decimal, places: int | None, reason: str) -> None:
    errors = adjustment_errors(quota, euros, places, reason)
    if errors:
        raise ValidationError(errors)


def adjustment_errors(
    quota: Quota, euros: Decimal | None, places: int | None, reason: str | None
) -> dict[str, str]:
    """What is wrong with new caps for ``quota``, by field; empty when nothing is. ``None`` for
    ``euros`` or ``reason``: not given yet, not checked (a form shows every error at once)."""
    errors: dict[str, str] = {}
    if reason is not None and not reason.strip():
        errors["reason"] = gettext("Give the reason for the change.")
    if euros is not None and euros < quota.used_euros:
        errors["new_cap_euros"] = gettext(
            "The cap cannot be below what is already used: %(used)s."
        ) % {"used": formatting.euros(quota.used_euros)}
    if places is not None and places < quota.used_places:
        errors["new_cap_places"] = gettext(
            "The cap cannot be below the places already used: %(used)s."
        ) % {"used": formatting.count(quota.used_places)}
    if not errors and (euros, places) == (quota.cap_euros, quota.cap_places):
        errors["new_cap_euros"] = gettext("The new caps are the same as the current ones.")
    return errors
