"""Recovery codes for the authenticator app: ten are made when the app is confirmed and shown in
that one response only; each signs in once in place of the app's code; wrong ones are refused on
the field, logged and throttled together with wrong app codes; new ones need an app code and void
the old; removing or resetting the app deletes them; the database keeps only keyed hashes; the API
token endpoint does not take them; users without an app see none of it."""

import logging
import re

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from core.recovery_codes import recovery_codes_replace
from core.totp import (
    CODE_MISSING,
    CODE_WRONG,
    NO_DEVICE,
    RECOVERY_CODE_MISSING,
    RECOVERY_CODE_WRONG,
    totp_setup_begin,
    totp_setup_confirm,
    totp_verify_recovery_code,
)
from core.totp_views import RECOVERY_CODE_ACCEPTED, RECOVERY_CODES_REPLACED
from tests.factories import TEST_PASSWORD
from tests.security.test_totp import code, events, sign_in, wait_out_throttle
from tests.support.csp import assert_no_inline_script_or_style

pytestmark = pytest.mark.django_db

CODE_PAGE, RECOVERY = "/accounts/login/code/", "/accounts/login/recovery/"
SECURITY, SETUP, CONFIRM = (
    "/accounts/security/",
    "/accounts/security/totp/setup/",
    "/accounts/security/totp/confirm/",
)
REMOVE = "/accounts/security/totp/remove/"
REGENERATE, TOKEN = "/accounts/security/recovery-codes/regenerate/", "/api/v1/auth/token/"
SHOWN_ONCE = "this page shows them only this once"
# A recovery code as the page shows it.
RECOVERY_CODE = re.compile(r"<code>([a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{2})</code>")


def enrolled(user) -> tuple[TOTPDevice, tuple[str, ...]]:
    device = totp_setup_begin(actor=user, ip="192.0.2.1")
    enrolment = totp_setup_confirm(actor=user, code=code(device), ip="192.0.2.1")
    return enrolment.device, enrolment.recovery_codes


def text(response) -> str:
    return response.content.decode().replace("&#x27;", "'")


def codes_left(user) -> int:
    return StaticToken.objects.filter(device__user=user).count()


def signed_in_with_the_app(client, user, device):
    sign_in(client, user)
    assert client.post(CODE_PAGE, {"code": code(device, 1)}).status_code == 302


def other_code(codes: tuple[str, ...]) -> str:
    """A well-formed code that is none of `codes`."""
    return next(c for c in ("2222-2222-22", "3333-3333-33") if c not in codes)


# ---- made on confirmation, shown once, stored hashed --------------------------------------------


def test_confirming_the_app_shows_ten_codes_in_that_response_only(client, architect_user):
    client.force_login(architect_user)
    client.post(SETUP)
    assert not StaticDevice.objects.filter(user=architect_user).exists()  # not before confirming
    device = TOTPDevice.objects.get(user=architect_user)

    response = client.post(CONFIRM, {"code": code(device)})
    assert response.status_code == 200 and "no-store" in response["Cache-Control"]
    shown = RECOVERY_CODE.findall(response.content.decode())
    assert len(shown) == len(set(shown)) == 10
    assert SHOWN_ONCE in text(response)
    assert "each code signs you in once" in text(response)
    assert codes_left(architect_user) == 10

    for _ in range(2):  # any later visit: the count, never the codes
        page = client.get(SECURITY).content.decode()
        assert not RECOVERY_CODE.findall(page) and SHOWN_ONCE not in page
        assert not any(c in page for c in shown)
        assert "Recovery codes left: <strong>10</strong>" in page


def test_when_required_the_page_with_the_codes_no_longer_says_an_app_is_missing(
    client, settings, admin_user
):
    settings.OTP_REQUIRED_FOR_REVIEWERS = True
    sign_in(client, admin_user)
    client.post(SETUP)
    device = TOTPDevice.objects.get(user=admin_user)
    html = client.post(CONFIRM, {"code": code(device)}).content.decode()
    assert len(RECOVERY_CODE.findall(html)) == 10
    assert "must use an authenticator app" not in html and 'aria-label="Main"' in html


def test_the_database_holds_only_keyed_hashes_of_the_codes(client, architect_user):
    client.force_login(architect_user)
    client.post(SETUP)
    device = TOTPDevice.objects.get(user=architect_user)
    shown = RECOVERY_CODE.findall(client.post(CONFIRM, {"code": code(device)}).content.decode())
    plain = {c for s in shown for c in (s, s.replace("-", ""))}

    # Every text in every table, sessions included: no form of any code is stored anywhere.
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            # The names come from the schema itself, not from any input.
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608
            dump = repr(cursor.fetchall()).lower()
            assert not [c for c in plain if c in dump], table
    tokens = list(StaticToken.objects.values_list("token", flat=True))
    assert len(tokens) == 10 and all(re.fullmatch(r"[a-z2-7]{16}", t) for t in tokens)


def test_the_hash_is_keyed_so_another_key_voids_the_codes_unless_it_is_a_fallback(
    settings, architect_user
):
    _, codes = enrolled(architect_user)
    old_key = settings.SECRET_KEY
    settings.SECRET_KEY = old_key[::-1]
    with pytest.raises(ValidationError, match=re.escape(RECOVERY_CODE_WRONG)):
        totp_verify_recovery_code(user=architect_user, code=codes[0], ip="192.0.2.1")
    TOTPDevice.objects.filter(user=architect_user).update(throttling_failure_count=0)
    settings.SECRET_KEY_FALLBACKS = [old_key]  # a rotated key keeps codes already handed out
    used = totp_verify_recovery_code(user=architect_user, code=codes[0], ip="192.0.2.1")
    assert used.left == 9


# ---- signing in with one ---------------------------------------------------------------------


def test_a_recovery_code_signs_in_once_and_never_again(client, architect_user, caplog):
    _, codes = enrolled(architect_user)
    sign_in(client, architect_user)
    page = client.get(CODE_PAGE + "?next=/vendors/").content.decode()
    assert f'href="{RECOVERY}?next=/vendors/"' in page  # a plain link, no script
    page = client.get(RECOVERY + "?next=/vendors/")
    assert page.status_code == 200 and 'name="recovery_code"' in page.content.decode()

    before = client.session.session_key
    response = client.post(RECOVERY, {"recovery_code": codes[3], "next": "/vendors/"})
    assert response.status_code == 302 and response["Location"] == "/vendors/"
    assert client.session.session_key != before
    assert RECOVERY_CODE_ACCEPTED.format(left=9) in text(client.get("/vendors/"))
    assert client.get(SECURITY).status_code == 200
    assert codes_left(architect_user) == 9
    record = next(r for r in caplog.records if getattr(r, "event", "") == "totp.recovery_code_used")
    assert (record.user_id, record.remaining) == (architect_user.pk, 9)
    assert codes[3] not in record.getMessage() and codes[3] not in repr(vars(record))

    client.post("/accounts/logout/")
    sign_in(client, architect_user)
    response = client.post(RECOVERY, {"recovery_code": codes[3]})
    assert response.status_code == 200 and RECOVERY_CODE_WRONG in text(response)
    assert client.get("/")["Location"].startswith(CODE_PAGE)


@pytest.mark.parametrize(
    "typed",
    [str.upper, lambda c: c.replace("-", ""), lambda c: " ".join(c.replace("-", "")).upper()],
    ids=["upper case", "without dashes", "spaced out"],
)
def test_a_recovery_code_is_accepted_however_it_is_typed(client, architect_user, typed):
    _, codes = enrolled(architect_user)
    sign_in(client, architect_user)
    response = client.post(RECOVERY, {"recovery_code": typed(codes[0])})
    assert response.status_code == 302 and client.get("/").status_code == 200


def test_a_wrong_recovery_code_is_refused_on_the_field_logged_and_throttled(
    client, architect_user, caplog
):
    device, codes = enrolled(architect_user)
    sign_in(client, architect_user)
    caplog.clear()
    response = client.post(RECOVERY, {"recovery_code": other_code(codes)})
    assert response.status_code == 200
    html = text(response)
    assert (
        f'<p class="field-error" id="id_recovery_code_error" role="alert">{RECOVERY_CODE_WRONG}</p>'
    ) in html
    assert 'aria-invalid="true"' in html
    assert client.get("/")["Location"].startswith(CODE_PAGE)
    record = next(
        r for r in caplog.records if getattr(r, "event", "") == "totp.recovery_code_wrong"
    )
    assert record.levelno == logging.WARNING
    assert (record.user_id, record.failures) == (architect_user.pk, 1)

    response = client.post(RECOVERY, {"recovery_code": codes[0]})  # right, but too soon
    assert response.status_code == 200 and "Too many wrong codes" in text(response)
    assert codes_left(architect_user) == 10  # a throttled try uses up nothing
    assert "totp.code_throttled" in events(caplog)

    wait_out_throttle(device)
    assert client.post(RECOVERY, {"recovery_code": codes[0]})["Location"] == "/"
    device.refresh_from_db()
    assert device.throttling_failure_count == 0


def test_wrong_app_codes_and_wrong_recovery_codes_share_one_throttle(client, architect_user):
    device, codes = enrolled(architect_user)
    sign_in(client, architect_user)
    wrong_app_code = f"{(int(code(device, 1)) + 1) % 1_000_000:06d}"
    assert CODE_WRONG in text(client.post(CODE_PAGE, {"code": wrong_app_code}))
    response = client.post(RECOVERY, {"recovery_code": codes[0]})
    assert "Too many wrong codes" in text(response)

    wait_out_throttle(device)
    client.post(RECOVERY, {"recovery_code": other_code(codes)})
    response = client.post(CODE_PAGE, {"code": code(device, 1)})
    assert response.status_code == 200 and "Too many wrong codes" in text(response)
    device.refresh_from_db()
    assert device.throttling_failure_count == 2


@pytest.mark.parametrize("value", ["", "abcd", "0000-0000-00", "abcd-efgh-jk-m", "<script>"])
def test_a_malformed_recovery_code_is_refused_without_counting_as_a_try(
    client, architect_user, value
):
    device, _ = enrolled(architect_user)
    sign_in(client, architect_user)
    response = client.post(RECOVERY, {"recovery_code": value})
    assert response.status_code == 200 and RECOVERY_CODE_MISSING in text(response)
    device.refresh_from_db()
    assert device.throttling_failure_count == 0


# ---- the security page: how many are left, new ones ------------------------------------------


def test_new_codes_need_an_app_code_and_void_the_old_ones(client, architect_user, caplog):
    caplog.set_level(logging.INFO, logger="security")
    device, old = enrolled(architect_user)
    signed_in_with_the_app(client, architect_user, device)

    response = client.post(REGENERATE, {"code": ""})
    assert response.status_code == 400 and CODE_MISSING in text(response)
    html = text(client.post(REGENERATE, {"code": code(device, 1)}))  # already used
    assert f'id="id_regenerate_code_error" role="alert">{CODE_WRONG}' in html
    assert 'id="id_remove_code_error"' not in html  # the error sits on the field that sent it
    assert codes_left(architect_user) == 10
    assert not RECOVERY_CODE.findall(html)

    wait_out_throttle(device)
    response = client.post(REGENERATE, {"code": code(device, 2)})
    assert response.status_code == 200 and "no-store" in response["Cache-Control"]
    assert RECOVERY_CODES_REPLACED in text(response) and SHOWN_ONCE in text(response)
    new = tuple(RECOVERY_CODE.findall(response.content.decode()))
    assert len(new) == 10 and not set(new) & set(old)
    assert not RECOVERY_CODE.findall(client.get(SECURITY).content.decode())
    assert "totp.recovery_codes_regenerated" in events(caplog)

    with pytest.raises(ValidationError, match=re.escape(RECOVERY_CODE_WRONG)):
        totp_verify_recovery_code(user=architect_user, code=old[0], ip="192.0.2.1")
    wait_out_throttle(device)
    assert totp_verify_recovery_code(user=architect_user, code=new[0], ip="192.0.2.1").left == 9


def test_a_session_verified_with_a_recovery_code_stays_verified_when_codes_are_renewed(
    client, architect_user
):
    device, codes = enrolled(architect_user)
    sign_in(client, architect_user)
    client.post(RECOVERY, {"recovery_code": codes[0]})
    assert client.post(REGENERATE, {"code": code(device, 1)}).status_code == 200
    assert client.get("/").status_code == 200


@pytest.mark.parametrize(
    ("used", "warning"),
    [
        (7, None),
        (8, "Only 2 recovery codes left."),
        (9, "Only 1 recovery code left."),
        (10, "You have no recovery codes left."),
    ],
)
def test_the_security_page_warns_when_two_or_fewer_codes_are_left(
    client, architect_user, used, warning
):
    device, codes = enrolled(architect_user)
    for one in codes[:used]:
        totp_verify_recovery_code(user=architect_user, code=one, ip="192.0.2.1")
    signed_in_with_the_app(client, architect_user, device)
    page = client.get(SECURITY).content.decode()
    assert f"Recovery codes left: <strong>{10 - used}</strong>" in page
    if warning is None:
        assert "Generate new ones so that a lost phone" not in page
    else:
        assert warning in page and "Generate new recovery codes" in page


# ---- removal and the admin's reset -----------------------------------------------------------


def test_removing_the_app_deletes_its_recovery_codes(client, architect_user):
    device, _ = enrolled(architect_user)
    signed_in_with_the_app(client, architect_user, device)
    assert client.post(REMOVE, {"code": code(device, 2)}).status_code == 302
    assert not StaticDevice.objects.filter(user=architect_user).exists()
    assert not StaticToken.objects.exists()

    client.post("/accounts/logout/")
    sign_in(client, architect_user)
    assert client.get(RECOVERY)["Location"] == "/"  # nothing owed, nothing to enter


def test_a_lost_phone_is_replaced_with_two_recovery_codes_and_no_admin(
    client, architect_user, caplog
):
    """One recovery code signs in, another removes the app; then the new phone is set up."""
    _, codes = enrolled(architect_user)
    sign_in(client, architect_user)
    assert client.post(RECOVERY, {"recovery_code": codes[0]}).status_code == 302
    page = text(client.get(SECURITY))
    assert "Code from your authenticator app, or a recovery code" in page

    with caplog.at_level(logging.INFO, logger="security"):
        response = client.post(REMOVE, {"code": codes[1].upper()})
    assert response.status_code == 302, text(response)
    assert not TOTPDevice.objects.filter(user=architect_user).exists()
    assert not StaticToken.objects.exists()
    used = [r for r in caplog.records if getattr(r, "event", "") == "totp.recovery_code_used"]
    assert [r.purpose for r in used] == ["sign_in", "remove"]
    assert client.post(SETUP).status_code == 302  # the new phone, by the user alone
    assert TOTPDevice.objects.filter(user=architect_user, confirmed=False).exists()


def test_a_wrong_recovery_code_does_not_remove_the_app_and_counts_as_a_try(client, architect_user):
    device, codes = enrolled(architect_user)
    signed_in_with_the_app(client, architect_user, device)
    response = client.post(REMOVE, {"code": other_code(codes)})
    assert response.status_code == 400 and RECOVERY_CODE_WRONG in text(response)
    assert TOTPDevice.objects.filter(user=architect_user, confirmed=True).exists()
    device.refresh_from_db()
    assert device.throttling_failure_count == 1
    assert codes_left(architect_user) == 10
    refused = client.post(REMOVE, {"code": "not a code"})
    assert refused.status_code == 400
    assert TOTPDevice.objects.filter(user=architect_user, confirmed=True).exists()


def test_an_admin_reset_deletes_the_recovery_codes_too(client, admin_user, architect_user, caplog):
    device, _ = enrolled(architect_user)
    client.force_login(admin_user)
    response = client.post(f"/admin/otp_totp/totpdevice/{device.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert not StaticDevice.objects.filter(user=architect_user).exists()
    record = next(r for r in caplog.records if getattr(r, "event", "") == "totp.reset_by_admin")
    assert record.recovery_codes_deleted == 10


def test_the_admin_site_cannot_add_or_show_recovery_codes(client, admin_user, architect_user):
    enrolled(architect_user)
    client.force_login(admin_user)
    assert client.get("/admin/otp_static/staticdevice/").status_code == 404
    assert client.get("/admin/otp_static/staticdevice/add/").status_code == 404


# ---- what stays as it was ----------------------------------------------------------------------


def test_an_api_token_cannot_be_had_with_a_recovery_code(client, architect_user):
    _, codes = enrolled(architect_user)
    response = client.post(
        TOKEN,
        {"username": architect_user.username, "password": TEST_PASSWORD, "otp_token": codes[0]},
    )
    assert response.status_code == 400 and "token" not in response.json()
    assert codes_left(architect_user) == 10


def test_a_user_without_an_app_is_unaffected(client, architect_user, procurement_user):
    sign_in(client, architect_user)
    assert client.get("/").status_code == 200
    assert client.get(RECOVERY)["Location"] == "/"
    assert client.post(RECOVERY, {"recovery_code": "2222-2222-22"})["Location"] == "/"
    page = client.get(SECURITY).content.decode()
    assert "Recovery codes" not in page and "Generate new recovery codes" not in page
    assert client.post(REGENERATE, {"code": "123456"}).status_code == 400  # nothing to renew
    assert not StaticDevice.objects.exists()
    # Codes without a confirmed app (say, left by the plugin's own tools) open nothing.
    stray = recovery_codes_replace(user=architect_user)
    with pytest.raises(ValidationError, match=NO_DEVICE):
        totp_verify_recovery_code(user=architect_user, code=stray[0], ip="192.0.2.1")

    other = client.__class__()
    sign_in(other, procurement_user)
    assert other.post(REGENERATE, {"code": "123456"}).status_code == 403


def test_the_recovery_pages_have_no_inline_script_or_style(client, architect_user):
    client.force_login(architect_user)
    client.post(SETUP)
    device = TOTPDevice.objects.get(user=architect_user)
    pages = [client.post(CONFIRM, {"code": code(device)})]
    assert RECOVERY_CODE.findall(pages[0].content.decode())
    client.post("/accounts/logout/")
    sign_in(client, architect_user)
    pages += [client.get(CODE_PAGE), client.get(RECOVERY)]
    for response in pages:
        assert_no_inline_script_or_style(response)
