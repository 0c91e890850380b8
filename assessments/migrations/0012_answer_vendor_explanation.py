"""The vendor's explanation gets its own column (Answer.vendor_explanation): a vendor's save no
longer overwrites the buyer's notes. What vendors wrote before this migration stays in
`explanation`, where it was: nothing tells whose words an old text was, so none is moved.

The row-change triggers (0004) now record the new column too. On SQLite, adding a column rebuilds
the answer table and drops its trigger, so it is installed again; on PostgreSQL the trigger's
function is replaced.
"""

import django.core.validators
from django.db import migrations, models

ANSWER_COLUMNS = (
    "option_id",
    "is_na",
    "explanation",
    "vendor_explanation",
    "evidence_level",
    "override_score",
    "finding_accepted",
    "version",
)
PREVIOUS_COLUMNS = tuple(c for c in ANSWER_COLUMNS if c != "vendor_explanation")
TABLE = "assessments_answer"


def _json(fn: str, row: str, columns) -> str:
    return f"{fn}(" + ", ".join(f"'{c}', {row}.{c}" for c in columns) + ")"


def _postgres(schema_editor, columns) -> None:
    pairs = _json("json_build_object", "OLD", columns), _json("json_build_object", "NEW", columns)
    schema_editor.execute(f"""
        CREATE OR REPLACE FUNCTION {TABLE}_row_change() RETURNS trigger AS $$
        BEGIN
          IF TG_OP = 'DELETE' THEN
            INSERT INTO assessments_rowchange (table_name, row_id, operation, old, new, changed_at)
            VALUES (TG_TABLE_NAME, OLD.id::text, TG_OP, {pairs[0]}::text, '', now());
            RETURN OLD;
          END IF;
          IF OLD.version = NEW.version THEN
            INSERT INTO assessments_rowchange (table_name, row_id, operation, old, new, changed_at)
            VALUES (TG_TABLE_NAME, NEW.id::text, TG_OP, {pairs[0]}::text, {pairs[1]}::text, now());
          END IF;
          RETURN NEW;
        END $$ LANGUAGE plpgsql;
    """)  # noqa: S608 (constant table and column names, nothing from input)


def _sqlite(schema_editor, columns) -> None:
    schema_editor.execute(f"DROP TRIGGER IF EXISTS {TABLE}_row_change")
    schema_editor.execute(f"""
        CREATE TRIGGER {TABLE}_row_change AFTER UPDATE ON {TABLE} WHEN OLD.version = NEW.version
        BEGIN
          INSERT INTO assessments_rowchange (table_name, row_id, operation, old, new, changed_at)
          VALUES ('{TABLE}', OLD.id, 'UPDATE', {_json("json_object", "OLD", columns)},
                  {_json("json_object", "NEW", columns)}, strftime('%Y-%m-%d %H:%M:%f', 'now'));
        END;
    """)  # noqa: S608 (constant table and column names, nothing from input)


def _install(columns):
    def run(apps, schema_editor) -> None:
        vendor = schema_editor.connection.vendor
        if vendor == "postgresql":
            _postgres(schema_editor, columns)
        elif vendor == "sqlite":
            _sqlite(schema_editor, columns)

    return run


class Migration(migrations.Migration):
    dependencies = [("assessments", "0011_condition_done_summary_missing_required")]

    operations = [
        migrations.AddField(
            model_name="answer",
            name="vendor_explanation",
            field=models.TextField(
                blank=True, validators=[django.core.validators.MaxLengthValidator(10000)]
            ),
        ),
        migrations.RunPython(_install(ANSWER_COLUMNS), _install(PREVIOUS_COLUMNS)),
    ]
