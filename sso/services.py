"""A verified identity from the provider becomes a signed-in user here.

At every sign-in: the user is found by the provider's issuer and subject (never by e-mail or
username), or made just in time; a user switched off here is refused whatever the provider says;
the roles become exactly those the roles claim maps to (OIDC_ROLE_MAP), so a group removed at the
provider removes the role now, which also revokes the person's API tokens and ends their other
sessions (core/tokens/signals.py). Whether the provider used a second factor is read from the
token's amr/acr. Protocol-neutral: a SAML sign-in would call sso_identity_sign_in the same way.
"""

import logging
import re
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone

from sso.config import ROLE_NAMES, role_map
from sso.failures import SignInFailed
from sso.models import SsoIdentity

security_log = logging.getLogger("security")

USERNAME_MAX = 150
_NOT_IN_USERNAME = re.compile(r"[^\w.@+-]+")


@dataclass(frozen=True)
class SignIn:
    user: object
    roles: frozenset[str]
    groups: tuple[str, ...]
    provider_mfa: bool
    created: bool


def claim_values(claims: dict, name: str) -> tuple[str, ...]:
    """A claim as a tuple of strings: providers send a list, some a space- or comma-separated
    string."""
    value = claims.get(name)
    if value is None:
        return ()
    if isinstance(value, str):
        return tuple(part for part in re.split(r"[\s,]+", value) if part)
    if isinstance(value, list | tuple):
        return tuple(str(item) for item in value if isinstance(item, str | int))
    return ()


def roles_for_groups(groups: tuple[str, ...]) -> frozenset[str]:
    present = set(groups)
    return frozenset(role for value, role in role_map() if value in present)


def provider_used_mfa(claims: dict) -> bool:
    amr = set(claim_values(claims, "amr"))
    acr = claims.get("acr")
    return bool(amr & set(settings.OIDC_MFA_AMR)) or (
        isinstance(acr, str) and acr in settings.OIDC_MFA_ACR
    )


def _free_username(claims: dict) -> str:
    """A readable username that no one has: the provider's preferred username (or e-mail), made
    safe, with a number added when taken. It is a label only: sign-ins match on the subject."""
    wanted = str(claims.get("preferred_username") or claims.get("email") or "")
    base = _NOT_IN_USERNAME.sub("-", wanted).strip("-")[: USERNAME_MAX - 8] or "sso-user"
    users = get_user_model()._default_manager
    candidate, n = base, 1
    while users.filter(username__iexact=candidate).exists():
        n += 1
        candidate = f"{base}-{n}"
    return candidate


def _profile_from(user, claims: dict) -> list[str]:
    """Name and e-mail follow the provider; returns the fields that changed."""
    changed = []
    for field, claim, limit in (
        ("email", "email", 254),
        ("first_name", "given_name", 150),
        ("last_name", "family_name", 150),
    ):
        value = claims.get(claim)
        if isinstance(value, str) and value[:limit] != getattr(user, field):
            setattr(user, field, value[:limit])
            changed.append(field)
    return changed


def _identity_for(issuer: str, subject: str, claims: dict) -> tuple[SsoIdentity, bool]:
    identity = (
        SsoIdentity.objects.select_for_update()
        .select_related("user")
        .filter(issuer=issuer, subject=subject)
        .first()
    )
    if identity is not None:
        return identity, False
    user = get_user_model()(username=_free_username(claims))
    user.set_unusable_password()  # the provider is the only way in for this account
    _profile_from(user, claims)
    user.save()
    return SsoIdentity.objects.create(user=user, issuer=issuer, subject=subject), True


def user_roles_set(*, user, roles: frozenset[str]) -> tuple[set[str], set[str]]:
    """The user's role groups become exactly `roles`; other groups are left alone. Admin also
    means staff and superuser, as for a local administrator. Returns (added, removed)."""
    current = set(user.groups.filter(name__in=ROLE_NAMES).values_list("name", flat=True))
    added, removed = set(roles) - current, current - set(roles)
    if removed:
        user.groups.remove(*Group.objects.filter(name__in=removed))
    for name in sorted(added):
        user.groups.add(Group.objects.get_or_create(name=name)[0])
    is_admin = "admin" in roles
    if user.is_staff != is_admin or user.is_superuser != is_admin:
        user.is_staff = user.is_superuser = is_admin
        user.save(update_fields=["is_staff", "is_superuser"])
    return added, removed


@transaction.atomic
def sso_identity_sign_in(*, issuer: str, claims: dict, ip: str) -> SignIn:
    subject = str(claims["sub"])
    identity, created = _identity_for(issuer, subject, claims)
    user = identity.user
    if not user.is_active:
        security_log.warning(
            "company sign-in refused: %s is deactivated (from %s)",
            user.get_username(),
            ip,
            extra={"event": "sso.refused_inactive", "user_id": user.pk, "ip": ip},
        )
        raise SignInFailed("deactivated", user.get_username())
    groups = claim_values(claims, settings.OIDC_ROLES_CLAIM)
    roles = roles_for_groups(groups)
    changed = [] if created else _profile_from(user, claims)
    if changed:
        user.save(update_fields=changed)
    added, removed = user_roles_set(user=user, roles=roles)
    identity.last_sign_in_at = timezone.now()
    identity.last_groups = list(groups[:50])
    identity.save(update_fields=["last_sign_in_at", "last_groups", "updated_at"])
    mfa = provider_used_mfa(claims)
    security_log.info(
        "company sign-in: %s from %s",
        user.get_username(),
        ip,
        extra={
            "event": "sso.signed_in",
            "user_id": user.pk,
            "ip": ip,
            "user_created": created,
            "roles": sorted(roles),
            "roles_added": sorted(added),
            "roles_removed": sorted(removed),
            "provider_mfa": mfa,
        },
    )
    return SignIn(user, roles, groups, mfa, created)
