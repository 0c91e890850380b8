"""Brute force against the sign-in form: django-axes locks a username from one address; a
client rotating X-Forwarded-For does not get fresh attempts; the right password then fails too."""

import pytest
from django.core.cache import cache

from tests.factories import TEST_PASSWORD

pytestmark = pytest.mark.django_db


def _attempt(client, username, password, **headers):
    return client.post("/accounts/login/", {"username": username, "password": password}, **headers)


def test_five_wrong_passwords_lock_the_account_from_that_address(
    client, settings, procurement_user
):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert _attempt(client, procurement_user.username, "wrong-password").status_code == 200
    assert _attempt(client, procurement_user.username, "wrong-password").status_code == 429
    locked = _attempt(client, procurement_user.username, TEST_PASSWORD)
    assert locked.status_code == 429
    assert b"Too many failed sign-ins" in locked.content
    assert "_auth_user_id" not in client.session


def test_a_rotating_forwarded_for_header_does_not_reset_the_count(
    client, settings, procurement_user
):
    assert settings.TRUSTED_PROXY_COUNT == 0
    for n in range(settings.AXES_FAILURE_LIMIT):
        _attempt(client, procurement_user.username, "wrong", HTTP_X_FORWARDED_FOR=f"10.0.0.{n}")
    locked = _attempt(
        client, procurement_user.username, TEST_PASSWORD, HTTP_X_FORWARDED_FOR="10.9.9.9"
    )
    assert locked.status_code == 429


def test_behind_one_trusted_proxy_the_proxy_supplied_address_is_used(
    client, settings, procurement_user
):
    settings.TRUSTED_PROXY_COUNT = 1
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _attempt(
            client, procurement_user.username, "wrong", HTTP_X_FORWARDED_FOR="spoofed, 203.0.113.7"
        )
    # Same real client (the entry our proxy appended), whatever it claims to the left.
    assert (
        _attempt(
            client,
            procurement_user.username,
            TEST_PASSWORD,
            HTTP_X_FORWARDED_FOR="other-lie, 203.0.113.7",
        ).status_code
        == 429
    )
    # Another real client is not locked out by someone else's failures.
    assert (
        _attempt(
            client, procurement_user.username, TEST_PASSWORD, HTTP_X_FORWARDED_FOR="203.0.113.8"
        ).status_code
        == 302
    )


def test_the_lockout_does_not_depend_on_the_cache(client, settings, procurement_user, monkeypatch):
    """Attempts are counted in the database: a cache outage cannot switch the lockout off."""
    assert settings.AXES_HANDLER == "axes.handlers.database.AxesDatabaseHandler"

    def down(*args, **kwargs):
        raise ConnectionError("cache unavailable")

    for name in ("get", "set", "add", "incr", "delete"):
        monkeypatch.setattr(cache, name, down)
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _attempt(client, procurement_user.username, "wrong")
    assert _attempt(client, procurement_user.username, TEST_PASSWORD).status_code == 429
