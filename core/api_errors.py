"""How refused changes become API responses: one exception handler for every API view.

Views call services and let their errors rise. A view whose service can answer with the server's
current copy of an object (a stale answer save) says how to show it: `present_conflict`.
Django's ValidationError, which the catalogue services raise, becomes a 400 with its messages
filed under their fields, as DRF's own validation errors are.
"""

from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import exception_handler, set_rollback

from core.errors import ServiceError


def api_exception_handler(exc: Exception, context: dict) -> Response | None:
    """REST_FRAMEWORK["EXCEPTION_HANDLER"]."""
    if isinstance(exc, ServiceError):
        present = getattr(context.get("view"), "present_conflict", None)
        response = Response(exc.body(present), status=exc.http_status)
    elif isinstance(exc, DjangoValidationError):
        response = Response(serializers.as_serializer_error(exc), status=400)
    else:
        return exception_handler(exc, context)
    set_rollback()  # as DRF does for its own errors: nothing half-done is committed
    return response
