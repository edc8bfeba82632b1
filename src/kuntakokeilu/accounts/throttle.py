"""Login throttling: too many failures for a username, or from one address, lock further attempts.

``LOGIN_FAILURE_LIMIT`` failures within ``LOGIN_FAILURE_WINDOW_MINUTES`` lock the username (or the
address) until the oldest of those failures leaves the window. While locked, every attempt is
refused before the password is checked, so the right password does not help either. Failures are
``LoginAttempt`` rows, kept 24 hours; a successful login clears its username's failures.
"""

from __future__ import annotations

import datetime as dt
import ipaddress

from django.conf import settings
from django.db.models import QuerySet
from django.utils import timezone

from kuntakokeilu.accounts.models import LoginAttempt

KEPT = dt.timedelta(hours=24)


def window() -> dt.timedelta:
    return dt.timedelta(minutes=settings.LOGIN_FAILURE_WINDOW_MINUTES)


def normalise(username: str | None) -> str:
    """The username as throttling counts it: trimmed and case-folded (``Alice`` is ``alice``)."""
    return (username or "").strip().casefold()[:150]


def address_of(request) -> str | None:
    """The client's address as the server saw it (None when it is not an IP address)."""
    if request is None:
        return None
    try:
        return str(ipaddress.ip_address(request.META.get("REMOTE_ADDR", "")))
    except ValueError:
        return None


def locked_until(username: str | None, address: str | None) -> dt.datetime | None:
    """When the lock on ``username`` or ``address`` ends; None when neither is locked."""
    recent = LoginAttempt.objects.filter(at__gt=timezone.now() - window())
    ends = [lock_end(recent.filter(username=normalise(username)))]
    if address:
        ends.append(lock_end(recent.filter(address=address)))
    return max((end for end in ends if end is not None), default=None)


def lock_end(failures: QuerySet[LoginAttempt]) -> dt.datetime | None:
    """The lock lasts while ``LOGIN_FAILURE_LIMIT`` of these failures are inside the window."""
    limit = settings.LOGIN_FAILURE_LIMIT
    latest = list(failures.order_by("-at").values_list("at", flat=True)[:limit])
    return latest[-1] + window() if len(latest) >= limit else None


def record_failure(username: str | None, address: str | None) -> LoginAttempt:
    """Store one failure, and purge the failures older than 24 hours."""
    LoginAttempt.objects.filter(at__lt=timezone.now() - KEPT).delete()
    return LoginAttempt.objects.create(username=normalise(username), address=address)


def clear_failures(username: str) -> None:
    LoginAttempt.objects.filter(username=normalise(username)).delete()
