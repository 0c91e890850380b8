"""A 500 shows a generic page with a request id, logs the traceback under that id, and leaks no
settings."""

import logging

import pytest
from django.test import Client
from django.urls import path

from config.urls import urlpatterns as real_urlpatterns


def _boom(request):
    raise RuntimeError("secret detail: database password is hunter2")


urlpatterns = [path("boom/", _boom), *real_urlpatterns]
handler500 = "core.views.server_error"


@pytest.mark.urls("tests.security.test_error_page")
def test_a_server_error_shows_a_generic_page_and_logs_the_trace_with_the_request_id(
    db, settings, caplog
):
    settings.DEBUG = False
    client = Client(raise_request_exception=False)
    with caplog.at_level(logging.ERROR):
        response = client.get("/boom/", HTTP_X_REQUEST_ID="req-0123456789")
    assert response.status_code == 500
    body = response.content.decode()
    assert "Something went wrong" in body and "req-0123456789" in body
    assert "hunter2" not in body and settings.SECRET_KEY not in body
    assert "Traceback" not in body and "RuntimeError" not in body
    logged = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert any(getattr(r, "request_id", "") == "req-0123456789" and r.exc_info for r in logged)
