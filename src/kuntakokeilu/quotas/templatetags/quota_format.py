"""Template filters for amounts in the Finnish format (see ``quotas.formatting``)."""

from django import template

from kuntakokeilu.quotas import formatting

register = template.Library()

register.filter("euros", formatting.euros)
register.filter("count", formatting.count)
register.filter("share", formatting.share)
register.filter("day", formatting.day)


@register.filter
def places_or_dash(value):
    """A number of places, or a dash where there is no limit."""
    return "–" if value is None else formatting.count(value)
