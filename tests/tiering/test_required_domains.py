"""The tier names the domains an assessment must have answered before it is submitted: all of them
for tier 1 and offerings without a tier, fewer for a low tier; what is left unanswered still
counts against the score."""

import pytest

from assessments.lifecycle.services import (
    SubmissionIncomplete,
    assessment_create,
    assessment_submit,
)
from assessments.questionnaire.structure import questionnaire_structure
from assessments.scoring_adapter import assessment_score
from tests.assessments.helpers import answer_all
from tests.factories import OfferingFactory
from tiering.rules import current_rules
from tiering.services import risk_profile_record

pytestmark = pytest.mark.django_db

LOW = {q.key: q.options[0].key for q in current_rules().questions}  # tier 4
CRITICAL = {q.key: q.options[-1].key for q in current_rules().questions}  # tier 1


def _only_data_residency_answered(questionnaire, procurement_user, answers):
    offering = OfferingFactory()
    if answers is not None:
        risk_profile_record(actor=procurement_user, offering=offering, answers=answers)
    assessment = assessment_create(
        actor=procurement_user, offering=offering, questionnaire=questionnaire
    )
    structure = questionnaire_structure(questionnaire)
    others = [q.key for q in structure.questions if q.domain_key != "data_residency"]
    answer_all(assessment, procurement_user, skip=others)
    return assessment


def test_a_tier_4_offering_is_submitted_with_its_required_domain_answered(
    questionnaire_v3, procurement_user
):
    assessment = _only_data_residency_answered(questionnaire_v3, procurement_user, LOW)
    card = assessment_score(assessment=assessment).scorecard
    assert card.coverage.missing_required  # the others are still unanswered, and count
    submitted = assessment_submit(actor=procurement_user, assessment_pk=assessment.pk)
    assert submitted.status == "submitted"


@pytest.mark.parametrize("answers", [CRITICAL, None], ids=["tier 1", "no tier"])
def test_tier_1_and_untiered_offerings_need_every_required_answer(
    questionnaire_v3, procurement_user, answers
):
    assessment = _only_data_residency_answered(questionnaire_v3, procurement_user, answers)
    with pytest.raises(SubmissionIncomplete) as refused:
        assessment_submit(actor=procurement_user, assessment_pk=assessment.pk)
    structure = questionnaire_structure(questionnaire_v3)
    assert refused.value.missing
    assert all(structure.question(k).domain_key != "data_residency" for k in refused.value.missing)
