"""An offering's inherent-risk answers and the tier they give, and the reminders already sent."""

from django.conf import settings
from django.db import models

from core.models import TimeStampedModel


class RiskProfile(TimeStampedModel):
    offering = models.OneToOneField(
        "vendors.Offering", on_delete=models.CASCADE, related_name="risk_profile"
    )
    rules_version = models.PositiveIntegerField()
    answers = models.JSONField(default=dict)
    points = models.PositiveIntegerField(default=0)
    computed_tier = models.PositiveSmallIntegerField()
    # A reviewer's tier instead of the computed one, with the reason (the history keeps each).
    override_tier = models.PositiveSmallIntegerField(null=True, blank=True)
    override_justification = models.TextField(max_length=2_000, blank=True)
    overridden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    overridden_at = models.DateTimeField(null=True, blank=True)
    assessed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(computed_tier__gte=1), name="risk_profile_tier_positive"
            )
        ]

    def __str__(self) -> str:
        return f"{self.offering} — tier {self.tier}"

    @property
    def tier(self) -> int:
        return self.override_tier or self.computed_tier


class DueNotice(models.Model):
    """One reminder sent: what (kind and object), for which due date, at which threshold. The
    unique key is what makes a second run of the nightly job — or a restart mid-run — send
    nothing twice."""

    kind = models.CharField(max_length=32)
    object_id = models.CharField(max_length=64)
    due_on = models.DateField()
    threshold_days = models.PositiveSmallIntegerField()
    sent_at = models.DateTimeField(auto_now_add=True)
    recipients = models.JSONField(default=list)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "object_id", "due_on", "threshold_days"], name="due_notice_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.object_id} due {self.due_on} ({self.threshold_days} days)"
