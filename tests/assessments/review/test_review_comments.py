"""Comments thread per answer: each question's thread in the order written, nobody else's."""

import pytest

from assessments.lifecycle.services import assessment_submit
from assessments.models import AuditEvent
from assessments.review.services import COMMENT_EMPTY, review_start
from tests.assessments.helpers import answer_all

pytestmark = pytest.mark.django_db

ROLE_REFUSED = "Your role does not allow this change."


def test_comments_thread_per_answer_in_order(
    api, assessment, procurement_user, architect_user, viewer_user, outsider_user
):
    first, second = answer_all(assessment, procurement_user)[:2]
    assessment_submit(actor=procurement_user, assessment_pk=assessment.pk)
    review_start(actor=architect_user, assessment_pk=assessment.pk)
    base = f"/api/v1/assessments/{assessment.pk}/answers"
    ada, pat = api(architect_user), api(procurement_user)
    thread = [
        (ada, first, "Is the plug-in supported on the LTS release?"),
        (pat, first, "Yes, from 4.2 on; see the release notes."),
        (ada, second, "Who owns the proxy's certificates?"),
        (ada, first, "Thanks, that settles it."),
    ]
    for client, key, body in thread:
        url = f"{base}/{key}/comments/"
        assert api(None).post(url, {"body": body}, format="json").status_code == 401
        assert api(outsider_user).post(url, {"body": body}, format="json").status_code == 403
        response = client.post(url, {"body": body}, format="json")
        assert response.status_code == 201, response.data
        assert (response.data["kind"], response.data["body"]) == ("comment", body)

    assert api(None).get(f"{base}/{first}/comments/").status_code == 401
    assert api(outsider_user).get(f"{base}/{first}/comments/").status_code == 403
    listed = api(viewer_user).get(f"{base}/{first}/comments/")
    assert listed.status_code == 200
    assert [(c["author"], c["body"]) for c in listed.data] == [
        ("ada", thread[0][2]),
        ("pat", thread[1][2]),
        ("ada", thread[3][2]),
    ]
    assert [c["body"] for c in api(viewer_user).get(f"{base}/{second}/comments/").data] == [
        thread[2][2]
    ]
    assert AuditEvent.objects.filter(action="comment.added").count() == 4


def test_viewers_cannot_comment_and_empty_comments_are_refused(
    api, assessment, procurement_user, viewer_user, outsider_user
):
    key = answer_all(assessment, procurement_user)[0]
    url = f"/api/v1/assessments/{assessment.pk}/answers/{key}/comments/"
    assert api(None).post(url, {"body": "Hi"}, format="json").status_code == 401
    assert api(outsider_user).post(url, {"body": "Hi"}, format="json").status_code == 403
    refused = api(viewer_user).post(url, {"body": "Hi"}, format="json")
    assert (refused.status_code, refused.data["detail"]) == (403, ROLE_REFUSED)
    empty = api(procurement_user).post(url, {"body": "   "}, format="json")
    assert (empty.status_code, empty.data) == (400, {"body": [COMMENT_EMPTY]})
    assert not assessment.comments.exists()
