"""Roles are Django groups. This module is the only place that knows their names."""

from enum import StrEnum

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser


class Role(StrEnum):
    PROCUREMENT = "procurement"
    ARCHITECT = "architect"
    VIEWER = "viewer"
    ADMIN = "admin"


ALL_ROLES = tuple(Role)


def roles_of(user: AbstractBaseUser | AnonymousUser) -> frozenset[Role]:
    """The user's roles, cached on the user object for the rest of the request."""
    if not user.is_authenticated or not user.is_active:
        return frozenset()
    cached = getattr(user, "_role_cache", None)
    if cached is not None:
        return cached
    preloaded = getattr(user, "_role_names", False)  # set by core.auth_backend, with the user
    if preloaded is False:
        names = set(user.groups.values_list("name", flat=True))
    else:
        names = set((preloaded or "").split(","))
    roles = {role for role in Role if role.value in names}
    if user.is_superuser:
        roles.add(Role.ADMIN)
    user._role_cache = frozenset(roles)
    return user._role_cache


def has_role(user: AbstractBaseUser | AnonymousUser, *roles: Role) -> bool:
    return bool(roles_of(user) & set(roles))
