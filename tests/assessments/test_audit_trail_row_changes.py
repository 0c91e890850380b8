"""Database triggers record answer changes that bypass the services (a bulk update keeps the
version as it was), and stay quiet for saves that went through them."""

import json

import pytest

from assessments.answers.services import answer_save
from assessments.lifecycle.services import assessment_submit
from assessments.models import Answer, RowChange
from assessments.review.services import answer_override, review_start
from tests.assessments.helpers import answer_all

pytestmark = pytest.mark.django_db


def _answer_changes():
    return RowChange.objects.filter(table_name="assessments_answer")


def test_a_bulk_update_leaves_row_changes_with_the_old_and_new_explanation(
    assessment, procurement_user
):
    keys = answer_all(assessment, procurement_user)[:3]
    originals = {}
    for answer in Answer.objects.filter(assessment=assessment, question__key__in=keys):
        answer_save(
            actor=procurement_user,
            assessment_pk=assessment.pk,
            question_key=answer.question.key,
            option_key=answer.option.key,
            explanation=f"Because of {answer.question.key}",
            evidence_level="documented",
            expected_version=answer.version,
        )
        originals[answer.pk] = f"Because of {answer.question.key}"
    assert not _answer_changes().exists()

    updated = Answer.objects.filter(assessment=assessment).update(explanation="tampered")

    changes = list(_answer_changes())
    assert len(changes) == updated == Answer.objects.filter(assessment=assessment).count()
    by_row = {int(change.row_id): change for change in changes}
    for pk, explanation in originals.items():
        old, new = json.loads(by_row[pk].old), json.loads(by_row[pk].new)
        assert by_row[pk].operation == "UPDATE"
        assert (old["explanation"], new["explanation"]) == (explanation, "tampered")
        assert old["version"] == new["version"] == 2  # the sign that no service made the change
        assert old["option_id"] == new["option_id"]


def test_saves_through_the_services_leave_no_row_change(
    assessment, procurement_user, architect_user
):
    keys = answer_all(assessment, procurement_user)
    answer = Answer.objects.get(assessment=assessment, question__key=keys[0])
    answer_save(
        actor=procurement_user,
        assessment_pk=assessment.pk,
        question_key=keys[0],
        option_key=answer.option.key,
        explanation="Changed through the service",
        evidence_level="documented",
        expected_version=answer.version,
    )
    assessment_submit(actor=procurement_user, assessment_pk=assessment.pk)
    review_start(actor=architect_user, assessment_pk=assessment.pk)
    answer_override(
        actor=architect_user,
        assessment_pk=assessment.pk,
        question_key=keys[0],
        score=50,
        justification="Only partly true in practice.",
    )
    assert Answer.objects.get(pk=answer.pk).version == 3
    assert not _answer_changes().exists()
    # Status changes of the assessment itself are always recorded, service or not.
    # SQLite stores a UUID as 32 hex digits, PostgreSQL prints it with dashes.
    row_ids = [str(assessment.pk), assessment.pk.hex]
    statuses = [
        json.loads(c.new)["status"]
        for c in RowChange.objects.filter(table_name="assessments_assessment", row_id__in=row_ids)
    ]
    assert statuses[-2:] == ["submitted", "in_review"]
