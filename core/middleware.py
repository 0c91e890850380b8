"""Request ids (carried into logs and Celery tasks), session lifetimes, and the second factor's
hold on a session until its code is given."""

import re
import time
import uuid
from contextvars import ContextVar

from django.conf import settings
from django.contrib.auth import logout
from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.http import urlencode

from core.sessions import current_session_var, second_factor_done, session_predates_cutoff

request_id_var: ContextVar[str] = ContextVar("request_id", default="-")
_VALID_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")

SESSION_EXPIRED = "Your session has ended; please sign in again."
CREDENTIALS_CHANGED = (
    "You were signed out because your password, authenticator app or roles changed. "
    "Please sign in again."
)
SIGNED_OUT_BECAUSE = {"expired": SESSION_EXPIRED, "credentials": CREDENTIALS_CHANGED}
CODE_REQUIRED = "Enter the code from your authenticator app in the browser to finish signing in."
SECOND_FACTOR_REQUIRED = (
    "Your account must have an authenticator app first: add one on the Account security page."
)


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


class NoStoreMiddleware:
    """Nothing the app answers may be kept by a browser or a proxy cache: pages, API answers,
    evidence and report downloads carry assessment data (or a form with a CSRF token). Every
    response without its own Cache-Control gets `no-store, private` (static files are answered
    before this, by WhiteNoise, with their long cache lifetimes)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if not response.has_header("Cache-Control"):
            add_never_cache_headers(response)
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
            if (
                now - last > settings.SESSION_IDLE_SECONDS
                or now - started > settings.SESSION_ABSOLUTE_SECONDS
            ):
                return self._signed_out(request, "expired")
            if session_predates_cutoff(session, user):
                return self._signed_out(request, "credentials")
            if now - last >= self.STAMP_EVERY or "last_activity" not in session:
                session["last_activity"] = now
            token = current_session_var.set((user.pk, session))
            try:
                return self.get_response(request)
            finally:
                current_session_var.reset(token)
        return self.get_response(request)

    @staticmethod
    def _signed_out(request, why: str):
        """Signs out; the sign-in page says why (`ended`: a key of SIGNED_OUT_BECAUSE)."""
        logout(request)
        if request.path.startswith("/api/"):
            return JsonResponse({"detail": SIGNED_OUT_BECAUSE[why]}, status=401)
        query = urlencode({"next": request.path, "ended": why})
        return redirect(f"{settings.LOGIN_URL_PATH}?{query}")


class SecondFactorMiddleware:
    """Holds back a signed-in session that still owes its second factor (after OTPMiddleware).

    A user with a confirmed authenticator app whose session has not given a code reaches only the
    code page (and its recovery-code variant) and sign-out: every other page redirects there, the
    API answers 403. With OTP_REQUIRED_FOR_REVIEWERS, an architect or admin without an app reaches
    only the account security page (to add one) and sign-out. API requests with a token carry no
    session and pass here; the token endpoint asks for the app's code instead (core.tokens.api).
    """

    # By view name (namespaced), so that admin:logout or an app's "login" never matches by accident.
    WHILE_CODE_OWED = frozenset({"login-code", "login-recovery", "logout"})
    WHILE_DEVICE_OWED = WHILE_CODE_OWED | {
        "account-security",
        "totp-setup",
        "totp-confirm",
        "totp-remove",
    }

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        # Imported here: core.logging imports this module while the settings load, before any
        # model can be.
        from core.totp import user_has_second_factor, user_must_add_second_factor

        user = request.user
        if not user.is_authenticated or second_factor_done(request):
            return None
        view_name = request.resolver_match.view_name if request.resolver_match else ""
        if user_has_second_factor(user):
            if view_name in self.WHILE_CODE_OWED:
                return None
            if request.path.startswith("/api/"):
                return JsonResponse({"detail": CODE_REQUIRED}, status=403)
            target = reverse("login-code")
            if request.method == "GET":  # back to the page asked for, once the code is given
                target += "?" + urlencode({"next": request.get_full_path()})
            return redirect(target)
        if user_must_add_second_factor(user) and view_name not in self.WHILE_DEVICE_OWED:
            if request.path.startswith("/api/"):
                return JsonResponse({"detail": SECOND_FACTOR_REQUIRED}, status=403)
            return redirect("account-security")
        return None
