"""Webhook endpoints an admin registered, and every delivery made to them."""

import uuid

from django.conf import settings
from django.db import models

from core.models import TimeStampedModel


class WebhookEndpoint(TimeStampedModel):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    url = models.URLField(max_length=2_000)
    description = models.CharField(max_length=200, blank=True)
    # Event names of webhooks/events.py this endpoint receives.
    events = models.JSONField(default=list)
    # `whsec_…`: signs every delivery (webhooks/signing.py). Shown once, when the endpoint is made.
    secret = models.CharField(max_length=100)
    is_active = models.BooleanField(default=True)
    # Failed attempts in a row; at WEBHOOK_FAILURES_TO_DISABLE the endpoint is switched off.
    consecutive_failures = models.PositiveIntegerField(default=0)
    disabled_at = models.DateTimeField(null=True, blank=True)
    disabled_reason = models.CharField(max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["created_at"]

    def __str__(self) -> str:
        return self.url


class WebhookDelivery(TimeStampedModel):
    class Status(models.TextChoices):
        PENDING = "pending", "Waiting to be sent"
        DELIVERED = "delivered", "Delivered"
        FAILED = "failed", "Given up"

    # Also the event id a receiver sees (webhook-id): the same on every attempt and redelivery,
    # so a receiver can drop duplicates.
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    endpoint = models.ForeignKey(
        WebhookEndpoint, on_delete=models.CASCADE, related_name="deliveries"
    )
    event = models.CharField(max_length=40)
    payload = models.JSONField()
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    last_status_code = models.PositiveSmallIntegerField(null=True, blank=True)
    last_error = models.CharField(max_length=300, blank=True)
    delivered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        # The retry sweep reads pending deliveries that are due.
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="webhook_due_idx")]

    @property
    def event_id(self) -> str:
        return f"msg_{self.id.hex}"
