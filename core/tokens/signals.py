"""A change to what a person may do, or how they prove who they are, ends their API tokens:
a new password, deactivation, a removed role (a group, or superuser status), or a removed or
reset authenticator app. Each also ends the person's other browser sessions (core/sessions.py):
Django ends them on a new password by itself, but not on an app reset or a removed role."""

from django.contrib.auth import get_user_model

from core.sessions import user_sessions_end_others
from core.tokens.services import (
    CREDENTIALS_CHANGED,
    DEACTIVATED,
    ROLE_REMOVED,
    SECOND_FACTOR_CHANGED,
    api_tokens_revoke_all,
)

WATCHED = ("password", "is_active", "is_superuser")


def remember_credentials(sender, instance, update_fields=None, **kwargs) -> None:
    """Before a user is saved: what the watched fields were (one query, and only when a watched
    field may change: a sign-in's last_login update skips it)."""
    instance._credentials_before = None
    if instance.pk is None or (update_fields is not None and not set(update_fields) & {*WATCHED}):
        return
    instance._credentials_before = (
        sender._default_manager.filter(pk=instance.pk).values(*WATCHED).first()
    )


def revoke_on_credentials_change(sender, instance, created=False, **kwargs) -> None:
    before = getattr(instance, "_credentials_before", None)
    instance._credentials_before = None
    if created or before is None:
        return
    reason = None
    if before["is_active"] and not instance.is_active:
        reason = DEACTIVATED
    elif before["password"] != instance.password:
        reason = CREDENTIALS_CHANGED
    elif before["is_superuser"] and not instance.is_superuser:
        reason = ROLE_REMOVED
    if reason:
        credentials_changed(instance, reason)


def revoke_on_role_removed(sender, instance, action, reverse, pk_set, **kwargs) -> None:
    """User.groups lost a member: from the user's side (instance is the user) or the group's
    (instance is the group, pk_set the users; cleared groups are read before they clear)."""
    if action == "pre_clear" and reverse:
        instance._members_before = list(instance.user_set.values_list("pk", flat=True))
        return
    if action not in ("post_remove", "post_clear"):
        return
    if not reverse:
        users = [instance]
    else:
        ids = pk_set if action == "post_remove" else getattr(instance, "_members_before", [])
        users = list(get_user_model()._default_manager.filter(pk__in=ids or []))
    for user in users:
        credentials_changed(user, ROLE_REMOVED)


def revoke_on_second_factor_removed(sender, instance, **kwargs) -> None:
    """A confirmed authenticator app deleted: removed by its owner or reset by an admin. An
    unconfirmed one (a set-up cancelled) never protected anything."""
    if instance.confirmed:
        credentials_changed(instance.user, SECOND_FACTOR_CHANGED)


def credentials_changed(user, reason: str) -> None:
    """Ends the person's tokens and their other browser sessions."""
    api_tokens_revoke_all(user=user, reason=reason)
    user_sessions_end_others(user=user)


def connect() -> None:
    from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save
    from django_otp.plugins.otp_totp.models import TOTPDevice

    user = get_user_model()
    pre_save.connect(remember_credentials, sender=user, dispatch_uid="tokens.remember")
    post_save.connect(revoke_on_credentials_change, sender=user, dispatch_uid="tokens.creds")
    m2m_changed.connect(
        revoke_on_role_removed, sender=user.groups.through, dispatch_uid="tokens.roles"
    )
    post_delete.connect(
        revoke_on_second_factor_removed, sender=TOTPDevice, dispatch_uid="tokens.second_factor"
    )
