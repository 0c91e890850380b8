"""How the audit trail names a person, and the token they acted through."""

from django.contrib.auth.models import AbstractBaseUser


def actor_label(user: AbstractBaseUser) -> str:
    """ "alice", or "alice via token «CI export»" for a request made with one of her API tokens
    (core.tokens.authentication marks the request's user with the token)."""
    token = getattr(user, "api_token", None)
    name = user.get_username()
    if token is None:
        return name
    return f"{name} via token «{token.name}»"[:200]
