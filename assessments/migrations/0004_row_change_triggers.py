"""Database triggers: record answer and assessment changes that bypass the app, and make audit
events append-only. Hand-written for PostgreSQL and SQLite (see README, "Audit trail")."""

from django.db import migrations

ANSWER_COLUMNS = ("option_id", "is_na", "explanation", "evidence_level", "override_score",
                  "finding_accepted", "version")
ASSESSMENT_COLUMNS = ("status", "reviewer_id", "decided_at", "decision_rationale", "due_date")


def _json(fn: str, row: str, columns) -> str:
    return f"{fn}(" + ", ".join(f"'{c}', {row}.{c}" for c in columns) + ")"


def _postgres(schema_editor) -> None:
    run = schema_editor.execute
    for table, columns, when in (
        # The app bumps an answer's version on every change it makes; one that does not bypassed it.
        ("assessments_answer", ANSWER_COLUMNS, "OLD.version = NEW.version"),
        ("assessments_assessment", ASSESSMENT_COLUMNS, "TRUE"),
    ):
        run(f"""
            CREATE OR REPLACE FUNCTION {table}_row_change() RETURNS trigger AS $$
            BEGIN
              IF TG_OP = 'DELETE' THEN
                INSERT INTO assessments_rowchange (table_name, row_id, operation, old, new, changed_at)
                VALUES (TG_TABLE_NAME, OLD.id::text, TG_OP,
                        {_json('json_build_object', 'OLD', columns)}::text, '', now());
                RETURN OLD;
              END IF;
              IF {when} THEN
                INSERT INTO assessments_rowchange (table_name, row_id, operation, old, new, changed_at)
                VALUES (TG_TABLE_NAME, NEW.id::text, TG_OP,
                        {_json('json_build_object', 'OLD', columns)}::text,
                        {_json('json_build_object', 'NEW', columns)}::text, now());
              END IF;
              RETURN NEW;
            END $$ LANGUAGE plpgsql;
        """)
        run(f"CREATE TRIGGER {table}_row_change AFTER UPDATE OR DELETE ON {table} "
            f"FOR EACH ROW EXECUTE FUNCTION {table}_row_change();")
    run("""
        CREATE OR REPLACE FUNCTION assessments_auditevent_append_only() RETURNS trigger AS $$
        BEGIN RAISE EXCEPTION 'audit events are append-only'; END $$ LANGUAGE plpgsql;
    """)
    run("CREATE TRIGGER assessments_auditevent_append_only BEFORE UPDATE OR DELETE "
        "ON assessments_auditevent FOR EACH ROW EXECUTE FUNCTION assessments_auditevent_append_only();")


def _sqlite(schema_editor) -> None:
    # SQLite is the embedded development default. Django flushes test databases with DELETE, so
    # here only UPDATEs are recorded and refused; PostgreSQL also covers DELETE.
    run = schema_editor.execute
    for table, columns, when in (
        ("assessments_answer", ANSWER_COLUMNS, "WHEN OLD.version = NEW.version"),
        ("assessments_assessment", ASSESSMENT_COLUMNS, ""),
    ):
        run(f"""
            CREATE TRIGGER {table}_row_change AFTER UPDATE ON {table} {when}
            BEGIN
              INSERT INTO assessments_rowchange (table_name, row_id, operation, old, new, changed_at)
              VALUES ('{table}', OLD.id, 'UPDATE', {_json('json_object', 'OLD', columns)},
                      {_json('json_object', 'NEW', columns)},
                      strftime('%Y-%m-%d %H:%M:%f', 'now'));
            END;
        """)
    run("""
        CREATE TRIGGER assessments_auditevent_append_only BEFORE UPDATE ON assessments_auditevent
        BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END;
    """)


def install(apps, schema_editor) -> None:
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        _postgres(schema_editor)
    elif vendor == "sqlite":
        _sqlite(schema_editor)


def uninstall(apps, schema_editor) -> None:
    vendor = schema_editor.connection.vendor
    run = schema_editor.execute
    for table in ("assessments_answer", "assessments_assessment"):
        run(f"DROP TRIGGER IF EXISTS {table}_row_change" + (f" ON {table}" if vendor == "postgresql" else ""))
    run("DROP TRIGGER IF EXISTS assessments_auditevent_append_only"
        + (" ON assessments_auditevent" if vendor == "postgresql" else ""))


class Migration(migrations.Migration):
    dependencies = [("assessments", "0003_review")]
    operations = [migrations.RunPython(install, uninstall)]
