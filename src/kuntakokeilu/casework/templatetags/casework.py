"""Template filters of the case-work pages."""

from __future__ import annotations

import datetime as dt

from django import template
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from kuntakokeilu.casework.dates import finnish
from kuntakokeilu.casework.forms import LANGUAGE_NAMES, REASONS

register = template.Library()


@register.filter
def client_name(client) -> str:
    """Last name, first names; the client number when the register gave no name."""
    if client.last_name or client.first_names:
        return ", ".join(part for part in (client.last_name, client.first_names) if part)
    return _("client %(number)s") % {"number": client.pk}


@register.filter
def language_name(code: str) -> str:
    return str(LANGUAGE_NAMES.get(code, code))


@register.filter
def reasons_in_words(reasons: str) -> str:
    """The referral's rule identifiers (``NO_EARNINGS_RELATED;UNDER_30``) in words."""
    return ", ".join(str(REASONS.get(r, r)) for r in reasons.split(";") if r)


@register.filter
def person_name(user) -> str:
    if user is None:
        return ""
    return user.get_full_name() or user.get_username()


@register.filter
def fi_date(day: dt.date | None) -> str:
    return finnish(day) if day else ""


@register.simple_tag
def due_status(due_on: dt.date, on: dt.date) -> str:
    """In words, never by colour alone: overdue by n days, due today, or due in n days."""
    days = (due_on - on).days
    if days < 0:
        return ngettext("overdue by %(n)s day", "overdue by %(n)s days", -days) % {"n": -days}
    if days == 0:
        return _("due today")
    return ngettext("due in %(n)s day", "due in %(n)s days", days) % {"n": days}
