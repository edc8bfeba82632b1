"""Errors as JSON: an action's ``ValidationError`` becomes 400 with its field errors."""

from __future__ import annotations

from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import serializers
from rest_framework.views import exception_handler as drf_exception_handler


def field_errors(error: DjangoValidationError) -> dict | list:
    """The action's errors keyed by field (``non_field_errors`` for the ones without a field)."""
    if hasattr(error, "error_dict"):
        return {
            ("non_field_errors" if field == "__all__" else field): messages
            for field, messages in error.message_dict.items()
        }
    return {"non_field_errors": error.messages}


def as_api_error(error: DjangoValidationError) -> serializers.ValidationError:
    return serializers.ValidationError(field_errors(error))


def exception_handler(exc, context):
    """DRF's handler, plus Django's ``ValidationError`` (raised by actions) as 400."""
    if isinstance(exc, DjangoValidationError):
        exc = as_api_error(exc)
    return drf_exception_handler(exc, context)
