from django.contrib.auth.models import AnonymousUser

from core.permissions import can_use_second_factor
from core.roles import Role, roles_of


def roles(request):
    # A response made before the authentication middleware ran (a 404 from /metrics, say) has no
    # user: it renders as signed out rather than failing.
    user = getattr(request, "user", None) or AnonymousUser()
    user_roles = roles_of(user)
    return {
        "user_roles": sorted(user_roles),
        "can_edit": bool(user_roles & {Role.PROCUREMENT, Role.ADMIN}),
        "is_architect": bool(user_roles & {Role.ARCHITECT, Role.ADMIN}),
        # The conditions tracker is in the main navigation of those who follow decisions up.
        "tracks_conditions": bool(user_roles & {Role.ARCHITECT, Role.VIEWER, Role.ADMIN}),
        "can_use_second_factor": can_use_second_factor(user),
        "manages_webhooks": Role.ADMIN in user_roles,
    }
