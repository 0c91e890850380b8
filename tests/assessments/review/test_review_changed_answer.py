"""A reviewer's override and accepted risk judge the answer chosen at the time: when the answer
changes afterwards (after a request for changes), they no longer apply to it."""

import pytest

from assessments.answers.services import answer_save
from assessments.lifecycle.services import assessment_submit
from assessments.models import Answer, AuditEvent
from assessments.review import services as review
from tests.assessments.conftest import answer_url
from tests.assessments.helpers import answer_all

pytestmark = pytest.mark.django_db

KEY = "control_plane.enforcement_location"
MEDIUM, CRITICAL = "vendor_saas_some", "vendor_saas_all"
CLARIFY = "data_residency.data_leaving"


@pytest.fixture
def changes_requested(assessment, procurement_user, architect_user):
    """The medium finding on KEY was accepted and its score overridden, then changes were
    requested on another question."""
    pk = assessment.pk
    answer_all(assessment, procurement_user)
    answer_save(
        actor=procurement_user,
        assessment_pk=pk,
        question_key=KEY,
        option_key=MEDIUM,
        evidence_level="documented",
        expected_version=1,
    )
    assessment_submit(actor=procurement_user, assessment_pk=pk)
    review.review_start(actor=architect_user, assessment_pk=pk)
    review.finding_accept(
        actor=architect_user,
        assessment_pk=pk,
        question_key=KEY,
        justification="Only reporting calls wait on the vendor cloud.",
    )
    review.answer_override(
        actor=architect_user,
        assessment_pk=pk,
        question_key=KEY,
        score=60,
        justification="The blocking calls are rare and cached for hours.",
    )
    review.assessment_request_changes(
        actor=architect_user,
        assessment_pk=pk,
        question_keys=[CLARIFY],
        message="Which data leaves us?",
    )
    return assessment


def test_changing_the_option_drops_the_override_and_the_accepted_risk(
    api, changes_requested, procurement_user, outsider_user
):
    url = answer_url(changes_requested, KEY)
    version = Answer.objects.get(assessment=changes_requested, question__key=KEY).version
    body = {"option": CRITICAL, "evidence_level": "documented", "version": version}
    assert api(None).put(url, body, format="json").status_code == 401
    assert api(outsider_user).put(url, body, format="json").status_code == 403
    response = api(procurement_user).put(url, body, format="json")
    assert response.status_code == 200, response.data
    assert (
        response.data["option"],
        response.data["override_score"],
        response.data["finding_accepted"],
    ) == (CRITICAL, None, False)

    card = api(procurement_user).get(f"/api/v1/assessments/{changes_requested.pk}/scorecard/").data
    # The critical finding was never accepted by anyone: it caps the grade.
    assert card["grade"] == "E"
    row = next(r for r in card["trace"] if r["key"] == KEY)
    assert (row["raw_score"], row["override_score"], row["effective_score"]) == (0, None, 0.0)
    event = AuditEvent.objects.filter(action="answer.saved", question_key=KEY).last()
    assert (event.old["override_score"], event.old["finding_accepted"]) == (60.0, True)
    assert (event.new["override_score"], event.new["finding_accepted"]) == (None, False)


def test_changing_only_the_explanation_keeps_the_review_judgement(
    api, changes_requested, procurement_user, outsider_user
):
    url = answer_url(changes_requested, KEY)
    version = Answer.objects.get(assessment=changes_requested, question__key=KEY).version
    body = {
        "option": MEDIUM,
        "text": "Only licence checks call home.",
        "evidence_level": "documented",
        "version": version,
    }
    assert api(None).put(url, body, format="json").status_code == 401
    assert api(outsider_user).put(url, body, format="json").status_code == 403
    response = api(procurement_user).put(url, body, format="json")
    assert response.status_code == 200, response.data
    assert (response.data["override_score"], response.data["finding_accepted"]) == (60.0, True)
