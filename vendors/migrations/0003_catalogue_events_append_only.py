"""The database refuses to change catalogue events, as it does audit events (README, "Audit
trail"): on PostgreSQL no UPDATE or DELETE, on SQLite no UPDATE (Django flushes SQLite test
databases with DELETE)."""

from django.db import migrations

TABLE = "vendors_catalogueevent"
TRIGGER = f"{TABLE}_append_only"


def install(apps, schema_editor) -> None:
    run = schema_editor.execute
    if schema_editor.connection.vendor == "postgresql":
        run(
            f"CREATE OR REPLACE FUNCTION {TRIGGER}() RETURNS trigger AS $$ "
            "BEGIN RAISE EXCEPTION 'catalogue events are append-only'; END $$ LANGUAGE plpgsql;"
        )
        run(
            f"CREATE TRIGGER {TRIGGER} BEFORE UPDATE OR DELETE ON {TABLE} "
            f"FOR EACH ROW EXECUTE FUNCTION {TRIGGER}();"
        )
    elif schema_editor.connection.vendor == "sqlite":
        run(
            f"CREATE TRIGGER {TRIGGER} BEFORE UPDATE ON {TABLE} "
            "BEGIN SELECT RAISE(ABORT, 'catalogue events are append-only'); END;"
        )


def uninstall(apps, schema_editor) -> None:
    on_table = f" ON {TABLE}" if schema_editor.connection.vendor == "postgresql" else ""
    schema_editor.execute(f"DROP TRIGGER IF EXISTS {TRIGGER}{on_table}")


class Migration(migrations.Migration):
    dependencies = [("vendors", "0002_catalogue_events")]
    operations = [migrations.RunPython(install, uninstall)]
