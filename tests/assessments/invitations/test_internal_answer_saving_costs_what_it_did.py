"""answer_save shares its body with the vendor path; for internal users it must stay six
statements on the autosave hot path (BENCHMARKS.md): lock-and-read the assessment, read the
answer, write it, audit it, then read the answers' scoring fields and update the assessment's
summary (grade, open findings, review progress) in the same transaction."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from assessments.answers.services import answer_save
from assessments.models import Answer
from tests.assessments.invitations.conftest import INVITED, question_of

pytestmark = pytest.mark.django_db


def _statements(queries) -> list[str]:
    sql = [q["sql"].lstrip().split()[0].upper() for q in queries]
    return [s for s in sql if s not in ("SAVEPOINT", "RELEASE")]


def test_an_internal_update_is_six_statements(assessment, procurement_user, questionnaire):
    question = question_of(questionnaire, INVITED)
    first, second = (o.key for o in question.options.all()[:2])
    answer_save(
        actor=procurement_user,
        assessment_pk=assessment.pk,
        question_key=question.key,
        option_key=first,
    )
    with CaptureQueriesContext(connection) as queries:
        answer_save(
            actor=procurement_user,
            assessment_pk=assessment.pk,
            question_key=question.key,
            option_key=second,
            expected_version=1,
        )
    assert _statements(queries) == ["SELECT", "SELECT", "UPDATE", "INSERT", "SELECT", "UPDATE"]
    answer = Answer.objects.get(assessment=assessment, question=question)
    assert (answer.version, answer.updated_by, answer.answered_by_contact) == (
        2,
        procurement_user,
        None,
    )
