"""Reads about company sign-in identities."""


def provider_groups_of(user) -> tuple[str, ...] | None:
    """The role-claim values the provider sent at the user's last company sign-in; None for an
    account that does not sign in through the provider."""
    from sso.models import SsoIdentity  # the package's __init__ is imported before models load

    groups = SsoIdentity.objects.filter(user=user).values_list("last_groups", flat=True).first()
    return None if groups is None else tuple(groups)
