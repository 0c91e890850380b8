"""The vendor portal's JSON endpoint reads bodies the way the API does (core/api_parsers.py):
nesting a hundred thousand deep, invalid UTF-8 or a document that is not an object is a 400 with
a sentence, never a server error."""

import pytest

from tests.assessments.invitations.conftest import INVITED, answer_url, question_of

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "body",
    [b"[" * 100_000 + b"]" * 100_000, b'{"text": "\xff\xfe"}', b"[1, 2]", b"{"],
    ids=["deep", "not-utf8", "a-list", "truncated"],
)
def test_an_unreadable_body_is_a_400(vendor, assessment, questionnaire, body):
    url = answer_url(assessment, question_of(questionnaire, INVITED).key)
    response = vendor.put(url, body, content_type="application/json")
    assert response.status_code == 400, response.content[:200]
    assert "detail" in response.json() or response.json()
