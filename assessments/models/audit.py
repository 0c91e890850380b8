from django.conf import settings
from django.db import models


class AuditAction(models.TextChoices):
    """Every kind of audit event, with the sentence the history shows after the actor's name
    ("pat submitted the assessment for review")."""

    ASSESSMENT_CREATED = "assessment.created", "started the assessment"
    ASSESSMENT_SUBMITTED = "assessment.submitted", "submitted the assessment for review"
    ASSESSMENT_REASSESSMENT_STARTED = (
        "assessment.reassessment_started",
        "started this revision from the decided one",
    )
    ASSESSMENT_REASSESSED = "assessment.reassessed", "started a reassessment of it"
    ASSESSMENT_DECIDED = "assessment.decided", "recorded the decision"
    DECISION_WITHDRAWN = (
        "assessment.decision_withdrawn",
        "withdrew the decision and reopened the review",
    )
    ANSWER_SAVED = "answer.saved", "saved an answer"
    ANSWER_WRITE_REFUSED = (
        "answer.write_refused",
        "tried to set a reviewer's judgement on an answer, and was refused",
    )
    ANSWER_EVIDENCE_LEVEL = "answer.evidence_level", "changed how well an answer is backed"
    ANSWER_OVERRIDE = "answer.override", "changed a reviewer's score for an answer"
    FINDING_ACCEPTED = "finding.accepted", "accepted the risk of a finding"
    FINDING_ACCEPTANCE_WITHDRAWN = (
        "finding.acceptance_withdrawn",
        "withdrew the acceptance of a finding's risk",
    )
    COMMENT_ADDED = "comment.added", "commented"
    CONDITION_ADDED = "condition.added", "added a condition of approval"
    CONDITION_DONE = "condition.done", "marked a condition of approval done"
    REVIEW_STARTED = "review.started", "started the review"
    ANSWER_REVIEWED = "answer.reviewed", "reviewed an answer and kept its evidence level"
    DOMAIN_REVIEWED = "domain.reviewed", "reviewed a whole domain and kept its evidence levels"
    REVIEW_CHANGES_REQUESTED = "review.changes_requested", "sent the answers back with questions"
    EVIDENCE_ADDED = "evidence.added", "attached evidence"
    ANSWERS_IMPORTED = "answers.imported", "imported answers from the vendor's spreadsheet"
    EVIDENCE_MALWARE_REFUSED = (
        "evidence.malware_refused",
        "tried to attach a file with malware in it, and was refused",
    )
    DOCUMENT_RECORDED = "document.recorded", "recorded what an evidence document is and covers"
    DOCUMENT_CONFIRMED = "document.confirmed", "confirmed the facts of an evidence document"
    EVIDENCE_SCANNED = "evidence.scanned", "scanned a stored file and found no malware"
    EVIDENCE_QUARANTINED = (
        "evidence.quarantined",
        "found malware in a stored file and removed the file",
    )
    INVITATION_CREATED = "invitation.created", "invited a vendor contact"
    INVITATION_SENT = "invitation.sent", "sent the invitation e-mail"
    INVITATION_ACCEPTED = "invitation.accepted", "confirmed the invitation link"
    INVITATION_REFUSED = "invitation.refused", "tried an invitation link that no longer works"
    INVITATION_RESENT = "invitation.resent", "sent the vendor contact a new link"
    INVITATION_REVOKED = "invitation.revoked", "revoked an invitation"
    INVITATION_SESSION_REVOKED = "invitation.session_revoked", "ended the vendor contact's access"
    INVITATION_DONE = "invitation.done", "marked the vendor's part as done"
    INVITATION_REMINDED = "invitation.reminded", "reminded the vendor contact of the due date"
    INVITATION_OVERDUE_NOTICE = (
        "invitation.overdue_notice",
        "told procurement that the vendor's part is overdue",
    )
    REPORT_REQUESTED = "report.requested", "requested a board report"


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
    action = models.CharField(max_length=64, choices=AuditAction.choices)
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
