"""Accepting the risk of a critical finding lifts the grade cap; the finding stays on the record."""

import pytest

from assessments.answers.services import answer_save
from assessments.lifecycle.services import assessment_submit
from assessments.models import Answer, AuditEvent
from assessments.review.services import review_start
from tests.assessments.helpers import answer_all

pytestmark = pytest.mark.django_db

KEY, CRITICAL_OPTION = "key_isolation.key_location", "frontend_memory"
JUSTIFICATION = "Pilot only, no production keys; the vendor moves to an HSM by Q3."


def test_accepting_a_critical_finding_removes_the_cap_but_keeps_the_finding(
    api, assessment, procurement_user, architect_user, viewer_user, outsider_user
):
    answer_all(assessment, procurement_user)
    answer_save(
        actor=procurement_user,
        assessment_pk=assessment.pk,
        question_key=KEY,
        option_key=CRITICAL_OPTION,
        evidence_level="documented",
        expected_version=1,
    )
    assessment_submit(actor=procurement_user, assessment_pk=assessment.pk)
    review_start(actor=architect_user, assessment_pk=assessment.pk)
    base = f"/api/v1/assessments/{assessment.pk}"
    capped = api(viewer_user).get(f"{base}/scorecard/").data
    assert capped["grade"] == "E" != capped["uncapped_grade"]
    assert capped["caps_applied"] == [{"severity": "critical", "question": KEY, "capped_to": "E"}]

    url = f"{base}/findings/{KEY}/accept/"
    body = {"justification": JUSTIFICATION}
    assert api(None).post(url, body, format="json").status_code == 401
    assert api(outsider_user).post(url, body, format="json").status_code == 403
    response = api(architect_user).post(url, body, format="json")
    assert response.status_code == 200, response.data
    assert (response.data["finding_accepted"], response.data["option"]) == (True, CRITICAL_OPTION)

    lifted = api(viewer_user).get(f"{base}/scorecard/").data
    assert lifted["grade"] == capped["uncapped_grade"] != "E"
    assert lifted["caps_applied"] == []
    assert lifted["evidenced_score"] == capped["evidenced_score"]  # the cap moved, not the score
    finding = next(f for f in lifted["findings"] if f["question"] == KEY)
    assert (finding["severity"], finding["accepted"], finding["acceptance_justification"]) == (
        "critical",
        True,
        JUSTIFICATION,
    )
    assert Answer.objects.get(assessment=assessment, question__key=KEY).accepted_by == (
        architect_user
    )
    event = AuditEvent.objects.get(action="finding.accepted")
    assert event.old == {"accepted": False, "justification": ""}
    assert event.new["severity"] == "critical"


def test_withdrawing_the_acceptance_restores_the_cap(
    api, assessment, procurement_user, architect_user, outsider_user
):
    answer_all(assessment, procurement_user)
    answer_save(
        actor=procurement_user,
        assessment_pk=assessment.pk,
        question_key=KEY,
        option_key=CRITICAL_OPTION,
        evidence_level="documented",
        expected_version=1,
    )
    assessment_submit(actor=procurement_user, assessment_pk=assessment.pk)
    review_start(actor=architect_user, assessment_pk=assessment.pk)
    url = f"/api/v1/assessments/{assessment.pk}/findings/{KEY}/accept/"
    ada = api(architect_user)
    ada.post(url, {"justification": JUSTIFICATION}, format="json")
    body = {"justification": "The HSM plan was dropped by the vendor.", "accepted": False}
    assert api(None).post(url, body, format="json").status_code == 401
    assert api(outsider_user).post(url, body, format="json").status_code == 403
    assert ada.post(url, body, format="json").status_code == 200
    card = ada.get(f"/api/v1/assessments/{assessment.pk}/scorecard/").data
    assert card["grade"] == "E"
    assert AuditEvent.objects.filter(action="finding.acceptance_withdrawn").count() == 1
