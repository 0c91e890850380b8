"""The API's scorecard carries the impact matrix: open findings weigh in the cells their impacts
name; accepting one, or naming it in a condition, moves it apart and takes its weight away."""

import pytest

from assessments.lifecycle import assessment_create, assessment_submit
from assessments.review.services import review_start
from assessments.review.services.decision import condition_add
from scoring import HORIZONS, QUALITIES
from tests.assessments.helpers import answer_all
from tests.factories import OfferingFactory

pytestmark = pytest.mark.django_db

ACCEPT = "Pilot only, on test data; the vendor removes the proxy in the next major release."


def _cells(api, user, assessment) -> dict:
    card = api(user).get(f"/api/v1/assessments/{assessment.pk}/scorecard/").json()
    matrix = card["impact_matrix"]
    assert (matrix["qualities"], matrix["horizons"]) == (list(QUALITIES), list(HORIZONS))
    return {(c["quality"], c["horizon"]): c for c in matrix["cells"]}


def test_the_scorecard_carries_the_matrix_and_reviews_move_findings_apart(
    api, questionnaire_v3, procurement_user, architect_user, viewer_user
):
    assessment = assessment_create(
        actor=procurement_user, offering=OfferingFactory(), questionnaire=questionnaire_v3
    )
    answer_all(assessment, procurement_user, pick="worst")
    assessment_submit(actor=procurement_user, assessment_pk=assessment.pk)
    review_start(actor=architect_user, assessment_pk=assessment.pk)

    before = _cells(api, viewer_user, assessment)
    cell = before[("maintainability", "long_term")]
    facade = next(f for f in cell["findings"] if f["question"] == "integration.facade_pattern")
    assert facade["status"] == "open" and facade["severity"] == "medium"
    assert "proxy" in facade["reason"]
    assert cell["weight"] == sum(
        {"critical": 8, "high": 4, "medium": 2, "low": 1}[f["severity"]]
        for f in cell["findings"]
        if f["status"] == "open"
    )

    accepted = api(architect_user).post(
        f"/api/v1/assessments/{assessment.pk}/findings/integration.facade_pattern/accept/",
        {"justification": ACCEPT},
        format="json",
    )
    assert accepted.status_code == 200, accepted.content
    after = _cells(api, viewer_user, assessment)
    for key in (
        ("maintainability", "long_term"),
        ("cost", "long_term"),
        ("performance", "go_live"),
    ):
        assert after[key]["weight"] == before[key]["weight"] - 2, key
        assert after[key]["accepted"] == before[key]["accepted"] + 1, key

    flagged = next(
        f["question"]
        for c in after.values()
        for f in c["findings"]
        if f["status"] == "open" and f["severity"] in ("high", "critical")
    )
    condition_add(
        actor=architect_user,
        assessment_pk=assessment.pk,
        text="The vendor fixes this before we go live.",
        owner="Vendor account team",
        finding_keys=[flagged],
    )
    conditioned = _cells(api, viewer_user, assessment)
    moved = [
        key
        for key, c in conditioned.items()
        if any(f["question"] == flagged and f["status"] == "conditioned" for f in c["findings"])
    ]
    assert moved
    for key in moved:
        assert conditioned[key]["weight"] < after[key]["weight"]
        assert conditioned[key]["conditioned"] == after[key]["conditioned"] + 1
