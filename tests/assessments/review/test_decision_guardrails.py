"""A decision that departs from the recommendation needs every open critical or high finding
covered (an accepted risk or a linked condition) and a written reason of substance; the API names
what is missing, and the decided assessment keeps the departure."""

import pytest

from assessments.lifecycle.services import assessment_create, assessment_submit
from assessments.models import Assessment, AuditEvent
from assessments.review.departure import DEPARTURE_NOT_NEEDED, DEPARTURE_TOO_THIN
from assessments.review.services import condition_add, finding_accept, review_start
from assessments.scoring_adapter import assessment_score
from tests.assessments.helpers import DEPARTURE, answer_all
from tests.factories import OfferingFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def weak(questionnaire_v2, procurement_user, architect_user):
    """Worst answers at claim: grade E, not recommended, open critical and high findings."""
    assessment = assessment_create(
        actor=procurement_user, offering=OfferingFactory(), questionnaire=questionnaire_v2
    )
    answer_all(assessment, procurement_user, pick="worst", level="claim")
    assessment_submit(actor=procurement_user, assessment_pk=assessment.pk)
    review_start(actor=architect_user, assessment_pk=assessment.pk)
    return assessment


def _guarded(assessment) -> list[dict]:
    card = assessment_score(assessment=assessment).scorecard.to_dict()
    return [f for f in card["findings"] if f["severity"] in ("critical", "high")]


def _decide(api, user, assessment, **body):
    return api(user).post(f"/api/v1/assessments/{assessment.pk}/decision/", body, format="json")


def test_an_approval_against_the_recommendation_is_refused_naming_each_uncovered_finding(
    api, weak, architect_user
):
    guarded = _guarded(weak)
    assert len(guarded) >= 3
    response = _decide(
        api, architect_user, weak, decision="approved", rationale="Looks fine overall."
    )
    assert response.status_code == 400
    body = response.json()
    assert [f["question"] for f in body["uncovered_findings"]] == [f["question"] for f in guarded]
    assert len(body["findings"]) == len(guarded)
    assert all(f["title"] in text for f, text in zip(guarded, body["findings"], strict=True))
    assert body["departure_justification"] == [DEPARTURE_TOO_THIN]
    weak.refresh_from_db()
    assert (
        weak.status == "in_review"
        and not AuditEvent.objects.filter(assessment=weak, action="assessment.decided").exists()
    )


def test_covered_findings_and_a_real_reason_let_the_departure_through_and_it_is_kept(
    api, weak, architect_user
):
    guarded = _guarded(weak)
    finding_accept(
        actor=architect_user,
        assessment_pk=weak.pk,
        question_key=guarded[0]["question"],
        justification="Only synthetic data reaches it during the pilot.",
    )
    half = _decide(
        api,
        architect_user,
        weak,
        decision="approved",
        rationale="Pilot only.",
        departure_justification=DEPARTURE,
    )
    assert half.status_code == 400
    assert guarded[0]["question"] not in {f["question"] for f in half.json()["uncovered_findings"]}
    assert "departure_justification" not in half.json()
    condition_add(
        actor=architect_user,
        assessment_pk=weak.pk,
        text="Close every remaining critical and high finding before production.",
        owner="Vendor management",
        finding_keys=[f["question"] for f in guarded[1:]],
    )
    done = _decide(
        api,
        architect_user,
        weak,
        decision="approved",
        rationale="Pilot only.",
        departure_justification=DEPARTURE,
    )
    assert done.status_code == 200, done.json()
    assert (done.json()["departure_justification"], done.json()["decided_grade"]) == (
        DEPARTURE,
        "E",
    )
    decided = Assessment.objects.get(pk=weak.pk)
    assert (decided.decided_recommendation, decided.status) == ("not_recommended", "approved")
    event = AuditEvent.objects.get(assessment=weak, action="assessment.decided")
    assert event.new["departure_justification"] == DEPARTURE
    assert event.new["grade"] == "E"


def test_a_reason_that_repeats_the_rationale_is_not_a_reason(api, weak, architect_user):
    guarded = _guarded(weak)
    condition_add(
        actor=architect_user,
        assessment_pk=weak.pk,
        text="Close them all.",
        owner="Vendor",
        finding_keys=[f["question"] for f in guarded],
    )
    response = _decide(
        api,
        architect_user,
        weak,
        decision="approved_with_conditions",
        rationale=DEPARTURE,
        departure_justification=DEPARTURE,
    )
    assert response.status_code == 400
    assert "repeating the decision's rationale" in response.json()["departure_justification"][0]


def test_a_decision_that_follows_the_recommendation_takes_no_departure(api, weak, architect_user):
    response = _decide(
        api,
        architect_user,
        weak,
        decision="rejected",
        rationale="The design cannot be accepted.",
        departure_justification=DEPARTURE,
    )
    assert response.status_code == 400
    assert response.json()["departure_justification"] == [DEPARTURE_NOT_NEEDED]
    plain = _decide(
        api, architect_user, weak, decision="rejected", rationale="The design cannot be accepted."
    )
    assert plain.status_code == 200
    assert plain.json()["departure_justification"] == ""
