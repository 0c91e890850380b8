"""Vendor invitations: a vendor contact answers chosen domains of one assessment, no account.

The link's token is a bearer secret, so it is treated like a password: only its SHA-256 is stored,
it expires, it works once, and what it buys is a VendorSession scoped to one assessment and the
invited domains. Procurement can revoke the invitation or end the session at any time.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone

from core.models import TimeStampedModel, UUIDModel


class Invitation(UUIDModel):
    class Status(models.TextChoices):
        PENDING = "pending", "Pending"
        USED = "used", "Used"
        EXPIRED = "expired", "Expired"
        REVOKED = "revoked", "Revoked"

    assessment = models.ForeignKey(
        "assessments.Assessment", on_delete=models.CASCADE, related_name="invitations"
    )
    # PROTECT: the contact is who the vendor's claims are attributed to; history keeps them.
    contact = models.ForeignKey(
        "vendors.Contact", on_delete=models.PROTECT, related_name="invitations"
    )
    domain_keys = models.JSONField(default=list)
    # SHA-256 of the token: a database reader learns nothing that opens the link.
    token_hash = models.CharField(max_length=64, unique=True)
    # The link's first 6 characters (36 of its 256 bits): enough to tie a prefix the rate limit
    # is counting (assessments/invitations/throttle.py) to an invitation, never enough to open it.
    token_prefix = models.CharField(max_length=6)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    # Why the last try to send the link failed (empty once a mail went out): the person who
    # invited sees it beside the invitation, with a button to send it again.
    send_error = models.CharField(max_length=300, blank=True)
    done_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["assessment", "created_at"], name="invitation_list_idx")]

    def __str__(self) -> str:
        return f"{self.contact} · {', '.join(self.domain_keys)}"

    @property
    def status(self) -> str:
        if self.revoked_at is not None:
            return self.Status.REVOKED
        if self.used_at is not None:
            return self.Status.USED
        if self.expires_at <= timezone.now():
            return self.Status.EXPIRED
        return self.Status.PENDING


class VendorSession(UUIDModel):
    """What a used invitation turned into. Only its id is kept in the browser's Django session."""

    invitation = models.ForeignKey(Invitation, on_delete=models.CASCADE, related_name="sessions")
    expires_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)
    last_seen_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"session of {self.invitation.contact}"

    @property
    def is_live(self) -> bool:
        return self.revoked_at is None and self.expires_at > timezone.now()


class ReminderLog(TimeStampedModel):
    """One row per reminder sent: the unique pair makes a second run of the daily job a no-op."""

    invitation = models.ForeignKey(Invitation, on_delete=models.CASCADE, related_name="reminders")
    kind = models.CharField(max_length=16)  # "due-7", "due-3", "due-1" or "overdue"

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["invitation", "kind"], name="reminder_once_per_kind")
        ]

    def __str__(self) -> str:
        return f"{self.kind} for {self.invitation_id}"
