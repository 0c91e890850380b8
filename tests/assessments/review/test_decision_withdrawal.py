"""An administrator, or the deciding architect within 24 hours, can take a decision back to review
with a reason; the decided snapshot stays, the history says so, and a reassessed decision stays."""

import datetime

import pytest
from django.utils import timezone

from assessments.lifecycle.reassessment import assessment_reassess
from assessments.lifecycle.services import assessment_submit
from assessments.models import Assessment, AuditEvent, ScorecardSnapshot
from assessments.review.services import WITHDRAW_REASON, review_start
from tests.assessments.helpers import answer_all, decide
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
REASON = "The board asked for the exit plan to be reviewed again."


@pytest.fixture
def decided(assessment, procurement_user, architect_user):
    answer_all(assessment, procurement_user)
    assessment_submit(actor=procurement_user, assessment_pk=assessment.pk)
    review_start(actor=architect_user, assessment_pk=assessment.pk)
    decide(
        actor=architect_user,
        assessment_pk=assessment.pk,
        decision="approved",
        rationale="Good enough for the pilot.",
    )
    return Assessment.objects.get(pk=assessment.pk)


def _withdraw(api, user, assessment, reason=REASON):
    return api(user).post(
        f"/api/v1/assessments/{assessment.pk}/decision/withdraw/", {"reason": reason}, format="json"
    )


def test_the_deciding_architect_withdraws_within_a_day_and_the_snapshot_stays(
    api, client, decided, architect_user
):
    snapshots = list(ScorecardSnapshot.objects.filter(assessment=decided).values())
    response = _withdraw(api, architect_user, decided)
    assert response.status_code == 200, response.json()
    again = Assessment.objects.get(pk=decided.pk)
    assert (again.status, again.decided_at, again.decision_rationale) == ("in_review", None, "")
    assert list(ScorecardSnapshot.objects.filter(assessment=decided).values()) == snapshots
    event = AuditEvent.objects.get(assessment=decided, action="assessment.decision_withdrawn")
    assert (event.old["status"], event.new["reason"]) == ("approved", REASON)
    client.force_login(architect_user)
    html = client.get(f"/assessments/{decided.pk}/history/").content.decode()
    assert "withdrew the decision (approved) and reopened the review" in html
    assert REASON in html


def test_another_architect_or_a_late_one_cannot_but_an_administrator_can(
    api, decided, architect_user, admin_user
):
    other = UserFactory(username="bea", role="architect")
    assert _withdraw(api, other, decided).status_code == 403
    Assessment.objects.filter(pk=decided.pk).update(
        decided_at=timezone.now() - datetime.timedelta(hours=25)
    )
    late = _withdraw(api, architect_user, decided)
    assert late.status_code == 403
    assert "within 24 hours" in late.json()["detail"]
    assert _withdraw(api, admin_user, decided).status_code == 200


def test_a_reason_is_required_and_a_reassessed_decision_stays(
    api, decided, architect_user, procurement_user
):
    short = _withdraw(api, architect_user, decided, reason="no")
    assert short.status_code == 400
    assert short.json()["reason"] == [WITHDRAW_REASON]
    assessment_reassess(actor=procurement_user, assessment_pk=decided.pk)
    assert _withdraw(api, architect_user, decided).status_code == 409
    assert Assessment.objects.get(pk=decided.pk).status == "approved"
