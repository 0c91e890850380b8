"""Assessment.uncarried, for answers a reassessment could not carry onto a newer questionnaire.

On SQLite, adding a column rebuilds the table, and the rebuild drops the row-change trigger that
0004 installed on it; it is installed again here. PostgreSQL keeps its triggers across the change.
"""

from django.db import migrations, models

COLUMNS = ("status", "reviewer_id", "decided_at", "decision_rationale", "due_date")
TABLE = "assessments_assessment"


def _json(row: str) -> str:
    return "json_object(" + ", ".join(f"'{c}', {row}.{c}" for c in COLUMNS) + ")"


def reinstall_sqlite_trigger(apps, schema_editor) -> None:
    if schema_editor.connection.vendor != "sqlite":
        return
    schema_editor.execute(f"DROP TRIGGER IF EXISTS {TABLE}_row_change")
    schema_editor.execute(f"""
        CREATE TRIGGER {TABLE}_row_change AFTER UPDATE ON {TABLE}
        BEGIN
          INSERT INTO assessments_rowchange (table_name, row_id, operation, old, new, changed_at)
          VALUES ('{TABLE}', OLD.id, 'UPDATE', {_json('OLD')}, {_json('NEW')},
                  strftime('%Y-%m-%d %H:%M:%f', 'now'));
        END;
    """)


class Migration(migrations.Migration):
    dependencies = [("assessments", "0008_questionnaire_v2_rules")]

    operations = [
        migrations.AddField(
            model_name="assessment",
            name="uncarried",
            field=models.JSONField(blank=True, default=list),
        ),
        migrations.RunPython(reinstall_sqlite_trigger, migrations.RunPython.noop),
    ]
