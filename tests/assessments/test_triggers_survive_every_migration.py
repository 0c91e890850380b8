"""The database triggers of the audit trail (0004) must survive every later migration: on SQLite,
changing a table's columns rebuilds it and silently drops its triggers."""

import pytest
from django.db import connection

pytestmark = pytest.mark.django_db

EXPECTED = {
    "assessments_answer_row_change",
    "assessments_assessment_row_change",
    "assessments_auditevent_append_only",
    "vendors_catalogueevent_append_only",
}


def _triggers() -> set[str]:
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
        else:
            cursor.execute("SELECT tgname FROM pg_trigger WHERE NOT tgisinternal")
        return {row[0] for row in cursor.fetchall()}


def test_every_audit_trigger_is_installed_after_all_migrations():
    assert _triggers() >= EXPECTED
