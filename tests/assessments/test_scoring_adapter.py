"""The adapter builds the engine's input with a fixed number of queries, and snapshots are
byte-identical for the same inputs."""

import pytest

from assessments.lifecycle.services import assessment_create
from assessments.models import ScorecardSnapshot
from assessments.questionnaire.loader import questionnaire_import
from assessments.questionnaire.schema import validate_document
from assessments.scoring_adapter import assessment_score, snapshot_store
from tests.assessments.helpers import answer_all
from tests.factories import OfferingFactory
from tests.support.questionnaires import synthetic_document

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("size", [60, 300])
def test_scoring_input_takes_a_constant_number_of_queries(
    procurement_user, size, django_assert_max_num_queries
):
    document = validate_document(synthetic_document(size, key=f"s{size}"), "synthetic")
    version = questionnaire_import(document=document, source="synthetic").questionnaire
    assessment = assessment_create(
        actor=procurement_user, offering=OfferingFactory(), questionnaire=version
    )
    answer_all(assessment, procurement_user)
    # First call builds the cached structure (3 queries) and reads answers (1).
    with django_assert_max_num_queries(4):
        scored = assessment_score(assessment=assessment)
    assert scored.scorecard.coverage.answered == len(assessment.answers.all())
    with django_assert_max_num_queries(1):
        assessment_score(assessment=assessment)


def test_recomputing_gives_a_byte_identical_snapshot(assessment, procurement_user):
    answer_all(assessment, procurement_user, pick="worst", level="claim")
    first = snapshot_store(assessment=assessment, kind=ScorecardSnapshot.Kind.SUBMITTED)
    second = snapshot_store(assessment=assessment, kind=ScorecardSnapshot.Kind.DECIDED)
    assert first.scorecard_json == second.scorecard_json
    assert first.inputs_sha256 == second.inputs_sha256
    assert first.scorecard_sha256 == second.scorecard_sha256


def test_the_adapter_scores_the_answers_as_stored(assessment, procurement_user):
    answer_all(assessment, procurement_user, pick="best", level="claim")
    card = assessment_score(assessment=assessment).scorecard
    assert card.claimed == pytest.approx(100)
    assert card.evidenced == pytest.approx(40)
    assert card.grade == "D"  # 40 evidenced: exactly the D band's floor
    assert card.coverage.missing_required == ()
