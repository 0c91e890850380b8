"""A reviewer's override replaces the score the answer earns; the answer itself stays as given."""

import pytest

from assessments.lifecycle.services import assessment_submit
from assessments.models import Answer
from assessments.review.services import review_start
from tests.assessments.conftest import first_question
from tests.assessments.helpers import answer_all

pytestmark = pytest.mark.django_db

JUSTIFICATION = "The plug-in exists but only for the previous major version."


def test_an_override_replaces_the_score_but_not_the_chosen_option(
    api, assessment, procurement_user, architect_user, viewer_user, outsider_user
):
    answer_all(assessment, procurement_user)
    assessment_submit(actor=procurement_user, assessment_pk=assessment.pk)
    review_start(actor=architect_user, assessment_pk=assessment.pk)
    key = first_question(assessment.questionnaire).key
    base = f"/api/v1/assessments/{assessment.pk}"
    url = f"{base}/answers/{key}/override/"
    body = {"score": 40, "justification": JUSTIFICATION}
    before = api(viewer_user).get(f"{base}/scorecard/").data

    assert api(None).post(url, body, format="json").status_code == 401
    assert api(outsider_user).post(url, body, format="json").status_code == 403
    response = api(architect_user).post(url, body, format="json")
    assert response.status_code == 200, response.data
    assert (response.data["override_score"], response.data["override_justification"]) == (
        40.0,
        JUSTIFICATION,
    )

    after = api(viewer_user).get(f"{base}/scorecard/").data
    row = next(r for r in after["trace"] if r["key"] == key)
    assert (row["option"], row["raw_score"], row["override_score"], row["effective_score"]) == (
        "native",
        100,
        40.0,
        40.0,
    )
    assert after["claimed_score"] < before["claimed_score"]

    answers = {a["question_key"]: a for a in api(viewer_user).get(f"{base}/answers/").data}
    assert answers[key]["option"] == "native"
    assert answers[key]["override_score"] == 40.0
    assert Answer.objects.get(assessment=assessment, question__key=key).override_by == (
        architect_user
    )


def test_an_override_without_a_score_withdraws_it(
    api, assessment, procurement_user, architect_user, outsider_user
):
    answer_all(assessment, procurement_user)
    assessment_submit(actor=procurement_user, assessment_pk=assessment.pk)
    review_start(actor=architect_user, assessment_pk=assessment.pk)
    key = first_question(assessment.questionnaire).key
    url = f"/api/v1/assessments/{assessment.pk}/answers/{key}/override/"
    ada = api(architect_user)
    ada.post(url, {"score": 40, "justification": JUSTIFICATION}, format="json")
    body = {"score": None, "justification": "The newer release restores the plug-in."}
    assert api(None).post(url, body, format="json").status_code == 401
    assert api(outsider_user).post(url, body, format="json").status_code == 403
    response = ada.post(url, body, format="json")
    assert response.status_code == 200
    assert response.data["override_score"] is None
    card = api(architect_user).get(f"/api/v1/assessments/{assessment.pk}/scorecard/").data
    row = next(r for r in card["trace"] if r["key"] == key)
    assert (row["override_score"], row["effective_score"]) == (None, 100.0)
