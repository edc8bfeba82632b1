"""A few typed helpers that read settings from the environment, failing loudly on bad values."""

from __future__ import annotations

import os

from django.core.exceptions import ImproperlyConfigured

TRUE = {"1", "true", "yes", "on"}
FALSE = {"0", "false", "no", "off", ""}


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    if raw.strip().lower() in TRUE:
        return True
    if raw.strip().lower() in FALSE:
        return False
    raise ImproperlyConfigured(f"{name}={raw!r} is not a yes/no value: use 1/0, true/false, yes/no")


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name}={raw!r} is not a whole number") from None


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


def required_secret(name: str, debug: bool, development_value: str) -> str:
    """A secret that must be set in production (DEBUG off); a fixed value is fine in development."""
    value = os.environ.get(name, "")
    if value:
        return value
    if debug:
        return development_value
    raise ImproperlyConfigured(
        f"{name} is not set. With KUNTAKOKEILU_DEBUG off the system refuses to start without it: "
        f"set {name} to a long random value (e.g. python -c 'import secrets; "
        "print(secrets.token_urlsafe(50))')."
    )


def env_date(name: str):
    """An ISO date (YYYY-MM-DD) or None when unset."""
    import datetime as dt

    raw = os.environ.get(name, "").strip()
    if not raw:
        return None
    try:
        return dt.date.fromisoformat(raw)
    except ValueError:
        message = f"{name}={raw!r} is not a date: write it as YYYY-MM-DD"
        raise ImproperlyConfigured(message) from None
