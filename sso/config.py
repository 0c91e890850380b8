"""The company sign-in settings, read once and checked when the app starts.

OIDC_ROLE_MAP pairs a value of the provider's roles claim (a group name, a group id, an app role)
with one of our roles: "sec-architects=architect,procurement-team=procurement". A value may appear
in several pairs; a role may be given by several values.
"""

import ipaddress
from functools import cache
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

# Our roles by name (core.roles.Role cannot be imported before the apps load).
ROLE_NAMES = ("procurement", "architect", "viewer", "admin")


def sso_enabled() -> bool:
    return bool(settings.OIDC_ISSUER)


def local_sign_in_allowed(username: str | None) -> bool:
    """Whether the username and password form may sign this account in."""
    if settings.LOCAL_LOGIN:
        return True
    return bool(username) and username in settings.LOCAL_LOGIN_BREAK_GLASS


def parse_role_map(raw: str) -> tuple[tuple[str, str], ...]:
    pairs = []
    for item in (part.strip() for part in raw.split(",")):
        if not item:
            continue
        value, equals, role = (piece.strip() for piece in item.rpartition("="))
        if not equals or not value:
            raise ImproperlyConfigured(
                f"OIDC_ROLE_MAP: {item!r} is not a pair; write group=role, for example "
                "sec-architects=architect."
            )
        if role not in ROLE_NAMES:
            raise ImproperlyConfigured(
                f"OIDC_ROLE_MAP: {role!r} in {item!r} is not a role; the roles are "
                f"{', '.join(ROLE_NAMES)}."
            )
        pairs.append((value, role))
    return tuple(pairs)


@cache
def _role_map_for(raw: str) -> tuple[tuple[str, str], ...]:
    return parse_role_map(raw)


def role_map() -> tuple[tuple[str, str], ...]:
    return _role_map_for(settings.OIDC_ROLE_MAP)


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _issuer_check(issuer: str) -> None:
    parts = urlsplit(issuer)
    if parts.scheme == "https" and parts.hostname:
        return
    if parts.scheme == "http" and _is_loopback(parts.hostname or ""):
        if settings.ALLOW_EMBEDDED_SERVICES:
            return
        raise ImproperlyConfigured(
            "OIDC_ISSUER: a plain-http provider on this machine is for tests and development "
            "only (DJANGO_DEBUG=1 or ALLOW_EMBEDDED_SERVICES=1)."
        )
    raise ImproperlyConfigured(
        f"OIDC_ISSUER must be the provider's https:// address; got {issuer!r}."
    )


def settings_check() -> None:
    role_map()  # a bad OIDC_ROLE_MAP is refused even while sign-in is off
    if not settings.LOCAL_LOGIN and not (sso_enabled() or settings.LOCAL_LOGIN_BREAK_GLASS):
        raise ImproperlyConfigured(
            "LOCAL_LOGIN=0 with no OIDC_ISSUER and no LOCAL_LOGIN_BREAK_GLASS account would let "
            "nobody sign in."
        )
    if not sso_enabled():
        return
    _issuer_check(settings.OIDC_ISSUER)
    for name in ("OIDC_CLIENT_ID", "OIDC_CLIENT_SECRET"):
        if not getattr(settings, name).strip():
            raise ImproperlyConfigured(f"{name} must be set when OIDC_ISSUER is.")
    if "openid" not in settings.OIDC_SCOPES.split():
        raise ImproperlyConfigured(
            f"OIDC_SCOPES must include openid; got {settings.OIDC_SCOPES!r}."
        )
    if not settings.OIDC_ROLES_CLAIM:
        raise ImproperlyConfigured("OIDC_ROLES_CLAIM must name the claim that holds groups.")
    if not 0 <= settings.OIDC_CLOCK_SKEW_SECONDS <= 300:
        raise ImproperlyConfigured("OIDC_CLOCK_SKEW_SECONDS must be between 0 and 300.")
