"""The site-wide error page. Feature pages live in their apps."""

import sys

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.http import Http404, HttpResponse, HttpResponseServerError, JsonResponse
from django.template import loader
from django.views.defaults import page_not_found

from core.db_unavailable import database_unavailable_response, is_database_unavailable

SERVER_ERROR = "Something went wrong on our side; quote the request id if you report it."


def server_error(request, *args, **kwargs):
    """The 500 page: a sentence and the request id to quote, nothing else — no settings, no
    traceback (that goes to the server log under the same id). Rendered without context
    processors, which may be what failed."""
    # Django calls this while handling the exception. An unreachable database raised in a
    # middleware (loading the session) lands here, not in DatabaseUnavailableMiddleware.
    exc = sys.exc_info()[1]
    if is_database_unavailable(exc):
        return database_unavailable_response(request, exc)
    request_id = getattr(request, "request_id", "-")
    if request.path.startswith("/api/"):  # an API client parses JSON, even from a failure
        return JsonResponse({"detail": SERVER_ERROR, "request_id": request_id}, status=500)
    template = loader.get_template("500.html")
    return HttpResponseServerError(template.render({"request_id": request_id}))


BAD_REQUEST = "The request could not be read; check its body and headers."
NO_SUCH_ENDPOINT = "No such endpoint or object; see /api/docs/ for the API's paths."


def not_found(request, exception=None):
    """The 404 answer: JSON under /api/ (a client parsing JSON must never get a page), the
    site's own page elsewhere."""
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": NO_SUCH_ENDPOINT}, status=404)
    return page_not_found(request, exception or Http404())


def body_too_large_sentence() -> str:
    limit_mb = settings.DATA_UPLOAD_MAX_MEMORY_SIZE / (1024 * 1024)
    return (
        f"The request body is larger than {limit_mb:g} MB, the most the app accepts "
        "(API_BODY_MAX_MB). A batch of 300 answers fits when its explanations are sent as UTF-8 "
        "(not \\u escapes); send a larger one in parts."
    )


def bad_request(request, exception=None):
    """Django's 400 for what no view could read (a body past the size limit, a malformed
    multipart body): JSON under /api/ and for the vendor portal's JSON calls, 413 when it is
    the size, and a sentence either way."""
    too_large = isinstance(exception, RequestDataTooBig)
    status = 413 if too_large else 400
    sentence = body_too_large_sentence() if too_large else BAD_REQUEST
    if request.path.startswith(("/api/", "/vendor/")):
        return JsonResponse({"detail": sentence}, status=status)
    return HttpResponse(sentence, status=status, content_type="text/plain; charset=utf-8")
