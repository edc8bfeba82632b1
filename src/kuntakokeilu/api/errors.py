"""Errors as JSON: an action's ``ValidationError`` becomes 400 with its field errors; a quota's
refusal (``code="quota"``, from ``services.actions.decide_service``) becomes 409 with what is left.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import serializers, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from kuntakokeilu.quotas.actions import QuotaExceeded


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


class QuotaRefused(Exception):
    """The area's quota cannot cover a decision, or no quota covers its day (409)."""

    def __init__(self, error: DjangoValidationError):
        super().__init__(error.messages[0])
        cause = error.__cause__  # the quota's own refusal, with the amounts
        self.exceeded = cause if isinstance(cause, QuotaExceeded) else None

    def body(self) -> dict:
        return {
            "detail": str(self),
            "code": "quota",
            "remaining_euros": str(self.exceeded.remaining_euros) if self.exceeded else None,
            "remaining_places": self.exceeded.remaining_places if self.exceeded else None,
        }


def is_quota_refusal(error: DjangoValidationError) -> bool:
    return getattr(error, "code", None) == "quota"


def exception_handler(exc, context):
    """DRF's handler, plus what actions raise: Django's ``ValidationError`` as 400 with the
    errors by field, or 409 when it is a quota's refusal."""
    if isinstance(exc, DjangoValidationError):
        exc = QuotaRefused(exc) if is_quota_refusal(exc) else as_api_error(exc)
    if isinstance(exc, QuotaRefused):
        return Response(exc.body(), status=status.HTTP_409_CONFLICT)
    return drf_exception_handler(exc, context)
