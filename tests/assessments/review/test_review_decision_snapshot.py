"""The decision freezes the scorecard: a `decided` snapshot byte-identical to a fresh scoring."""

import hashlib

import pytest

from assessments.lifecycle.services import assessment_submit
from assessments.models import AuditEvent, ScorecardSnapshot
from assessments.review.services import condition_add, review_start
from assessments.scoring_adapter import assessment_score
from scoring import canonical_json
from tests.assessments.helpers import answer_all

pytestmark = pytest.mark.django_db

RATIONALE = "The design cannot be accepted; the exit gap alone rules it out."


def test_the_decision_stores_a_snapshot_equal_to_the_recomputed_scorecard(
    api, assessment, procurement_user, architect_user, outsider_user
):
    answer_all(assessment, procurement_user, pick="worst", level="claim")
    assessment_submit(actor=procurement_user, assessment_pk=assessment.pk)
    review_start(actor=architect_user, assessment_pk=assessment.pk)
    condition_add(
        actor=architect_user,
        assessment_pk=assessment.pk,
        text="Export of all configuration before go-live.",
        owner="Procurement",
    )
    url = f"/api/v1/assessments/{assessment.pk}/decision/"
    body = {"decision": "rejected", "rationale": RATIONALE}
    assert api(None).post(url, body, format="json").status_code == 401
    assert api(outsider_user).post(url, body, format="json").status_code == 403
    response = api(architect_user).post(url, body, format="json")
    assert response.status_code == 200, response.data
    assert response.data["status"] == "rejected"

    snapshot = ScorecardSnapshot.objects.get(assessment=assessment, kind="decided")
    recomputed = canonical_json(assessment_score(assessment=assessment).scorecard.to_dict())
    assert snapshot.scorecard_json.encode("utf-8") == recomputed
    assert snapshot.scorecard_sha256 == hashlib.sha256(recomputed).hexdigest()
    assert snapshot.inputs_sha256 == assessment_score(assessment=assessment).inputs_sha256
    event = AuditEvent.objects.get(assessment=assessment, action="assessment.decided")
    card = assessment_score(assessment=assessment).scorecard
    assert event.new == {
        "status": "rejected",
        "rationale": RATIONALE,
        "grade": card.grade,
        "recommendation": card.recommendation,
        "departure_justification": "",
        "snapshot_sha256": snapshot.scorecard_sha256,
    }
    assert ScorecardSnapshot.objects.filter(assessment=assessment).count() == 2  # + submitted
