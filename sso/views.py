"""Company sign-in pages: start (off to the provider), callback (back from it), and sign-out,
which also ends the provider's session when the provider offers RP-initiated logout."""

import logging
import time
from functools import partial

from django.conf import settings
from django.contrib.auth import login, logout
from django.db import IntegrityError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render, resolve_url
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST, require_safe

from core.client_ip import client_ip
from core.sessions import CREDENTIALS_AT, PROVIDER_MFA
from core.sign_in import support_contact
from sso.config import sso_enabled
from sso.failures import FAILURES, SignInFailed
from sso.oidc import oidc_authorize_redirect, oidc_complete, oidc_logout_url
from sso.services import sso_identity_sign_in

security_log = logging.getLogger("security")

NEXT = "sso_next"
ID_TOKEN = "sso_id_token"  # noqa: S105 -- a session key, not a secret
BACKEND = "core.auth_backend.RoleLoadingBackend"


def _safe_next(request: HttpRequest, candidate: str) -> str:
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return resolve_url(settings.LOGIN_REDIRECT_URL)


def _failed(request: HttpRequest, error: SignInFailed) -> HttpResponse:
    security_log.warning(
        "company sign-in failed: %s (%s) from %s",
        error.reason,
        error.detail,
        client_ip(request),
        extra={"event": "sso.failed", "reason": error.reason, "ip": client_ip(request)},
    )
    failure = FAILURES[error.reason]
    provider = settings.OIDC_PROVIDER_NAME
    context = {
        "title": failure.title.format(provider=provider),
        "explanation": failure.explanation.format(provider=provider),
        "next_step": failure.next_step,
        "provider": provider,
        **support_contact(),
    }
    status = 403 if error.reason in ("deactivated", "audience", "issuer", "token") else 400
    if error.reason == "unreachable":
        status = 502
    return render(request, "sso/failed.html", context, status=status)


@require_safe
def sso_start(request: HttpRequest) -> HttpResponse:
    if not sso_enabled():
        raise Http404("Company sign-in is not configured.")
    request.session[NEXT] = _safe_next(request, request.GET.get("next", ""))
    try:
        return oidc_authorize_redirect(request, request.build_absolute_uri(reverse("sso-callback")))
    except SignInFailed as error:
        return _failed(request, error)


def _signed_in(claims: dict, ip: str):
    sign_in = partial(sso_identity_sign_in, issuer=settings.OIDC_ISSUER, claims=claims, ip=ip)
    try:
        return sign_in()
    except IntegrityError:
        # Two first sign-ins at once (the same person in two tabs, or two people wanting one
        # username): the other made its rows first; this attempt now finds or avoids them.
        return sign_in()


@require_safe
def sso_callback(request: HttpRequest) -> HttpResponse:
    if not sso_enabled():
        raise Http404("Company sign-in is not configured.")
    try:
        claims, id_token = oidc_complete(request)
        outcome = _signed_in(claims, client_ip(request))
    except SignInFailed as error:
        return _failed(request, error)
    next_url = _safe_next(request, request.session.get(NEXT, ""))
    login(request, outcome.user, backend=BACKEND)  # a new session key, as at any sign-in
    # Proves this session newer than the cut-off a removed role just set (core/sessions.py).
    request.session[CREDENTIALS_AT] = time.time()
    request.session[PROVIDER_MFA] = outcome.provider_mfa
    request.session[ID_TOKEN] = id_token
    return redirect(next_url)


@require_POST
def sign_out(request: HttpRequest) -> HttpResponse:
    """Ends our session; after a company sign-in, sends the browser on to the provider's
    end-session address so that its session ends too, and it comes back to our sign-in page."""
    id_token = request.session.get(ID_TOKEN)
    logout(request)
    if id_token and sso_enabled():
        back = request.build_absolute_uri(resolve_url(settings.LOGOUT_REDIRECT_URL))
        provider_logout = oidc_logout_url(id_token=id_token, post_logout_redirect_uri=back)
        if provider_logout:
            return redirect(provider_logout)
    return redirect(settings.LOGOUT_REDIRECT_URL)
