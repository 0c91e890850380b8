import uuid

from django.conf import settings
from django.db import models


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


class UUIDModel(TimeStampedModel):
    """Objects whose ids appear in URLs get random ids: ids reveal nothing about volume or order."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)

    class Meta:
        abstract = True


class WorkerHeartbeat(TimeStampedModel):
    """Written by a Celery worker on request: proves the broker and a worker are both alive."""

    token = models.CharField(max_length=64, unique=True)
    hostname = models.CharField(max_length=255)

    def __str__(self) -> str:
        return f"{self.hostname} @ {self.created_at:%Y-%m-%d %H:%M:%S}"


class UserPreference(TimeStampedModel):
    """A person's own display settings. The time zone is an IANA name (Europe/Paris); empty
    means "not chosen yet", and the browser's zone is taken (and stored) on the next request."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="preference",
        primary_key=True,
    )
    time_zone = models.CharField(max_length=64, blank=True)
    # Whether the person chose the zone, or it was taken from their browser: a chosen zone is
    # never replaced by what a browser on a trip reports.
    time_zone_chosen = models.BooleanField(default=False)

    def __str__(self) -> str:
        return f"{self.user_id}: {self.time_zone or 'server time'}"


class ApiToken(UUIDModel):
    """A named API token for one integration (core/tokens/). The database keeps a SHA-256 of the
    key, never the key: the owner sees it once, when it is made; afterwards only `prefix` tells
    tokens apart, for the owner and for an admin alike. A key is 256 random bits, so a plain hash
    is enough (no slow hash: there is nothing to guess)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(max_length=100)
    prefix = models.CharField(max_length=16)
    key_hash = models.CharField(max_length=64, unique=True)
    read_only = models.BooleanField(default=False)
    expires_at = models.DateTimeField()
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    # Why it stopped working: its owner or an admin revoked it, the password changed, …
    revoked_reason = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["user", "revoked_at"], name="api_token_user_live_idx")]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"


class SignInCutoff(models.Model):
    """Browser sessions of `user` that signed in before `at` end on their next request (core.
    middleware.SessionLifetimeMiddleware): their password, authenticator app or roles changed.
    One row per user, moved forward on each change."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, primary_key=True, related_name="+"
    )
    at = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.user_id}: sessions before {self.at:%Y-%m-%d %H:%M:%S}"
