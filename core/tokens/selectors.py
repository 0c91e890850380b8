"""Reading API tokens: a person's own list, and the one getter every token access goes through."""

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone

from core.models import ApiToken
from core.roles import Role, has_role

# What anyone may see of a token, its owner or an admin: never the key's hash.
SHOWN_FIELDS = (
    "name",
    "prefix",
    "read_only",
    "created_at",
    "expires_at",
    "last_used_at",
    "revoked_at",
    "revoked_reason",
)
# The account page lists the most recent tokens; older revoked or expired ones stay in the table.
LISTED = 100


def api_tokens_of(*, user: AbstractBaseUser) -> QuerySet[ApiToken]:
    """The person's tokens, newest first: working, expired and revoked (the page says which)."""
    return ApiToken.objects.filter(user=user).order_by("-created_at")


def api_token_for(*, actor: AbstractBaseUser, pk) -> ApiToken:
    """The token `pk` if `actor` may act on it (its owner, or an admin), else 404: whether a
    token of someone else exists is not something to learn by guessing ids."""
    tokens = ApiToken.objects.select_related("user")
    if not has_role(actor, Role.ADMIN):
        tokens = tokens.filter(user=actor)
    try:
        return tokens.get(pk=pk)
    except (ApiToken.DoesNotExist, ValueError, TypeError) as missing:
        raise Http404("No such token.") from missing


def token_state(token: ApiToken, now=None) -> str:
    """ "working", "expired" or "revoked", as the owner reads it."""
    if token.revoked_at is not None:
        return "revoked"
    if token.expires_at <= (now or timezone.now()):
        return "expired"
    return "working"
