"""Ending a person's other browser sessions when their credentials or roles change.

Sessions are not indexed by user (and may live in a cache), so they are not deleted: a cutoff
time is stored per user and read with the user on every request (core.auth_backend), and a
session signed in before it ends there (core.middleware.SessionLifetimeMiddleware). The session
that made the change, when it is the person's own, is kept: it just proved who it is.
"""

import datetime
from contextvars import ContextVar

from django.utils import timezone

# The session of the request being served, set by SessionLifetimeMiddleware.
current_session_var: ContextVar = ContextVar("current_session", default=None)
# When this session last proved the credentials it holds (sign-in, or a change it made).
CREDENTIALS_AT = "credentials_at"
# Set by a company sign-in (sso/) whose identity token says the provider asked for a second
# factor: the session then owes no authenticator-app code here (core.middleware).
PROVIDER_MFA = "provider_mfa"


def second_factor_done(request) -> bool:
    """Whether this session has given its second factor: a code here, or the provider's MFA."""
    return bool(request.user.is_verified() or request.session.get(PROVIDER_MFA))


def user_sessions_end_others(*, user) -> None:
    # Imported here: core.middleware imports this module while the settings load (core.logging).
    from core.models import SignInCutoff

    now = timezone.now()
    SignInCutoff.objects.update_or_create(user=user, defaults={"at": now})
    current = current_session_var.get()
    if current is not None and current[0] == user.pk:
        current[1][CREDENTIALS_AT] = now.timestamp()


def session_predates_cutoff(session, user) -> bool:
    """Whether this signed-in session began before the user's sessions were cut off."""
    cutoff = getattr(user, "_sign_in_cutoff", None)
    if cutoff is None:
        return False
    if isinstance(cutoff, str):  # raw rows on SQLite
        cutoff = datetime.datetime.fromisoformat(cutoff)
    if timezone.is_naive(cutoff):
        cutoff = cutoff.replace(tzinfo=datetime.UTC)
    proved = session.get(CREDENTIALS_AT, session.get("signed_in_at", 0))
    return proved < cutoff.timestamp()
