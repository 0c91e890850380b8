"""The sign-in page warns before a lockout and says when it ends, with the support contact; an
unknown username reads exactly like a known one."""

import datetime
import re

import pytest
from axes.models import AccessAttempt

from core.sign_in import ATTEMPTS_LEFT

pytestmark = pytest.mark.django_db


WRONG = "wrong-password"


def _attempt(client, username, password=WRONG, **extra):
    return client.post("/accounts/login/", {"username": username, "password": password}, **extra)


def _left(settings, n: int) -> str:
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return ATTEMPTS_LEFT.format(left=n, s="" if n == 1 else "s", minutes=minutes)


def test_each_failed_attempt_says_how_many_remain_down_to_the_last(
    client, settings, procurement_user
):
    limit = settings.AXES_FAILURE_LIMIT
    assert "attempt" not in client.get("/accounts/login/").content.decode().split("<main")[1]
    for failed in range(1, limit):
        page = _attempt(client, procurement_user.username).content.decode()
        assert _left(settings, limit - failed) in page
    assert "1 attempt left before" in page  # the boundary: one more failure locks


def test_the_failure_at_the_limit_locks_and_says_until_when(client, settings, procurement_user):
    settings.SUPPORT_CONTACT = "it-help@example.com"
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert _attempt(client, procurement_user.username).status_code == 200
    locked = _attempt(client, procurement_user.username)

    assert locked.status_code == 429
    page = locked.content.decode()
    last = AccessAttempt.objects.get(username=procurement_user.username).attempt_time
    ends = (last + settings.AXES_COOLOFF_TIME).astimezone(datetime.UTC)
    assert f'Try again after <time datetime="{ends:%Y-%m-%dT%H:%M:%S}Z"' in page
    assert re.search(rf">{ends:%H:%M}</time>", page)
    assert '<a href="mailto:it-help@example.com">it-help@example.com</a>' in page


def test_the_lockout_end_shows_in_the_browsers_time_zone(client, settings, procurement_user):
    client.cookies["tz"] = "Asia/Kolkata"  # UTC+5:30 all year
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _attempt(client, procurement_user.username)
    page = _attempt(client, procurement_user.username).content.decode()
    last = AccessAttempt.objects.get(username=procurement_user.username).attempt_time
    ends = last + settings.AXES_COOLOFF_TIME + datetime.timedelta(hours=5, minutes=30)
    assert f"{ends:%H:%M}" in page and "Asia/Kolkata time" in page


def test_an_unknown_username_gets_the_same_warnings(client, settings, procurement_user):
    known = [_attempt(client, procurement_user.username) for _ in range(2)]
    client.cookies.clear()
    unknown = [_attempt(client, "nobody-by-this-name") for _ in range(2)]

    def text(response):
        body = response.content.decode()
        body = body.replace(procurement_user.username, "NAME").replace(
            "nobody-by-this-name", "NAME"
        )
        return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", body)

    assert [text(r) for r in known] == [text(r) for r in unknown]
    for _ in range(settings.AXES_FAILURE_LIMIT):
        locked = _attempt(client, "nobody-by-this-name")
    assert locked.status_code == 429 and "Try again after" in locked.content.decode()


def test_without_a_support_contact_the_page_names_an_administrator(
    client, settings, procurement_user
):
    settings.SUPPORT_CONTACT = ""
    for _ in range(settings.AXES_FAILURE_LIMIT):
        locked = _attempt(client, procurement_user.username)
    assert "an administrator of this site" in locked.content.decode()
