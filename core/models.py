import uuid

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
