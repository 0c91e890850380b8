from django.conf import settings
from django.db import models


class AuditEvent(models.Model):
    """One row per change that matters: who, when, what, old value and new value. Append-only."""

    assessment = models.ForeignKey(
        "assessments.Assessment", on_delete=models.PROTECT, related_name="audit_events"
    )
    # PROTECT: a user who ever acted stays (deactivate instead); history keeps pointing at them.
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # Kept as text too, so the trail still reads right after a user is renamed or removed.
    actor_label = models.CharField(max_length=200)
    action = models.CharField(max_length=64)
    question_key = models.CharField(max_length=128, blank=True)
    old = models.JSONField(null=True, blank=True)
    new = models.JSONField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [
            models.Index(
                fields=["assessment", "question_key", "created_at"], name="audit_answer_history_idx"
            )
        ]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.actor_label} {self.action}"

    def save(self, *args, **kwargs):
        # Integrity guard, not a business rule: history that can be edited is not history.
        if self.pk is not None:
            raise ValueError("Audit events are append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError("Audit events are append-only.")
