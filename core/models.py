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
