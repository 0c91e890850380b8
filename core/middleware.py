"""Request ids (carried into logs and Celery tasks) and session lifetimes."""

import re
import time
import uuid
from contextvars import ContextVar

from django.conf import settings
from django.contrib.auth import logout
from django.http import JsonResponse
from django.shortcuts import redirect

request_id_var: ContextVar[str] = ContextVar("request_id", default="-")
_VALID_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")

SESSION_EXPIRED = "Your session has ended; please sign in again."


class RequestIdMiddleware:
    """Every request gets an id: the proxy's X-Request-ID when it looks sane, else a new one.
    It is returned in the response, written to every log line, and shown on the error page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        incoming = request.headers.get("X-Request-ID", "")
        request.request_id = incoming if _VALID_ID.match(incoming) else uuid.uuid4().hex
        token = request_id_var.set(request.request_id)
        try:
            response = self.get_response(request)
        finally:
            request_id_var.reset(token)
        response["X-Request-ID"] = request.request_id
        return response


class SessionLifetimeMiddleware:
    """Ends a session after SESSION_IDLE_SECONDS without activity or SESSION_ABSOLUTE_SECONDS
    after sign-in, whichever comes first. The activity stamp is refreshed at most once a minute,
    so busy pages (autosave) do not write the session on every request."""

    STAMP_EVERY = 60

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            now = int(time.time())
            session = request.session
            started = session.setdefault("signed_in_at", now)
            last = session.get("last_activity", now)
            if (now - last > settings.SESSION_IDLE_SECONDS
                    or now - started > settings.SESSION_ABSOLUTE_SECONDS):
                logout(request)
                if request.path.startswith("/api/"):
                    return JsonResponse({"detail": SESSION_EXPIRED}, status=401)
                return redirect(f"{settings.LOGIN_URL_PATH}?next={request.path}")
            if now - last >= self.STAMP_EVERY or "last_activity" not in session:
                session["last_activity"] = now
        return self.get_response(request)
