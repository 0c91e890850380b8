"""Requesting changes opens a clarification on each question named; resubmitting closes them."""

import pytest

from assessments.lifecycle.services import assessment_submit
from assessments.models import AuditEvent, Comment
from assessments.review.services import review_start
from tests.assessments.conftest import answer_url
from tests.assessments.helpers import answer_all

pytestmark = pytest.mark.django_db

MESSAGE = "Name the exact extension API and the versions it supports."


def test_request_changes_opens_clarifications_that_resubmission_resolves(
    api, assessment, procurement_user, architect_user, outsider_user
):
    keys = answer_all(assessment, procurement_user)[:2]
    assessment_submit(actor=procurement_user, assessment_pk=assessment.pk)
    review_start(actor=architect_user, assessment_pk=assessment.pk)
    base = f"/api/v1/assessments/{assessment.pk}"
    body = {"question_keys": [*keys, keys[0]], "message": f"  {MESSAGE} "}
    assert api(None).post(f"{base}/request-changes/", body, format="json").status_code == 401
    assert (
        api(outsider_user).post(f"{base}/request-changes/", body, format="json").status_code == 403
    )
    response = api(architect_user).post(f"{base}/request-changes/", body, format="json")
    assert response.status_code == 200, response.data
    assert response.data["status"] == "changes_requested"

    pat = api(procurement_user)
    for key in keys:
        thread = pat.get(f"{base}/answers/{key}/comments/").data
        assert [(c["kind"], c["body"], c["author"], c["resolved_at"]) for c in thread] == [
            ("clarification", MESSAGE, architect_user.username, None)
        ]
    assert Comment.objects.filter(assessment=assessment).count() == 2  # the repeat counted once
    event = AuditEvent.objects.get(action="review.changes_requested")
    assert (event.actor, event.old, event.new) == (
        architect_user,
        {"status": "in_review"},
        {"status": "changes_requested", "questions": keys, "message": MESSAGE},
    )

    reply = pat.put(
        answer_url(assessment, keys[0]),
        {
            "option": "native",
            "text": "Vendor SDK 4.2, extension point 'filters'.",
            "evidence_level": "documented",
            "version": 1,
        },
        format="json",
    )
    assert reply.status_code == 200, reply.data
    assert pat.post(f"{base}/submit/").status_code == 200
    for key in keys:
        thread = pat.get(f"{base}/answers/{key}/comments/").data
        assert thread[0]["resolved_at"] is not None
    assert not Comment.objects.filter(resolved_at__isnull=True).exists()
