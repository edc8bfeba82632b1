"""Amounts as people in Finland write them, in every language: ``12 345,50 €``."""

from decimal import Decimal

from babel.numbers import format_currency, format_decimal
from django import template

register = template.Library()


@register.filter
def euros(amount: Decimal | None) -> str:
    return "–" if amount is None else format_currency(amount, "EUR", locale="fi_FI")


@register.filter
def number(value: Decimal | int | None) -> str:
    """``1.5`` → ``1,5``; ``6.00`` → ``6``."""
    return "–" if value is None else format_decimal(value, format="#,##0.##", locale="fi_FI")
