"""What architects add during a review: comments and clarification requests, conditions."""

from django.conf import settings
from django.db import models

from core.models import TimeStampedModel

MAX_COMMENT_LENGTH = 5_000
MAX_DONE_NOTE_LENGTH = 2_000


class Comment(TimeStampedModel):
    class Kind(models.TextChoices):
        COMMENT = "comment", "Comment"
        CLARIFICATION = "clarification", "Clarification requested"

    assessment = models.ForeignKey(
        "assessments.Assessment", on_delete=models.CASCADE, related_name="comments"
    )
    # Empty for a comment on the assessment as a whole.
    question_key = models.CharField(max_length=128, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    body = models.TextField(max_length=MAX_COMMENT_LENGTH)
    kind = models.CharField(max_length=16, choices=Kind.choices, default=Kind.COMMENT)
    resolved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["assessment", "question_key"], name="comment_thread_idx")]

    def __str__(self) -> str:
        return f"{self.kind} on {self.question_key or 'assessment'}"


class Condition(TimeStampedModel):
    """A condition of approval: what must happen, who owns it, by when, for which findings."""

    assessment = models.ForeignKey(
        "assessments.Assessment", on_delete=models.CASCADE, related_name="conditions"
    )
    text = models.TextField(max_length=2_000)
    owner = models.CharField(max_length=200)
    due_date = models.DateField(null=True, blank=True)
    finding_keys = models.JSONField(default=list, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Met after the approval: who said so, when, and how (condition_mark_done audits it too).
    done_at = models.DateTimeField(null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    done_note = models.TextField(max_length=MAX_DONE_NOTE_LENGTH, blank=True)
    # The due date the condition.due / condition.overdue webhook events were sent for, so each is
    # sent once per due date however often the job runs (assessments/conditions/events.py).
    due_event_for = models.DateField(null=True, blank=True, editable=False)
    overdue_event_for = models.DateField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["created_at", "id"]
        # The conditions tracker lists open conditions by due date across the portfolio.
        indexes = [models.Index(fields=["done_at", "due_date"], name="condition_tracker_idx")]

    def __str__(self) -> str:
        return self.text[:60]


class RowChange(models.Model):
    """Written by database triggers, not by the app: every UPDATE or DELETE of an answer or an
    assessment, however it happened (a service, the admin, a bulk update, a raw SQL session).
    The services' AuditEvents say who did what and why; these rows make changes that bypass the
    services visible too."""

    table_name = models.CharField(max_length=64)
    row_id = models.CharField(max_length=64)
    operation = models.CharField(max_length=8)
    old = models.TextField(blank=True)
    new = models.TextField(blank=True)
    changed_at = models.DateTimeField()

    class Meta:
        ordering = ["changed_at", "id"]
        indexes = [models.Index(fields=["table_name", "row_id"], name="rowchange_row_idx")]

    def __str__(self) -> str:
        return f"{self.operation} {self.table_name} {self.row_id}"
