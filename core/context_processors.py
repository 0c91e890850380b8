from core.permissions import can_use_second_factor
from core.roles import Role, roles_of


def roles(request):
    user_roles = roles_of(request.user)
    return {
        "user_roles": sorted(user_roles),
        "can_edit": bool(user_roles & {Role.PROCUREMENT, Role.ADMIN}),
        "is_architect": bool(user_roles & {Role.ARCHITECT, Role.ADMIN}),
        # The conditions tracker is in the main navigation of those who follow decisions up.
        "tracks_conditions": bool(user_roles & {Role.ARCHITECT, Role.VIEWER, Role.ADMIN}),
        "can_use_second_factor": can_use_second_factor(request.user),
    }
