"""A new session key at sign-in; idle and absolute session lifetimes; a deactivated user's next
request is refused."""

import time

import pytest

from tests.factories import TEST_PASSWORD

pytestmark = pytest.mark.django_db


def _sign_in(client, user):
    response = client.post(
        "/accounts/login/", {"username": user.username, "password": TEST_PASSWORD}
    )
    assert response.status_code == 302
    return client


def test_signing_in_issues_a_new_session_key(client, procurement_user):
    client.get("/accounts/login/")
    client.session["probe"] = 1  # an anonymous session exists before sign-in
    before = client.session.session_key
    _sign_in(client, procurement_user)
    assert client.session.session_key != before


def test_an_idle_session_ends(client, settings, procurement_user):
    _sign_in(client, procurement_user)
    session = client.session
    session["last_activity"] = int(time.time()) - settings.SESSION_IDLE_SECONDS - 5
    session.save()
    response = client.get("/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    assert client.get("/api/v1/assessments/").status_code in (401, 403)


def test_a_session_ends_after_its_absolute_lifetime_even_when_busy(
    client, settings, procurement_user
):
    _sign_in(client, procurement_user)
    session = client.session
    session["signed_in_at"] = int(time.time()) - settings.SESSION_ABSOLUTE_SECONDS - 5
    session["last_activity"] = int(time.time())
    session.save()
    response = client.get("/api/v1/assessments/")
    assert response.status_code == 401
    assert client.get("/").status_code == 302


def test_an_active_session_continues(client, procurement_user):
    _sign_in(client, procurement_user)
    assert client.get("/").status_code == 200


def test_a_deactivated_user_is_refused_on_the_next_request(client, procurement_user):
    _sign_in(client, procurement_user)
    assert client.get("/").status_code == 200
    procurement_user.is_active = False
    procurement_user.save()
    assert client.get("/").status_code == 302
    assert client.get("/api/v1/assessments/").status_code in (401, 403)
