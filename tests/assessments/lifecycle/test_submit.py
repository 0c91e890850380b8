"""Submitting checks required answers, lists what is missing, and freezes the answers."""

import json

import pytest

from assessments.answers.services import NOT_EDITABLE
from assessments.lifecycle.services import MISSING_REQUIRED
from assessments.models import Assessment, AuditEvent, ScorecardSnapshot
from tests.assessments.conftest import answer_url, first_question
from tests.assessments.helpers import answer_all

pytestmark = pytest.mark.django_db


def test_submit_lists_the_missing_required_questions(api, assessment, procurement_user):
    skipped = first_question(assessment.questionnaire).key
    answer_all(assessment, procurement_user, skip={skipped})
    response = api(procurement_user).post(f"/api/v1/assessments/{assessment.pk}/submit/")
    assert response.status_code == 400
    assert response.data == {"detail": MISSING_REQUIRED, "missing": [skipped]}
    assessment.refresh_from_db()
    assert assessment.status == "draft"
    assert not ScorecardSnapshot.objects.exists()


def test_a_complete_assessment_is_submitted_with_a_snapshot(api, assessment, procurement_user):
    answer_all(assessment, procurement_user)
    response = api(procurement_user).post(f"/api/v1/assessments/{assessment.pk}/submit/")
    assert response.status_code == 200, response.data
    assert response.data["status"] == "submitted"
    snapshot = ScorecardSnapshot.objects.get(assessment=assessment)
    card = json.loads(snapshot.scorecard_json)
    assert card["grade"] == "B"  # every best option, documented: 70 evidenced
    event = AuditEvent.objects.get(action="assessment.submitted")
    assert event.old == {"status": "draft"}
    assert event.new["snapshot_sha256"] == snapshot.scorecard_sha256


def test_a_submitted_assessment_is_read_only_for_procurement(api, assessment, procurement_user):
    answer_all(assessment, procurement_user)
    client = api(procurement_user)
    client.post(f"/api/v1/assessments/{assessment.pk}/submit/")
    key = first_question(assessment.questionnaire).key
    response = client.put(
        answer_url(assessment, key), {"option": "unknown", "version": 1}, format="json"
    )
    assert response.status_code == 409
    assert response.data["detail"] == NOT_EDITABLE.format(status="submitted")
    again = client.post(f"/api/v1/assessments/{assessment.pk}/submit/")
    assert again.status_code == 409


def test_submit_page_lists_missing_questions_with_links(client, assessment, procurement_user):
    client.force_login(procurement_user)
    response = client.post(f"/assessments/{assessment.pk}/submit/")
    assert response.status_code == 400
    question = first_question(assessment.questionnaire)
    link = f'href="/assessments/{assessment.pk}/form/#q-{question.key}"'
    assert link.encode() in response.content
    assert Assessment.objects.get(pk=assessment.pk).status == "draft"
