"""`Authorization: Token <key>` (or `Bearer <key>`): the API's token check.

One query finds the token by the hash of the presented key, with its owner, the owner's roles
and whether they have an authenticator app (as core.auth_backend loads a signed-in user), compiled
to SQL once per process: token auth sits on every API call, autosave included
(bench/bench_autosave.py). A token that is unknown, revoked or expired, or whose owner is
inactive, is refused with 401 and a sentence saying which; a read-only token asking to change
something gets 403.

The request's user carries the token (`user.api_token`), so the audit trail names it
(core.tokens.labels.actor_label).
"""

import datetime

from django.contrib.auth import get_user_model
from django.db.models import F
from django.utils import timezone
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import exceptions
from rest_framework.authentication import BaseAuthentication, get_authorization_header
from rest_framework.permissions import SAFE_METHODS

from core.auth_backend import with_role_names
from core.compiled import CompiledQuery
from core.models import ApiToken
from core.tokens.services import key_digest

KEYWORDS = (b"token", b"bearer")
# last_used_at is written at most once a minute per token, not on every request.
LAST_USED_PRECISION = datetime.timedelta(minutes=1)

UNKNOWN = "This token is not valid. Make a new one on your account page."
EXPIRED = "This token expired on {when}. Make a new one on your account page."
REVOKED = "This token was revoked: {reason} Make a new one on your account page."
INACTIVE = "The account this token belongs to is deactivated."
READ_ONLY = (
    "This token is read-only: it can read but not change anything. Use a read-write token "
    "for this request."
)
MALFORMED = "Send the token as “Authorization: Token <key>”, with no spaces in the key."


def _owner_by_key_hash(digest: str):
    return (
        with_role_names(get_user_model()._default_manager)
        .filter(api_tokens__key_hash=digest)
        .annotate(
            token_id=F("api_tokens__id"),
            token_name=F("api_tokens__name"),
            token_prefix=F("api_tokens__prefix"),
            token_read_only=F("api_tokens__read_only"),
            token_expires_at=F("api_tokens__expires_at"),
            token_last_used_at=F("api_tokens__last_used_at"),
            token_revoked_at=F("api_tokens__revoked_at"),
            token_revoked_reason=F("api_tokens__revoked_reason"),
        )[:1]
    )


_OWNER_BY_KEY_HASH = CompiledQuery(_owner_by_key_hash, "~key-hash-placeholder~")


class ApiTokenAuthentication(BaseAuthentication):
    def authenticate(self, request):
        header = get_authorization_header(request).split()
        if not header or header[0].lower() not in KEYWORDS:
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed(MALFORMED)
        try:
            key = header[1].decode("ascii")
        except UnicodeError:
            raise exceptions.AuthenticationFailed(UNKNOWN) from None
        user, token = self._check(key)
        if token.read_only and request.method not in SAFE_METHODS:
            raise exceptions.PermissionDenied(READ_ONLY)
        return user, token

    def authenticate_header(self, request) -> str:
        return "Token"

    def _check(self, key: str):
        user = _OWNER_BY_KEY_HASH.first(key_digest(key))
        if user is None:
            raise exceptions.AuthenticationFailed(UNKNOWN)
        token = _token_of(user)
        now = timezone.now()
        if token.revoked_at is not None:
            raise exceptions.AuthenticationFailed(REVOKED.format(reason=token.revoked_reason))
        if token.expires_at <= now:
            when = f"{token.expires_at:%d %b %Y, %H:%M} UTC"
            raise exceptions.AuthenticationFailed(EXPIRED.format(when=when))
        if not user.is_active:
            raise exceptions.AuthenticationFailed(INACTIVE)
        if token.last_used_at is None or now - token.last_used_at >= LAST_USED_PRECISION:
            ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
            token.last_used_at = now
        user.api_token = token
        return user, token


def _token_of(user) -> ApiToken:
    """The token the query found, built from the owner row's annotations (no second query)."""
    expires_at = user.token_expires_at
    return ApiToken(
        id=user.token_id,
        user=user,
        name=user.token_name,
        prefix=user.token_prefix,
        read_only=bool(user.token_read_only),
        expires_at=_aware(expires_at),
        last_used_at=_aware(user.token_last_used_at),
        revoked_at=_aware(user.token_revoked_at),
        revoked_reason=user.token_revoked_reason,
    )


def _aware(value):
    """Raw rows on SQLite give naive UTC datetimes (or strings); PostgreSQL gives aware ones."""
    if value is None:
        return None
    if isinstance(value, str):
        value = datetime.datetime.fromisoformat(value)
    return value if timezone.is_aware(value) else timezone.make_aware(value, datetime.UTC)


class ApiTokenScheme(OpenApiAuthenticationExtension):
    """How the OpenAPI schema describes the token header (drf-spectacular finds it by class)."""

    target_class = "core.tokens.authentication.ApiTokenAuthentication"
    name = "tokenAuth"

    def get_security_definition(self, auto_schema):
        return {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": "“Token <key>” (or “Bearer <key>”): a key from the API tokens page "
            "or from POST /api/v1/auth/token/.",
        }
