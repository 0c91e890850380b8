"""One answer write (assessments.answers.answer_write) behind every path that changes an answer:
a single save (PUT), a partial save (PATCH), a batch, and the vendor's portal. The same steps on
each path must leave the same answer, the same version, the same audit trail and the same
conflicts — a path with a copy of the write that drifted fails here."""

import pytest

from assessments.answers.services import STALE_VERSION, UNKNOWN_OPTION
from assessments.models import Answer, AuditEvent
from tests.assessments.invitations.conftest import (  # noqa: F401  (fixtures)
    INVITED,
    invite,
    question_of,
    vendor,
)

pytestmark = pytest.mark.django_db

PATHS = ("put", "patch", "batch", "portal")


@pytest.fixture
def send(api, assessment, procurement_user, vendor):  # noqa: F811
    """`send(path, key, body)` -> (status, body of the one answer or its error)."""
    internal = api(procurement_user)
    base = f"/api/v1/assessments/{assessment.pk}/answers"

    def go(path: str, key: str, body: dict):
        if path == "portal":
            url = f"/vendor/assessments/{assessment.pk}/answers/{key}/"
            response = vendor.put(url, body, content_type="application/json")
            return response.status_code, response.json()
        if path == "batch":
            response = internal.post(
                f"{base}/batch/", {"answers": [{"question_key": key, **body}]}, format="json"
            )
            data = response.json()
            return response.status_code, data[0] if response.status_code == 200 else data
        method = internal.put if path == "put" else internal.patch
        response = method(f"{base}/{key}/", body, format="json")
        return response.status_code, response.json()

    return go


def _steps(send, path: str, key: str, first: str, second: str) -> list:
    """Create, change, replay, go stale, send nonsense: what each step answered."""
    seen = []
    status, body = send(path, key, {"option": first, "text": "Keys live in an HSM."})
    seen.append((status, body["version"], body["option"]))
    status, body = send(path, key, {"option": second, "text": "Changed.", "version": 1})
    seen.append((status, body["version"], body["option"]))
    status, body = send(path, key, {"option": second, "text": "Changed.", "version": 1})
    seen.append(("replay", status, body["version"]))  # already went through: success, no bump
    status, body = send(path, key, {"option": first, "text": "Stale.", "version": 1})
    detail = body["answers"][0]["detail"][0] if path == "batch" else body["detail"]
    current = body["answers"][0]["current"] if path == "batch" else body["current"]
    seen.append(("stale", status, detail, current["version"], current["option"]))
    status, body = send(path, key, {"option": "no-such-option", "version": 2})
    errors = body["answers"][0] if path == "batch" else body
    seen.append(("bad", status, errors["option"]))
    return seen


@pytest.mark.parametrize("path", PATHS)
def test_each_path_answers_and_audits_the_same_steps_the_same_way(
    path, send, assessment, questionnaire
):
    question = question_of(questionnaire, INVITED)
    first, second = (o.key for o in question.options.all()[:2])
    seen = _steps(send, path, question.key, first, second)
    created = 201 if path in ("put", "patch", "portal") else 200  # a batch answers 200 as a whole
    assert seen == [
        (created, 1, first),
        (200, 2, second),
        ("replay", 200, 2),
        ("stale", 409, STALE_VERSION, 2, second),
        ("bad", 400, [UNKNOWN_OPTION]),
    ]
    answer = Answer.objects.get(assessment=assessment, question=question)
    # The vendor's words are its own field; an internal path writes the buyer's notes.
    field = "vendor_explanation" if path == "portal" else "explanation"
    assert (answer.option.key, getattr(answer, field), answer.version) == (second, "Changed.", 2)
    trail = [
        (e.old, e.new)
        for e in AuditEvent.objects.filter(assessment=assessment, action="answer.saved").order_by(
            "id"
        )
    ]
    assert trail == [
        (None, _values(field, first, "Keys live in an HSM.", 1)),
        (_values(field, first, "Keys live in an HSM.", 1), _values(field, second, "Changed.", 2)),
    ]


def _values(field: str, option: str, text: str, version: int) -> dict:
    return {
        "option": option,
        "na": False,
        "explanation": "",
        "vendor_explanation": "",
        field: text,
        "evidence_level": "claim",
        "version": version,
    }
