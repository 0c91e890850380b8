"""A decided assessment is frozen for everyone: answers, evidence, review work and comments are
refused with a reason (409 for a role that could act otherwise, 403 for one that never could)."""

import pytest

from assessments.answers.services import NOT_EDITABLE
from assessments.evidence.services import NOT_ACCEPTING_EVIDENCE
from assessments.lifecycle.services import assessment_submit
from assessments.models import Answer, Assessment, Comment, Evidence
from assessments.review.services import FROZEN, review_start
from tests.assessments.conftest import answer_url, first_question
from tests.assessments.helpers import answer_all, decide

pytestmark = pytest.mark.django_db

ROLE_REFUSED = "Your role does not allow this change."
REVIEW_CLOSED = (
    "Cannot change the review: the assessment is approved; that is possible only "
    "when it is in review."
)


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
    return assessment


def _attempts(assessment):
    key = first_question(assessment.questionnaire).key
    base = f"/api/v1/assessments/{assessment.pk}"
    return {
        "answer": (
            "put",
            answer_url(assessment, key),
            {"option": "unknown", "text": "changed", "version": 1},
            "json",
        ),
        "evidence": (
            "post",
            f"{base}/evidence/",
            {"question_key": key, "url": "https://vendor.example/soc2"},
            "multipart",
        ),
        "override": (
            "post",
            f"{base}/answers/{key}/override/",
            {"score": 10, "justification": "Changed my mind afterwards."},
            "json",
        ),
        "comment": ("post", f"{base}/answers/{key}/comments/", {"body": "One more thing"}, "json"),
    }


# Per role, what each attempt answers: the role's own limits come first (403), then the freeze.
EXPECTED = {
    "procurement_user": {
        "answer": (409, NOT_EDITABLE.format(status="approved")),
        "evidence": (409, NOT_ACCEPTING_EVIDENCE.format(status="approved")),
        "override": (403, ROLE_REFUSED),
        "comment": (409, FROZEN),
    },
    "architect_user": {
        "answer": (403, ROLE_REFUSED),
        "evidence": (409, NOT_ACCEPTING_EVIDENCE.format(status="approved")),
        "override": (409, REVIEW_CLOSED),
        "comment": (409, FROZEN),
    },
    "admin_user": {
        "answer": (409, NOT_EDITABLE.format(status="approved")),
        "evidence": (409, NOT_ACCEPTING_EVIDENCE.format(status="approved")),
        "override": (409, REVIEW_CLOSED),
        "comment": (409, FROZEN),
    },
    "viewer_user": {
        "answer": (403, ROLE_REFUSED),
        "evidence": (403, ROLE_REFUSED),
        "override": (403, ROLE_REFUSED),
        "comment": (403, ROLE_REFUSED),
    },
}


def _state(assessment):
    return (
        Assessment.objects.filter(pk=assessment.pk).values().get(),
        list(Answer.objects.filter(assessment=assessment).order_by("pk").values()),
        Evidence.objects.count(),
        Comment.objects.count(),
    )


@pytest.mark.parametrize("role", list(EXPECTED))
def test_a_decided_assessment_is_read_only_for_every_role(
    request, api, decided, outsider_user, role
):
    user = request.getfixturevalue(role)
    before = _state(decided)
    for name, (method, url, body, fmt) in _attempts(decided).items():
        assert getattr(api(None), method)(url, body, format=fmt).status_code == 401
        assert getattr(api(outsider_user), method)(url, body, format=fmt).status_code == 403
        response = getattr(api(user), method)(url, body, format=fmt)
        status, reason = EXPECTED[role][name]
        assert (response.status_code, response.data["detail"]) == (status, reason), name
    assert _state(decided) == before
