"""Template tags of the dashboards: figures in the Finnish format, the suppression mark, months."""

from __future__ import annotations

from django import template
from django.utils.html import format_html
from django.utils.translation import gettext as _

from kuntakokeilu import access
from kuntakokeilu.dashboards import formatting
from kuntakokeilu.dashboards.models import Finding
from kuntakokeilu.dashboards.suppression import MARK, small_cell_limit

register = template.Library()

register.filter("month_short", formatting.month_short)
register.filter("month_name", formatting.month_name)
register.filter("month_value", formatting.month_value)


@register.filter
def sees_indicators(user) -> bool:
    """Whether the navigation shows the monitoring link (the rule lives in ``access``)."""
    return access.can_see_indicators(user)


@register.simple_tag
def suppression_note() -> str:
    return _("Not shown: the figure is based on 1–%(limit)s persons.") % {
        "limit": small_cell_limit()
    }


@register.simple_tag
def cell(value, suppressed=False, unit=""):
    """A figure in the Finnish format, or the suppression mark with its meaning."""
    if suppressed:
        return format_html(
            '<abbr class="suppressed" title="{}">{}</abbr>', suppression_note(), MARK
        )
    return formatting.figure(value, unit)


@register.filter
def number(value) -> str:
    return formatting.number(value)


@register.filter
def severity_label(severity: str) -> str:
    known = dict(Finding.Severity.choices)
    return str(known.get(severity, severity))


@register.simple_tag
def rank_text(rank, ranked) -> str:
    if not rank or not ranked:
        return "–"
    return _("rank %(rank)s of %(ranked)s areas, highest first") % {
        "rank": rank,
        "ranked": ranked,
    }
