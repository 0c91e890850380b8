"""What one caller can multiply has a limit, each a setting, each refused with a 400 that names
the limit and adds nothing: evidence items per answer, comments per answer, conditions per
assessment (issue 19; core/limits.py)."""

import pytest

from assessments.lifecycle.services import assessment_submit
from assessments.models import Comment, Condition, Evidence
from assessments.review.services import review_start
from tests.assessments.helpers import answer_all

pytestmark = pytest.mark.django_db
KEY = "key_isolation.key_location"


def _refused(response, setting: str) -> None:
    assert response.status_code == 400, response.content
    detail = response.json()["detail"]
    assert f"the most allowed ({setting})" in detail, detail


def test_evidence_per_answer(api, assessment, procurement_user, settings):
    settings.EVIDENCE_PER_ANSWER = 2
    client = api(procurement_user)
    url = f"/api/v1/assessments/{assessment.pk}/evidence/"
    for n in range(2):
        body = {"question_key": KEY, "url": f"https://vendor.example/soc2-{n}.pdf"}
        assert client.post(url, body, format="multipart").status_code == 201
    third = {"question_key": KEY, "url": "https://vendor.example/soc2-3.pdf"}
    _refused(client.post(url, third, format="multipart"), "EVIDENCE_PER_ANSWER")
    assert Evidence.objects.count() == 2
    other = {"question_key": "integration.facade_pattern", "url": "https://vendor.example/x"}
    assert client.post(url, other, format="multipart").status_code == 201  # per answer


def test_comments_per_answer(api, assessment, architect_user, settings):
    settings.COMMENTS_PER_ANSWER = 3
    client = api(architect_user)
    url = f"/api/v1/assessments/{assessment.pk}/answers/{KEY}/comments/"
    for n in range(3):
        assert client.post(url, {"body": f"Point {n}"}, format="json").status_code == 201
    _refused(client.post(url, {"body": "One more"}, format="json"), "COMMENTS_PER_ANSWER")
    assert Comment.objects.count() == 3


def test_conditions_per_assessment(api, assessment, procurement_user, architect_user, settings):
    settings.CONDITIONS_PER_ASSESSMENT = 2
    answer_all(assessment, procurement_user)
    assessment_submit(actor=procurement_user, assessment_pk=assessment.pk)
    review_start(actor=architect_user, assessment_pk=assessment.pk)
    client = api(architect_user)
    url = f"/api/v1/assessments/{assessment.pk}/conditions/"
    body = {"text": "Move the signing keys into an HSM.", "owner": "Vendor"}
    for _ in range(2):
        assert client.post(url, body, format="json").status_code == 201
    _refused(client.post(url, body, format="json"), "CONDITIONS_PER_ASSESSMENT")
    assert Condition.objects.count() == 2
