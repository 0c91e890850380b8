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


def test_an_explanation_edit_leaves_the_summary_alone_and_it_stays_true(
    assessment, procurement_user, questionnaire
):
    """Typing in the explanation (the commonest autosave) changes no score, finding or review
    count, so it costs the four statements it always did; the stored summary is still exact."""
    from assessments.models import AssessmentSummary
    from assessments.summary import summary_compute

    question = question_of(questionnaire, INVITED)
    first = question.options.all()[0].key
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
            option_key=first,
            explanation="The keys are held by the vendor's HSM cluster.",
            expected_version=1,
        )
    assert _statements(queries) == ["SELECT", "SELECT", "UPDATE", "INSERT"]
    stored = AssessmentSummary.objects.filter(assessment=assessment).values().get()
    expected = summary_compute(
        assessment_pk=assessment.pk, questionnaire_id=assessment.questionnaire_id
    )
    assert {k: stored[k] for k in expected} == expected


def test_an_explanation_edit_that_undoes_a_review_verdict_updates_the_progress(
    assessment, procurement_user, architect_user
):
    from assessments.answers.services import answer_patch
    from assessments.lifecycle.services import assessment_submit
    from assessments.models import AssessmentSummary
    from assessments.review.services import (
        answer_review_mark,
        assessment_request_changes,
        review_start,
    )
    from tests.assessments.helpers import answer_all

    key = answer_all(assessment, procurement_user)[0]
    assessment_submit(actor=procurement_user, assessment_pk=assessment.pk)
    review_start(actor=architect_user, assessment_pk=assessment.pk)
    answer_review_mark(actor=architect_user, assessment_pk=assessment.pk, question_key=key)
    assert AssessmentSummary.objects.get(assessment=assessment).reviewed == 1
    assessment_request_changes(
        actor=architect_user, assessment_pk=assessment.pk, question_keys=[key], message="Which?"
    )
    answer = Answer.objects.get(assessment=assessment, question__key=key)
    answer_patch(
        actor=procurement_user,
        assessment_pk=assessment.pk,
        question_key=key,
        changes={"text": "The keys sit in the vendor's HSM."},
        expected_version=answer.version,
    )
    # The architect's verdict was on the answer as it was: it must be looked at again.
    assert AssessmentSummary.objects.get(assessment=assessment).reviewed == 0
