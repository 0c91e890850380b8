"""The vendor portal's writes, sent by a confirmed vendor session, answer generated bodies with
2xx, 3xx or 4xx, never a server error (issue 19): the answer endpoint's JSON (any shape, any
types, control and direction characters, huge numbers), the evidence form's fields and the
"done" form's. The API's own endpoints are fuzzed from the schema (tests/fuzz/)."""

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.assessments.invitations.conftest import INVITED, answer_url, question_of

pytestmark = pytest.mark.django_db

SCALARS = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**30), max_value=10**30)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=60)
    | st.sampled_from(["\x00", "\u202e", "\ud800", "9" * 400, "x" * 20_000, "claim", "verified"])
)
JSON = st.recursive(
    SCALARS,
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=12,
)
FIELDS = st.sampled_from(["option", "na", "text", "version", "evidence_level", "vendor_text"])
ANSWER = st.dictionaries(FIELDS | st.text(max_size=8), JSON, max_size=6)
FORM = st.dictionaries(
    st.sampled_from(["question_key", "url", "note", "confirm"]) | st.text(max_size=8),
    st.text(max_size=80) | st.sampled_from(["https://vendor.example/x", "\x00", "\u202e"]),
    max_size=5,
)
LIMITS = settings(
    max_examples=40, deadline=None, database=None, suppress_health_check=list(HealthCheck)
)


def test_the_answer_endpoint(vendor, assessment, questionnaire):
    url = answer_url(assessment, question_of(questionnaire, INVITED).key)

    @LIMITS
    @given(body=ANSWER)
    def answers(body):
        raw = json.dumps(body, ensure_ascii=False).encode("utf-8", "surrogatepass")
        response = vendor.put(url, raw, content_type="application/json")
        assert response.status_code < 500, (body, response.status_code)

    answers()


def test_the_evidence_and_done_forms(vendor, assessment):
    base = f"/vendor/assessments/{assessment.pk}"

    @LIMITS
    @given(body=FORM, which=st.sampled_from(["evidence", "done"]))
    def forms(body, which):
        response = vendor.post(f"{base}/{which}/", body)
        assert response.status_code < 500, (which, body, response.status_code)

    forms()
