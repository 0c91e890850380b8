"""Every review action leaves an audit event with its actor and the old and new values; the
history endpoint lists them in order and filters by question."""

import pytest

from assessments.answers.services import answer_save
from assessments.lifecycle.services import assessment_submit
from assessments.models import AuditEvent
from tests.assessments.helpers import answer_all

pytestmark = pytest.mark.django_db

KEY, CRITICAL_OPTION = "key_isolation.key_location", "frontend_memory"
OTHER = "integration.facade_pattern"


def _review(api, assessment, architect_user):
    """The review, step by step, through the API; returns the actions in the order taken."""
    ada = api(architect_user)
    base = f"/api/v1/assessments/{assessment.pk}"
    steps = [
        ("review.started", f"{base}/review/start/", {}),
        (
            "answer.evidence_level",
            f"{base}/answers/{KEY}/evidence-level/",
            {"evidence_level": "verified", "valid_until": "2031-01-31"},
        ),
        (
            "answer.override",
            f"{base}/answers/{KEY}/override/",
            {"score": 35, "justification": "Keys are wrapped, which halves the exposure."},
        ),
        (
            "finding.accepted",
            f"{base}/findings/{KEY}/accept/",
            {"justification": "Accepted until the HSM migration in Q3."},
        ),
        ("comment.added", f"{base}/answers/{OTHER}/comments/", {"body": "Checked in the lab."}),
        (
            "condition.added",
            f"{base}/conditions/",
            {
                "text": "Migrate signing keys to an HSM.",
                "owner": "Vendor",
                "due_date": "2031-09-30",
                "finding_keys": [KEY],
            },
        ),
        (
            "assessment.decided",
            f"{base}/decision/",
            {"decision": "approved_with_conditions", "rationale": "Fine with the HSM condition."},
        ),
    ]
    for _, url, body in steps:
        response = ada.post(url, body, format="json")
        assert response.status_code in (200, 201), (url, response.data)
    return [action for action, _, _ in steps]


@pytest.fixture
def reviewed(api, assessment, procurement_user, architect_user):
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
    first_event = AuditEvent.objects.latest("id").id
    actions = _review(api, assessment, architect_user)
    return assessment, first_event, actions


def _event(assessment, action):
    return AuditEvent.objects.get(assessment=assessment, action=action)


def test_each_review_action_is_audited_with_actor_and_old_and_new_values(reviewed, architect_user):
    assessment, first_event, actions = reviewed
    events = AuditEvent.objects.filter(assessment=assessment, id__gt=first_event)
    assert [e.action for e in events] == actions
    # Done through the API with a token: the trail names the person and the token.
    assert {(e.actor, e.actor_label) for e in events} == {(architect_user, "ada via token «tests»")}

    assert (_event(assessment, "review.started").old, _event(assessment, "review.started").new) == (
        {"status": "submitted"},
        {"status": "in_review"},
    )
    level = _event(assessment, "answer.evidence_level")
    assert (level.question_key, level.old, level.new) == (
        KEY,
        {"evidence_level": "documented", "valid_until": ""},
        {"evidence_level": "verified", "valid_until": "2031-01-31"},
    )
    override = _event(assessment, "answer.override")
    assert (override.old, override.new) == (
        {"score": None, "justification": ""},
        {"score": 35.0, "justification": "Keys are wrapped, which halves the exposure."},
    )
    accepted = _event(assessment, "finding.accepted")
    assert accepted.new == {
        "accepted": True,
        "justification": "Accepted until the HSM migration in Q3.",
        "finding": "Signing keys inside internet-facing front-end processes",
        "severity": "critical",
    }
    assert _event(assessment, "condition.added").new == {
        "text": "Migrate signing keys to an HSM.",
        "owner": "Vendor",
        "due_date": "2031-09-30",
        "findings": [KEY],
    }
    decided = _event(assessment, "assessment.decided")
    assert decided.old == {"status": "in_review"}
    assert decided.new["status"] == "approved_with_conditions"


def test_history_lists_the_events_in_order_and_filters_by_question(
    api, reviewed, viewer_user, outsider_user
):
    assessment, _, actions = reviewed
    url = f"/api/v1/assessments/{assessment.pk}/history/"
    assert api(None).get(url).status_code == 401
    assert api(outsider_user).get(url).status_code == 403
    history = api(viewer_user).get(url)
    assert history.status_code == 200
    stored = list(AuditEvent.objects.filter(assessment=assessment).order_by("created_at", "id"))
    assert [e["id"] for e in history.data] == [e.id for e in stored]
    assert [e["action"] for e in history.data][-len(actions) :] == actions
    assert history.data[0]["action"] == "assessment.created"

    one = api(viewer_user).get(url, {"question_key": KEY}).data
    assert [e["action"] for e in one] == [
        "answer.saved",
        "answer.saved",
        "answer.evidence_level",
        "answer.override",
        "finding.accepted",
    ]
    assert {e["question_key"] for e in one} == {KEY}
    assert one[1]["old"]["option"] != one[1]["new"]["option"] == CRITICAL_OPTION
    assert one[2]["actor"] == "ada via token «tests»"
    other = api(viewer_user).get(url, {"question_key": OTHER}).data
    assert [e["action"] for e in other] == ["answer.saved", "comment.added"]
