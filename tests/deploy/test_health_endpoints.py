"""/healthz says the process answers without touching anything; /readyz checks the database,
the migrations and the broker. Both JSON, never cached, 200 or 503, and no secret in the body."""

import pytest
from django.db import connection

from core import health
from tests.support.processes import free_port

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _recheck_migrations(monkeypatch):
    monkeypatch.setattr(health, "_migrated", False)


def test_healthz_answers_without_a_database_query(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "checks": {"process": "ok"}}
    assert "no-store" in response["Cache-Control"]


def test_readyz_is_ok_when_database_migrations_and_broker_are(client, settings):
    response = client.get("/readyz")
    assert response.status_code == 200, response.content
    broker = "redis" if settings.CELERY_BROKER_URL.startswith("redis") else "filesystem"
    assert response.json() == {
        "status": "ok",
        "checks": {"database": "ok", "migrations": "ok", "broker": "ok"},
        # What this process really uses: CI runs on PostgreSQL and Redis, a laptop may not.
        "uses": {"database": connection.vendor, "broker": broker},
    }
    assert "no-store" in response["Cache-Control"]


def test_readyz_fails_with_503_when_the_broker_is_unreachable(client, settings):
    settings.CELERY_BROKER_URL = f"redis://:hunter2-broker-password@127.0.0.1:{free_port()}/0"
    settings.CELERY_BROKER_TRANSPORT_OPTIONS = {"socket_connect_timeout": 1}
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json() == {
        "status": "unavailable",
        "checks": {"database": "ok", "migrations": "ok", "broker": "unavailable"},
        "uses": {"database": connection.vendor, "broker": "redis"},
    }
    assert b"hunter2" not in response.content and b"127.0.0.1" not in response.content


def test_readyz_fails_with_503_while_migrations_are_pending(client, monkeypatch):
    monkeypatch.setattr(
        "django.db.migrations.executor.MigrationExecutor.migration_plan",
        lambda self, targets: [("a migration", False)],
    )
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["checks"]["migrations"] == "pending"


def test_probes_answer_any_host_over_plain_http_while_pages_stay_protected(client, settings):
    """The orchestrator calls the pod's address over http: no host validation, no redirect."""
    settings.ALLOWED_HOSTS = ["dd.example.com"]
    settings.SECURE_SSL_REDIRECT = True
    for path in ("/healthz", "/readyz"):
        response = client.get(path, HTTP_HOST="10.1.2.3:8000")
        assert response.status_code == 200, (path, response.status_code)
    assert client.get("/accounts/login/", HTTP_HOST="10.1.2.3:8000").status_code == 400
    assert client.get("/accounts/login/", HTTP_HOST="dd.example.com").status_code == 301


def test_probes_never_touch_a_session(client, procurement_user, django_assert_num_queries):
    """A signed-in browser calling /healthz neither loads nor refreshes its session."""
    client.force_login(procurement_user)
    with django_assert_num_queries(0):
        assert client.get("/healthz").status_code == 200
