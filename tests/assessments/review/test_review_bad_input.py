"""Review input the services refuse: each answer is a 400 naming the field at fault, with the
sentence a user can act on, and nothing is stored."""

import pytest

from assessments.answers.services import UNKNOWN_QUESTION, answer_save
from assessments.lifecycle.services import assessment_submit
from assessments.models import Answer, Assessment, AuditEvent, Comment, Condition
from assessments.review.services import (
    CLARIFY_MESSAGE,
    CLARIFY_WHICH,
    CONDITIONS_REQUIRED,
    JUSTIFICATION_REQUIRED,
    NO_FINDING,
    SCORE_RANGE,
    UNKNOWN_FINDING,
    review_start,
)
from tests.assessments.helpers import answer_all

pytestmark = pytest.mark.django_db

CRITICAL = ("key_isolation.key_location", "frontend_memory")
NO_FINDING_KEY = "integration.facade_pattern"  # answered with its best option: no finding
REQUIRED = "This field is required."


@pytest.fixture
def in_review(assessment, procurement_user, architect_user):
    answer_all(assessment, procurement_user)
    key, option = CRITICAL
    answer_save(
        actor=procurement_user,
        assessment_pk=assessment.pk,
        question_key=key,
        option_key=option,
        evidence_level="documented",
        expected_version=1,
    )
    assessment_submit(actor=procurement_user, assessment_pk=assessment.pk)
    review_start(actor=architect_user, assessment_pk=assessment.pk)
    return assessment


def _state(assessment):
    return (
        Assessment.objects.filter(pk=assessment.pk).values().get(),
        list(Answer.objects.filter(assessment=assessment).order_by("pk").values()),
        Comment.objects.count(),
        Condition.objects.count(),
        AuditEvent.objects.count(),
    )


CASES = {
    "override without justification": (
        "answers/{critical}/override",
        {"score": 50},
        {"justification": [REQUIRED]},
    ),
    "override with a short justification": (
        "answers/{critical}/override",
        {"score": 50, "justification": "   too short  "},
        {"justification": [JUSTIFICATION_REQUIRED]},
    ),
    "override above 100": (
        "answers/{critical}/override",
        {"score": 101, "justification": "The vendor proved it."},
        {"score": [SCORE_RANGE]},
    ),
    "override below 0": (
        "answers/{critical}/override",
        {"score": -1, "justification": "The vendor proved it."},
        {"score": [SCORE_RANGE]},
    ),
    "acceptance with a short justification": (
        "findings/{critical}/accept",
        {"justification": "ok"},
        {"justification": [JUSTIFICATION_REQUIRED]},
    ),
    "acceptance of an answer without a finding": (
        "findings/{plain}/accept",
        {"justification": "Nothing to accept here, surely."},
        {"question_key": [NO_FINDING]},
    ),
    "decision without rationale": (
        "decision",
        {"decision": "approved", "rationale": ""},
        {"rationale": [JUSTIFICATION_REQUIRED]},
    ),
    "approval with conditions but none recorded": (
        "decision",
        {"decision": "approved_with_conditions", "rationale": "Fine once the keys move."},
        {"decision": [CONDITIONS_REQUIRED]},
    ),
    "unknown decision": (
        "decision",
        {"decision": "maybe", "rationale": "Cannot make up my mind."},
        {"decision": ['"maybe" is not a valid choice.']},
    ),
    "unknown evidence level": (
        "answers/{critical}/evidence-level",
        {"evidence_level": "rumour"},
        {"evidence_level": ['"rumour" is not a valid choice.']},
    ),
    "evidence level on an unknown question": (
        "answers/nope.nothing/evidence-level",
        {"evidence_level": "verified"},
        {"question_key": [UNKNOWN_QUESTION]},
    ),
    "override on an unknown question": (
        "answers/nope.nothing/override",
        {"score": 50, "justification": "The vendor proved it."},
        {"question_key": [UNKNOWN_QUESTION]},
    ),
    "acceptance on an unknown question": (
        "findings/nope.nothing/accept",
        {"justification": "Accepted for the pilot."},
        {"question_key": [UNKNOWN_QUESTION]},
    ),
    "comment on an unknown question": (
        "answers/nope.nothing/comments",
        {"body": "Hello?"},
        {"question_key": [UNKNOWN_QUESTION]},
    ),
    "condition naming an unknown finding": (
        "conditions",
        {"text": "Fix it.", "owner": "Vendor", "finding_keys": [CRITICAL[0], NO_FINDING_KEY]},
        {"finding_keys": [UNKNOWN_FINDING.format(key=NO_FINDING_KEY)]},
    ),
    "changes requested for no question": (
        "request-changes",
        {"question_keys": [], "message": "Please clarify."},
        {"question_keys": [CLARIFY_WHICH]},
    ),
    "changes requested without a message": (
        "request-changes",
        {"question_keys": [CRITICAL[0]], "message": "  "},
        {"message": [CLARIFY_MESSAGE]},
    ),
    "changes requested for an unknown question": (
        "request-changes",
        {"question_keys": [CRITICAL[0], "nope.nothing"], "message": "Why?"},
        {"question_keys": [f"{UNKNOWN_QUESTION} (nope.nothing)"]},
    ),
}


@pytest.mark.parametrize("case", list(CASES))
def test_bad_review_input_is_refused_with_the_field_at_fault(
    api, in_review, architect_user, outsider_user, case
):
    path, body, errors = CASES[case]
    url = (
        f"/api/v1/assessments/{in_review.pk}/"
        f"{path.format(critical=CRITICAL[0], plain=NO_FINDING_KEY)}/"
    )
    assert api(None).post(url, body, format="json").status_code == 401
    assert api(outsider_user).post(url, body, format="json").status_code == 403
    before = _state(in_review)
    response = api(architect_user).post(url, body, format="json")
    assert response.status_code == 400
    assert {field: [str(e) for e in msgs] for field, msgs in response.data.items()} == errors
    assert _state(in_review) == before
