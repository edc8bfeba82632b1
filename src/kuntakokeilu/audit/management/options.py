"""Options shared by the audit commands."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.management.base import CommandError


def add_by_option(parser) -> None:
    parser.add_argument(
        "--by", metavar="USERNAME", help="the user on whose behalf this runs (written in the log)"
    )


def actor_named(username: str | None):
    """The user ``--by`` names, or None (the log then records no actor)."""
    if not username:
        return None
    try:
        return get_user_model().objects.get_by_natural_key(username)
    except get_user_model().DoesNotExist:
        raise CommandError(f"--by {username!r}: no such user") from None
