"""A request that cannot reach the database answers 503 with Retry-After and the request id —
JSON under /api/ (also from DRF views), a short page elsewhere, also when the failure happens in
a middleware (loading the session) — and is logged as one warning. Other database errors stay
500s. (tests/faults/test_database_restart.py does the same against a real PostgreSQL restart.)"""

import logging

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.db import IntegrityError, OperationalError
from django.test import Client
from django.urls import path
from rest_framework.views import APIView

from config.urls import urlpatterns as real_urlpatterns
from core.db_unavailable import DB_UNAVAILABLE, RETRY_AFTER_SECONDS


def _unreachable(request):
    raise OperationalError("connection refused")


def _broken_rule(request):
    raise IntegrityError("duplicate key")


class _UnreachableApi(APIView):
    authentication_classes = []
    permission_classes = []

    def get(self, request):
        raise OperationalError("connection refused")


urlpatterns = [
    path("boom/", _unreachable),
    path("rule/", _broken_rule),
    path("api/v1/boom/", _UnreachableApi.as_view()),
    *real_urlpatterns,
]
handler500 = "core.views.server_error"

pytestmark = [
    pytest.mark.urls("tests.faults.test_database_unavailable_answers_503"),
    pytest.mark.django_db,
]


@pytest.fixture
def client(settings):
    settings.DEBUG = False
    return Client(raise_request_exception=False, HTTP_X_REQUEST_ID="req-0123456789")


def test_an_api_view_without_its_database_answers_503_json(client, caplog):
    with caplog.at_level(logging.WARNING):
        response = client.get("/api/v1/boom/")
    assert response.status_code == 503
    assert response["Retry-After"] == str(RETRY_AFTER_SECONDS)
    assert response.json() == {"detail": DB_UNAVAILABLE, "request_id": "req-0123456789"}
    assert [r.levelname for r in caplog.records if r.name.startswith(("core", "django"))] == [
        "WARNING"
    ]


def test_a_page_without_its_database_answers_503_with_a_short_page(client):
    response = client.get("/boom/")
    assert response.status_code == 503
    assert response["Retry-After"] == str(RETRY_AFTER_SECONDS)
    page = response.content.decode()
    assert DB_UNAVAILABLE in page and "req-0123456789" in page
    assert "connection refused" not in page


def test_a_session_that_cannot_be_loaded_answers_503(client, monkeypatch):
    def unreachable(self):
        raise OperationalError("connection refused")

    client.cookies["sessionid"] = "a" * 32
    monkeypatch.setattr(SessionStore, "load", unreachable)
    response = client.get("/")
    assert response.status_code == 503
    assert DB_UNAVAILABLE in response.content.decode()


def test_other_database_errors_are_still_server_errors(client):
    response = client.get("/rule/")
    assert response.status_code == 500
    assert "Something went wrong" in response.content.decode()
