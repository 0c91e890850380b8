"""Catalogue events about the whole catalogue (an imported vendor list) have no vendor; offerings
and contacts can be changed, not only added.

On SQLite, making the column nullable rebuilds the table, and the rebuild drops the append-only
trigger of 0003: it is installed again here. PostgreSQL alters the column in place and keeps it."""

import django.db.models.deletion
from django.db import migrations, models

TABLE = "vendors_catalogueevent"
TRIGGER = f"{TABLE}_append_only"


def reinstall_sqlite_trigger(apps, schema_editor) -> None:
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(
            f"CREATE TRIGGER IF NOT EXISTS {TRIGGER} BEFORE UPDATE ON {TABLE} "
            "BEGIN SELECT RAISE(ABORT, 'catalogue events are append-only'); END;"
        )


class Migration(migrations.Migration):
    dependencies = [
        ("vendors", "0004_alter_catalogueevent_action"),
    ]

    operations = [
        # Going back rebuilds the table too: reinstalled after it (reverse order runs this last).
        migrations.RunPython(migrations.RunPython.noop, reinstall_sqlite_trigger),
        migrations.AlterField(
            model_name="catalogueevent",
            name="action",
            field=models.CharField(
                choices=[
                    ("vendor.created", "added the vendor"),
                    ("vendor.updated", "changed the vendor's details"),
                    ("offering.created", "added an offering"),
                    ("offering.updated", "changed an offering"),
                    ("contact.created", "added a contact"),
                    ("contact.updated", "changed a contact"),
                    ("vendor_list.imported", "imported a vendor list"),
                    ("tier.assessed", "answered an offering's inherent-risk questions"),
                    ("tier.overridden", "overrode an offering's tier"),
                ],
                max_length=32,
            ),
        ),
        migrations.AlterField(
            model_name="catalogueevent",
            name="vendor",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="events",
                to="vendors.vendor",
            ),
        ),
        migrations.RunPython(reinstall_sqlite_trigger, migrations.RunPython.noop),
    ]
