"""The site-wide error page. Feature pages live in their apps."""

import sys

from django.http import HttpResponseServerError
from django.template import loader

from core.db_unavailable import database_unavailable_response, is_database_unavailable


def server_error(request, *args, **kwargs):
    """The 500 page: a sentence and the request id to quote, nothing else — no settings, no
    traceback (that goes to the server log under the same id). Rendered without context
    processors, which may be what failed."""
    # Django calls this while handling the exception. An unreachable database raised in a
    # middleware (loading the session) lands here, not in DatabaseUnavailableMiddleware.
    exc = sys.exc_info()[1]
    if is_database_unavailable(exc):
        return database_unavailable_response(request, exc)
    template = loader.get_template("500.html")
    request_id = getattr(request, "request_id", "-")
    return HttpResponseServerError(template.render({"request_id": request_id}))
