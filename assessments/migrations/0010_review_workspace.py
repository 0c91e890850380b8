"""The review workspace: stored summaries for lists, review verdicts and visits, the date an
evidence level was set (so a reassessment can age it; for a level set before this migration the
answer's last save stands in), the verdicts a reassessment could not carry, and a decision's
departure from the recommendation.

On SQLite, adding columns rebuilds the answer and assessment tables and drops the row-change
triggers 0004 installed on them; they are installed again here. PostgreSQL keeps its triggers.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

ANSWER_COLUMNS = (
    "option_id",
    "is_na",
    "explanation",
    "evidence_level",
    "override_score",
    "finding_accepted",
    "version",
)
ASSESSMENT_COLUMNS = ("status", "reviewer_id", "decided_at", "decision_rationale", "due_date")


def _json(row: str, columns) -> str:
    return "json_object(" + ", ".join(f"'{c}', {row}.{c}" for c in columns) + ")"


def reinstall_sqlite_triggers(apps, schema_editor) -> None:
    if schema_editor.connection.vendor != "sqlite":
        return
    for table, columns, when in (
        ("assessments_answer", ANSWER_COLUMNS, "WHEN OLD.version = NEW.version"),
        ("assessments_assessment", ASSESSMENT_COLUMNS, ""),
    ):
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_row_change")
        schema_editor.execute(f"""
            CREATE TRIGGER {table}_row_change AFTER UPDATE ON {table} {when}
            BEGIN
              INSERT INTO assessments_rowchange (table_name, row_id, operation, old, new, changed_at)
              VALUES ('{table}', OLD.id, 'UPDATE', {_json("OLD", columns)}, {_json("NEW", columns)},
                      strftime('%Y-%m-%d %H:%M:%f', 'now'));
            END;
        """)


class Migration(migrations.Migration):
    dependencies = [
        ("assessments", "0009_assessment_uncarried"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="AssessmentSummary",
            fields=[
                (
                    "assessment",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        primary_key=True,
                        related_name="summary",
                        serialize=False,
                        to="assessments.assessment",
                    ),
                ),
                ("grade", models.CharField(max_length=1)),
                ("uncapped_grade", models.CharField(max_length=1)),
                ("recommendation", models.CharField(max_length=32)),
                ("claimed", models.FloatField()),
                ("evidenced", models.FloatField()),
                ("gap", models.FloatField()),
                ("answered", models.PositiveIntegerField()),
                ("applicable", models.PositiveIntegerField()),
                ("open_critical", models.PositiveIntegerField()),
                ("open_high", models.PositiveIntegerField()),
                ("open_medium", models.PositiveIntegerField()),
                ("open_low", models.PositiveIntegerField()),
                ("accepted_findings", models.PositiveIntegerField()),
                ("to_review", models.PositiveIntegerField()),
                ("reviewed", models.PositiveIntegerField()),
                ("to_reconfirm", models.PositiveIntegerField()),
                ("updated_at", models.DateTimeField(auto_now=True)),
            ],
            options={
                "verbose_name_plural": "assessment summaries",
            },
        ),
        migrations.AddField(
            model_name="answer",
            name="level_set_at",
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="answer",
            name="reviewed_at",
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="answer",
            name="reviewed_by",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.AddField(
            model_name="assessment",
            name="decided_grade",
            field=models.CharField(blank=True, max_length=1),
        ),
        migrations.AddField(
            model_name="assessment",
            name="decided_recommendation",
            field=models.CharField(blank=True, max_length=32),
        ),
        migrations.AddField(
            model_name="assessment",
            name="departure_justification",
            field=models.TextField(blank=True),
        ),
        migrations.AddField(
            model_name="assessment",
            name="verdicts_lost",
            field=models.JSONField(blank=True, default=list),
        ),
        migrations.CreateModel(
            name="ReviewVisit",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("seen_at", models.DateTimeField()),
                ("previous_seen_at", models.DateTimeField(blank=True, null=True)),
                (
                    "assessment",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="review_visits",
                        to="assessments.assessment",
                    ),
                ),
                (
                    "user",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "constraints": [
                    models.UniqueConstraint(
                        fields=("assessment", "user"), name="review_visit_unique"
                    )
                ],
            },
        ),
        migrations.RunPython(reinstall_sqlite_triggers, migrations.RunPython.noop),
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
    ]
