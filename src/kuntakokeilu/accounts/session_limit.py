"""The absolute session limit: a session ends ``SESSION_ABSOLUTE_SECONDS`` after its login,
however busy it was. (The idle limit is Django's own: ``SESSION_COOKIE_AGE`` with
``SESSION_SAVE_EVERY_REQUEST``.)"""

from __future__ import annotations

from django.conf import settings
from django.utils import timezone

LOGIN_AT = "accounts.login_at"


def stamp_login(session) -> None:
    """Remember when the session's login happened (seconds since the epoch)."""
    session[LOGIN_AT] = timezone.now().timestamp()


def login_at(session) -> float | None:
    value = session.get(LOGIN_AT)
    return value if isinstance(value, int | float) else None


def is_too_old(session) -> bool:
    started = login_at(session)
    if started is None:  # a login that did not go through the signal: start counting now
        stamp_login(session)
        return False
    return timezone.now().timestamp() - started > settings.SESSION_ABSOLUTE_SECONDS
