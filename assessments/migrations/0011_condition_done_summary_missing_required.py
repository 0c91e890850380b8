"""Conditions of approval can be marked done (who, when, with a note), and each summary keeps
how many required questions are still unanswered. Summaries stored before this column are null
there and are recomputed on their first read (assessments.summary.summaries_ensure)."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("assessments", "0010_review_workspace"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="assessmentsummary",
            name="missing_required",
            field=models.PositiveIntegerField(null=True),
        ),
        migrations.AddField(
            model_name="condition",
            name="done_at",
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="condition",
            name="done_by",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.AddField(
            model_name="condition",
            name="done_note",
            field=models.TextField(blank=True, max_length=2000),
        ),
        migrations.AlterField(
            model_name="auditevent",
            name="action",
            field=models.CharField(
                choices=[
                    ("assessment.created", "started the assessment"),
                    ("assessment.submitted", "submitted the assessment for review"),
                    (
                        "assessment.reassessment_started",
                        "started this revision from the decided one",
                    ),
                    ("assessment.reassessed", "started a reassessment of it"),
                    ("assessment.decided", "recorded the decision"),
                    (
                        "assessment.decision_withdrawn",
                        "withdrew the decision and reopened the review",
                    ),
                    ("answer.saved", "saved an answer"),
                    (
                        "answer.write_refused",
                        "tried to set a reviewer's judgement on an answer, and was refused",
                    ),
                    ("answer.evidence_level", "changed how well an answer is backed"),
                    ("answer.override", "changed a reviewer's score for an answer"),
                    ("finding.accepted", "accepted the risk of a finding"),
                    ("finding.acceptance_withdrawn", "withdrew the acceptance of a finding's risk"),
                    ("comment.added", "commented"),
                    ("condition.added", "added a condition of approval"),
                    ("condition.done", "marked a condition of approval done"),
                    ("review.started", "started the review"),
                    ("answer.reviewed", "reviewed an answer and kept its evidence level"),
                    ("domain.reviewed", "reviewed a whole domain and kept its evidence levels"),
                    ("review.changes_requested", "sent the answers back with questions"),
                    ("evidence.added", "attached evidence"),
                    (
                        "evidence.malware_refused",
                        "tried to attach a file with malware in it, and was refused",
                    ),
                    ("evidence.scanned", "scanned a stored file and found no malware"),
                    ("evidence.quarantined", "found malware in a stored file and removed the file"),
                    ("invitation.created", "invited a vendor contact"),
                    ("invitation.sent", "sent the invitation e-mail"),
                    ("invitation.accepted", "confirmed the invitation link"),
                    ("invitation.refused", "tried an invitation link that no longer works"),
                    ("invitation.resent", "sent the vendor contact a new link"),
                    ("invitation.revoked", "revoked an invitation"),
                    ("invitation.session_revoked", "ended the vendor contact's access"),
                    ("invitation.done", "marked the vendor's part as done"),
                    ("invitation.reminded", "reminded the vendor contact of the due date"),
                    (
                        "invitation.overdue_notice",
                        "told procurement that the vendor's part is overdue",
                    ),
                    ("report.requested", "requested a board report"),
                ],
                max_length=64,
            ),
        ),
        migrations.AddIndex(
            model_name="condition",
            index=models.Index(fields=["done_at", "due_date"], name="condition_tracker_idx"),
        ),
    ]
