"""A verification or attestation backed the answer that was verified: when procurement changes the
option, the answer is a claim again; changing only the explanation keeps the level."""

import pytest

from assessments.answers.services import answer_save
from assessments.lifecycle.services import assessment_submit
from assessments.models import Answer
from assessments.review.services import answer_evidence_level_set, review_start
from tests.assessments.conftest import first_question
from tests.assessments.helpers import answer_all

pytestmark = pytest.mark.django_db


def _verified_then_returned(assessment, procurement_user, architect_user):
    answer_all(assessment, procurement_user)
    assessment_submit(actor=procurement_user, assessment_pk=assessment.pk)
    review_start(actor=architect_user, assessment_pk=assessment.pk)
    key = first_question(assessment.questionnaire).key
    answer_evidence_level_set(
        actor=architect_user,
        assessment_pk=assessment.pk,
        question_key=key,
        evidence_level="verified",
    )
    from assessments.review.services import assessment_request_changes

    assessment_request_changes(
        actor=architect_user,
        assessment_pk=assessment.pk,
        question_keys=[key],
        message="Please re-check this answer.",
    )
    return key, Answer.objects.get(assessment=assessment, question__key=key)


def test_changing_the_option_turns_a_verified_answer_back_into_a_claim(
    assessment, procurement_user, architect_user
):
    key, answer = _verified_then_returned(assessment, procurement_user, architect_user)
    other = next(o.key for o in answer.question.options.all() if o.pk != answer.option_id)
    saved = answer_save(
        actor=procurement_user,
        assessment_pk=assessment.pk,
        question_key=key,
        option_key=other,
        evidence_level="verified",
        expected_version=answer.version,
    )
    assert saved.evidence_level == "claim"


def test_changing_only_the_explanation_keeps_the_verification(
    assessment, procurement_user, architect_user
):
    key, answer = _verified_then_returned(assessment, procurement_user, architect_user)
    option = answer.question.options.get(pk=answer.option_id).key
    saved = answer_save(
        actor=procurement_user,
        assessment_pk=assessment.pk,
        question_key=key,
        option_key=option,
        explanation="More detail from the vendor.",
        evidence_level="verified",
        expected_version=answer.version,
    )
    assert saved.evidence_level == "verified"
