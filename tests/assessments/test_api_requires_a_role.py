"""Every API route refuses anonymous callers (401) and signed-in users without a role (403)."""

import pytest
from django.urls import get_resolver, resolve

from tests.assessments.conftest import first_question

pytestmark = pytest.mark.django_db


def _routes(assessment, vendor_id):
    question = first_question(assessment.questionnaire).key
    a = f"/api/v1/assessments/{assessment.pk}"
    return [
        ("get", "/api/v1/questionnaires/"),
        ("get", f"/api/v1/questionnaires/{assessment.questionnaire_id}/"),
        ("get", "/api/v1/assessments/"),
        ("post", "/api/v1/assessments/"),
        ("get", f"{a}/"),
        ("get", f"{a}/answers/"),
        ("put", f"{a}/answers/{question}/"),
        ("post", f"{a}/evidence/"),
        ("post", f"{a}/submit/"),
        ("get", f"{a}/scorecard/"),
        ("get", "/api/v1/vendors/"),
        ("post", "/api/v1/vendors/"),
        ("get", f"/api/v1/vendors/{vendor_id}/"),
        ("patch", f"/api/v1/vendors/{vendor_id}/"),
        ("get", f"/api/v1/vendors/{vendor_id}/offerings/"),
        ("post", f"/api/v1/vendors/{vendor_id}/offerings/"),
        ("post", f"{a}/review/start/"),
        ("post", f"{a}/answers/{question}/evidence-level/"),
        ("post", f"{a}/answers/{question}/override/"),
        ("get", f"{a}/answers/{question}/comments/"),
        ("post", f"{a}/answers/{question}/comments/"),
        ("post", f"{a}/findings/{question}/accept/"),
        ("get", f"{a}/conditions/"),
        ("post", f"{a}/conditions/"),
        ("post", f"{a}/request-changes/"),
        ("post", f"{a}/decision/"),
        ("post", f"{a}/reassess/"),
        ("get", f"{a}/history/"),
        ("get", f"/api/v1/vendors/{vendor_id}/contacts/"),
        ("post", f"/api/v1/vendors/{vendor_id}/contacts/"),
    ]


def test_anonymous_gets_401_and_an_outsider_403_on_every_api_route(api, assessment, outsider_user):
    vendor_id = assessment.offering.vendor_id
    for method, url in _routes(assessment, vendor_id):
        anonymous = getattr(api(None), method)(url, {}, format="json")
        assert anonymous.status_code == 401, (method, url, anonymous.status_code)
        assert anonymous["WWW-Authenticate"] == "Token"
        outsider = getattr(api(outsider_user), method)(url, {}, format="json")
        assert outsider.status_code == 403, (method, url, outsider.status_code)


def test_the_route_list_above_covers_every_api_v1_route(assessment):
    """Adding an API route without adding it to the list above fails here."""
    vendor_id = assessment.offering.vendor_id
    covered = {resolve(url).route for _, url in _routes(assessment, vendor_id)}
    patterns = set()

    def walk(resolver, prefix=""):
        for entry in resolver.url_patterns:
            route = prefix + str(entry.pattern)
            if hasattr(entry, "url_patterns"):
                walk(entry, route)
            elif route.startswith("api/v1/") and "auth/token" not in route:
                patterns.add(route)

    walk(get_resolver())
    assert patterns == covered, sorted(patterns ^ covered)
