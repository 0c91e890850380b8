"""No request body gives the API a server error (issue 19): nesting a hundred thousand deep or
past 32 levels, invalid UTF-8, truncated JSON, wrong types inside lists, huge numbers — each a
400 with a sentence; and if something does fail on our side, an API client still gets JSON with
the request id, not an HTML page."""

import json

import pytest
from rest_framework.test import APIClient

from core.api_parsers import NESTING_LIMIT, NOT_JSON, TOO_DEEP
from tests.factories import AssessmentFactory, api_key_for

pytestmark = pytest.mark.django_db


def _client(user) -> APIClient:
    client = APIClient(raise_request_exception=False)
    client.credentials(HTTP_AUTHORIZATION=f"Token {api_key_for(user)}")
    return client


def _nested(levels: int) -> bytes:
    return b'{"name": ' + b"[" * levels + b"]" * levels + b"}"


@pytest.mark.parametrize(
    ("body", "detail"),
    [
        (b"[" * 100_000 + b"]" * 100_000, TOO_DEEP),
        (_nested(NESTING_LIMIT + 1), TOO_DEEP),
        (b'{"name": "\xff\xfe"}', NOT_JSON),
        (b'{"name": "Acme"', NOT_JSON),
    ],
    ids=["deep-100000", "deep-33", "not-utf8", "truncated"],
)
def test_an_unreadable_body_is_a_400_that_says_why(procurement_user, body, detail):
    client = _client(procurement_user)
    for path in ("/api/v1/vendors/", "/api/v1/auth/token/"):
        response = client.post(path, body, content_type="application/json")
        assert response.status_code == 400, (path, response.content[:200])
        assert response.json() == {"detail": detail}


def test_nesting_within_the_limit_is_read(procurement_user):
    response = _client(procurement_user).post(
        "/api/v1/vendors/", _nested(NESTING_LIMIT - 2), content_type="application/json"
    )
    assert response.status_code == 400  # a list is not a name: a field error, not a parse error
    assert "name" in response.json()


def test_wrong_types_inside_a_batch_are_a_400(procurement_user, questionnaire):
    assessment = AssessmentFactory(requester=procurement_user, questionnaire=questionnaire)
    url = f"/api/v1/assessments/{assessment.pk}/answers/batch/"
    body = {"answers": [1, "x", None, {"question_key": [], "option": {"a": 1e308}}, [[]]]}
    response = _client(procurement_user).post(url, body, format="json")
    assert response.status_code == 400, response.content[:300]


def test_a_failure_on_our_side_still_answers_json_with_the_request_id(
    procurement_user, monkeypatch
):
    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr("vendors.api.VendorListCreateApi.list", broken)
    response = _client(procurement_user).get("/api/v1/vendors/")
    assert response.status_code == 500
    body = response.json()
    assert body["request_id"] == response["X-Request-ID"]
    assert "Traceback" not in response.content.decode() and "boom" not in body["detail"]


def test_the_largest_documented_batch_fits_and_a_larger_body_is_413_saying_so(
    procurement_user, questionnaire, settings
):
    """300 answers of 10,000 two-byte characters (6 MB of UTF-8) are read; past the limit the
    answer is 413 JSON with a sentence naming the limit, not an HTML error page."""
    assessment = AssessmentFactory(requester=procurement_user, questionnaire=questionnaire)
    url = f"/api/v1/assessments/{assessment.pk}/answers/batch/"
    client = _client(procurement_user)
    items = [{"question_key": f"no.such.question.{n}", "text": "é" * 10_000} for n in range(300)]
    largest = json.dumps({"answers": items}, ensure_ascii=False).encode()
    assert len(largest) > 6_000_000
    read = client.post(url, largest, content_type="application/json")
    assert read.status_code == 400, read.content[:200]  # read, then each unknown key refused
    assert "answers" in read.json() or "detail" in read.json()
    assert b"API_BODY_MAX_MB" not in read.content
    too_large = client.post(
        url, b" " * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1), content_type="application/json"
    )
    assert too_large.status_code == 413
    assert "API_BODY_MAX_MB" in too_large.json()["detail"]
