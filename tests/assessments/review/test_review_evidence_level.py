"""An architect's evidence upgrade moves the evidenced score, never the claimed one."""

import datetime

import pytest

from assessments.lifecycle.services import assessment_submit
from assessments.models import Answer
from assessments.review.services import review_start
from tests.assessments.conftest import first_question
from tests.assessments.helpers import answer_all

pytestmark = pytest.mark.django_db


def _trace_row(card: dict, key: str) -> dict:
    return next(row for row in card["trace"] if row["key"] == key)


def test_an_evidence_upgrade_raises_the_evidenced_score(
    api, assessment, procurement_user, architect_user, viewer_user, outsider_user
):
    answer_all(assessment, procurement_user, level="documented")
    assessment_submit(actor=procurement_user, assessment_pk=assessment.pk)
    review_start(actor=architect_user, assessment_pk=assessment.pk)
    key = first_question(assessment.questionnaire).key
    scorecard = f"/api/v1/assessments/{assessment.pk}/scorecard/"
    url = f"/api/v1/assessments/{assessment.pk}/answers/{key}/evidence-level/"
    body = {"evidence_level": "verified", "valid_until": "2030-06-30"}
    before = api(viewer_user).get(scorecard).data

    assert api(None).post(url, body, format="json").status_code == 401
    assert api(outsider_user).post(url, body, format="json").status_code == 403
    response = api(architect_user).post(url, body, format="json")
    assert response.status_code == 200, response.data
    assert (response.data["evidence_level"], response.data["evidence_valid_until"]) == (
        "verified",
        "2030-06-30",
    )
    assert response.data["version"] == 2

    after = api(viewer_user).get(scorecard).data
    assert after["evidenced_score"] > before["evidenced_score"]
    assert after["claimed_score"] == before["claimed_score"]
    old_row, new_row = _trace_row(before, key), _trace_row(after, key)
    assert (old_row["evidence_level"], old_row["factor"]) == ("documented", 0.7)
    assert (new_row["evidence_level"], new_row["factor"]) == ("verified", 1.0)
    # The whole difference comes from this one answer: its contribution grew by 1.0/0.7.
    assert new_row["overall_evidenced_contribution"] == pytest.approx(
        old_row["overall_evidenced_contribution"] / 0.7, abs=0.01
    )
    assert after["evidenced_score"] - before["evidenced_score"] == pytest.approx(
        new_row["overall_evidenced_contribution"] - old_row["overall_evidenced_contribution"],
        abs=0.02,
    )
    answer = Answer.objects.get(assessment=assessment, question__key=key)
    assert answer.evidence_valid_until == datetime.date(2030, 6, 30)
    assert answer.updated_by == architect_user
