"""The status workflow through the API: every legal step moves the assessment on, every illegal
one is refused with 409 and the sentence transition_check gives, and strangers never get in."""

import pytest

from assessments.lifecycle.services import assessment_submit
from assessments.models import Assessment, AuditEvent
from assessments.review.services import review_start
from tests.assessments.conftest import answer_url, first_question
from tests.assessments.helpers import answer_all

pytestmark = pytest.mark.django_db

S = Assessment.Status
RATIONALE = "The design holds up; the gaps are documented."


def _url(assessment, action: str) -> str:
    return f"/api/v1/assessments/{assessment.pk}/{action}/"


def _strangers_refused(api, outsider, method: str, url: str, body: dict | None = None) -> None:
    anonymous = getattr(api(None), method)(url, body or {}, format="json")
    assert anonymous.status_code == 401, (url, anonymous.status_code)
    refused = getattr(api(outsider), method)(url, body or {}, format="json")
    assert refused.status_code == 403, (url, refused.status_code)


def _status(assessment) -> str:
    return Assessment.objects.get(pk=assessment.pk).status


def test_an_assessment_goes_from_draft_through_changes_requested_to_a_decision(
    api, assessment, procurement_user, architect_user, outsider_user
):
    answer_all(assessment, procurement_user)
    pat, ada = api(procurement_user), api(architect_user)
    key = first_question(assessment.questionnaire).key
    steps = [
        (pat, "submit", {}, S.SUBMITTED),
        (ada, "review/start", {}, S.IN_REVIEW),
        (
            ada,
            "request-changes",
            {"question_keys": [key], "message": "Which plug-in API?"},
            S.CHANGES_REQUESTED,
        ),
    ]
    for client, action, body, expected in steps:
        before = _status(assessment)
        _strangers_refused(api, outsider_user, "post", _url(assessment, action), body)
        assert _status(assessment) == before
        response = client.post(_url(assessment, action), body, format="json")
        assert response.status_code == 200, (action, response.data)
        assert response.data["status"] == expected == _status(assessment)

    answered = pat.put(
        answer_url(assessment, key),
        {
            "option": "native",
            "text": "The vendor's own plug-in API.",
            "evidence_level": "documented",
            "version": 1,
        },
        format="json",
    )
    assert answered.status_code == 200, answered.data

    for client, action, body, expected in [
        (pat, "submit", {}, S.SUBMITTED),
        (ada, "review/start", {}, S.IN_REVIEW),
        (ada, "decision", {"decision": "approved", "rationale": RATIONALE}, S.APPROVED),
    ]:
        _strangers_refused(api, outsider_user, "post", _url(assessment, action), body)
        response = client.post(_url(assessment, action), body, format="json")
        assert response.status_code == 200, (action, response.data)
        assert response.data["status"] == expected == _status(assessment)

    assessment.refresh_from_db()
    assert (assessment.reviewer, assessment.decided_by) == (architect_user, architect_user)
    assert assessment.decision_rationale == RATIONALE
    assert list(
        AuditEvent.objects.filter(assessment=assessment)
        .exclude(action__in=["answer.saved", "assessment.created"])
        .values_list("action", flat=True)
    ) == [
        "assessment.submitted",
        "review.started",
        "review.changes_requested",
        "assessment.submitted",
        "review.started",
        "assessment.decided",
    ]


def test_a_decided_assessment_can_be_reassessed_through_the_api(
    api, assessment, procurement_user, architect_user, viewer_user, outsider_user
):
    answer_all(assessment, procurement_user)
    assessment_submit(actor=procurement_user, assessment_pk=assessment.pk)
    review_start(actor=architect_user, assessment_pk=assessment.pk)
    api(architect_user).post(
        _url(assessment, "decision"),
        {"decision": "rejected", "rationale": RATIONALE},
        format="json",
    )
    url = _url(assessment, "reassess")
    _strangers_refused(api, outsider_user, "post", url)
    assert api(viewer_user).post(url, format="json").status_code == 403
    response = api(procurement_user).post(url, format="json")
    assert response.status_code == 201, response.data
    assert response.data["status"] == S.DRAFT
    assert _status(assessment) == S.REJECTED


# What transition_check says, written out once more on purpose: a change to the sentences shows
# up here as a failing test rather than silently in front of users.
ACTION_URLS = {
    "submit": "submit",
    "start_review": "review/start",
    "request_changes": "request-changes",
    "decide": "decision",
    "reassess": "reassess",
}
SENTENCE = "Cannot {verb}: the assessment is {status}; that is possible only when it is {allowed}."
RULES = {
    "submit": ("submit it", "draft or changes requested", (S.DRAFT, S.CHANGES_REQUESTED)),
    "start_review": ("start a review", "submitted", (S.SUBMITTED,)),
    "request_changes": ("request changes", "in review", (S.IN_REVIEW,)),
    "decide": ("record a decision", "in review", (S.IN_REVIEW,)),
    "reassess": (
        "start a reassessment",
        "approved or approved with conditions or rejected",
        (S.APPROVED, S.APPROVED_WITH_CONDITIONS, S.REJECTED),
    ),
}
STATUS_WORDS = {
    S.DRAFT: "draft",
    S.SUBMITTED: "submitted",
    S.IN_REVIEW: "in review",
    S.CHANGES_REQUESTED: "changes requested",
    S.APPROVED: "approved",
    S.APPROVED_WITH_CONDITIONS: "approved with conditions",
    S.REJECTED: "rejected",
}
ILLEGAL = [
    (action, status)
    for action, (_, _, allowed) in RULES.items()
    for status in S.values
    if status not in allowed
]


def _body(action: str, key: str) -> dict:
    # A body that would be accepted in the right status: the refusal is about the status only.
    return {
        "request_changes": {"question_keys": [key], "message": "Please clarify."},
        "decide": {"decision": "approved", "rationale": RATIONALE},
    }.get(action, {})


def _actor(action, procurement_user, architect_user):
    return procurement_user if action in ("submit", "reassess") else architect_user


@pytest.mark.parametrize(("action", "status"), ILLEGAL)
def test_every_illegal_transition_is_refused_with_the_reason(
    api, assessment, procurement_user, architect_user, outsider_user, action, status
):
    # The guard reads nothing but the status, so the status is set directly; the named cases
    # below reach theirs through the real services.
    Assessment.objects.filter(pk=assessment.pk).update(status=status)
    url = _url(assessment, ACTION_URLS[action])
    body = _body(action, first_question(assessment.questionnaire).key)
    _strangers_refused(api, outsider_user, "post", url, body)
    events = AuditEvent.objects.count()
    response = api(_actor(action, procurement_user, architect_user)).post(url, body, format="json")
    assert response.status_code == 409, response.data
    verb, allowed, _ = RULES[action]
    assert response.data == {
        "detail": SENTENCE.format(verb=verb, status=STATUS_WORDS[status], allowed=allowed)
    }
    assert _status(assessment) == status
    assert AuditEvent.objects.count() == events
    assert Assessment.objects.count() == 1  # no reassessment slipped through


REVIEW_WORK = [
    ("answers/{key}/evidence-level", {"evidence_level": "verified"}),
    ("answers/{key}/override", {"score": 50, "justification": "Only half of it holds."}),
    ("findings/{key}/accept", {"justification": "Accepted for the pilot only."}),
    ("conditions", {"text": "Pin the EU region.", "owner": "Platform team"}),
]


@pytest.mark.parametrize("status", [s for s in S.values if s != S.IN_REVIEW])
@pytest.mark.parametrize(("path", "body"), REVIEW_WORK)
def test_review_work_needs_an_open_review(
    api, assessment, architect_user, outsider_user, status, path, body
):
    Assessment.objects.filter(pk=assessment.pk).update(status=status)
    url = _url(assessment, path.format(key=first_question(assessment.questionnaire).key))
    _strangers_refused(api, outsider_user, "post", url, body)
    response = api(architect_user).post(url, body, format="json")
    assert response.status_code == 409, response.data
    assert response.data == {
        "detail": SENTENCE.format(
            verb="change the review", status=STATUS_WORDS[status], allowed="in review"
        )
    }


def _submitted(assessment, procurement_user):
    answer_all(assessment, procurement_user)
    assessment_submit(actor=procurement_user, assessment_pk=assessment.pk)


def test_deciding_a_draft_is_refused(api, assessment, architect_user, outsider_user):
    url = _url(assessment, "decision")
    body = {"decision": "approved", "rationale": RATIONALE}
    _strangers_refused(api, outsider_user, "post", url, body)
    response = api(architect_user).post(url, body, format="json")
    assert response.status_code == 409
    assert response.data["detail"] == (
        "Cannot record a decision: the assessment is draft; that is possible only when it is "
        "in review."
    )
    assert _status(assessment) == S.DRAFT


def test_starting_a_review_twice_is_refused(
    api, assessment, procurement_user, architect_user, admin_user, outsider_user
):
    _submitted(assessment, procurement_user)
    url = _url(assessment, "review/start")
    _strangers_refused(api, outsider_user, "post", url)
    assert api(architect_user).post(url, format="json").status_code == 200
    response = api(admin_user).post(url, format="json")
    assert response.status_code == 409
    assert response.data["detail"] == (
        "Cannot start a review: the assessment is in review; that is possible only when it is "
        "submitted."
    )
    assessment.refresh_from_db()
    assert assessment.reviewer == architect_user  # the second reviewer did not take it over


def test_requesting_changes_on_a_submitted_assessment_is_refused(
    api, assessment, procurement_user, architect_user, outsider_user
):
    _submitted(assessment, procurement_user)
    url = _url(assessment, "request-changes")
    body = {"question_keys": [first_question(assessment.questionnaire).key], "message": "Why?"}
    _strangers_refused(api, outsider_user, "post", url, body)
    response = api(architect_user).post(url, body, format="json")
    assert response.status_code == 409
    assert response.data["detail"] == (
        "Cannot request changes: the assessment is submitted; that is possible only when it is "
        "in review."
    )
    assert not assessment.comments.exists()


def test_submitting_a_decided_assessment_is_refused(
    api, assessment, procurement_user, architect_user, outsider_user
):
    _submitted(assessment, procurement_user)
    review_start(actor=architect_user, assessment_pk=assessment.pk)
    api(architect_user).post(
        _url(assessment, "decision"),
        {"decision": "approved", "rationale": RATIONALE},
        format="json",
    )
    url = _url(assessment, "submit")
    _strangers_refused(api, outsider_user, "post", url)
    response = api(procurement_user).post(url, format="json")
    assert response.status_code == 409
    assert response.data["detail"] == (
        "Cannot submit it: the assessment is approved; that is possible only when it is draft or "
        "changes requested."
    )
    assert _status(assessment) == S.APPROVED


def test_reassessing_a_draft_is_refused(api, assessment, procurement_user, outsider_user):
    url = _url(assessment, "reassess")
    _strangers_refused(api, outsider_user, "post", url)
    response = api(procurement_user).post(url, format="json")
    assert response.status_code == 409
    assert response.data["detail"] == (
        "Cannot start a reassessment: the assessment is draft; that is possible only when it is "
        "approved or approved with conditions or rejected."
    )
    assert Assessment.objects.count() == 1
