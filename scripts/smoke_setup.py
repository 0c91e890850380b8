"""Users for the container smoke test: run inside the app container, after `migrate` and
`load_questionnaire`, as

    SMOKE_PASSWORD=... python scripts/smoke_setup.py

It makes sure the four role groups exist (core/roles.py; DEPLOYMENT.md's first-time set-up makes
the same ones) and two users, `smoke-procurement` and `smoke-architect`, each in exactly its one
role group, with the password from SMOKE_PASSWORD. Idempotent: a second run changes nothing, so
the tokens a running smoke test holds stay valid (a new password or a removed role would revoke
them, core/tokens/signals.py). The project has no service for creating users; seed_demo and the
benchmarks do the same thing inline with the ORM.
"""

import os
import sys
from pathlib import Path

# Run as a plain script (`python scripts/smoke_setup.py`): the project root is not on sys.path.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.contrib.auth.models import Group  # noqa: E402
from django.contrib.auth.password_validation import validate_password  # noqa: E402
from django.core.exceptions import ValidationError  # noqa: E402
from django.db import transaction  # noqa: E402

from core.roles import ALL_ROLES, Role  # noqa: E402

SMOKE_USERS = {"smoke-procurement": Role.PROCUREMENT, "smoke-architect": Role.ARCHITECT}


def ensure_groups() -> dict[Role, Group]:
    groups = {}
    for role in ALL_ROLES:
        groups[role], created = Group.objects.get_or_create(name=role.value)
        if created:
            print(f"group {role.value}: created")
    return groups


def ensure_user(username: str, role: Role, password: str, groups: dict[Role, Group]) -> None:
    user, created = get_user_model().objects.get_or_create(
        username=username,
        defaults={"email": f"{username}@smoke.invalid", "first_name": "Smoke test"},
    )
    changes = ["created"] if created else []
    # Saved only when something differs: every save of a changed password, activation or
    # superuser flag ends the user's API tokens.
    if not user.is_active or user.is_superuser or user.is_staff:
        user.is_active, user.is_superuser, user.is_staff = True, False, False
        changes.append("flags reset")
    if not user.check_password(password):
        user.set_password(password)
        changes.append("password set")
    if changes:
        user.save()
    # Exactly one role: a smoke user left with a second role would test other permissions.
    role_groups = {group.pk for group in groups.values()}
    current = set(user.groups.filter(pk__in=role_groups).values_list("pk", flat=True))
    extra = current - {groups[role].pk}
    if extra:
        user.groups.remove(*extra)
        changes.append("other roles removed")
    if groups[role].pk not in current:
        user.groups.add(groups[role])
        changes.append(f"added to {role.value}")
    print(f"user {username} ({role.value}): {', '.join(changes) or 'unchanged'}")


def main() -> int:
    password = os.environ.get("SMOKE_PASSWORD", "")
    if not password:
        print("smoke_setup: set SMOKE_PASSWORD (the smoke users' password).", file=sys.stderr)
        return 2
    try:
        # The same rules as a person's password (min. 12 characters, not a common one...).
        validate_password(password)
    except ValidationError as refused:
        print(f"smoke_setup: SMOKE_PASSWORD refused: {' '.join(refused.messages)}", file=sys.stderr)
        return 2
    with transaction.atomic():
        groups = ensure_groups()
        for username, role in SMOKE_USERS.items():
            ensure_user(username, role, password, groups)
    return 0


if __name__ == "__main__":
    sys.exit(main())
