"""The authenticator-app second factor: architects and admins add one with a code from the app;
from then on the password alone reaches nothing but the code page; wrong codes are refused on
the field, throttled and logged; a code works once; removal needs a current code; with
OTP_REQUIRED_FOR_REVIEWERS reviewers without an app may only add one. Codes are computed from the
device's key (django_otp.oath.totp), as the app on a phone would."""

import logging
import re
from base64 import b32encode
from datetime import timedelta

import pytest
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from core.middleware import CODE_REQUIRED, SECOND_FACTOR_REQUIRED
from core.totp import (
    CODE_MISSING,
    CODE_WRONG,
    SET_UP_FIRST,
    totp_setup_begin,
    totp_setup_confirm,
)
from core.totp_views import APP_ADDED, APP_REMOVED
from tests.factories import TEST_PASSWORD
from tests.support.csp import assert_no_inline_script_or_style

pytestmark = pytest.mark.django_db

LOGIN, CODE_PAGE, SECURITY = "/accounts/login/", "/accounts/login/code/", "/accounts/security/"
SETUP, CONFIRM = "/accounts/security/totp/setup/", "/accounts/security/totp/confirm/"
REMOVE, TOKEN = "/accounts/security/totp/remove/", "/api/v1/auth/token/"


def code(device: TOTPDevice, steps_ahead: int = 0) -> str:
    """The code the app shows `steps_ahead` 30-second steps from now. Each successful code must
    be of a later step than the last one used, so a test that uses several counts up."""
    return f"{totp(device.bin_key, step=device.step, digits=device.digits, drift=steps_ahead):06d}"


def wait_out_throttle(device: TOTPDevice) -> None:
    """As if the user waited: the last wrong code is an hour old."""
    TOTPDevice.objects.filter(pk=device.pk).update(
        throttling_failure_timestamp=timezone.now() - timedelta(hours=1)
    )


def sign_in(client, user):
    response = client.post(LOGIN, {"username": user.username, "password": TEST_PASSWORD})
    assert response.status_code == 302, "the password step failed"
    return response


def enrolled(user) -> TOTPDevice:
    """A user who has set up an app, through the same services as the pages."""
    device = totp_setup_begin(actor=user, ip="192.0.2.1")
    return totp_setup_confirm(actor=user, code=code(device), ip="192.0.2.1").device


def events(caplog) -> list[str]:
    return [getattr(r, "event", "") for r in caplog.records if r.name == "security"]


# ---- enrolment ------------------------------------------------------------------------------


def test_an_architect_adds_an_app_by_scanning_and_confirming_a_code(client, architect_user, caplog):
    caplog.set_level(logging.INFO, logger="security")
    client.force_login(architect_user)
    page = client.get(SECURITY).content.decode()
    assert "Off" in page and "Set up an authenticator app" in page

    assert client.post(SETUP).status_code == 302
    device = TOTPDevice.objects.get(user=architect_user)
    assert not device.confirmed  # a half-done set-up locks nobody out
    page = client.get(SECURITY).content.decode()
    secret = b32encode(device.bin_key).decode()
    assert " ".join(secret[i : i + 4] for i in range(0, len(secret), 4)) in page
    assert '<svg xmlns="http://www.w3.org/2000/svg"' in page and 'role="img"' in page

    response = client.post(CONFIRM, {"code": code(device)}, follow=True)
    device.refresh_from_db()
    assert device.confirmed
    assert APP_ADDED in response.content.decode()
    assert "Remove authenticator app" in response.content.decode()
    assert secret[:8] not in response.content.decode()  # the key is never shown again
    # The confirming code counted as this session's second factor: no second prompt.
    assert client.get("/").status_code == 200
    assert events(caplog) == ["totp.setup_started", "totp.enrolled"]


def test_a_wrong_confirmation_code_leaves_the_app_unconfirmed_with_a_field_error(
    client, architect_user, caplog
):
    client.force_login(architect_user)
    client.post(SETUP)
    device = TOTPDevice.objects.get(user=architect_user)
    wrong = f"{(int(code(device)) + 1) % 1_000_000:06d}"
    response = client.post(CONFIRM, {"code": wrong})
    assert response.status_code == 400
    assert re.search(
        rf'<p class="field-error"[^>]*>{re.escape(CODE_WRONG)}</p>',
        response.content.decode().replace("&#x27;", "'"),
    )
    device.refresh_from_db()
    assert not device.confirmed and device.throttling_failure_count == 1
    assert "totp.code_wrong" in events(caplog)


def test_the_qr_code_is_inline_svg_drawn_from_an_escaped_path_with_nothing_fetched(
    client, admin_user
):
    client.force_login(admin_user)
    client.post(SETUP)
    response = client.get(SECURITY)
    html = response.content.decode()
    svg = re.search(r"<svg .*?</svg>", html, re.DOTALL).group(0)
    path = re.search(r'<path d="([^"]*)"', svg).group(1)
    assert re.fullmatch(r"[MHVz0-9,.]+", path)
    assert "<img" not in html and "otpauth://" not in html
    assert " style=" not in html and not re.search(r"<script(?![^>]*\bsrc=)", html)
    assert "no-store" in response["Cache-Control"]  # the page shows a secret


def test_restarting_the_set_up_replaces_the_unconfirmed_key(client, architect_user):
    client.force_login(architect_user)
    client.post(SETUP)
    first = TOTPDevice.objects.get(user=architect_user).key
    client.post(SETUP)
    assert list(TOTPDevice.objects.filter(user=architect_user).values_list("key", flat=True)) != [
        first
    ]
    assert TOTPDevice.objects.filter(user=architect_user).count() == 1


def test_an_unfinished_set_up_can_be_cancelled_without_a_code(client, architect_user):
    client.force_login(architect_user)
    client.post(SETUP)
    assert client.post(REMOVE).status_code == 302
    assert not TOTPDevice.objects.filter(user=architect_user).exists()


# ---- sign-in --------------------------------------------------------------------------------


def test_signing_in_asks_for_the_code_before_any_page_opens(client, architect_user):
    device = enrolled(architect_user)
    sign_in(client, architect_user)

    response = client.get("/vendors/")
    assert response.status_code == 302
    assert response["Location"] == f"{CODE_PAGE}?next=%2Fvendors%2F"
    for path in ["/", "/assessments/review/", SECURITY, "/admin/"]:
        assert client.get(path)["Location"].startswith(CODE_PAGE), path
    api = client.get("/api/v1/vendors/")
    assert api.status_code == 403 and api.json()["detail"] == CODE_REQUIRED

    page = client.get(CODE_PAGE + "?next=/vendors/")
    assert page.status_code == 200 and 'autocomplete="one-time-code"' in page.content.decode()
    before = client.session.session_key
    response = client.post(CODE_PAGE, {"code": code(device, 1), "next": "/vendors/"})
    assert response.status_code == 302 and response["Location"] == "/vendors/"
    assert client.session.session_key != before  # a new key once the session is verified
    assert client.get("/vendors/").status_code == 200
    assert client.get("/api/v1/vendors/").status_code == 200


def test_a_wrong_code_is_refused_on_the_field_logged_and_opens_nothing(
    client, architect_user, caplog
):
    device = enrolled(architect_user)
    sign_in(client, architect_user)
    caplog.clear()
    wrong = f"{(int(code(device, 1)) + 1) % 1_000_000:06d}"
    response = client.post(CODE_PAGE, {"code": wrong})
    assert response.status_code == 200
    html = response.content.decode().replace("&#x27;", "'")
    assert f'<p class="field-error" id="id_code_error" role="alert">{CODE_WRONG}</p>' in html
    assert 'aria-invalid="true"' in html
    assert client.get("/")["Location"].startswith(CODE_PAGE)
    record = next(r for r in caplog.records if getattr(r, "event", "") == "totp.code_wrong")
    assert record.levelno == logging.WARNING
    assert (record.user_id, record.purpose, record.failures) == (architect_user.pk, "sign_in", 1)


def test_a_malformed_code_is_refused_without_counting_as_an_attempt(client, architect_user):
    device = enrolled(architect_user)
    sign_in(client, architect_user)
    for value in ["", "12345", "abcdef"]:
        response = client.post(CODE_PAGE, {"code": value})
        assert CODE_MISSING in response.content.decode().replace("&#x27;", "'")
    device.refresh_from_db()
    assert device.throttling_failure_count == 0


def test_wrong_codes_are_throttled_even_when_the_next_one_is_right(client, architect_user, caplog):
    device = enrolled(architect_user)
    sign_in(client, architect_user)
    client.post(CODE_PAGE, {"code": "000000" if code(device, 1) != "000000" else "111111"})
    right = code(device, 1)
    response = client.post(CODE_PAGE, {"code": right})
    assert response.status_code == 200 and "Too many wrong codes" in response.content.decode()
    assert client.get("/")["Location"].startswith(CODE_PAGE)
    assert "totp.code_throttled" in events(caplog)

    wait_out_throttle(device)
    assert client.post(CODE_PAGE, {"code": right})["Location"] == "/"


def test_a_code_that_was_used_once_is_refused_the_second_time(client, architect_user):
    device = enrolled(architect_user)
    sign_in(client, architect_user)
    used = code(device, 1)
    assert client.post(CODE_PAGE, {"code": used}).status_code == 302

    client.post("/accounts/logout/")
    sign_in(client, architect_user)
    response = client.post(CODE_PAGE, {"code": used})
    assert response.status_code == 200
    assert CODE_WRONG in response.content.decode().replace("&#x27;", "'")
    assert client.get("/")["Location"].startswith(CODE_PAGE)


def test_the_code_page_sends_only_to_pages_of_this_site(client, architect_user):
    device = enrolled(architect_user)
    sign_in(client, architect_user)
    response = client.post(CODE_PAGE, {"code": code(device, 1), "next": "https://evil.example/"})
    assert response["Location"] == "/"


def test_a_user_without_an_app_signs_in_with_the_password_as_before(client, architect_user):
    sign_in(client, architect_user)
    assert client.get("/").status_code == 200
    assert client.get(CODE_PAGE)["Location"] == "/"  # nothing to enter


def test_the_code_page_sends_anonymous_visitors_to_sign_in(client):
    response = client.get(CODE_PAGE)
    assert response["Location"] == f"{LOGIN}?next={CODE_PAGE}"


def test_the_code_page_offers_sign_out_but_not_the_site_menu(client, architect_user):
    enrolled(architect_user)
    sign_in(client, architect_user)
    html = client.get(CODE_PAGE).content.decode()
    assert 'action="/accounts/logout/"' in html and 'aria-label="Main"' not in html
    assert client.post("/accounts/logout/").status_code == 302
    assert client.get("/")["Location"].startswith(LOGIN)


# ---- removal and the admin's reset ----------------------------------------------------------


def test_removing_the_app_needs_a_current_code(client, architect_user, caplog):
    caplog.set_level(logging.INFO, logger="security")
    device = enrolled(architect_user)
    sign_in(client, architect_user)
    client.post(CODE_PAGE, {"code": code(device, 1)})

    response = client.post(REMOVE, {"code": ""})
    assert response.status_code == 400
    assert CODE_MISSING in response.content.decode().replace("&#x27;", "'")
    response = client.post(REMOVE, {"code": code(device, 1)})  # already used
    assert CODE_WRONG in response.content.decode().replace("&#x27;", "'")
    assert TOTPDevice.objects.filter(pk=device.pk).exists()

    wait_out_throttle(device)
    response = client.post(REMOVE, {"code": code(device, 2)}, follow=True)
    assert APP_REMOVED in response.content.decode()
    assert not TOTPDevice.objects.filter(user=architect_user).exists()
    assert "totp.removed" in events(caplog)

    client.post("/accounts/logout/")
    sign_in(client, architect_user)
    assert client.get("/").status_code == 200


def test_an_admin_resets_a_users_app_in_the_admin_site_and_it_is_logged(
    client, admin_user, architect_user, caplog
):
    device = enrolled(architect_user)
    client.force_login(admin_user)
    change = client.get(f"/admin/otp_totp/totpdevice/{device.pk}/change/")
    assert change.status_code == 200
    assert device.key not in change.content.decode()  # the admin never sees the key
    assert client.get("/admin/otp_totp/totpdevice/add/").status_code == 403
    response = client.post(f"/admin/otp_totp/totpdevice/{device.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(pk=device.pk).exists()
    record = next(r for r in caplog.records if getattr(r, "event", "") == "totp.reset_by_admin")
    assert (record.user_id, record.admin_id) == (architect_user.pk, admin_user.pk)

    other = client.__class__()
    sign_in(other, architect_user)
    assert other.get("/").status_code == 200


# ---- who may ---------------------------------------------------------------------------------


def test_procurement_is_not_offered_an_app_and_signs_in_with_the_password(client, procurement_user):
    sign_in(client, procurement_user)
    assert client.get("/").status_code == 200
    assert "Account security" not in client.get("/").content.decode()
    assert client.get(SECURITY).status_code == 403
    assert client.post(SETUP).status_code == 403
    assert not TOTPDevice.objects.filter(user=procurement_user).exists()


def test_reviewers_see_the_account_security_link(client, architect_user):
    client.force_login(architect_user)
    assert f'href="{SECURITY}"' in client.get("/").content.decode()


# ---- OTP_REQUIRED_FOR_REVIEWERS ---------------------------------------------------------------


@pytest.mark.parametrize("reviewer", ["architect_user", "admin_user"])
def test_when_required_a_reviewer_without_an_app_may_only_add_one(
    request, client, settings, reviewer
):
    settings.OTP_REQUIRED_FOR_REVIEWERS = True
    user = request.getfixturevalue(reviewer)
    sign_in(client, user)
    for path in ["/", "/vendors/", "/admin/"]:
        assert client.get(path)["Location"] == SECURITY, path
    api = client.get("/api/v1/vendors/")
    assert api.status_code == 403 and api.json()["detail"] == SECOND_FACTOR_REQUIRED
    page = client.get(SECURITY)
    assert page.status_code == 200 and "must use an authenticator app" in page.content.decode()

    client.post(SETUP)
    device = TOTPDevice.objects.get(user=user)
    client.post(CONFIRM, {"code": code(device)})
    assert client.get("/").status_code == 200


def test_when_not_required_a_reviewer_without_an_app_works_as_before(
    client, settings, architect_user
):
    settings.OTP_REQUIRED_FOR_REVIEWERS = False
    sign_in(client, architect_user)
    assert client.get("/").status_code == 200
    assert "must use an authenticator app" not in client.get(SECURITY).content.decode()


def test_when_required_procurement_is_unaffected(client, settings, procurement_user):
    settings.OTP_REQUIRED_FOR_REVIEWERS = True
    sign_in(client, procurement_user)
    assert client.get("/").status_code == 200
    assert client.get("/api/v1/vendors/").status_code == 200


# ---- API tokens -------------------------------------------------------------------------------


def test_an_api_token_needs_the_code_of_a_user_with_an_app(client, architect_user):
    device = enrolled(architect_user)
    password_only = {"username": architect_user.username, "password": TEST_PASSWORD}
    response = client.post(TOKEN, password_only)
    assert response.status_code == 400 and "token" not in response.json()
    assert response.json()["otp_token"] == [CODE_MISSING]
    response = client.post(TOKEN, {**password_only, "otp_token": code(device, 1)})
    assert response.status_code == 200 and response.json()["token"]


def test_when_required_a_reviewer_without_an_app_gets_no_api_token(
    client, settings, architect_user, procurement_user
):
    settings.OTP_REQUIRED_FOR_REVIEWERS = True
    response = client.post(TOKEN, {"username": architect_user.username, "password": TEST_PASSWORD})
    assert response.status_code == 400 and response.json()["otp_token"] == [SET_UP_FIRST]
    response = client.post(
        TOKEN, {"username": procurement_user.username, "password": TEST_PASSWORD}
    )
    assert response.status_code == 200


# ---- pages ------------------------------------------------------------------------------------


def test_the_new_pages_have_no_inline_script_or_style(client, architect_user):
    client.force_login(architect_user)
    client.post(SETUP)
    pages = [client.get(SECURITY)]
    device = TOTPDevice.objects.get(user=architect_user)
    client.post(CONFIRM, {"code": code(device)})
    pages.append(client.get(SECURITY))
    client.post("/accounts/logout/")
    sign_in(client, architect_user)
    pages.append(client.get(CODE_PAGE))
    for response in pages:
        assert_no_inline_script_or_style(response)
