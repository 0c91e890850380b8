"""While the database cannot be reached (a restart, a failover), every request that needs it
answers 503 with Retry-After at once: JSON for the API (the autosave script retries), a short page
for people. Both carry the request id; the log gets one warning per request, not a traceback.

The database is reached in two places: views (DRF hands exceptions it does not know back to
Django, so DatabaseUnavailableMiddleware sees them too), and middleware such as session loading,
whose exceptions Django turns into a response before any other middleware sees them; those reach
the 500 handler (core.views.server_error), which asks this module for the same answer.
"""

import logging

from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template import loader

logger = logging.getLogger(__name__)

DB_UNAVAILABLE = (
    "The service is briefly unavailable: its database cannot be reached. "
    "Nothing was changed; please try again in a moment."
)
RETRY_AFTER_SECONDS = 5


def is_database_unavailable(exc: BaseException | None) -> bool:
    """The database's own trouble — refused or lost connections, a shutdown in progress, lock or
    statement timeouts — which goes away by itself. Integrity, data and programming errors are
    bugs and stay 500s."""
    return isinstance(exc, OperationalError | InterfaceError)


def database_unavailable_response(request: HttpRequest, exc: BaseException) -> HttpResponse:
    request_id = getattr(request, "request_id", "-")
    logger.warning(
        "database unavailable: %s %s answered 503 (%s: %s)",
        request.method,
        request.path,
        type(exc).__name__,
        str(exc).strip()[:300],
    )
    if request.path.startswith("/api/"):
        response = JsonResponse({"detail": DB_UNAVAILABLE, "request_id": request_id}, status=503)
    else:
        # Rendered without context processors: they may need the database too.
        page = loader.get_template("503.html").render(
            {"message": DB_UNAVAILABLE, "request_id": request_id}
        )
        response = HttpResponse(page, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    # Logged above as a warning; Django would add an ERROR line with a traceback per request.
    response._has_been_logged = True
    return response


class DatabaseUnavailableMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if is_database_unavailable(exception):
            return database_unavailable_response(request, exception)
        return None
