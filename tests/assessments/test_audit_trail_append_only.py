"""Audit events are append-only: the model refuses edits, and so does the database itself for
writes that never go through the model."""

import pytest
from django.db import DatabaseError, connection, transaction

from assessments.audit import audit_record
from assessments.models import AuditEvent

pytestmark = pytest.mark.django_db


@pytest.fixture
def event(assessment, procurement_user):
    return audit_record(
        assessment=assessment,
        actor=procurement_user,
        action="answer.saved",
        question_key="integration.facade_pattern",
        old={"option": None},
        new={"option": "native"},
    )


def test_the_model_refuses_to_save_or_delete_a_stored_event(event):
    event.new = {"option": "facade_only"}
    with pytest.raises(ValueError, match="append-only"):
        event.save()
    with pytest.raises(ValueError, match="append-only"):
        event.delete()
    stored = AuditEvent.objects.get(pk=event.pk)
    assert stored.new == {"option": "native"}


def test_the_database_refuses_a_queryset_update(event):
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        AuditEvent.objects.filter(pk=event.pk).update(
            actor_label="someone-else", new={"option": "facade_only"}
        )
    stored = AuditEvent.objects.get(pk=event.pk)
    assert (stored.actor_label, stored.new) == ("pat", {"option": "native"})


def test_the_database_refuses_a_raw_update(event):
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(
            "UPDATE assessments_auditevent SET action = %s WHERE id = %s",
            ["nothing.happened", event.pk],
        )
    assert AuditEvent.objects.get(pk=event.pk).action == "answer.saved"


def test_on_postgresql_the_database_also_refuses_a_queryset_delete(event):
    if connection.vendor != "postgresql":
        pytest.skip("SQLite refuses updates only: Django flushes its test databases with DELETE")
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        AuditEvent.objects.filter(pk=event.pk).delete()
    assert AuditEvent.objects.filter(pk=event.pk).exists()
