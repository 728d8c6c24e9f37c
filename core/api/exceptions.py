"""One shape for every API error, in the DRF manner.

A problem with named fields or query parameters is `{"<name>": ["message", ...]}` (`non_field_errors` when it is
about the request as a whole); anything else is `{"detail": "message"}`. Errors the services raise (Django's
ValidationError and PermissionDenied) become 400 and 403 here, so viewsets only call services.
"""

import logging

from django.core.exceptions import ObjectDoesNotExist
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import DataError, IntegrityError
from rest_framework import exceptions, status
from rest_framework.settings import api_settings
from rest_framework.views import exception_handler

logger = logging.getLogger(__name__)


class Conflict(exceptions.APIException):
    status_code = status.HTTP_409_CONFLICT
    default_detail = "Someone else changed this at the same moment. Fetch it again and retry."
    default_code = "conflict"


def validation_detail(error: DjangoValidationError) -> dict:
    """Django's ValidationError as field -> messages, with errors about the whole request under non_field_errors."""
    if hasattr(error, "error_dict"):
        return {
            (api_settings.NON_FIELD_ERRORS_KEY if field == "__all__" else field): messages
            for field, messages in error.message_dict.items()
        }
    return {api_settings.NON_FIELD_ERRORS_KEY: list(error.messages)}


def api_exception_handler(exc, context):
    if isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(validation_detail(exc))
    elif isinstance(exc, ObjectDoesNotExist):
        exc = exceptions.NotFound()
    elif isinstance(exc, IntegrityError):
        logger.warning("API write conflicted: %s", exc)
        exc = Conflict()
    elif isinstance(exc, DataError):
        logger.warning("API write refused by the database: %s", exc)
        exc = exceptions.ValidationError(
            {api_settings.NON_FIELD_ERRORS_KEY: ["A value is too long or too large to store. Check the figures."]}
        )
    elif isinstance(exc, exceptions.UnsupportedMediaType):
        exc.detail = _detail("Send the request body as JSON, with the header Content-Type: application/json.", exc)
    elif isinstance(exc, exceptions.ParseError) and str(exc.detail).startswith("JSON parse error"):
        reason = str(exc.detail).removeprefix("JSON parse error - ")
        exc.detail = _detail(f"The request body is not valid JSON ({reason}).", exc)
    elif isinstance(exc, exceptions.Throttled):
        wait = f" Try again in {exc.wait} seconds." if exc.wait else ""
        exc.detail = _detail(f"Too many requests for this token or person.{wait}", exc)
    elif isinstance(exc, exceptions.NotAuthenticated):
        # Changed in place: DRF has already set the status (401 or 403) and the WWW-Authenticate header on it.
        exc.detail = _detail("Sign in, or send an API token in the header Authorization: Bearer <token>.", exc)
    return exception_handler(exc, context)


def _detail(message: str, exc: exceptions.APIException) -> exceptions.ErrorDetail:
    return exceptions.ErrorDetail(message, code=exc.default_code)
