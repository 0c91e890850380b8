"""Making and revoking API tokens. Every change is written to the `security` log; the key itself
is returned once, to the caller that made it, and never stored or logged."""

import datetime
import hashlib
import logging
import secrets
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from core.errors import ServiceError
from core.models import ApiToken
from core.text import single_line_text

security_log = logging.getLogger("security")

# Keys say what they are (a scanner finding "sbd_…" in a repository knows whose it is).
KEY_START = "sbd_"
PREFIX_LENGTH = 12  # "sbd_" and 8 random characters: enough to tell a person's tokens apart
NAME_MAX = 100

# Why a token stopped working, as the owner reads it on the account page.
REVOKED_BY_OWNER = "Revoked by its owner."
REVOKED_BY_ADMIN = "Revoked by an administrator ({admin})."
CREDENTIALS_CHANGED = "The password changed."
SECOND_FACTOR_CHANGED = "The authenticator app was removed or reset."
DEACTIVATED = "The account was deactivated."
ROLE_REMOVED = "A role was removed from the account."

NAME_REQUIRED = "Give the token a name that says where it is used, such as “CI export”."
NAME_TOO_LONG = f"Keep the name to {NAME_MAX} characters or fewer."
TOO_MANY = (
    "You already have {count} working token{s}, the most one person may hold "
    "(API_TOKEN_MAX_PER_USER). Revoke one you no longer use on your account page first."
)


def days_out_of_range() -> str:
    return f"Choose between 1 and {settings.API_TOKEN_MAX_DAYS} days."


@dataclass(frozen=True)
class IssuedToken:
    token: ApiToken
    key: str
    """Shown once, to whoever made the token; the database keeps only its hash."""


def key_digest(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()


def api_token_create(
    *,
    user: AbstractBaseUser,
    name: str,
    read_only: bool = False,
    expires_in_days: int | None = None,
    ip: str = "",
) -> IssuedToken:
    errors = {}
    try:
        name = single_line_text(name or "")
    except ValidationError as error:
        errors["name"] = error.messages
    else:
        if not name:
            errors["name"] = [NAME_REQUIRED]
        elif len(name) > NAME_MAX:
            errors["name"] = [NAME_TOO_LONG]
    days = settings.API_TOKEN_DEFAULT_DAYS if expires_in_days is None else expires_in_days
    if not 1 <= days <= settings.API_TOKEN_MAX_DAYS:
        errors["expires_in_days"] = [days_out_of_range()]
    if errors:
        raise ValidationError(errors)
    key = KEY_START + secrets.token_urlsafe(32)
    now = timezone.now()
    with transaction.atomic():
        # Locks the owner's row: two requests at the limit cannot both get one more.
        get_user_model()._default_manager.select_for_update().filter(pk=user.pk).first()
        live = api_tokens_live(user=user, now=now).count()
        if live >= settings.API_TOKEN_MAX_PER_USER:
            raise ServiceError(TOO_MANY.format(count=live, s="" if live == 1 else "s"))
        token = ApiToken.objects.create(
            user=user,
            name=name,
            prefix=key[:PREFIX_LENGTH],
            key_hash=key_digest(key),
            read_only=read_only,
            expires_at=now + datetime.timedelta(days=days),
        )
    _log("created", token=token, actor=user, ip=ip, read_only=read_only, days=days)
    return IssuedToken(token=token, key=key)


def api_tokens_live(*, user: AbstractBaseUser, now: datetime.datetime | None = None):
    """The tokens of `user` that still work: not revoked, not expired."""
    return ApiToken.objects.filter(
        user=user, revoked_at__isnull=True, expires_at__gt=now or timezone.now()
    )


def api_token_revoke(*, actor: AbstractBaseUser, token: ApiToken, ip: str = "") -> bool:
    """Stops the token working at once. False when it had already been revoked (nothing to do);
    `actor` is the owner or an admin (core.tokens.selectors.api_token_for decides)."""
    reason = (
        REVOKED_BY_OWNER
        if actor.pk == token.user_id
        else REVOKED_BY_ADMIN.format(admin=actor.get_username())
    )
    done = bool(
        ApiToken.objects.filter(pk=token.pk, revoked_at__isnull=True).update(
            revoked_at=timezone.now(), revoked_reason=reason[:200]
        )
    )
    if done:
        token.refresh_from_db(fields=["revoked_at", "revoked_reason"])
        _log("revoked", token=token, actor=actor, ip=ip, reason=reason)
    return done


def api_tokens_revoke_all(*, user: AbstractBaseUser, reason: str) -> int:
    """Revokes every working token of `user` (their credentials or roles changed)."""
    count = ApiToken.objects.filter(user=user, revoked_at__isnull=True).update(
        revoked_at=timezone.now(), revoked_reason=reason
    )
    if count:
        security_log.warning(
            "api tokens: %s revoked for %s: %s",
            count,
            user.get_username(),
            reason,
            extra={"event": "api_token.revoked_all", "user_id": user.pk, "count": count},
        )
    return count


def _log(event: str, *, token: ApiToken, actor: AbstractBaseUser, ip: str, **fields) -> None:
    security_log.info(
        "api token %s: %s (%s…) of user %s by %s from %s",
        event,
        token.name,
        token.prefix,
        token.user_id,
        actor.get_username(),
        ip or "-",
        extra={
            "event": f"api_token.{event}",
            "token_id": str(token.pk),
            "token_prefix": token.prefix,
            "user_id": token.user_id,
            "actor_id": actor.pk,
            "ip": ip,
            **fields,
        },
    )
