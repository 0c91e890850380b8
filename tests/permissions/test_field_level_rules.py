"""The field-level rules under the README's table (core.permission_matrix.FIELD_RULES): what a
role may write inside an action it is allowed, and which states answer 409."""

import pytest

from assessments.answers.services import EVIDENCE_LEVEL_RESERVED
from assessments.evidence.services import REVIEWER_EVIDENCE_ONLY_IN_REVIEW
from tests.permissions.conftest import QUESTION_KEY, send

pytestmark = pytest.mark.django_db

ANSWER = "api/v1/assessments/<uuid:pk>/answers/<str:question_key>/"
EVIDENCE = "api/v1/assessments/<uuid:pk>/evidence/"


@pytest.mark.parametrize("level", ["attested", "verified"])
def test_procurement_never_saves_an_answer_at_a_reviewer_evidence_level(site, level):
    body = {"option": "hsm", "evidence_level": level}
    refused = site.client("procurement", api=True).put(site.path(ANSWER), body, format="json")
    assert refused.status_code == 400
    assert refused.data == {"evidence_level": [EVIDENCE_LEVEL_RESERVED]}
    saved = site.client("admin", api=True).put(site.path(ANSWER), body, format="json")
    assert (saved.status_code, saved.data["evidence_level"]) == (201, level)


@pytest.mark.parametrize(
    ("principal", "status"),
    [("procurement", 409), ("architect", 201), ("admin", 201), ("viewer", 403)],
)
def test_during_review_reviewers_attach_evidence_and_requesters_do_not(site, principal, status):
    body = {"question_key": QUESTION_KEY, "url": "https://vendor.example/pentest"}
    path = site.path(EVIDENCE, pk=site.in_review.pk)
    response = site.client(principal, api=True).post(path, body, format="multipart")
    assert response.status_code == status, response.data


def test_a_reviewer_does_not_attach_evidence_to_a_draft(site):
    body = {"question_key": QUESTION_KEY, "url": "https://vendor.example/pentest"}
    response = site.client("architect", api=True).post(
        site.path(EVIDENCE), body, format="multipart"
    )
    assert response.status_code == 409, response.data
    assert response.data["detail"] == REVIEWER_EVIDENCE_ONLY_IN_REVIEW.format(status="draft")


@pytest.mark.parametrize(
    ("route", "state", "principal"),
    [
        (ANSWER, "in_review", "procurement"),
        (EVIDENCE, "decided", "procurement"),
        ("api/v1/assessments/<uuid:pk>/submit/", "submitted", "procurement"),
        ("api/v1/assessments/<uuid:pk>/review/start/", "in_review", "architect"),
        ("api/v1/assessments/<uuid:pk>/answers/<str:question_key>/override/", "draft", "architect"),
        ("api/v1/assessments/<uuid:pk>/decision/", "decided", "architect"),
        (
            "api/v1/assessments/<uuid:pk>/answers/<str:question_key>/comments/",
            "decided",
            "architect",
        ),
        ("api/v1/assessments/<uuid:pk>/reassess/", "in_review", "procurement"),
    ],
)
def test_an_allowed_action_in_the_wrong_state_is_409(site, route, state, principal):
    method = "PUT" if route == ANSWER else "POST"
    path = site.path(route, pk=getattr(site, state).pk)
    response = send(site, principal, route, method, path=path)
    assert response.status_code == 409, response.data
