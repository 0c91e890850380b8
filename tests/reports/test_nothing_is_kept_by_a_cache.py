"""Pages, API answers and downloads carry assessment data: every one is sent with
`Cache-Control: no-store` so no browser or proxy keeps a copy (core.middleware.NoStoreMiddleware);
and the API answers JSON only, never DRF's browsable HTML pages, unless DEBUG."""

import pytest
from django.test import Client
from rest_framework.settings import api_settings

from reports.rendering import report_render
from reports.services import report_request

pytestmark = pytest.mark.django_db


def _no_store(response) -> bool:
    return "no-store" in response.get("Cache-Control", "")


def test_every_page_api_answer_and_download_says_no_store(api, assessment, procurement_user):
    report = report_render(
        report_id=report_request(actor=procurement_user, assessment=assessment)[0].pk
    )
    browser = Client()
    browser.force_login(procurement_user)
    pages = [
        "/",
        "/assessments/",
        f"/assessments/{assessment.pk}/",
        f"/assessments/{assessment.pk}/history/",
        f"/reports/preview/{assessment.pk}/",
        f"/reports/{report.pk}/download/",
        "/vendors/",
    ]
    for path in pages:
        response = browser.get(path)
        assert response.status_code == 200, path
        assert _no_store(response), path
    client = api(procurement_user)
    for path in (
        "/api/v1/assessments/",
        f"/api/v1/assessments/{assessment.pk}/",
        f"/api/v1/assessments/{assessment.pk}/scorecard/",
        f"/api/v1/reports/{report.pk}/download/",
        "/api/v1/no-such-endpoint/",
    ):
        response = client.get(path)
        assert response.status_code in (200, 404), path
        assert _no_store(response), path
    signed_out = Client().get("/accounts/login/")
    assert _no_store(signed_out)  # its form carries a CSRF token


def test_the_api_answers_json_only_even_to_a_browser_asking_for_html(api, viewer_user):
    assert "rest_framework.renderers.BrowsableAPIRenderer" not in [
        f"{c.__module__}.{c.__name__}" for c in api_settings.DEFAULT_RENDERER_CLASSES
    ]
    browser = api(viewer_user)
    response = browser.get("/api/v1/assessments/", HTTP_ACCEPT="text/html,*/*;q=0.8")
    assert response["Content-Type"] == "application/json"
    assert b"<form" not in response.content
    assert browser.get("/api/v1/assessments/", HTTP_ACCEPT="text/html").status_code == 406


def test_an_unknown_api_path_answers_json_not_a_page(api, viewer_user):
    response = api(viewer_user).get("/api/v1/assessments/not-an-id/")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert "see /api/docs/" in response.json()["detail"]
