"""Argument types shared by the management commands: a bad value is a clear CommandError."""

import datetime as dt

from django.core.management.base import CommandError


def iso_date(text: str, option: str = "--on") -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise CommandError(f"{option} {text!r} is not a date: give it as YYYY-MM-DD") from None
